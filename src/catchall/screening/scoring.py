"""Pair scoring: how strongly a listed entity resembles a query, feature by feature, with reasons.

The name score aligns the tokens of two names one-to-one (order-free), after joining tokens that one
side writes split ("Jong Un" / "Jongun"). Each token weighs by its kind (legal forms and generic
business words count little) and by its rarity in the list. Unmatched tokens on the query side count
fully against the score; unmatched listed tokens count half when the query simply left them out (a
dropped middle name or patronymic), fully when they face an unmatched query token (a different name).
Birth date, country and identifiers then add or subtract a little; a shared identifier is decisive.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel

from catchall.screening.knowledge import country_code, knowledge
from catchall.screening.text import (
    ARABIC_MARK,
    GENERIC,
    INITIAL,
    LEGAL,
    NORMAL,
    NUMBER,
    PARTICLE,
    consonants,
    display,
    name_forms,
    normalize_name,
    other_romanisations,
    pinyin_split,
    skeleton,
    token_kind,
)

KIND_WEIGHT = {NORMAL: 1.0, NUMBER: 1.0, LEGAL: 0.1, PARTICLE: 0.2, GENERIC: 0.35, INITIAL: 0.3}
MIN_TOKEN_SIM = 0.7  # below this two tokens are different words
INITIAL_SIM = 0.85  # "R." against "Robert"
SHORT_TOKEN_PENALTY = 0.1
FIRST_LETTER_PENALTY = 0.1
GENDERED_FORM_SIM = 0.6
LOOSE_PAIR_SLOPE = 2.0
DROPPED_TOKEN_WEIGHT = 0.5  # a listed token the query left out (persons: middle name, patronymic)
DROPPED_ORG_TOKEN_WEIGHT = 0.7
NO_STRONG_TOKEN_CAP = 0.5  # the most a name can score when only generic words, particles or initials agree
WEAK_ALIAS_FACTOR = 0.9
SUBSTITUTION_FACTOR = 0.85
GENERIC_UNMATCHED_WEIGHT = 0.6  # a business word only one side has ("Global", "Holding")

BIRTH_SAME_DATE = 0.05
BIRTH_SAME_YEAR = 0.02
BIRTH_CONTRADICTS = -0.3
COUNTRY_SHARED = 0.02
COUNTRY_CONTRADICTS = -0.1
IDENTIFIER_SCORE = 1.0

PERSON = "Person"
ORG_SCHEMATA = frozenset({"Organization", "Company", "PublicBody"})
ID_PROPS = (
    "idNumber",
    "registrationNumber",
    "passportNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "leiCode",
    "swiftBic",
    "imoNumber",
    "vatCode",
    "dunsCode",
    "okpoCode",
)
_ID_CLEAN = re.compile(r"[^0-9A-Z]")


def schemata_compatible(a: str, b: str) -> bool:
    """Persons never match organisations; LegalEntity (and unknown schemata) may be either."""
    if a == PERSON:
        return b not in ORG_SCHEMATA
    if b == PERSON:
        return a not in ORG_SCHEMATA
    return True


def is_org(schema: str) -> bool:
    return schema != PERSON


@lru_cache(maxsize=2_000_000)
def token_sim(a: str, b: str) -> float:
    """Similarity of two tokens in [0, 1] under spelling, romanisation and typing variation."""
    if a == b:
        return 1.0
    if a[0] == ARABIC_MARK or b[0] == ARABIC_MARK:
        ca, cb = consonants(a), consonants(b)
        if not ca or not cb:
            return 0.0
        if ca == cb:
            return 0.95
        return 0.9 * Indel.normalized_similarity(ca, cb)
    if a.isdigit() or b.isdigit():
        return 0.0
    if knowledge().variants_equal(a, b):
        return 0.97
    if len(a) == 1 or len(b) == 1:
        return INITIAL_SIM if a[0] == b[0] else 0.0
    if Indel.normalized_similarity(skeleton(a), skeleton(b)) < 0.45:
        return 0.0  # not even the sounds agree: no spelling habit turns one into the other
    best = _latin_sim(a, b)
    if 0.45 <= best < 0.95:  # spelling habits move a name a little, never from nothing to a match
        for va in other_romanisations(a):
            best = max(best, _latin_sim(va, b))
        for vb in other_romanisations(b):
            best = max(best, _latin_sim(a, vb))
    return best


@lru_cache(maxsize=1_000_000)
def _latin_sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return 0.95
    if _gendered(a, b):
        return GENDERED_FORM_SIM
    s = max(OSA.normalized_similarity(a, b), 0.95 * OSA.normalized_similarity(sa, sb))
    if s >= 0.6:  # close enough for the syllables to decide (a far-off pair stays far off)
        pa, pb = pinyin_split(a), pinyin_split(b)
        if pa is not None and pb is not None and len(pa) == len(pb):
            # Chinese given names: one different syllable is a different name, however short the edit.
            parts = [_latin_sim(x, y) if x != y else 1.0 for x, y in zip(pa, pb, strict=True)]
            mean = sum(parts) / len(parts)
            return mean if min(parts) >= 0.8 else min(mean, 0.6)
    if min(len(a), len(b)) <= 4:
        s -= SHORT_TOKEN_PENALTY  # one letter changes a short name into another name
    if sa[0] != sb[0]:
        s -= FIRST_LETTER_PENALTY  # typing errors rarely hit the first letter; other names often differ there
    return s


def _gendered(a: str, b: str) -> bool:
    """Russian-style feminine surname against its masculine form (Subbotina / Subbotin): different people."""
    if len(a) < len(b):
        a, b = b, a
    return len(b) >= 5 and a == b + "a" and b[-2:] in ("ov", "ev", "in", "yn", "iy", "ij")


def credit(sim: float) -> float:
    """How much of a pair's weight a similarity earns: near-identical fully, looser pairs much less."""
    return sim if sim >= 0.95 else max(0.0, 1.0 - (1.0 - sim) * LOOSE_PAIR_SLOPE)


