"""EU Financial Sanctions Files (FSF), consolidated list XML (``export`` schema 1.1).

Schema: ``<export generationDate=... globalFileId=...>`` with one ``<sanctionEntity>`` per listed subject:
attributes logicalId, euReferenceNumber, unitedNationId, designationDetails; children ``<remark>``,
``<regulation>`` (programme, publicationDate, entryIntoForceDate, numberTitle, publicationUrl),
``<subjectType code="person|enterprise" classificationCode="P|E">``, ``<nameAlias>`` (wholeName,
firstName, middleName, lastName, function, gender M|F, title, nameLanguage, strong true|false),
``<citizenship>`` (countryIso2Code, countryDescription), ``<birthdate>`` (birthdate, year, city, place,
countryIso2Code, circa), ``<identification>`` (identificationTypeCode passport|id|..., number,
countryIso2Code, issuedBy, latinNumber), ``<address>`` (street, poBox, zipCode, city, region, place,
countryIso2Code, countryDescription). EU lists names in many languages and scripts (nameLanguage):
every wholeName is kept; ``strong="false"`` aliases become ``weakAlias``. Country code ``00`` = unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from catchall.errors import InvalidInput
from catchall.model.entity import Entity
from catchall.screening.sources.base import EntityBuilder, ParseReport
from catchall.screening.sources.safexml import XmlRecords
from catchall.screening.sources.values import countries, join, parse_date

SCHEMA = {"person": "Person", "enterprise": "Organization"}
ID_PROPS = {
    "passport": "passportNumber",
    "id": "idNumber",
    "regnumber": "registrationNumber",
    "fiscalcode": "taxNumber",
}
GENDER = {"M": "male", "F": "female"}


def _code(el: Element) -> str | None:
    code = (el.get("countryIso2Code") or "").strip().lower()
    return code if code and code != "00" else None


def _record(el: Element, line: int, dataset: str, label: str) -> Entity:
    logical = el.get("logicalId")
    where = f"{label} line {line} <sanctionEntity>"
    if not logical:
        raise InvalidInput(f"{where}: has no logicalId")
    subject = el.find("subjectType")
    kind = subject.get("code") if subject is not None else None
    schema = SCHEMA.get(kind or "", "LegalEntity")
    b = EntityBuilder(f"eu-fsf-{logical}", schema, dataset)
    b.add("topics", "sanction")
    b.add("programId", el.get("euReferenceNumber"))
    b.add("notes", [r.text for r in el.findall("remark")])
    published: list[str] = []
    for reg in el.findall("regulation"):
        b.add("program", reg.get("programme"))
        published.extend(parse_date(reg.get("publicationDate")))
    b.add("createdAt", sorted(published)[:1])
    person = schema == "Person"
    for alias in el.findall("nameAlias"):
        whole = alias.get("wholeName") or join(alias.get("firstName"), alias.get("middleName"), alias.get("lastName"))
        strong = alias.get("strong", "true") != "false"
        if not strong:
            b.add("weakAlias", whole)
        elif not b.has("name"):
            b.add("name", whole)
        else:
            b.add("alias", whole)
        if person and strong:
            b.add("firstName", alias.get("firstName"))
            b.add("middleName", alias.get("middleName"))
            b.add("lastName", alias.get("lastName"))
            b.add("title", alias.get("title"))
            b.add("gender", GENDER.get(alias.get("gender") or ""))
        b.add("position", alias.get("function"))
    for cit in el.findall("citizenship"):
        code = _code(cit)
        value = [code] if code else countries([cit.get("countryDescription")])
        b.add("nationality" if person else "country", value)
    for dob in el.findall("birthdate"):
        b.add("birthDate", parse_date(dob.get("birthdate")) or parse_date(dob.get("year")))
        b.add(
            "birthPlace",
            join(dob.get("city") or dob.get("place"), dob.get("region"), dob.get("countryDescription"), sep=", "),
        )
        b.add("birthCountry", _code(dob))
    for ident in el.findall("identification"):
        prop = ID_PROPS.get((ident.get("identificationTypeCode") or "").lower(), "idNumber")
        b.add(prop, ident.get("number"))
        latin = ident.get("latinNumber")
        if latin and latin != ident.get("number"):
            b.add(prop, latin)
    for addr in el.findall("address"):
        b.add(
            "address",
            join(
                addr.get("street"),
                addr.get("poBox"),
                addr.get("zipCode"),
                addr.get("city"),
                addr.get("region"),
                addr.get("place"),
                addr.get("countryDescription") if _code(addr) else None,
                sep=", ",
            ),
        )
        b.add("country", _code(addr))
    return b.build(f"{where} logicalId {logical}")


def parse(path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None) -> Iterator[Entity]:
    label = label or path.name
    records = XmlRecords(
        path, {"sanctionEntity"}, roots={"export"}, kind="EU Financial Sanctions Files XML", label=label
    )
    for el, line in records:
        if report is not None and "generationDate" in records.root_attrs:
            report.meta["generationDate"] = records.root_attrs["generationDate"]
        yield _record(el, line, dataset, label)
