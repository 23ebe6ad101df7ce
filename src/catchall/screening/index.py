"""The in-memory screening index: token postings for candidate retrieval, then pair scoring.

Retrieval never scans the list. Every listed name is indexed under several keys per token: the token
itself, its loose phonetic skeleton (``~``), its consonant skeleton (``#``, which is all an Arabic-script
spelling shares with a Latin one), its romanisation-variant groups (``@``), its first letters (``^``),
the joins of adjacent tokens (``+``, for names written split on one side and joined on the other) and
unordered token pairs (``&``, rare even when each token is common). A query looks up the same keys (plus
one- and two-edit spelling neighbours of words the list does not know), rarest first, sums the rarity of
the keys each listed name shares, ranks the best 50 names by a C-speed sound-alike ratio and scores only
a handful of them (and every near-namesake) in full.

Postings are stored in compressed-sparse-row numpy arrays; the whole index saves to one ``.npz`` file
(no pickle) and loads back in seconds.
"""

from __future__ import annotations

import gc
import itertools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from catchall.errors import InvalidInput, NotFound
from catchall.model.entity import Entity
from catchall.screening.knowledge import knowledge
from catchall.screening.match import Match
from catchall.screening.scoring import (
    KIND_WEIGHT,
    ORG_SCHEMATA,
    NameScore,
    PairScore,
    Profile,
    is_org,
    profile,
    score_pair,
)
from catchall.screening.text import (
    ARABIC_MARK,
    INITIAL,
    LEGAL,
    NUMBER,
    PARTICLE,
    consonants,
    from_german,
    is_arabic,
    name_forms,
    normalize_name,
    skeleton,
    token_kind,
)

FORMAT = "catchall-screening-index"
FORMAT_VERSION = 1
DEFAULT_THRESHOLD = 0.7
CANDIDATE_NAMES = 50  # names retrieved per query
PREFILTER_KEEP = 3  # of those, names scored in full (best by a fast sound-alike ratio)
PREFILTER_MIN = 45.0  # a name whose sound-alike ratio is below this is not scored in full
PREFILTER_SPREAD = 20.0  # ... nor one this far behind the best
PREFILTER_NEAR = 90.0  # names at least this close are all scored (up to NAMESAKES_MAX)
NAMESAKES_MAX = 30
RETRIEVAL_KEEP = 1  # the best retrieved names are always scored in full
POSTINGS_BUDGET = 8_000  # postings read per query before common keys are skipped
PAIR_TOKENS = 5  # token pairs are indexed among the first tokens of a name
RARITY_FLOOR = 0.4  # weight of a token every listed name carries
RARITY_SCALE = math.log(1000.0)  # a token on one name in a thousand or rarer weighs fully
PREFIX_MIN = 8  # long tokens are also found by their first letters (two typos near the end)
PREFIX_LEN = 6
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
_SKIP_KINDS = (LEGAL, PARTICLE, INITIAL)


@lru_cache(maxsize=500_000)
def _token_keys(t: str) -> tuple[str, ...]:
    keys: set[str] = set()
    c = consonants(t)
    if len(c) >= 2:
        keys.add("#" + c)
    if not is_arabic(t):
        keys.add(t)
        keys.add("~" + skeleton(t))
        keys.add("~" + skeleton(from_german(t)))
        if len(t) >= PREFIX_MIN:
            keys.add("^" + t[:PREFIX_LEN])
        for g in knowledge().variant_groups.get(t, ()):
            keys.add(f"@{g}")
    return tuple(keys)


@lru_cache(maxsize=200_000)
def _index_keys(toks: tuple[str, ...], org: bool) -> tuple[str, ...]:
    keys: set[str] = set()
    useful = [t for t in toks if token_kind(t, org) not in _SKIP_KINDS]
    for t in useful or toks:
        keys.update(_token_keys(t))
    for a, b in itertools.pairwise(_joinable(toks, org)):
        if not is_arabic(a) and not is_arabic(b):
            keys.add("+" + a + b)
            keys.add("+~" + skeleton(a + b))
    keys.update(_pair_keys(useful))
    return tuple(keys)