@dataclass(frozen=True)
class NameScore:
    score: float
    pairs: tuple[tuple[str, str, float], ...]
    missing: tuple[str, ...]  # query tokens without a partner
    extra: tuple[str, ...]  # listed tokens without a partner


def _merge_split(a: list[str], b: Sequence[str], org: bool) -> list[str]:
    """Join adjacent tokens of ``a`` where ``b`` writes them as one word ("jong un" vs "jongun")."""
    if len(a) < 2:
        return a
    bset = set(b)
    if all(t in bset for t in a):
        return a
    lengths = {len(t) for t in b}
    if not any(
        abs(len(x) + len(y) - n) <= 2 for x, y in itertools.pairwise(a) for n in lengths
    ):  # no word of b is as long as two adjacent words of a: nothing to join
        return a
    bskel = {skeleton(t): t for t in b if len(t) > 3}
    out: list[str] = []
    i = 0
    while i < len(a):
        if i + 1 < len(a) and (a[i] not in bset or a[i + 1] not in bset):
            joined = a[i] + a[i + 1]
            kinds = (token_kind(a[i], org), token_kind(a[i + 1], org))
            if LEGAL in kinds or INITIAL in kinds:
                pass
            elif joined in bset or skeleton(joined) in bskel or (kinds == (NORMAL, NORMAL) and _fuzzy_in(joined, b)):
                out.append(joined)
                i += 2
                continue
            else:
                parts = skeleton(a[i]) + skeleton(a[i + 1])
                if parts in bskel:  # "Wei Xiu" / "Wei-hsiu": the same syllables romanised apart
                    out.append(bskel[parts])
                    i += 2
                    continue
        out.append(a[i])
        i += 1
    return out


def _substantive(tokens: Sequence[str], org: bool, initials: bool = False) -> bool:
    kinds = (NORMAL, NUMBER, GENERIC, INITIAL) if initials else (NORMAL, NUMBER, GENERIC)
    return any(token_kind(t, org) in kinds for t in tokens)


