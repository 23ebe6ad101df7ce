"""Input rows -> screening query records: column mapping and row validation.

A row becomes a :class:`QueryRecord` (what a worker turns into an ``Entity`` and screens) or a
:class:`RowError` naming the row and the problem. Validation happens in the reading process so a
malformed row is reported once, with its row number, and never reaches a worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from catchall.errors import InvalidInput
from catchall.model.entity import SCHEMATA

# Header names tried, in order, when a column was not named explicitly.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "record_id"),
    "name": ("name",),
    "country": ("country",),
    "birth_date": ("birth_date", "birthDate", "date_of_birth", "dob"),
    "identifier": ("identifier", "id_number", "idNumber"),
    "schema": ("schema",),
}

# The FtM property each mapped column fills on the query entity.
PROPERTY_OF = {"name": "name", "country": "country", "birth_date": "birthDate", "identifier": "idNumber"}

# Spellings people use for the schema of a record, mapped to FtM schemata.
SCHEMA_ALIASES = {s.lower(): s for s in SCHEMATA} | {
    "individual": "Person",
    "organisation": "Organization",
    "entity": "LegalEntity",
    "legal_entity": "LegalEntity",
}


class QueryRecord(NamedTuple):
    """One valid input row, ready to be screened (kept small: it is pickled to workers)."""

    row: int
    record_id: str
    schema: str
    properties: dict[str, list[str]]

    @property
    def name(self) -> str:
        names = self.properties.get("name") or [""]
        return names[0]


class RowError(NamedTuple):
    """A malformed input row: where it is and what is wrong with it."""

    row: int
    message: str


def normalise_schema(value: str) -> str | None:
    return SCHEMA_ALIASES.get(value.strip().lower().replace(" ", ""))


def check_date(value: str) -> str | None:
    """The date if it is ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and exists on the calendar, else None."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
        return None
    year, month, day = (int(p) for p in parts + ["01"] * (3 - len(parts)))
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return value


