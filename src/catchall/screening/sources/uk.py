"""UK: OFSI Consolidated List of Financial Sanctions Targets (``ConList.csv``) and the FCDO UK Sanctions List CSV.

OFSI layout: a first line ``Last Updated,<dd/mm/yyyy>``, then the header row, then one row per name of a
target; the rows of one target share ``Group ID``. Columns: Name 6 (surname / entity name), Name 1-5
(given names), Title, Name Non-Latin Script, Non-Latin Script Type, Non-Latin Script Language, DOB
(dd/mm/yyyy, 00 for unknown parts), Town of Birth, Country of Birth, Nationality ("(1) X (2) Y"),
Passport Number, Passport Details, National Identification Number, National Identification Details,
Position, Address 1-6, Post/Zip Code, Country, Other Information, Group Type (Individual | Entity | Ship),
Alias Type (Primary Name | Primary Name Variation | AKA | Prime Alias), Alias Quality (Good | Low), Regime,
Listed On, UK Sanctions List Date Designated, Last Updated, Group ID.

The FCDO UK Sanctions List CSV carries the same information under other headings (Unique ID, Name type
Primary name | Primary name variation | Alias, Alias strength, Regime Name, Designation Type, Date
Designated, D.O.B, Nationality(/ies), Passport number, National Identifier number, Address Line 1-6,
Address Postal Code, Address Country ...); columns are found by header name (case-insensitive, either
heading), so both files are read by the same importer. Entities are ``gb-hmt-<Group ID>`` (OFSI) or
``gb-fcdo-<Unique ID>`` (UK Sanctions List).
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
_NUMBERED = re.compile(r"\(\d+\)")
PREAMBLE_LINES = 3  # lines before the header that may carry the publication date

# canonical field -> accepted headings (OFSI first, then UK Sanctions List)
FIELDS: dict[str, tuple[str, ...]] = {
    "group": ("Group ID", "Unique ID"),
    "type": ("Group Type", "Designation Type", "Individual, Entity, Ship"),
    "name_type": ("Alias Type", "Name type"),
    "quality": ("Alias Quality", "Alias strength"),
    "non_latin": ("Name Non-Latin Script",),
    "title": ("Title",),
    "dob": ("DOB", "D.O.B"),
    "town_of_birth": ("Town of Birth",),
    "country_of_birth": ("Country of Birth",),
    "nationality": ("Nationality", "Nationality(/ies)"),
    "passport": ("Passport Number",),
    "national_id": ("National Identification Number", "National Identifier number"),
    "position": ("Position",),
    "gender": ("Gender",),
    "postcode": ("Post/Zip Code", "Address Postal Code"),
    "country": ("Country", "Address Country"),
    "other": ("Other Information",),
    "regime": ("Regime", "Regime Name"),
    "listed": ("Listed On", "Date Designated"),
    "updated": ("Last Updated",),
    "imo": ("IMO number",),
    "website": ("Website",),
    "email": ("Email address",),
    "phone": ("Phone number",),
    **{f"name{i}": (f"Name {i}",) for i in range(1, 7)},
    **{f"address{i}": (f"Address {i}", f"Address Line {i}") for i in range(1, 7)},
}
REQUIRED = ("name6", "group")


def _split(value: str | None) -> list[str]:
    """OFSI packs several values as "(1) Russia (2) Ukraine"."""
    if not value:
        return []
    return [v.strip(" ,;") for v in _NUMBERED.split(value) if v.strip(" ,;")]


def _header(fields: list[str]) -> dict[str, int] | None:
    """Canonical field -> column index, or None when this row is not a header we know."""
    index = {f.strip().lower(): i for i, f in enumerate(fields)}
    found: dict[str, int] = {}
    for key, headings in FIELDS.items():
        for heading in headings:
            if heading.lower() in index:
                found[key] = index[heading.lower()]
                break
    if not all(k in found for k in REQUIRED):
        return None
    return found


def parse(path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None) -> Iterator[Entity]:
    label = label or path.name
    content = decode(path.read_bytes(), label, legacy="cp1252")
    header: dict[str, int] | None = None
    prefix = "gb-hmt"
    groups: dict[str, EntityBuilder] = {}
    lines: dict[str, str] = {}
    seen_lines = 0
    for line, fields in rows(content, label):
        if header is None:
            seen_lines += 1
            header = _header(fields)
            if header is None:
                if seen_lines >= PREAMBLE_LINES:
                    raise InvalidInput(
                        f"{label} line {line}: not an OFSI consolidated list or UK Sanctions List CSV "
                        f"(no header with Name 6 and Group ID / Unique ID in the first {PREAMBLE_LINES} lines)"
                    )
                if report is not None:  # "Last Updated,20/11/2026" or "Report Date: 20-Nov-2026"
                    key, _, value = fields[0].partition(":") if len(fields) == 1 else (fields[0], "", fields[1])
                    report.meta[key.strip()] = value.strip()
                continue
            if "unique id" in (f.strip().lower() for f in fields) and "group id" not in (
                f.strip().lower() for f in fields
            ):
                prefix = "gb-fcdo"
            continue
        h = header

        def col(key: str, fields: list[str] = fields, h: dict[str, int] = h) -> str | None:
            i = h.get(key)
            if i is None or i >= len(fields):
                return None
            value = fields[i].strip()
            return value or None

        where = f"{label} line {line}"
        group = col("group")
        if group is None:
            raise InvalidInput(f"{where}: row has no Group ID / Unique ID")
        schema = SCHEMA.get((col("type") or "").lower(), "LegalEntity")
        b = groups.get(group)
        if b is None:
            b = groups[group] = EntityBuilder(f"{prefix}-{group}", schema, dataset)
            lines[group] = where
            b.add("topics", "sanction")
        given = [col(f"name{i}") for i in range(1, 6)]
        name = join(*given, col("name6"))
        name_type = (col("name_type") or "").lower()
        quality = (col("quality") or "").lower()
        if "low" in quality or "weak" in quality:
            b.add("weakAlias", name)
        elif name_type == "primary name":
            b.add("name", name)
            if schema == "Person":
                b.add("firstName", given[0])
                b.add("lastName", col("name6"))
        else:
            b.add("alias", name)
        b.add("alias", col("non_latin"))
        if schema == "Person":
            b.add("title", col("title"))
            b.add("nationality", countries(_split(col("nationality"))))
            b.add("birthCountry", countries([col("country_of_birth")]))
            gender = col("gender")
            b.add("gender", gender.lower() if gender else None)
        for dob in _split(col("dob")):
            b.add("birthDate", parse_date(dob))
        b.add("birthPlace", join(col("town_of_birth"), col("country_of_birth"), sep=", "))
        b.add("passportNumber", _split(col("passport")))
        b.add("idNumber", _split(col("national_id")))
        b.add("position", _split(col("position")))
        country = col("country")
        b.add("address", join(*(col(f"address{i}") for i in range(1, 7)), col("postcode"), country, sep=", "))
        b.add("country", countries([country]))
        b.add("imoNumber", col("imo"))
        b.add("website", col("website"))
        b.add("email", col("email"))
        b.add("phone", col("phone"))
        b.add("notes", col("other"))
        b.add("program", col("regime"))
        b.add("createdAt", parse_date(col("listed")))
        b.add("modifiedAt", parse_date(col("updated")))
    if header is None:
        raise InvalidInput(f"{label}: no header row found (expected the OFSI columns Name 6 ... Group ID)")
    for group, b in groups.items():
        # several rows, one target: the earliest listing and the latest update
        if "createdAt" in b.properties:
            b.properties["createdAt"] = sorted(b.properties["createdAt"])[:1]
        if "modifiedAt" in b.properties:
            b.properties["modifiedAt"] = sorted(b.properties["modifiedAt"])[-1:]
        yield b.build(f"{lines[group]} Group ID {group}")