def _fuzzy_in(tok: str, others: Sequence[str]) -> bool:
    if len(tok) < 6:
        return False
    return any(len(o) >= 6 and Indel.normalized_similarity(tok, o) >= 0.9 for o in others)


def compare_names(q: Sequence[str], c: Sequence[str], *, org: bool, weight: Callable[[str, int], float]) -> NameScore:
    if not q or not c:
        return NameScore(0.0, (), tuple(q), tuple(c))
    if len(q) == len(c) and set(q) == set(c):  # the same words, in any order
        return NameScore(1.0, tuple((t, t, 1.0) for t in q), (), ())
    qt, ct = list(q), list(c)
    ns = _align(qt, ct, org, weight)
    loose = ns.missing or any(s < 0.95 for _, _, s in ns.pairs)
    if loose and (ns.missing or ns.extra) and (len(q) > 1 or len(c) > 1):
        # one side may write as one word what the other splits ("Jong Un" / "Jongun")
        mq = _merge_split(qt, ct, org)
        mc = _merge_split(ct, mq, org)
        if mq != qt or mc != ct:
            merged = _align(mq, mc, org, weight)
            if merged.score > ns.score:
                return merged
    return ns


def _align(qt: list[str], ct: list[str], org: bool, weight: Callable[[str, int], float]) -> NameScore:
    kq = [token_kind(t, org) for t in qt]
    kc = [token_kind(t, org) for t in ct]
    # identical tokens pair first (the greedy alignment would take them first anyway); only the rest
    # need the costlier similarity
    sims: list[tuple[float, int, int]] = []
    free_c: dict[str, list[int]] = {}
    for j, b in enumerate(ct):
        free_c.setdefault(b, []).append(j)
    rest_q = []
    for i, a in enumerate(qt):
        js = free_c.get(a)
        if js:
            sims.append((1.0, i, js.pop(0)))
        else:
            rest_q.append(i)
    taken = {j for _, _, j in sims}
    rest_c = [j for j in range(len(ct)) if j not in taken]
    for i in rest_q:
        a = qt[i]
        for j in rest_c:
            s = token_sim(a, ct[j])
            if s >= MIN_TOKEN_SIM:
                sims.append((s, i, j))
    sims.sort(key=lambda row: -row[0])
    used_q = [False] * len(qt)
    used_c = [False] * len(ct)
    num = 0.0
    den = 0.0
    strong_pairs = 0
    pairs: list[tuple[str, str, float]] = []
    for s, i, j in sims:
        if used_q[i] or used_c[j]:
            continue
        used_q[i] = used_c[j] = True
        a_kind, b_kind = kq[i], kc[j]
        if a_kind == INITIAL or b_kind == INITIAL:
            # "R." says little about "Robert": the pair weighs what the initial weighs, twice.
            w = 2 * (weight(qt[i], a_kind) if a_kind == INITIAL else weight(ct[j], b_kind))
        else:
            w = weight(qt[i], a_kind) + weight(ct[j], b_kind)
        num += credit(s) * w
        den += w
        pairs.append((qt[i], ct[j], s))
        if s >= 0.8 and a_kind in _STRONG_KINDS and b_kind in _STRONG_KINDS:
            strong_pairs += 1
    miss_i = [i for i, u in enumerate(used_q) if not u]
    extra_j = [j for j, u in enumerate(used_c) if not u]
    if miss_i or extra_j:
        miss_kinds = {kq[i] for i in miss_i}
        extra_kinds = {kc[j] for j in extra_j}
        # A business word on one side only is noise ("Holding" inserted); a different business word on
        # each side ("Cox Engineering" / "Cox Logistics") names a different firm, so it weighs fully.
        substituted = not miss_kinds.isdisjoint(_SUBSTANTIVE) and not extra_kinds.isdisjoint(_SUBSTANTIVE)

        def unmatched_weight(t: str, kind: int) -> float:
            if kind == GENERIC:
                return weight(t, NORMAL) if substituted else GENERIC_UNMATCHED_WEIGHT
            return weight(t, kind)

        miss_w = [unmatched_weight(qt[i], kq[i]) for i in miss_i]
        den += sum(miss_w)
        # Listed tokens facing an unmatched query token are a different name (full weight); the rest were
        # merely left out by the query (reduced weight), but only once two real tokens already agree.
        extra_w = sorted((unmatched_weight(ct[j], kc[j]) for j in extra_j), reverse=True)
        n_sub = sum(1 for w in miss_w if w >= 0.3)
        dropped = (DROPPED_ORG_TOKEN_WEIGHT if org else DROPPED_TOKEN_WEIGHT) if strong_pairs >= 2 else 1.0
        for k, w in enumerate(extra_w):
            den += w if k < n_sub else w * dropped
        person_substitution = (
            not org
            and not miss_kinds.isdisjoint(_SUBSTANTIVE_PERSON)
            and not extra_kinds.isdisjoint(_SUBSTANTIVE_PERSON)
        )
    else:
        person_substitution = False
    score = num / den if den else 0.0
    if not strong_pairs and qt != ct:
        score = min(score, NO_STRONG_TOKEN_CAP)
    if person_substitution:
        # A part of the name that differs outright (same surname, other given name): other person.
        score *= SUBSTITUTION_FACTOR
    return NameScore(score, tuple(pairs), tuple(qt[i] for i in miss_i), tuple(ct[j] for j in extra_j))


