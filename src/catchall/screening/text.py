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
)
_APOSTROPHES = re.compile(r"['’`ʼʻ´‘]")
_ARTICLE_HYPHEN = re.compile(r"\b(al|el|ul|ad|as|ash|at|az|an|ar|ud|ed|bin|ibn|bint|abu|abd|ben)-")
_NON_WORD = re.compile(r"[^a-z0-9\ue000]+")
_ABD_PREFIX = re.compile(r"^abd(?:ul|el|al|ol|ur|ar|er|u)?(?=[a-z]{3})")
_ABD_WORDS = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdur", "abdar"})
_ARTICLES = frozenset({"al", "el", "ul", "ar", "ur", "ad", "as", "ash", "at", "az", "an", "ud", "ed"})


def _syllables(run: str) -> list[str]:
    return [anyascii(ch).lower() for ch in run]


def _east_asian(run: str) -> str:
    """A Han or Hangul run: short runs are personal names (surname + joined given name)."""
    syl = _syllables(run)
    if 2 <= len(syl) <= 4:
        return f" {syl[0]} {''.join(syl[1:])} "
    return " " + " ".join(syl) + " "


def _arabic(run: str) -> str:
    out = []
    for word in run.replace("\u200c", "").split():
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
        else:
            pieces.append(_arabic(run))
        pos = m.end()
    if pos < len(text):
        pieces.append(anyascii(text[pos:]))
    return "".join(pieces)


def _cyr_fallback(ch: str, table: dict[str, str]) -> str:
    return table[ch] if ch in table else anyascii(ch).lower()


@lru_cache(maxsize=200_000)
def normalize_name(name: str, org: bool = False) -> tuple[str, ...]:
    """Tokens of one name. ``org`` turns on legal-form recognition (off for persons)."""
    kb = knowledge()
    text = unicodedata.normalize("NFKC", name)
    text = _transliterate(text)
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
        if plain in kb.stopwords or (not org and plain in kb.honorifics):
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
    """'Abd al-Rahman', 'Abdul Rahman', 'Abdelrahman' -> one token 'abdulrahman' (Arabic: '=bdrhmn')."""
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
            if tok.startswith(_MARK) or nxt.startswith(_MARK):
                out.append(_MARK + "bd" + nxt.lstrip(_MARK))
            else:
                out.append("abdul" + nxt)
            i = j + 1
            continue
        if not tok.startswith(_MARK):
            m = _ABD_PREFIX.match(tok)
            if m and m.end() < len(tok):
                tok = "abdul" + tok[m.end() :]
        out.append(tok)
        i += 1
    return out


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
    if s.startswith("abdul") and not tok.startswith(_MARK):
        s = "abd" + s[5:]
    s = s.replace("x", "ks").replace("q", "k").replace("p", "b").replace("v", "f")
    s = _VOWELS.sub("", s)
    return _DOUBLES.sub(r"\1", s)


def is_arabic(tok: str) -> bool:
    return tok.startswith(_MARK)


def display(tok: str) -> str:
    return tok.lstrip(_MARK)