def _joinable(toks: Sequence[str], org: bool) -> list[str]:
    return [t for t in toks if token_kind(t, org) not in (LEGAL, INITIAL)]


def _pair_keys(useful: Sequence[str]) -> set[str]:
    """Unordered pairs of a name's tokens (as sounds and as consonants): rare even when each token is common.

    "Kim Chol" is found among a million names by the pair, in either order, where "kim" and "chol" alone
    would each bring thousands of candidates.
    """
    keys: set[str] = set()
    toks = list(useful[:PAIR_TOKENS])
    for a, b in itertools.combinations(toks, 2):
        if not is_arabic(a) and not is_arabic(b):
            sa, sb = skeleton(a), skeleton(b)
            keys.add("&" + (f"{sa}|{sb}" if sa <= sb else f"{sb}|{sa}"))
            ga, gb = from_german(a), from_german(b)
            if ga != a or gb != b:  # the pair as an English-style romanisation would write it
                sa, sb = skeleton(ga), skeleton(gb)
                keys.add("&" + (f"{sa}|{sb}" if sa <= sb else f"{sb}|{sa}"))
        ca, cb = consonants(a), consonants(b)
        if len(ca) >= 2 and len(cb) >= 2:
            keys.add("&#" + (f"{ca}|{cb}" if ca <= cb else f"{cb}|{ca}"))
    return keys


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Build without the cyclic garbage collector, then freeze what was built.

    An index is millions of long-lived objects that never form cycles; left to the collector, every full
    collection walks them all (tens of milliseconds, in the middle of some query).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()


def _rows_from_lines(lines: Iterable[str], source: str) -> Iterator[tuple[str, str, dict[str, list[str]], str]]:
    for lineno, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{source} line {lineno}: not valid JSON ({exc.msg})") from exc
        if not isinstance(data, dict):
            raise InvalidInput(f"{source} line {lineno}: expected a JSON object")
        eid = data.get("id")
        props = data.get("properties") or {}
        if not isinstance(eid, str) or not eid.strip():
            raise InvalidInput(f"{source} line {lineno}: entity has no 'id'")
        if not isinstance(props, dict):
            raise InvalidInput(f"{source} line {lineno}: 'properties' must be an object of lists")
        clean: dict[str, list[str]] = {}
        for prop in NAME_PROPS:
            vals = props.get(prop)
            if vals is None:
                continue
            if isinstance(vals, str):
                vals = [vals]
            if not isinstance(vals, list):
                raise InvalidInput(f"{source} line {lineno}: property {prop!r} must be a list of strings")
            clean[prop] = [str(v) for v in vals if v]
        yield eid, str(data.get("schema") or "LegalEntity"), clean, line


def _skel_string(toks: tuple[str, ...]) -> str:
    return " ".join(skeleton(t) for t in toks)


def _deletions(tok: str) -> Iterator[str]:
    for i in range(len(tok)):
        yield tok[:i] + tok[i + 1 :]