_STRONG_KINDS = frozenset({NORMAL, NUMBER})
_SUBSTANTIVE = frozenset({NORMAL, NUMBER, GENERIC})
_SUBSTANTIVE_PERSON = frozenset({NORMAL, NUMBER, GENERIC, INITIAL})


def _norm_id(value: str) -> str:
    return _ID_CLEAN.sub("", value.upper())


@dataclass
class Profile:
    """What scoring needs of one entity, extracted once."""

    schema: str
    names: list[tuple[str, tuple[str, ...], bool]]  # (original, tokens, weak alias?)
    countries: frozenset[str]
    birth: tuple[str, ...]
    ids: frozenset[str]
    raw_ids: dict[str, str] = field(default_factory=dict)


def profile(schema: str, properties: Mapping[str, list[str]]) -> Profile:
    org = is_org(schema)
    maybe_person = schema not in ORG_SCHEMATA
    names: list[tuple[str, tuple[str, ...], bool]] = []
    seen: set[tuple[str, ...]] = set()
    for prop in ("name", "alias", "previousName", "weakAlias"):
        for published in properties.get(prop, ()):
            for value in name_forms(published):
                toks = normalize_name(value, org, maybe_person)
                if toks and toks not in seen:
                    seen.add(toks)
                    names.append((published, toks, prop == "weakAlias"))
    # only values that resolve to a country code can agree or contradict ("Korea" says too little)
    codes = (
        country_code(v)
        for p in ("country", "nationality", "jurisdiction", "citizenship")
        for v in properties.get(p, ())
    )
    countries = frozenset(c for c in codes if len(c) == 2)
    raw_ids: dict[str, str] = {}
    for p in ID_PROPS:
        for v in properties.get(p, ()):
            n = _norm_id(v)
            if len(n) >= 4:
                raw_ids[n] = v
    return Profile(
        schema=schema,
        names=names,
        countries=countries,
        birth=tuple(properties.get("birthDate", ())),
        ids=frozenset(raw_ids),
        raw_ids=raw_ids,
    )


@dataclass
class PairScore:
    score: float
    evidence: dict[str, str]  # feature -> sentence, for everything but the name
    features: dict[str, float]
    name_detail: tuple[NameScore, str, str] | None = None

    def explanation(self) -> dict[str, str]:
        """Feature -> sentence; the name sentence is written only when asked (most candidates never are)."""
        out: dict[str, str] = {}
        if self.name_detail is not None:
            out["name"] = _fmt_name(*self.name_detail)
        out.update(self.evidence)
        return out


