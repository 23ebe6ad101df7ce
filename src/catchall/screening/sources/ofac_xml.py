"""US OFAC SDN list, XML (``sdn.xml``; the consolidated non-SDN ``consolidated.xml`` has the same schema).

Schema (OFAC "SDN XML" / ``sdnList.xsd``): ``<sdnList>`` with ``<publshInformation>`` (Publish_Date,
Record_Count) and one ``<sdnEntry>`` per listed party: uid, firstName, lastName, title, sdnType
(Individual | Entity | Vessel | Aircraft), remarks, programList/program, idList/id (uid, idType, idNumber,
idCountry, issueDate, expirationDate), akaList/aka (uid, type a.k.a.|f.k.a.|n.k.a., category
strong|weak, firstName, lastName), addressList/address (address1-3, city, stateOrProvince, postalCode,
country), nationalityList/nationality, citizenshipList/citizenship (country, mainEntry),
dateOfBirthList/dateOfBirthItem (dateOfBirth), placeOfBirthList/placeOfBirthItem (placeOfBirth),
vesselInfo (callSign, vesselType, vesselFlag, vesselOwner, tonnage, grossRegisteredTonnage).
OFAC's "weak" (low quality) a.k.a.s become ``weakAlias``: OFAC itself does not screen on them.
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

SCHEMA = {"individual": "Person", "entity": "Organization", "vessel": "Vessel", "aircraft": "Airplane"}

# idType values of the SDN list -> FtM property; anything else is an identifier number.
ID_PROPS = {
    "passport": "passportNumber",
    "diplomatic passport": "passportNumber",
    "national id no.": "idNumber",
    "cedula no.": "idNumber",
    "registration id": "registrationNumber",
    "registration number": "registrationNumber",
    "tax id no.": "taxNumber",
    "ruc #": "taxNumber",
    "rfc": "taxNumber",
    "nit #": "taxNumber",
    "swift/bic": "swiftBic",
    "email address": "email",
    "website": "website",
    "phone number": "phone",
    "vessel registration identification": "imoNumber",
    "aircraft manufacturer's serial number (msn)": "serialNumber",
    "legal entity number": "leiCode",
    "d-u-n-s number": "dunsCode",
    "gender": "gender",
}
# idType values that carry sanctions notes, not identifiers
NOTE_ID_TYPES = ("additional sanctions information", "secondary sanctions risk", "transactions prohibited")


def entity_id(uid: str) -> str:
    """Shared by the three OFAC formats so switching format keeps entity ids (and diffs) stable."""
    return f"ofac-{uid}"


def apply_identifier(b: EntityBuilder, id_type: str | None, number: str | None) -> None:
    if not number:
        return
    kind = (id_type or "").strip().rstrip(":").lower()
    if any(kind.startswith(n) for n in NOTE_ID_TYPES):
        b.add("notes", join(id_type, number, sep=" "))
        return
    prop = ID_PROPS.get(kind, "idNumber")
    if prop == "gender":
        b.add("gender", number.lower())
    elif prop == "imoNumber":
        b.add("imoNumber", number.replace("IMO", "").strip())
    else:
        b.add(prop, number)


def _entry(el: Element, line: int, dataset: str, label: str) -> Entity:
    uid = text(el, "uid")
    where = f"{label} line {line} <sdnEntry>"
    if uid is None:
        raise InvalidInput(f"{where}: has no <uid>")
    sdn_type = (text(el, "sdnType") or "entity").lower()
    schema = SCHEMA.get(sdn_type, "LegalEntity")
    b = EntityBuilder(entity_id(uid), schema, dataset)
    first, last = text(el, "firstName"), text(el, "lastName")
    b.add("name", join(first, last))
    if schema == "Person":
        b.add("firstName", first)
        b.add("lastName", last)
        b.add("position", text(el, "title"))
    b.add("topics", "sanction")
    b.add("program", texts(el, "programList/program"))
    b.add("notes", text(el, "remarks"))
    for aka in el.findall("akaList/aka"):
        name = join(text(aka, "firstName"), text(aka, "lastName"))
        if (text(aka, "category") or "").lower() == "weak":
            b.add("weakAlias", name)
        elif (text(aka, "type") or "").lower().startswith("f.k.a"):
            b.add("previousName", name)
        else:
            b.add("alias", name)
    for ident in el.findall("idList/id"):
        apply_identifier(b, text(ident, "idType"), text(ident, "idNumber"))
    for addr in el.findall("addressList/address"):
        country = text(addr, "country")
        b.add(
            "address",
            join(
                text(addr, "address1"),
                text(addr, "address2"),
                text(addr, "address3"),
                text(addr, "city"),
                text(addr, "stateOrProvince"),
                text(addr, "postalCode"),
                country,
                sep=", ",
            ),
        )
        b.add("country", countries([country]))
    nat_prop = "nationality" if schema == "Person" else "country"
    b.add(nat_prop, countries(texts(el, "nationalityList/nationality/country")))
    b.add(
        "citizenship" if schema == "Person" else "country", countries(texts(el, "citizenshipList/citizenship/country"))
    )
    for dob in texts(el, "dateOfBirthList/dateOfBirthItem/dateOfBirth"):
        b.add("birthDate", parse_date(dob))
    b.add("birthPlace", texts(el, "placeOfBirthList/placeOfBirthItem/placeOfBirth"))
    vessel = el.find("vesselInfo")
    if vessel is not None:
        b.add("callSign", text(vessel, "callSign"))
        b.add("type", text(vessel, "vesselType"))
        b.add("flag", countries([text(vessel, "vesselFlag")]))
        b.add("tonnage", text(vessel, "tonnage"))
        b.add("grossRegisteredTonnage", text(vessel, "grossRegisteredTonnage"))
        owner = text(vessel, "vesselOwner")
        if owner:
            b.add("notes", f"Owner: {owner}")
    return b.build(f"{where} uid {uid}")


def parse(path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None) -> Iterator[Entity]:
    label = label or path.name
    records = XmlRecords(path, {"sdnEntry", "publshInformation"}, roots={"sdnList"}, kind="OFAC SDN XML", label=label)
    for el, line in records:
        if el.tag == "publshInformation":
            if report is not None:
                for key in ("Publish_Date", "Record_Count"):
                    value = text(el, key)
                    if value:
                        report.meta[key] = value
            continue
        yield _entry(el, line, dataset, label)