class ScreeningIndex:
    """One watch list, version-stamped, ready to screen queries against."""

    def __init__(
        self,
        *,
        version: str,
        name: str,
        ids: list[str],
        raw: list[str],
        name_entity: np.ndarray,
        name_skel: list[str],
        keys: list[str],
        offsets: np.ndarray,
        postings: np.ndarray,
    ) -> None:
        self.version = version
        self.name = name
        self._ids = ids
        self._raw = raw
        self._pos = {eid: k for k, eid in enumerate(ids)}
        self._name_entity = name_entity
        self._name_skel = name_skel
        self._key_list = keys
        self._keys = {k: i for i, k in enumerate(keys)}
        self._offsets = offsets
        self._postings = postings
        self._n_names = max(1, len(name_entity))
        self._profiles: dict[int, tuple[Profile, dict[str, Any]]] = {}
        self._weights: dict[str, float] = {}
        self._fuzzy_map: dict[str, list[str]] | None = None
        self._acc: np.ndarray | None = None
        self._fuzzy("")  # the spelling-neighbour map is built now, not in the middle of the first query

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def build(cls, entities: Iterable[Entity], version: str, name: str = "") -> ScreeningIndex:
        """Index entities (model objects); see ``build_from_file`` for the fast path from FtM JSON lines."""
        rows = (
            (e.id, e.schema_, e.properties, json.dumps(e.to_ftm(), ensure_ascii=False, separators=(",", ":")))
            for e in entities
        )
        return cls._build(rows, version, name)

    @classmethod
    def build_from_file(cls, path: Path | str, version: str, name: str = "") -> ScreeningIndex:
        """Index an FtM JSON lines file without building model objects (each line is kept as published)."""
        p = Path(path)
        if not p.is_file():
            raise InvalidInput(f"{p}: no such file")
        with p.open(encoding="utf-8") as fh:
            return cls._build(_rows_from_lines(fh, str(p)), version, name)

    @classmethod
    def _build(
        cls, rows: Iterable[tuple[str, str, dict[str, list[str]], str]], version: str, name: str
    ) -> ScreeningIndex:
        with _quiet_gc():
            return cls._build_rows(rows, version, name)

    @classmethod
    def _build_rows(
        cls, rows: Iterable[tuple[str, str, dict[str, list[str]], str]], version: str, name: str
    ) -> ScreeningIndex:
        ids: list[str] = []
        raw: list[str] = []
        name_entity: list[int] = []
        name_skel: list[str] = []
        postings: dict[str, list[int]] = {}
        pos: dict[str, int] = {}
        for eid, schema, props, line in rows:
            if eid in pos:
                raise InvalidInput(f"list {name or version}: entity id {eid!r} occurs twice")
            k = len(ids)
            pos[eid] = k
            ids.append(eid)
            raw.append(line)
            org = is_org(schema)
            maybe_person = schema not in ORG_SCHEMATA
            done: set[tuple[str, ...]] = set()
            for prop in NAME_PROPS:
                for value in (f for published in props.get(prop, ()) for f in name_forms(published)):
                    toks = normalize_name(value, org, maybe_person)
                    if not toks or toks in done:
                        continue
                    done.add(toks)
                    nid = len(name_entity)
                    name_entity.append(k)
                    name_skel.append(_skel_string(toks))
                    for key in _index_keys(toks, org):
                        lst = postings.get(key)
                        if lst is None:
                            postings[key] = [nid]
                        else:
                            lst.append(nid)
        keys = list(postings)
        lengths = np.fromiter((len(postings[k]) for k in keys), dtype=np.int64, count=len(keys))
        offsets = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        flat = np.fromiter(
            itertools.chain.from_iterable(postings[k] for k in keys), dtype=np.int32, count=int(offsets[-1])
        )
        return cls(
            version=version,
            name=name,
            ids=ids,
            raw=raw,
            name_entity=np.asarray(name_entity, dtype=np.int32),
            name_skel=name_skel,
            keys=keys,
            offsets=offsets,
            postings=flat,
        )

    # -- persistence ----------------------------------------------------------------------------
    def save(self, path: Path | str) -> None:
        meta = {"format": FORMAT, "format_version": FORMAT_VERSION, "version": self.version, "name": self.name}

        def blob(items: Sequence[str]) -> np.ndarray:
            return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)

        p = Path(path)
        with p.open("wb") as fh:
            np.savez(
                fh,
                meta=blob([json.dumps(meta)]),
                ids=blob(self._ids),
                raw=blob(self._raw),
                keys=blob(self._key_list),
                name_skel=blob(self._name_skel),
                name_entity=self._name_entity,
                offsets=self._offsets,
                postings=self._postings,
            )

    @classmethod
    def load(cls, path: Path | str) -> ScreeningIndex:
        p = Path(path)
        if not p.exists():
            raise NotFound(f"screening index {p} does not exist")
        try:
            with np.load(p, allow_pickle=False) as npz:  # read every member now; no file stays open
                data = {k: npz[k] for k in npz.files}
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            raise InvalidInput(f"{p}: not a catchall screening index ({exc})") from exc
        if meta.get("format") != FORMAT or meta.get("format_version") != FORMAT_VERSION:
            raise InvalidInput(
                f"{p}: index format {meta.get('format')!r} v{meta.get('format_version')} is not supported "
                f"(expected {FORMAT} v{FORMAT_VERSION}); rebuild the index"
            )

        def unblob(key: str) -> list[str]:
            text = bytes(data[key]).decode("utf-8")
            return text.split("\n") if text else []

        with _quiet_gc():
            return cls(
                version=str(meta["version"]),
                name=str(meta["name"]),
                ids=unblob("ids"),
                raw=unblob("raw"),
                name_entity=data["name_entity"],
                name_skel=unblob("name_skel"),
                keys=unblob("keys"),
                offsets=data["offsets"],
                postings=data["postings"],
            )

    # -- access ---------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._pos

    def __iter__(self) -> Iterator[Entity]:
        for k in range(len(self._ids)):
            yield self._entity(k)

    def get(self, entity_id: str) -> Entity:
        k = self._pos.get(entity_id)
        if k is None:
            raise NotFound(f"entity {entity_id!r} is not on list {self.name or self.version}")
        return self._entity(k)

    def _entity(self, k: int) -> Entity:
        return Entity.from_ftm(json.loads(self._raw[k]))

    def _profile(self, k: int) -> Profile:
        return self._parsed(k)[0]

    def _parsed(self, k: int) -> tuple[Profile, dict[str, Any]]:
        """The scoring profile and the published JSON of entity ``k`` (parsed once, kept a while)."""
        hit = self._profiles.get(k)
        if hit is None:
            data: dict[str, Any] = json.loads(self._raw[k])
            hit = (profile(str(data.get("schema", "LegalEntity")), data.get("properties") or {}), data)
            if len(self._profiles) > 200_000:
                self._profiles.clear()
            self._profiles[k] = hit
        return hit

    # -- weights --------------------------------------------------------------------------------
    def _df(self, key: str) -> int:
        i = self._keys.get(key)
        return 0 if i is None else int(self._offsets[i + 1] - self._offsets[i])

    def weight(self, tok: str, kind: int) -> float:
        """Kind weight times rarity: a token most listed names carry counts less than a rare one."""
        w = self._weights.get(tok)
        if w is None:
            df = self._df("#" + consonants(tok)) if is_arabic(tok) else self._df(tok)
            rarity = 1.0 if df <= 0 else min(1.0, max(0.0, math.log(self._n_names / df) / RARITY_SCALE))
            w = RARITY_FLOOR + (1.0 - RARITY_FLOOR) * rarity
            if len(self._weights) > 500_000:
                self._weights.clear()
            self._weights[tok] = w
        return KIND_WEIGHT[kind] * w

    # -- retrieval ------------------------------------------------------------------------------
    def _fuzzy(self, tok: str) -> set[str]:
        """Listed tokens within about two edits of ``tok`` (symmetric-deletion lookup)."""
        if self._fuzzy_map is None:
            with _quiet_gc():
                fm: dict[str, list[str]] = {}
                for key in self._key_list:
                    if len(key) >= 4 and key[0].isalnum():
                        for d in _deletions(key):
                            fm.setdefault(d, []).append(key)
                self._fuzzy_map = fm
        fm = self._fuzzy_map
        found: set[str] = set(fm.get(tok, ()))
        for d in _deletions(tok):
            found.update(fm.get(d, ()))
            if d in self._keys:
                found.add(d)
        found.discard(tok)
        return {v for v in found if Indel.normalized_similarity(tok, v) >= 0.75}

    def _query_keys(self, prof: Profile) -> dict[str, float]:
        groups = knowledge().variant_groups
        org = is_org(prof.schema)
        keys: dict[str, float] = {}

        def add(key: str, factor: float) -> None:
            if key in self._keys and keys.get(key, 0.0) < factor:
                keys[key] = factor

        for _, toks, _ in prof.names:
            useful = [t for t in toks if token_kind(t, org) not in _SKIP_KINDS]
            for t in useful or list(toks):
                # business words find candidates too, but must not outvote a distinctive word
                w = KIND_WEIGHT[token_kind(t, org)]
                if is_arabic(t):
                    add("#" + consonants(t), w)
                    continue
                add(t, w)
                add("+" + t, w)
                add("~" + skeleton(t), 0.9 * w)
                add("~" + skeleton(from_german(t)), 0.9 * w)
                add("+~" + skeleton(t), 0.9 * w)
                if len(t) >= PREFIX_MIN:
                    add("^" + t[:PREFIX_LEN], 0.5 * w)
                for g in groups.get(t, ()):
                    add(f"@{g}", 0.9 * w)
                if len(t) >= 4 and t not in self._keys and token_kind(t, org) != NUMBER:
                    # a word the list does not know is looked up among its one- and two-edit neighbours
                    for v in self._fuzzy(t):
                        add(v, 0.7 * w)
            for a, b in itertools.pairwise(_joinable(toks, org)):
                if not is_arabic(a) and not is_arabic(b):
                    add(a + b, 1.0)
                    add("~" + skeleton(a + b), 0.9)
            for key in _pair_keys(useful):
                add(key, 1.0)
        return keys

    def _candidates(
        self, prof: Profile, limit_names: int = CANDIDATE_NAMES, namesakes: int = NAMESAKES_MAX
    ) -> list[int]:
        keys = self._query_keys(prof)
        if not keys:
            return []
        rows = []
        for key, factor in keys.items():
            i = self._keys[key]
            start, end = int(self._offsets[i]), int(self._offsets[i + 1])
            rows.append((end - start, start, end, factor))
        rows.sort()
        arrays = []
        weights = []
        budget = POSTINGS_BUDGET
        for n, (df, start, end, factor) in enumerate(rows):
            if df > budget and n >= 2:
                continue
            budget -= df
            arrays.append(self._postings[start:end])
            weights.append((factor * math.log(1.0 + self._n_names / df), df))
        names = self._top_names(arrays, [x for x, _ in weights], limit_names)
        if len(names) > PREFILTER_KEEP and not any(ARABIC_MARK in " ".join(toks) for _, toks, _ in prof.names):
            names = self._prefilter(prof, names, namesakes)
        out: list[int] = []
        seen: set[int] = set()
        for k in self._name_entity[names].tolist():
            if k not in seen:
                seen.add(k)
                out.append(k)
        return out

    def _top_names(self, arrays: list[np.ndarray], weights: list[float], limit: int) -> np.ndarray:
        """The names with the largest summed key weight (each key's postings hold a name at most once)."""
        if self._acc is None:
            self._acc = np.zeros(self._n_names, dtype=np.float32)
        acc = self._acc
        for arr, w in zip(arrays, weights, strict=True):
            acc[arr] += w
        ids = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
        vals = acc[ids]
        acc[ids] = 0.0  # leave the scratch array clean for the next query
        if len(ids) > limit * len(arrays):
            # a name occurs at most once per key, so the best `limit * keys` entries hold the best `limit` names
            part = np.argpartition(-vals, limit * len(arrays))[: limit * len(arrays)]
            ids, vals = ids[part], vals[part]
        order = np.argsort(-vals, kind="stable")
        ranked = ids[order]
        _, first = np.unique(ranked, return_index=True)
        return ranked[np.sort(first)][:limit]

    def _prefilter(self, prof: Profile, names: np.ndarray, namesakes: int = NAMESAKES_MAX) -> np.ndarray:
        """Keep the retrieved names that sound most like the query (C-speed ratio on phonetic skeletons)."""
        queries = [_skel_string(toks) for _, toks, _ in prof.names]
        choices = [self._name_skel[i] for i in names.tolist()]
        ratios = process.cdist(queries, choices, scorer=fuzz.token_set_ratio, dtype=np.float32).max(axis=0)
        # the same without spaces, for names one side writes split ("min jun" / "minjun")
        joined = process.cdist(
            [q.replace(" ", "") for q in queries],
            [c.replace(" ", "") for c in choices],
            scorer=fuzz.ratio,
            dtype=np.float32,
        ).max(axis=0)
        ratios = np.maximum(ratios, joined)
        order = np.argsort(-ratios, kind="stable")
        floor = max(PREFILTER_MIN, float(ratios[order[0]]) - PREFILTER_SPREAD)
        keep = [i for i in order[:PREFILTER_KEEP].tolist() if ratios[i] >= floor]
        # every name that sounds (nearly) the same is scored: a list may hold many namesakes
        keep += [i for i in order[PREFILTER_KEEP:namesakes].tolist() if ratios[i] >= PREFILTER_NEAR]
        for i in range(min(RETRIEVAL_KEEP, len(names))):
            if i not in keep:
                keep.append(i)
        return names[np.asarray(keep, dtype=np.int64)]

    # -- screening ------------------------------------------------------------------------------
    def match(self, query: Entity, *, threshold: float | None = None, limit: int = 10) -> list[Match]:
        """Listed entities resembling ``query``, best first, each stamped with this list's version."""
        cut = DEFAULT_THRESHOLD if threshold is None else threshold
        qp = profile(query.schema_, query.properties)
        if not qp.names and not qp.ids:
            return []
        scored: list[tuple[float, str, int, PairScore]] = []
        memo: dict[tuple[tuple[str, ...], tuple[str, ...], bool], NameScore] = {}
        for k in self._candidates(qp, namesakes=max(PREFILTER_KEEP, min(NAMESAKES_MAX, 2 * limit))):
            ps = score_pair(qp, self._profile(k), self.weight, memo)
            if ps is not None and ps.score > 0.0:
                scored.append((-ps.score, self._ids[k], k, ps))
        scored.sort(key=lambda row: (row[0], row[1]))
        results: list[Match] = []
        for _, eid, k, ps in scored[:limit]:
            data = self._parsed(k)[1]
            props = dict(data.get("properties") or {})
            results.append(
                Match(
                    id=eid,
                    score=ps.score,
                    match=ps.score >= cut,
                    caption=(props.get("name") or [eid])[0],
                    schema=str(data.get("schema", "LegalEntity")),
                    datasets=list(data.get("datasets") or []),
                    list_name=self.name,
                    list_version=self.version,
                    explanation=ps.explanation(),
                    features=ps.features,
                    properties=props,
                )
            )
        return results

    def match_name(
        self,
        name: str,
        *,
        country: str | None = None,
        schema: str = "LegalEntity",
        birth_date: str | None = None,
        limit: int = 10,
        threshold: float | None = None,
    ) -> list[Match]:
        props: dict[str, list[str]] = {"name": [name]}
        if country:
            props["country"] = [country.lower()]
        if birth_date:
            props["birthDate"] = [birth_date]
        query = Entity(id="query", schema=schema, properties=props)
        return self.match(query, threshold=threshold, limit=limit)

    @classmethod
    def merge(cls, indexes: Sequence[ScreeningIndex]) -> MultiIndex:
        return MultiIndex(indexes)


