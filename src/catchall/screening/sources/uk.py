"""UK: OFSI Consolidated List of Financial Sanctions Targets, CSV (``ConList.csv``).

Layout: a first line ``Last Updated,<dd/mm/yyyy>``, then the header row, then one row per name of a
target; the rows of one target share ``Group ID``. Columns: Name 6 (surname / entity name), Name 1-5
(given names), Title, Name Non-Latin Script, Non-Latin Script Type, Non-Latin Script Language, DOB
(dd/mm/yyyy, 00 for unknown parts), Town of Birth, Country of Birth, Nationality ("(1) X (2) Y"),
Passport Number, Passport Details, National Identification Number, National Identification Details,
Position, Address 1-6, Post/Zip Code, Country, Other Information, Group Type (Individual | Entity | Ship),
Alias Type (Primary Name | Primary Name Variation | AKA | Prime Alias), Alias Quality (Good | Low), Regime,
Listed On, UK Sanctions List Date Designated, Last Updated, Group ID. Columns are found by header name.
UTF-8 with or without BOM; Latin-1 files (older exports) are read as Windows-1252.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from catchall.errors import InvalidInput
from catchall.model.entity import Entity
from catchall.screening.sources.base import EntityBuilder, ParseReport
from catchall.screening.sources.textfile import decode, rows
from catchall.screening.sources.values import countries, join, parse_date

SCHEMA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
REQUIRED = ("Name 6", "Group ID", "Group Type")
_NUMBERED = re.compile(r"\(\d+\)")


def _split(value: str | None) -> list[str]:
    """OFSI packs several values as "(1) Russia (2) Ukraine"."""
    if not value:
        return []
    return [v.strip(" ,;") for v in _NUMBERED.split(value) if v.strip(" ,;")]


def parse(path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None) -> Iterator[Entity]:
    label = label or path.name
    content = decode(path.read_bytes(), label, legacy="cp1252")
    header: dict[str, int] | None = None
    groups: dict[str, EntityBuilder] = {}
    lines: dict[str, str] = {}
    for line, fields in rows(content, label):
        if header is None:
            if fields[0].strip().lower() == "last updated":
                if report is not None and len(fields) > 1:
                    report.meta["Last Updated"] = fields[1].strip()
                continue
            names = [f.strip() for f in fields]
            missing = [c for c in REQUIRED if c not in names]
            if missing:
                raise InvalidInput(
                    f"{label} line {line}: not an OFSI consolidated list CSV (header lacks {', '.join(missing)})"
                )
            header = {n: i for i, n in enumerate(names)}
            continue
        h = header

        def col(name: str, fields: list[str] = fields, h: dict[str, int] = h) -> str | None:
            i = h.get(name)
            if i is None or i >= len(fields):
                return None
            value = fields[i].strip()
            return value or None

        where = f"{label} line {line}"
        group = col("Group ID")
        if group is None:
            raise InvalidInput(f"{where}: row has no Group ID")
        schema = SCHEMA.get((col("Group Type") or "").lower(), "LegalEntity")
        b = groups.get(group)
        if b is None:
            b = groups[group] = EntityBuilder(f"gb-hmt-{group}", schema, dataset)
            lines[group] = where
            b.add("topics", "sanction")
        given = [col(f"Name {i}") for i in range(1, 6)]
        name = join(*given, col("Name 6"))
        alias_type = (col("Alias Type") or "").lower()
        if (col("Alias Quality") or "").lower() == "low":
            b.add("weakAlias", name)
        elif alias_type == "primary name":
            b.add("name", name)
            if schema == "Person":
                b.add("firstName", given[0])
                b.add("lastName", col("Name 6"))
        else:
            b.add("alias", name)
        b.add("alias", col("Name Non-Latin Script"))
        b.add("title", col("Title") if schema == "Person" else None)
        b.add("birthDate", parse_date(col("DOB")))
        b.add("birthPlace", join(col("Town of Birth"), col("Country of Birth"), sep=", "))
        if schema == "Person":
            b.add("nationality", countries(_split(col("Nationality"))))
            b.add("birthCountry", countries([col("Country of Birth")]))
        b.add("passportNumber", _split(col("Passport Number")))
        b.add("idNumber", _split(col("National Identification Number")))
        b.add("position", _split(col("Position")))
        country = col("Country")
        b.add("address", join(*(col(f"Address {i}") for i in range(1, 7)), col("Post/Zip Code"), country, sep=", "))
        b.add("country", countries([country]))
        b.add("notes", col("Other Information"))
        b.add("program", col("Regime"))
        b.add("createdAt", parse_date(col("Listed On")))
        b.add("modifiedAt", parse_date(col("Last Updated")))
    if header is None:
        raise InvalidInput(f"{label}: no header row found (expected the OFSI columns Name 6 ... Group ID)")
    for group, b in groups.items():
        for prop in ("createdAt", "modifiedAt"):
            if prop in b.properties:
                b.properties[prop] = (
                    sorted(b.properties[prop])[:1] if prop == "createdAt" else sorted(b.properties[prop])[-1:]
                )
        yield b.build(f"{lines[group]} Group ID {group}")