def _text_values(value: Any) -> list[str]:
    """Cell value(s) as stripped non-empty strings; lists (JSON, Parquet list columns) give several values."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [v for item in value for v in _text_values(item)]
    if isinstance(value, dt.datetime):
        return [value.date().isoformat()]
    if isinstance(value, dt.date):
        return [value.isoformat()]
    if isinstance(value, float) and value.is_integer():
        # Spreadsheet exports turn numeric identifiers into floats ("12345.0").
        value = int(value)
    text = str(value).strip()
    return [text] if text else []


@dataclass(frozen=True)
class ColumnMap:
    """Which input column holds which field. ``None`` means: use the first default header that exists."""

    name: str | None = None
    country: str | None = None
    birth_date: str | None = None
    identifier: str | None = None
    id: str | None = None
    schema: str | None = None
    default_schema: str = "LegalEntity"
    explicit: dict[str, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        given = {f: getattr(self, f) for f in DEFAULT_COLUMNS if getattr(self, f)}
        object.__setattr__(self, "explicit", given)
        if normalise_schema(self.default_schema) is None:
            raise InvalidInput(
                f"--schema {self.default_schema!r} is not a known schema (expected one of Person, Company, "
                "Organization, LegalEntity, ...)"
            )

    def options(self) -> dict[str, Any]:
        """The mapping as plain data (kept in the run manifest so a resumed run maps columns the same way)."""
        return {**{f: getattr(self, f) for f in DEFAULT_COLUMNS}, "default_schema": self.default_schema}

    def resolve(self, header: Sequence[str], source: str) -> RowMapper:
        """Bind the mapping to a header: explicit columns must exist, defaults are looked up case-insensitively."""
        present = list(header)
        lowered = {h.lower(): h for h in reversed(present)}
        bound: dict[str, str] = {}
        for fld, candidates in DEFAULT_COLUMNS.items():
            wanted = self.explicit.get(fld)
            if wanted is not None:
                if wanted not in present:
                    raise InvalidInput(
                        f"{source}: column {wanted!r} (for {fld.replace('_', ' ')}) not found; "
                        f"columns are: {', '.join(present) or '(none)'}"
                    )
                bound[fld] = wanted
                continue
            for cand in candidates:
                if cand.lower() in lowered:
                    bound[fld] = lowered[cand.lower()]
                    break
        if "name" not in bound:
            raise InvalidInput(
                f"{source}: no name column (looked for 'name'; use --name-col to choose one); "
                f"columns are: {', '.join(present) or '(none)'}"
            )
        return RowMapper(bound, normalise_schema(self.default_schema) or "LegalEntity")

    def open_mapper(self) -> RowMapper:
        """A mapper for inputs without a fixed header (JSON lines): each field read by its column name."""
        bound = {fld: self.explicit.get(fld, cands[0]) for fld, cands in DEFAULT_COLUMNS.items()}
        return RowMapper(bound, normalise_schema(self.default_schema) or "LegalEntity", lenient=True)


class RowMapper:
    """Turns one row (a mapping of column -> value) into a QueryRecord or a RowError."""

    def __init__(self, bound: dict[str, str], default_schema: str, *, lenient: bool = False) -> None:
        self.bound = bound
        self.default_schema = default_schema
        # Without a header, a row may carry defaults under other spellings (birthDate, dob ...).
        self.lenient = lenient

    def _get(self, row: Mapping[str, Any], fld: str) -> list[str]:
        col = self.bound.get(fld)
        if col is not None and col in row:
            return _text_values(row[col])
        if self.lenient:
            for cand in DEFAULT_COLUMNS[fld]:
                if cand in row:
                    return _text_values(row[cand])
        return []

    def map(self, rowno: int, row: Mapping[str, Any]) -> QueryRecord | RowError:
        names = self._get(row, "name")
        if not names:
            return RowError(rowno, "missing name")
        ids = self._get(row, "id")
        id_col = self.bound.get("id")
        has_id_col = (id_col is not None and id_col in row) or (
            self.lenient and any(c in row for c in DEFAULT_COLUMNS["id"])
        )
        if not ids and has_id_col:
            return RowError(rowno, "missing id")
        schema = self.default_schema
        schema_vals = self._get(row, "schema")
        if schema_vals:
            found = normalise_schema(schema_vals[0])
            if found is None:
                return RowError(rowno, f"unknown schema {schema_vals[0]!r} (expected Person, Company, LegalEntity ...)")
            schema = found
        props: dict[str, list[str]] = {"name": names}
        for fld in ("country", "birth_date", "identifier"):
            vals = self._get(row, fld)
            if not vals:
                continue
            if fld == "birth_date":
                bad = [v for v in vals if check_date(v) is None]
                if bad:
                    return RowError(rowno, f"bad birth date {bad[0]!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
            props[PROPERTY_OF[fld]] = vals
        return QueryRecord(rowno, ids[0] if ids else str(rowno), schema, props)


def ftm_record(rowno: int, obj: Mapping[str, Any]) -> QueryRecord | RowError:
    """A JSON line that is already an FtM entity (``schema`` + ``properties``) is screened as it is."""
    props = obj.get("properties")
    if not isinstance(props, dict):
        return RowError(rowno, "'properties' must be an object of {property: [values]}")
    clean = {str(k): _text_values(v) for k, v in props.items()}
    clean = {k: v for k, v in clean.items() if v}
    if not clean.get("name"):
        return RowError(rowno, "missing name")
    for value in clean.get("birthDate", []):
        if check_date(value) is None:
            return RowError(rowno, f"bad birth date {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    schema = normalise_schema(str(obj.get("schema") or "LegalEntity"))
    if schema is None:
        return RowError(rowno, f"unknown schema {obj.get('schema')!r}")
    rid = _text_values(obj.get("id"))
    return QueryRecord(rowno, rid[0] if rid else str(rowno), schema, clean)
