"""Read the packaged Annex data once, validate it, and build an ``Annex`` (cached per edition).

Validation at load (a failure is a ``DataError`` naming the file and the code): YAML well-formed, required
keys present, no unknown keys, codes well-formed and belonging to the file's item, codes unique across
files, every parent present, criteria naming known parameters, operators, units and kinds, every code a
rule or correlation refers to present.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from catchall.controllist.annex import Annex, Correlation, Edition, Entry, Rule, TreatAs, parent_code
from catchall.controllist.conditions import ConditionError, compile_condition, related_codes
from catchall.errors import DataError, NotFound
from catchall.model.item import KINDS, is_annex_code

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "mtcr_annex"

_FILE_KEYS = {"item", "title", "category", "reserved", "source", "entries"}
_ENTRY_KEYS = {"code", "title", "notes", "keywords", "rule", "production_facility", "source"}
_RULE_KEYS = {"kinds", "match", "unless", "treat_as"}


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise DataError(f"{path}: missing data file") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise DataError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DataError(f"{where}: not a date: {value!r}") from exc


def read_editions(data_dir: Path = DATA_DIR) -> tuple[list[Edition], frozenset[str]]:
    path = data_dir / "editions.yaml"
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("editions"), list) or not raw["editions"]:
        raise DataError(f"{path}: expected a mapping with a non-empty 'editions' list")
    units = raw.get("units")
    if not isinstance(units, list) or not all(isinstance(u, str) for u in units):
        raise DataError(f"{path}: 'units' must be a list of unit names")
    definitions = raw.get("definitions") or {}
    editions: list[Edition] = []
    for i, rec in enumerate(raw["editions"]):
        where = f"{path} editions[{i}]"
        if not isinstance(rec, dict):
            raise DataError(f"{where}: expected a mapping")
        missing = [k for k in ("id", "title", "date", "valid_from", "directory", "source") if not rec.get(k)]
        if missing:
            raise DataError(f"{where}: missing {', '.join(missing)}")
        editions.append(
            Edition(
                id=str(rec["id"]),
                title=str(rec["title"]),
                date=_as_date(rec["date"], where),
                valid_from=_as_date(rec["valid_from"], where),
                directory=str(rec["directory"]),
                source=str(rec["source"]).strip(),
                list=str(rec.get("list", "mtcr")),
                changes=str(rec.get("changes", "")).strip(),
                definitions={k: {kk: str(vv).strip() for kk, vv in v.items()} for k, v in definitions.items()},
                payload_threshold_kg=float((rec.get("thresholds") or {}).get("payload_kg", 500)),
                range_threshold_km=float((rec.get("thresholds") or {}).get("range_km", 300)),
            )
        )
    ids = [e.id for e in editions]
    if len(set(ids)) != len(ids):
        raise DataError(f"{path}: duplicate edition ids")
    return sorted(editions, key=lambda e: e.valid_from), frozenset(units)


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise DataError(f"{where}: expected a list of strings")
    return tuple(str(v) for v in value)


def _build_rule(raw: Any, where: str, units: frozenset[str]) -> Rule:
    if not isinstance(raw, dict):
        raise DataError(f"{where}: rule must be a mapping")
    extra = set(raw) - _RULE_KEYS
    if extra:
        raise DataError(f"{where}: unknown rule keys {sorted(extra)}")
    kinds = raw.get("kinds")
    if not isinstance(kinds, list) or not kinds:
        raise DataError(f"{where}: rule needs a non-empty 'kinds' list")
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise DataError(f"{where}: unknown kind {bad[0]!r}")
    try:
        match = compile_condition(raw.get("match"), units, KINDS)
        treat: TreatAs | None = None
        if raw.get("treat_as") is not None:
            t = raw["treat_as"]
            if not isinstance(t, dict) or t.get("category") not in ("I", "II") or not t.get("text"):
                raise DataError(f"{where}: treat_as needs category (I or II), when and text")
            treat = TreatAs(t["category"], compile_condition(t.get("when"), units, KINDS), str(t["text"]))
    except ConditionError as exc:
        raise DataError(f"{where}: {exc}") from exc
    return Rule(frozenset(kinds), match, _str_list(raw.get("unless"), f"{where} unless"), treat)


def _entries_of_file(path: Path, units: frozenset[str]) -> list[Entry]:
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise DataError(f"{path}: expected a mapping with item, title, category, source, entries")
    extra = set(raw) - _FILE_KEYS
    if extra:
        raise DataError(f"{path}: unknown keys {sorted(extra)}")
    item = raw.get("item")
    if not isinstance(item, int) or not 1 <= item <= 20:
        raise DataError(f"{path}: 'item' must be a number from 1 to 20, got {item!r}")
    category = raw.get("category")
    reserved = bool(raw.get("reserved"))
    expected = None if reserved else ("I" if item <= 2 else "II")
    if category != expected:
        raise DataError(f"{path}: item {item} must have category {expected!r}, got {category!r}")
    file_source = raw.get("source")
    if not file_source:
        raise DataError(f"{path}: missing 'source'")
    if not raw.get("title"):
        raise DataError(f"{path}: missing 'title'")
    out = [
        Entry(
            code=str(item),
            parent=None,
            item=item,
            category=None,
            title=str(raw["title"]),
            source=str(file_source),
            reserved=reserved,
            item_category=category,
        )
    ]
    records = raw.get("entries")
    if not isinstance(records, list):
        raise DataError(f"{path}: 'entries' must be a list")
    for i, rec in enumerate(records):
        where = f"{path} entries[{i}]"
        if not isinstance(rec, dict):
            raise DataError(f"{where}: expected a mapping")
        code = str(rec.get("code", "")).strip()
        where = f"{path} entry {code or f'#{i}'}"
        if not code or not is_annex_code(code):
            raise DataError(f"{where}: not a valid Annex code: {rec.get('code')!r}")
        if code.split(".")[0] != str(item):
            raise DataError(f"{where}: code does not belong to item {item}")
        extra = set(rec) - _ENTRY_KEYS
        if extra:
            raise DataError(f"{where}: unknown keys {sorted(extra)}")
        if not rec.get("title"):
            raise DataError(f"{where}: missing 'title'")
        rule = _build_rule(rec["rule"], where, units) if rec.get("rule") is not None else None
        is_header = code.count(".") < 2
        if is_header and rule is not None:
            raise DataError(f"{where}: a header (item or letter group) cannot carry a rule")
        out.append(
            Entry(
                code=code,
                parent=parent_code(code),
                item=item,
                category=None if is_header else category,
                title=str(rec["title"]).strip(),
                source=str(rec.get("source") or file_source),
                notes=_str_list(rec.get("notes"), f"{where} notes"),
                keywords=_str_list(rec.get("keywords"), f"{where} keywords"),
                criteria=tuple(rule.match.leaves()) if rule else (),
                is_production_facility=bool(rec.get("production_facility")),
                item_category=category,
                rule=rule,
            )
        )
    return out


def _read_correlations(data_dir: Path, codes: set[str]) -> dict[str, Correlation]:
    path = data_dir / "correlation.yaml"
    if not path.exists():
        return {}
    raw = _read_yaml(path)
    rows = raw.get("correlations") if isinstance(raw, dict) else None
    if not isinstance(rows, list):
        raise DataError(f"{path}: expected a 'correlations' list")
    named_sources = raw.get("sources") or {}
    out: dict[str, Correlation] = {}
    for i, row in enumerate(rows):
        where = f"{path} correlations[{i}]"
        if not isinstance(row, dict) or not row.get("mtcr") or not row.get("source"):
            raise DataError(f"{where}: needs mtcr and source")
        code = str(row["mtcr"])
        if code not in codes:
            raise DataError(f"{where}: unknown MTCR code {code!r}")
        if code in out:
            raise DataError(f"{where}: duplicate row for {code}")
        source = str(row["source"])
        # Rows cite named sources ("eu_mtcr_items ..."): append the full reference so a reader can follow it.
        cited = [f"{key}: {ref}" for key, ref in named_sources.items() if str(key) in source]
        if cited:
            source = f"{source} [{'; '.join(cited)}]"
        out[code] = Correlation(
            mtcr=code,
            eu=_str_list(row.get("eu"), f"{where} eu"),
            us=_str_list(row.get("us"), f"{where} us"),
            confidence=str(row.get("confidence", "uncertain")),
            source=source,
        )
    return out


def load_annex_from(data_dir: Path, edition: Edition, units: frozenset[str]) -> Annex:
    """Build and validate one edition from a data directory (not cached; tests use it on broken copies)."""
    directory = data_dir / edition.directory
    if not directory.is_dir():
        raise DataError(f"{directory}: edition directory missing for {edition.id}")
    files = sorted(directory.glob("item-*.yaml"))
    if not files:
        raise DataError(f"{directory}: no item-*.yaml files")
    entries: list[Entry] = []
    seen: dict[str, Path] = {}
    for path in files:
        for e in _entries_of_file(path, units):
            if e.code in seen:
                raise DataError(f"{path}: duplicate code {e.code} (also in {seen[e.code].name})")
            seen[e.code] = path
            entries.append(e)
    for e in entries:
        if e.parent is not None and e.parent not in seen:
            raise DataError(f"{seen[e.code]}: entry {e.code} has no parent {e.parent} in the data")
        if e.rule is not None:
            refs = [*related_codes(e.rule.match), *e.rule.unless]
            if e.rule.treat_as is not None:
                refs += related_codes(e.rule.treat_as.when)
            for ref in refs:
                if ref not in seen:
                    raise DataError(f"{seen[e.code]}: entry {e.code} refers to unknown code {ref}")
    for n in range(1, 21):
        if str(n) not in seen:
            raise DataError(f"{directory}: item {n} missing (reserved items need a file too)")
    return Annex(edition, entries, _read_correlations(data_dir, set(seen)))


def pick_edition(editions: list[Edition], edition: str | None, as_of: date | None) -> tuple[Edition, str | None]:
    if edition is not None:
        for e in editions:
            if e.id == edition or e.directory == edition:
                return e, None
        raise NotFound(f"no MTCR Annex edition {edition!r} (available: {', '.join(e.id for e in editions)})")
    if as_of is None:
        return editions[-1], None
    in_force = [e for e in editions if e.valid_from <= as_of]
    if in_force:
        return in_force[-1], None
    first = editions[0]
    return first, (
        f"no shipped edition was in force on {as_of.isoformat()}; using the earliest shipped edition {first.id}"
    )


@functools.lru_cache(maxsize=8)
def _cached(edition_id: str) -> Annex:
    editions, units = read_editions()
    chosen, _ = pick_edition(editions, edition_id, None)
    return load_annex_from(DATA_DIR, chosen, units)


@functools.lru_cache(maxsize=1)
def _editions() -> list[Edition]:
    return read_editions()[0]


def load_annex(edition: str | None = None, as_of: date | None = None) -> Annex:
    """The Annex edition asked for, or the one in force on ``as_of``, or the latest (cached after the first call)."""
    chosen, note = pick_edition(_editions(), edition, as_of)
    return _cached(chosen.id) if note is None else _noted(chosen.id, note)


@functools.lru_cache(maxsize=8)
def _noted(edition_id: str, note: str) -> Annex:
    base = _cached(edition_id)
    return base.with_note(note)


def editions() -> list[Edition]:
    return list(_editions())
