"""US Consolidated Screening List (trade.gov), JSON and CSV.

One record per listed party, from the lists of Commerce (Entity List, Denied Persons, Unverified,
Military End User), State (Nonproliferation Sanctions, ITAR Debarred) and Treasury (SDN, FSE, SSI ...).
Fields (API "search" results and the bulk files): id (``_id`` in the CSV), source, entity_number, type,
programs, name, title, addresses (address, city, state, postal_code, country), federal_register_notice,
start_date, end_date, standard_order, license_requirement, license_policy, call_sign, vessel_type,
gross_tonnage, gross_registered_tonnage, vessel_flag, vessel_owner, remarks, source_list_url, alt_names,
citizenships, dates_of_birth, nationalities, places_of_birth, source_information_url, ids (type, number,
country, issue_date, expiration_date). In the CSV, multi-valued fields are separated by ";" and the parts
of one address or id by ",".
JSON input: ``{"results": [...]}`` (the bulk file and API answers) or a plain array.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from catchall.errors import InvalidInput
from catchall.model.entity import Entity
from catchall.screening.sources.base import EntityBuilder, ParseReport
from catchall.screening.sources.ofac_xml import apply_identifier
from catchall.screening.sources.textfile import decode, rows
from catchall.screening.sources.values import countries, join, parse_date

SCHEMA = {"individual": "Person", "entity": "Organization", "vessel": "Vessel", "aircraft": "Airplane"}
CSV_REQUIRED = ("source", "name", "type")


def topic(source: str | None) -> str:
    s = (source or "").lower()
    if any(k in s for k in ("entity list", "unverified", "military end user")):
        return "export.control"
    if any(k in s for k in ("denied persons", "debarred")):
        return "debarment"
    return "sanction"


def _list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _record(rec: dict[str, Any], where: str, dataset: str) -> Entity:
    ident = rec.get("id") or rec.get("_id") or rec.get("entity_number")
    if not ident:
        raise InvalidInput(f"{where}: record has no id")
    schema = SCHEMA.get(str(rec.get("type") or "").lower(), "LegalEntity")
    b = EntityBuilder(f"trade-csl-{ident}", schema, dataset)
    b.add("name", rec.get("name"))
    b.add("alias", [str(a) for a in _list(rec.get("alt_names"))])
    source = rec.get("source")
    b.add("topics", topic(source))
    b.add("program", [str(p) for p in _list(rec.get("programs"))])
    b.add("notes", f"Source list: {source}" if source else None)
    b.add("sourceUrl", rec.get("source_information_url") or rec.get("source_list_url"))
    b.add("createdAt", parse_date(rec.get("start_date")))
    for key in ("federal_register_notice", "license_requirement", "license_policy", "standard_order", "remarks"):
        value = rec.get(key)
        if value:
            b.add("notes", f"{key.replace('_', ' ').capitalize()}: {value}")
    if rec.get("end_date"):
        b.add("notes", f"End date: {rec['end_date']}")
    if schema == "Person":
        b.add("position", rec.get("title"))
        b.add("nationality", countries(_list(rec.get("nationalities"))))
        b.add("citizenship", countries(_list(rec.get("citizenships"))))
        for dob in _list(rec.get("dates_of_birth")):
            b.add("birthDate", parse_date(str(dob)))
        b.add("birthPlace", [str(p) for p in _list(rec.get("places_of_birth"))])
    b.add("callSign", rec.get("call_sign"))
    b.add("type", rec.get("vessel_type"))
    b.add("tonnage", str(rec["gross_tonnage"]) if rec.get("gross_tonnage") else None)
    b.add(
        "grossRegisteredTonnage", str(rec["gross_registered_tonnage"]) if rec.get("gross_registered_tonnage") else None
    )
    b.add("flag", countries([rec.get("vessel_flag")]))
    if rec.get("vessel_owner"):
        b.add("notes", f"Owner: {rec['vessel_owner']}")
    for addr in _list(rec.get("addresses")):
        if isinstance(addr, dict):
            country = addr.get("country")
            b.add(
                "address",
                join(
                    addr.get("address"), addr.get("city"), addr.get("state"), addr.get("postal_code"), country, sep=", "
                ),
            )
            b.add("country", countries([country]))
        else:  # CSV: "street, city, state, postal code, country"
            b.add("address", str(addr))
            b.add("country", countries([str(addr).rsplit(",", 1)[-1]]))
    for doc in _list(rec.get("ids")):
        if isinstance(doc, dict):
            apply_identifier(b, doc.get("type"), doc.get("number"))
        else:  # CSV: "type, number, country, ..."
            parts = [p.strip() for p in str(doc).split(",")]
            if len(parts) >= 2:
                apply_identifier(b, parts[0], parts[1])
    return b.build(f"{where} id {ident}")


def parse_json(
    path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None
) -> Iterator[Entity]:
    label = label or path.name
    text = decode(path.read_bytes(), label)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{label} line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})") from exc
    records = data.get("results") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise InvalidInput(f'{label}: not a Consolidated Screening List JSON file (expected {{"results": [...]}})')
    seen: set[str] = set()
    for i, rec in enumerate(records):
        where = f"{label} results[{i}]"
        if not isinstance(rec, dict) or "name" not in rec or "source" not in rec:
            raise InvalidInput(f"{where}: not a Consolidated Screening List record (needs name and source)")
        entity = _record(rec, where, dataset)
        if entity.id in seen:
            raise InvalidInput(f"{where}: id {entity.id!r} appears twice")
        seen.add(entity.id)
        yield entity


def parse_csv(
    path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None
) -> Iterator[Entity]:
    label = label or path.name
    content = decode(path.read_bytes(), label, legacy="cp1252")
    header: list[str] | None = None
    seen: set[str] = set()
    for line, fields in rows(content, label):
        if header is None:
            header = [f.strip() for f in fields]
            missing = [c for c in CSV_REQUIRED if c not in header]
            if missing:
                raise InvalidInput(
                    f"{label} line {line}: not a Consolidated Screening List CSV (header lacks {', '.join(missing)})"
                )
            continue
        rec: dict[str, Any] = {}
        for key, value in zip(header, fields, strict=False):
            value = value.strip()
            if not value:
                continue
            if key in (
                "programs",
                "alt_names",
                "citizenships",
                "dates_of_birth",
                "nationalities",
                "places_of_birth",
                "addresses",
                "ids",
            ):
                rec[key] = [v.strip() for v in value.split(";") if v.strip()]
            else:
                rec[key] = value
        entity = _record(rec, f"{label} line {line}", dataset)
        if entity.id in seen:
            raise InvalidInput(f"{label} line {line}: id {entity.id!r} appears twice")
        seen.add(entity.id)
        yield entity
    if header is None:
        raise InvalidInput(f"{label}: no header row")