def _fmt_name(ns: NameScore, qname: str, cname: str) -> str:
    parts = [
        f"{display(a)}={display(b)}" if s >= 0.999 else f"{display(a)}~{display(b)} ({s:.2f})" for a, b, s in ns.pairs
    ]
    text = f"{qname!r} vs listed {cname!r}: {ns.score:.2f}"
    if parts:
        text += "; agreeing: " + ", ".join(parts)
    if ns.missing:
        text += "; not in listed name: " + ", ".join(display(t) for t in ns.missing)
    if ns.extra:
        text += "; not in query: " + ", ".join(display(t) for t in ns.extra)
    return text


def _birth_feature(q: tuple[str, ...], c: tuple[str, ...]) -> tuple[float, str] | None:
    if not q or not c:
        return None
    qy = {d[:4] for d in q if d[:4].isdigit()}
    cy = {d[:4] for d in c if d[:4].isdigit()}
    if set(q) & set(c) and any(len(d) >= 10 for d in set(q) & set(c)):
        d = sorted(set(q) & set(c))[0]
        return BIRTH_SAME_DATE, f"birth date {d} matches"
    if qy & cy:
        return BIRTH_SAME_YEAR, f"birth year {sorted(qy & cy)[0]} matches"
    if not qy or not cy:
        return None
    gap = min(abs(int(a) - int(b)) for a in qy for b in cy)
    if gap <= 1:
        return 0.0, f"birth year differs by {gap} (query {', '.join(sorted(qy))}, listed {', '.join(sorted(cy))})"
    return BIRTH_CONTRADICTS, (
        f"birth date contradicts: query {', '.join(sorted(q))}, listed {', '.join(sorted(c))} ({gap} years apart)"
    )


def score_pair(
    q: Profile,
    c: Profile,
    weight: Callable[[str, int], float],
    memo: dict[tuple[tuple[str, ...], tuple[str, ...], bool], NameScore] | None = None,
) -> PairScore | None:
    """Score one candidate against the query, or None when the schemata cannot be the same kind of party.

    ``memo`` (one per query) shares name comparisons between namesakes: a list may hold many.
    """
    if not schemata_compatible(q.schema, c.schema):
        return None
    org = is_org(q.schema) and is_org(c.schema)
    best: NameScore | None = None
    best_names = ("", "")
    for qraw, qtoks, _ in q.names:
        for craw, ctoks, weak in c.names:
            key = (qtoks, ctoks, org)
            cached = memo.get(key) if memo is not None else None
            if cached is None:
                ns = compare_names(qtoks, ctoks, org=org, weight=weight)
                if memo is not None:
                    memo[key] = ns
            else:
                ns = cached
            if weak:
                ns = NameScore(ns.score * WEAK_ALIAS_FACTOR, ns.pairs, ns.missing, ns.extra)
            if best is None or ns.score > best.score:
                best, best_names = ns, (qraw, craw)
    name_score = best.score if best else 0.0
    explanation: dict[str, str] = {}
    features: dict[str, float] = {"name": name_score}
    score = name_score
    shared_ids = q.ids & c.ids
    if shared_ids:
        ident = sorted(shared_ids)[0]
        explanation["identifier"] = f"identifier {c.raw_ids[ident]} is on the listed entity (decisive)"
        features["identifier"] = IDENTIFIER_SCORE - score
        score = IDENTIFIER_SCORE
    else:
        birth = _birth_feature(q.birth, c.birth)
        if birth is not None:
            delta, text = birth
            features["birthDate"] = delta
            explanation["birthDate"] = text
            score += delta
        if q.countries and c.countries:
            shared = q.countries & c.countries
            if shared:
                features["country"] = COUNTRY_SHARED
                explanation["country"] = f"country {', '.join(sorted(shared))} shared"
                score += COUNTRY_SHARED
            else:
                features["country"] = COUNTRY_CONTRADICTS
                explanation["country"] = (
                    f"country contradicts: query {', '.join(sorted(q.countries))}, "
                    f"listed {', '.join(sorted(c.countries))}"
                )
                score += COUNTRY_CONTRADICTS
    detail = (best, *best_names) if best is not None else None
    return PairScore(max(0.0, min(1.0, score)), explanation, features, detail)