class MultiIndex:
    """Several lists screened at once; every result keeps the name and version of its own list."""

    def __init__(self, indexes: Sequence[ScreeningIndex]) -> None:
        if not indexes:
            raise InvalidInput("no watch list given")
        self.indexes = list(indexes)

    @property
    def version(self) -> str:
        return ";".join(f"{i.name}@{i.version}" if i.name else i.version for i in self.indexes)

    @property
    def name(self) -> str:
        return "+".join(i.name or i.version for i in self.indexes)

    def __len__(self) -> int:
        return sum(len(i) for i in self.indexes)

    def get(self, entity_id: str) -> Entity:
        for idx in self.indexes:
            if entity_id in idx:
                return idx.get(entity_id)
        raise NotFound(f"entity {entity_id!r} is on none of the lists {self.name}")

    def match(self, query: Entity, *, threshold: float | None = None, limit: int = 10) -> list[Match]:
        out = [m for idx in self.indexes for m in idx.match(query, threshold=threshold, limit=limit)]
        out.sort(key=lambda m: (-m.score, m.id))
        return out[:limit]

    def match_name(
        self,
        name: str,
        *,
        country: str | None = None,
        schema: str = "LegalEntity",
        birth_date: str | None = None,
        limit: int = 10,
        threshold: float | None = None,
    ) -> list[Match]:
        out = [
            m
            for idx in self.indexes
            for m in idx.match_name(
                name, country=country, schema=schema, birth_date=birth_date, limit=limit, threshold=threshold
            )
        ]
        out.sort(key=lambda m: (-m.score, m.id))
        return out[:limit]
