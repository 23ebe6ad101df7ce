"""UN Security Council consolidated list, XML (``consolidated.xml``).

Schema: ``<CONSOLIDATED_LIST dateGenerated=...>`` with ``<INDIVIDUALS><INDIVIDUAL>`` and
``<ENTITIES><ENTITY>``. An INDIVIDUAL has DATAID, VERSIONNUM, FIRST_NAME, SECOND_NAME, THIRD_NAME,
FOURTH_NAME, UN_LIST_TYPE, REFERENCE_NUMBER, LISTED_ON, NAME_ORIGINAL_SCRIPT, COMMENTS1, GENDER,
TITLE/VALUE, DESIGNATION/VALUE, NATIONALITY/VALUE, LIST_TYPE/VALUE, LAST_DAY_UPDATED/VALUE,
INDIVIDUAL_ALIAS (QUALITY Good|Low|a.k.a.|f.k.a., ALIAS_NAME), INDIVIDUAL_ADDRESS (STREET, CITY,
STATE_PROVINCE, ZIP_CODE, COUNTRY, NOTE), INDIVIDUAL_DATE_OF_BIRTH (TYPE_OF_DATE EXACT|APPROXIMATELY|
BETWEEN, DATE, YEAR, FROM_YEAR, TO_YEAR), INDIVIDUAL_PLACE_OF_BIRTH (CITY, STATE_PROVINCE, COUNTRY),
INDIVIDUAL_DOCUMENT (TYPE_OF_DOCUMENT, NUMBER, ISSUING_COUNTRY, DATE_OF_ISSUE, NOTE). An ENTITY has the
name in FIRST_NAME and ENTITY_ALIAS / ENTITY_ADDRESS. Low-quality aliases become ``weakAlias``;
the name in original script (Arabic, Cyrillic ...) becomes an alias.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from catchall.errors import InvalidInput
from catchall.model.entity import Entity
from catchall.screening.sources.base import EntityBuilder, ParseReport
from catchall.screening.sources.safexml import XmlRecords, text, texts
from catchall.screening.sources.values import countries, join, parse_date

DOCUMENT_PROPS = {"passport": "passportNumber", "national identification number": "idNumber"}


def _aliases(b: EntityBuilder, el: Element, tag: str) -> None:
    for alias in el.findall(tag):
        name = text(alias, "ALIAS_NAME")
        quality = (text(alias, "QUALITY") or "").lower()
        if quality == "low":
            b.add("weakAlias", name)
        elif quality.startswith("f.k.a"):
            b.add("previousName", name)
        else:
            b.add("alias", name)


def _addresses(b: EntityBuilder, el: Element, tag: str) -> None:
    for addr in el.findall(tag):
        country = text(addr, "COUNTRY")
        b.add(
            "address",
            join(
                text(addr, "STREET"),
                text(addr, "CITY"),
                text(addr, "STATE_PROVINCE"),
                text(addr, "ZIP_CODE"),
                country,
                sep=", ",
            ),
        )
        b.add("country", countries([country]))


def _record(el: Element, line: int, dataset: str, label: str) -> Entity:
    person = el.tag == "INDIVIDUAL"
    dataid = text(el, "DATAID")
    where = f"{label} line {line} <{el.tag}>"
    if dataid is None:
        raise InvalidInput(f"{where}: has no <DATAID>")
    b = EntityBuilder(f"unsc-{dataid}", "Person" if person else "Organization", dataset)
    parts = [text(el, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    b.add("name", join(*parts))
    b.add("alias", text(el, "NAME_ORIGINAL_SCRIPT"))
    b.add("topics", "sanction")
    b.add("program", text(el, "UN_LIST_TYPE"))
    b.add("programId", text(el, "REFERENCE_NUMBER"))
    b.add("createdAt", parse_date(text(el, "LISTED_ON")))
    b.add("modifiedAt", sorted(d for v in texts(el, "LAST_DAY_UPDATED/VALUE") for d in parse_date(v))[-1:])
    b.add("notes", text(el, "COMMENTS1"))
    if person:
        b.add("firstName", parts[0])
        b.add("secondName", parts[1])
        b.add("title", texts(el, "TITLE/VALUE"))
        b.add("position", texts(el, "DESIGNATION/VALUE"))
        b.add("nationality", countries(texts(el, "NATIONALITY/VALUE")))
        gender = text(el, "GENDER")
        b.add("gender", gender.lower() if gender else None)
        _aliases(b, el, "INDIVIDUAL_ALIAS")
        _addresses(b, el, "INDIVIDUAL_ADDRESS")
        for dob in el.findall("INDIVIDUAL_DATE_OF_BIRTH"):
            kind = (text(dob, "TYPE_OF_DATE") or "").upper()
            if kind == "BETWEEN":
                b.add("birthDate", parse_date(text(dob, "FROM_YEAR")) + parse_date(text(dob, "TO_YEAR")))
            else:
                b.add("birthDate", parse_date(text(dob, "DATE")) or parse_date(text(dob, "YEAR")))
        for pob in el.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
            country = text(pob, "COUNTRY")
            b.add("birthPlace", join(text(pob, "CITY"), text(pob, "STATE_PROVINCE"), country, sep=", "))
            b.add("birthCountry", countries([country]))
        for doc in el.findall("INDIVIDUAL_DOCUMENT"):
            kind = (text(doc, "TYPE_OF_DOCUMENT") or "").lower()
            b.add(DOCUMENT_PROPS.get(kind, "idNumber"), text(doc, "NUMBER"))
    else:
        _aliases(b, el, "ENTITY_ALIAS")
        _addresses(b, el, "ENTITY_ADDRESS")
    return b.build(f"{where} DATAID {dataid}")


def parse(path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None) -> Iterator[Entity]:
    label = label or path.name
    records = XmlRecords(
        path,
        {"INDIVIDUAL", "ENTITY"},
        roots={"CONSOLIDATED_LIST"},
        kind="UN Security Council consolidated list XML",
        label=label,
    )
    for el, line in records:
        if report is not None and "dateGenerated" in records.root_attrs:
            report.meta["dateGenerated"] = records.root_attrs["dateGenerated"]
        yield _record(el, line, dataset, label)
