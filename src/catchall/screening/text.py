"""Name normalisation: any script to lower-case ASCII tokens, with legal forms and noise handled.

A name becomes a tuple of tokens. Tokens that came from Arabic or Persian script carry a leading private-use mark:
the script writes no short vowels, so such tokens are compared by their consonant skeleton only.
Everything here is cached per distinct string, because list and query names repeat a great deal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from catchall.screening.knowledge import knowledge

_MARK = "\ue000"  # prefixes tokens written in Arabic/Persian script (no short vowels)
ARABIC_MARK = _MARK

# Token kinds (weights are set in catchall.screening.scoring).
NORMAL, LEGAL, PARTICLE, GENERIC, INITIAL, NUMBER = range(6)

_RU = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяў",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "_",
            "y",
            "_",
            "e",
            "yu",
            "ya",
            "u",
        ],
        strict=True,
    )
)
_RU = {k: ("" if v == "_" else v) for k, v in _RU.items()}
_UA = {**_RU, "г": "h", "ґ": "g", "е": "e", "є": "ye", "и": "y", "і": "i", "ї": "yi", "й": "y"}
_UA_LETTERS = frozenset("іїєґ")

_SCRIPT_RUN = re.compile(
    r"(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
    r"|(?P<hangul>[\uac00-\ud7a3]+)"
    r"|(?P<cyr>[\u0400-\u052f]+)"
    r"|(?P<arab>[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u200c]+)"
    # Hebrew, Indic, Thai, Lao, Myanmar, Khmer: vowels are marks or implicit, so romanisations disagree on
    # them; like Arabic, these are compared by consonants
    r"|(?P<abjad>[\u0590-\u05ff\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+)"
)
_APOSTROPHES = re.compile(r"['’`ʼʻ´‘]")
_ARTICLE_HYPHEN = re.compile(r"\b(al|el|ul|ad|as|ash|at|az|an|ar|ud|ed|bin|ibn|bint|abu|abd|ben)-")
_NON_WORD = re.compile(r"[^a-z0-9\ue000]+")
_ABD_PREFIX = re.compile(r"^abd(?:ul|el|al|ol|ur|ar|er|u)?(?=[a-z]{3})")
_ALLAH = frozenset({"lah", "llah", "la", "ah", "ulla", "ullah", "allah", "alla"})
_ABD_WORDS = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdur", "abdar"})
_ARTICLES = frozenset({"al", "el", "ul", "ar", "ur", "ad", "as", "ash", "at", "az", "an", "ud", "ed"})


# Revised Romanization of Korean (Ministry of Culture and Tourism, 2000), per syllable block.
_RR_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "-", "j", "jj", "ch", "k", "t", "p", "h"]
_RR_MEDIAL = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_RR_FINAL = [
    "-",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]


def _hangul(ch: str) -> str:
    idx = ord(ch) - 0xAC00
    ini, med, fin = idx // 588, (idx % 588) // 28, idx % 28
    parts = (_RR_INITIAL[ini], _RR_MEDIAL[med], _RR_FINAL[fin])
    return "".join(p for p in parts if p != "-")


def _syllables(run: str) -> list[str]:
    return [_hangul(ch) if "\uac00" <= ch <= "\ud7a3" else anyascii(ch).lower() for ch in run]


def _east_asian(run: str) -> str:
    """A Han or Hangul run: short runs are personal names (surname + joined given name)."""
    syl = _syllables(run)
    if 2 <= len(syl) <= 4:
        return f" {syl[0]} {''.join(syl[1:])} "
    return " " + " ".join(syl) + " "


def _arabic(run: str) -> str:
    out = []
    for word in run.replace("\u200c", "").split():
        if word == "الله":  # the name of God, inside Abdullah, Abd Allah: never an article + word
            out.append(_MARK + "llh")
            continue
        if word.startswith("ال") and len(word) > 3:
            out.append("al")
            word = word[2:]
        latin = _APOSTROPHES.sub("", anyascii(word)).lower()
        latin = re.sub(r"[^a-z]", "", latin)
        if latin:
            out.append(_MARK + latin)
    return " " + " ".join(out) + " "


def _transliterate(text: str) -> str:
    table = _UA if any(ch in _UA_LETTERS for ch in text.lower()) else _RU
    pieces: list[str] = []
    pos = 0
    for m in _SCRIPT_RUN.finditer(text):
        if m.start() > pos:
            pieces.append(anyascii(text[pos : m.start()]))
        run = m.group(0)
        kind = m.lastgroup
        if kind in ("han", "hangul"):
            pieces.append(_east_asian(run))
        elif kind == "cyr":
            pieces.append("".join(table.get(ch, None) or _cyr_fallback(ch, table) for ch in run.lower()))
        else:  # Arabic script, or another script romanised without its vowels
            pieces.append(_arabic(run))
        pos = m.end()
    if pos < len(text):
        pieces.append(anyascii(text[pos:]))
    return "".join(pieces)


def _cyr_fallback(ch: str, table: dict[str, str]) -> str:
    return table[ch] if ch in table else anyascii(ch).lower()


@lru_cache(maxsize=200_000)
def normalize_name(name: str, org: bool = False, maybe_person: bool = False) -> tuple[str, ...]:
    """Tokens of one name. ``org`` turns on legal-form recognition (off for persons).

    ``maybe_person`` (a LegalEntity may be either) drops honorifics that open the name ("Mr. John Smith").
    """
    kb = knowledge()
    text = name if name.isascii() else _transliterate(unicodedata.normalize("NFKC", name))
    text = _APOSTROPHES.sub("", text.lower())
    text = text.replace("&", " and ")
    text = _ARTICLE_HYPHEN.sub(r"\1 ", text)
    text = text.replace("-", "")
    raw = [t for t in _NON_WORD.sub(" ", text).split() if t]
    toks: list[str] = []
    i = 0
    n = len(raw)
    while i < n:
        tok = raw[i]
        if org:
            hit = _legal_at(raw, i, kb.legal_phrases, kb.longest_legal)
            if hit is not None:
                canon, width = hit
                toks.append(canon)
                i += width
                continue
        plain = tok.lstrip(_MARK)
        leading_title = maybe_person and not toks and plain not in kb.generic
        if plain in kb.stopwords or (plain in kb.honorifics and (not org or leading_title)):
            i += 1
            continue
        toks.append(tok)
        i += 1
    return tuple(_join_abd(toks))


def _legal_at(raw: list[str], i: int, phrases: dict[tuple[str, ...], str], longest: int) -> tuple[str, int] | None:
    for width in range(min(longest, len(raw) - i), 0, -1):
        canon = phrases.get(tuple(raw[i : i + width]))
        if canon is not None:
            return canon, width
    return None


def _join_abd(toks: list[str]) -> list[str]:
    """'Abd al-Rahman', 'Abdul Rahman', 'Abdelrahman' -> 'abdul rahman': the prefix, then the name."""
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        plain = tok.lstrip(_MARK)
        is_abd = plain in _ABD_WORDS or (tok.startswith(_MARK) and plain in ("bd", "abd"))
        if is_abd and i + 1 < len(toks):
            j = i + 1
            if toks[j] in _ARTICLES and j + 1 < len(toks):
                j += 1
            nxt = toks[j]
            if nxt.lstrip(_MARK) in _ALLAH or nxt.lstrip(_MARK) in ("llh", "lh"):
                out.append(_MARK + "bdllh" if tok.startswith(_MARK) or nxt.startswith(_MARK) else "abdullah")
            else:
                out.append(_MARK + "bd" if tok.startswith(_MARK) else "abdul")
                out.append(nxt)
            i = j + 1
            continue
        if not tok.startswith(_MARK):
            m = _ABD_PREFIX.match(tok)
            if m and tok[m.end() :] not in _ALLAH:
                out.append("abdul")
                out.append(tok[m.end() :])
                i += 1
                continue
        out.append(tok)
        i += 1
    return out


@lru_cache(maxsize=400_000)
def token_kind(tok: str, org: bool) -> int:
    kb = knowledge()
    if tok.isdigit():
        return NUMBER
    if len(tok) == 1:
        return INITIAL
    if org and tok in kb.legal_classes:
        return LEGAL
    if tok in kb.particles:
        return PARTICLE
    if org and tok in kb.generic:
        return GENERIC
    return NORMAL


_SKEL_RULES = [
    ("shch", "sh"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("ch", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("shi", "si"),
    ("q", "k"),
    ("tz", "z"),
    ("ts", "z"),
    ("hs", "s"),
    ("w", "v"),
    ("ung", "ong"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("eo", "o"),
    ("eu", "u"),
    ("ae", "e"),
    ("y", "i"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
]
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=400_000)
def skeleton(tok: str) -> str:
    """A loose phonetic key that merges the usual romanisation differences (kh/h, ts/z, w/v, voicing ...)."""
    if tok.startswith(_MARK):
        return tok
    s = "s" + tok[1:] if tok.startswith("x") else tok
    s = s.replace("x", "ks")
    for a, b in _SKEL_RULES:
        if a in s:
            s = s.replace(a, b)
    return _DOUBLES.sub(r"\1", s)


_VOWELS = re.compile(r"[aeiouyw]")


@lru_cache(maxsize=400_000)
def consonants(tok: str) -> str:
    """The consonant skeleton, the only thing an unvocalised Arabic/Persian spelling shares with a Latin one."""
    s = tok.lstrip(_MARK)
    if s == "abdul":
        return "bd"
    # labials merge: Hebrew and Arabic f/v/b letters against Latin p (Peres), Persian p against Arabic b
    s = s.replace("x", "ks").replace("q", "k").replace("p", "b").replace("v", "b").replace("f", "b").replace("zh", "j")
    s = _VOWELS.sub("", s)
    s = _DOUBLES.sub(r"\1", s)
    # a final h is often only a vowel sign (Persian -eh, Fatemeh; Khamenei written with a final he)
    return s[:-1] if len(s) > 2 and s.endswith("h") else s


def is_arabic(tok: str) -> bool:
    return tok.startswith(_MARK)


def display(tok: str) -> str:
    return tok.lstrip(_MARK)


_GERMAN_RULES = [
    ("tsch", "\x01"),
    ("sch", "\x02"),
    ("ch", "kh"),
    ("\x01", "ch"),
    ("\x02", "sh"),
    ("z", "ts"),
    ("w", "v"),
    ("j", "y"),
    ("ss", "s"),
]
_GERMAN_HINT = re.compile(r"sch|w|j|z|ss")


@lru_cache(maxsize=400_000)
def from_german(tok: str) -> str:
    """English-style spelling of a German-style romanisation (Sajzew -> Zaytsev, Orechow -> Orekhov).

    Russian and Ukrainian names reach lists through German (and French) sources as often as through
    English ones; the two differ systematically in these letters.
    """
    if tok.startswith(_MARK) or not _GERMAN_HINT.search(tok):
        return tok
    s = tok
    for a, b in _GERMAN_RULES:
        s = s.replace(a, b)
    return s


_FRENCH_CH = re.compile(r"(?<![ts])ch")
_INITIAL_S = re.compile(r"^s(?=[aeiouy])")
# h next to a consonant (Hryhoriy, Hnatyuk, Olha) marks the Ukrainian h for Russian g
_UKRAINIAN_H = re.compile(r"(?<![kcsz])h[rnlvdm]|[lrnm]h(?=[aeiouy])")


@lru_cache(maxsize=400_000)
def other_romanisations(tok: str) -> tuple[str, ...]:
    """Spellings of ``tok`` under other romanisation habits: German (Sajzew), French (Chami), Ukrainian (Hryhoriy)."""
    if tok.startswith(_MARK) or len(tok) < 3:
        return ()
    out = {from_german(tok), _INITIAL_S.sub("z", from_german(tok))}
    if pinyin_split(tok) is None:  # in pinyin, ch and sh are different initials
        out.add(_FRENCH_CH.sub("sh", tok).replace("ou", "u"))
    if _UKRAINIAN_H.search(tok):
        out.add(tok.replace("kh", "\x01").replace("h", "g").replace("\x01", "kh"))
    out.discard(tok)
    return tuple(sorted(out))


_PINYIN_JUNK = frozenset({"kashidori", "futsu", "baak", "gwaan", "seki", "zeoi", "soeng", "syu", "sap", "jik", "gaa"})


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Hanyu Pinyin syllables, taken from the romanisation of every CJK unified ideograph."""
    out = set()
    for code in range(0x4E00, 0xA000):
        syl = anyascii(chr(code)).lower()
        if syl.isalpha() and len(syl) <= 6 and syl not in _PINYIN_JUNK and syl not in ("m", "hm", "ng"):
            out.add(syl)
    return frozenset(out)


@lru_cache(maxsize=200_000)
def pinyin_split(tok: str) -> tuple[str, ...] | None:
    """Split a joined pinyin given name into syllables ("xiaoping" -> xiao, ping), or None if it is not pinyin."""
    if len(tok) < 4 or len(tok) > 14 or tok.startswith(_MARK):
        return None
    syl = pinyin_syllables()
    n = len(tok)
    # fewest syllables that cover the token exactly
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = tok[i:j]
            if piece in syl:
                cand = (*cur, piece)
                prev = best[j]
                if prev is None or len(cand) < len(prev):
                    best[j] = cand
    found = best[n]
    return found if found is not None and len(found) >= 2 else None


_PARENS = re.compile(r"\(([^()]*)\)")


def name_forms(value: str) -> list[str]:
    """A published name and the names inside it: "Islamic Revolutionary Guard Corps (IRGC)" is also "IRGC".

    Lists put acronyms and former names in brackets; each form is matched on its own.
    """
    if "(" not in value:
        return [value]
    inner = [m.strip() for m in _PARENS.findall(value) if m.strip()]
    outer = " ".join(_PARENS.sub(" ", value).split())
    return [f for f in [outer, *inner] if f]
