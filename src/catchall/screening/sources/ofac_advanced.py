"""US OFAC SDN list, Advanced XML (``sdn_advanced.xml``, the Advanced Sanctions List Standard).

A normalised document: ``<ReferenceValueSets>`` (lookup tables: AliasType, Country with ISO2, FeatureType,
IDRegDocType, LocPartType, NamePartType, PartySubType/PartyType, Script, SanctionsType, DetailReference ...),
``<Locations>`` (Location -> LocationPart values + LocationCountry), ``<IDRegDocuments>`` (documents keyed
by the IdentityID they belong to), ``<DistinctParties>`` (DistinctParty/Profile with Identity/Alias/
DocumentedName/DocumentedNamePart/NamePartValue, NamePartGroups, and Feature/FeatureVersion holding
dates (DatePeriod), details (VersionDetail) or places (VersionLocation)), then ``<SanctionsEntries>``
(SanctionsEntry per ProfileID: EntryEvent dates, SanctionsMeasure programme codes).
Aliases with ``LowQuality="true"`` become ``weakAlias``; names published in other scripts (ScriptID other
than Latin) become aliases, so original-script names are screenable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from catchall.errors import InvalidInput
from catchall.model.entity import Entity
from catchall.screening.sources.base import EntityBuilder, ParseReport
from catchall.screening.sources.ofac_xml import apply_identifier, entity_id
from catchall.screening.sources.safexml import XmlRecords, text
from catchall.screening.sources.values import countries, join

TYPES = {"Individual": "Person", "Entity": "Organization", "Vessel": "Vessel", "Aircraft": "Airplane"}
PERSON_ORDER = ("First Name", "Middle Name", "Patronymic", "Matronymic", "Last Name", "Maiden Name")
PART_PROPS = {
    "First Name": "firstName",
    "Middle Name": "middleName",
    "Last Name": "lastName",
    "Patronymic": "fatherName",
    "Matronymic": "motherName",
}
LOC_ORDER = ("ADDRESS1", "ADDRESS2", "ADDRESS3", "CITY", "STATE/PROVINCE", "POSTAL CODE", "REGION", "Unknown")
# FeatureType value -> FtM property (values come from a DatePeriod, a VersionDetail or a VersionLocation)
FEATURES = {
    "Birthdate": "birthDate",
    "Place of Birth": "birthPlace",
    "Nationality Country": "nationality",
    "Citizenship Country": "citizenship",
    "Location": "address",
    "Gender": "gender",
    "Title": "position",
    "Website": "website",
    "Email Address": "email",
    "Phone Number": "phone",
    "Vessel Call Sign": "callSign",
    "Vessel Type": "type",
    "Vessel Flag": "flag",
    "VESSEL TYPE": "type",
    "Vessel Tonnage": "tonnage",
    "Vessel Gross Registered Tonnage": "grossRegisteredTonnage",
}


def _date(el: Element | None) -> str | None:
    if el is None:
        return None
    year, month, day = text(el, "Year"), text(el, "Month"), text(el, "Day")
    if not year:
        return None
    out = year.zfill(4)
    if month:
        out += f"-{int(month):02d}"
        if day:
            out += f"-{int(day):02d}"
    return out


_LAST_DAY = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def date_period(period: Element) -> list[str]:
    """A DatePeriod as ISO prefixes: OFAC marks "year only" as 1 Jan..31 Dec of that year."""
    start = _date(period.find("Start/From"))
    end = _date(period.find("End/To")) or _date(period.find("Start/To"))
    if start is None:
        return [end] if end else []
    if end is None or end == start:
        return [start]
    if len(start) == 10 and len(end) == 10:
        if start[:4] == end[:4] and start[5:] == "01-01" and end[5:] == "12-31":
            return [start[:4]]
        if start[:7] == end[:7] and start[8:] == "01" and int(end[8:]) >= _LAST_DAY[int(end[5:7])] - (end[5:7] == "02"):
            return [start[:7]]
        if start[5:] == "01-01" and end[5:] == "12-31":
            return [start[:4], end[:4]]
    return [start, end]


class _Refs:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}
        self.attrs: dict[tuple[str, str], dict[str, str]] = {}

    def load(self, sets: Element) -> None:
        for group in sets:
            for item in group:
                ident = item.get("ID")
                if ident is None:
                    continue
                self.values[(item.tag, ident)] = (item.text or "").strip()
                self.attrs[(item.tag, ident)] = dict(item.attrib)

    def value(self, kind: str, ident: str | None) -> str | None:
        if ident is None:
            return None
        return self.values.get((kind, ident))


class _Parser:
    def __init__(self, dataset: str, label: str, report: ParseReport) -> None:
        self.dataset = dataset
        self.label = label
        self.report = report
        self.refs = _Refs()
        self.locations: dict[str, tuple[str | None, str | None]] = {}
        self.documents: dict[str, list[tuple[str | None, str | None]]] = {}
        self.parties: dict[str, EntityBuilder] = {}
        self.where: dict[str, str] = {}

    def location(self, el: Element) -> None:
        parts: dict[str, str] = {}
        for part in el.findall("LocationPart"):
            kind = self.refs.value("LocPartType", part.get("LocPartTypeID")) or "Unknown"
            value = text(part, "LocationPartValue/Value")
            if value:
                parts[kind] = value
        country = None
        for c in el.findall("LocationCountry"):
            country = self.refs.value("Country", c.get("CountryID")) or country
        for a in el.findall("LocationAreaCode"):
            attrs = self.refs.attrs.get(("AreaCode", a.get("AreaCodeID") or ""), {})
            country = country or attrs.get("Description")
        addr = join(*(parts.get(k) for k in LOC_ORDER), country, sep=", ")
        self.locations[el.get("ID") or ""] = (addr, country)

    def document(self, el: Element) -> None:
        kind = self.refs.value("IDRegDocType", el.get("IDRegDocTypeID"))
        self.documents.setdefault(el.get("IdentityID") or "", []).append((kind, text(el, "IDRegistrationNo")))

    def party(self, el: Element, line: int) -> None:
        where = f"{self.label} line {line} <DistinctParty FixedRef={el.get('FixedRef')!r}>"
        profile = el.find("Profile")
        if profile is None or not profile.get("ID"):
            raise InvalidInput(f"{where}: has no <Profile ID=...>")
        sub_id = profile.get("PartySubTypeID")
        sub = self.refs.value("PartySubType", sub_id)
        sub_attrs = self.refs.attrs.get(("PartySubType", sub_id or ""), {})
        party_type = self.refs.value("PartyType", sub_attrs.get("PartyTypeID"))
        schema = TYPES.get(sub or "") or TYPES.get(party_type or "") or "LegalEntity"
        pid = profile.get("ID") or ""
        b = EntityBuilder(entity_id(pid), schema, self.dataset)
        b.add("topics", "sanction")
        b.add("notes", text(el, "Comment"))
        for identity in profile.findall("Identity"):
            groups = {
                g.get("ID") or "": self.refs.value("NamePartType", g.get("NamePartTypeID")) or ""
                for g in identity.iter("NamePartGroup")
            }
            for alias in identity.findall("Alias"):
                self.alias(b, alias, groups)
            for kind, number in self.documents.pop(identity.get("ID") or "", []):
                apply_identifier(b, kind, number)
        for feature in profile.findall("Feature"):
            self.feature(b, feature)
        self.parties[pid] = b
        self.where[pid] = where

    def alias(self, b: EntityBuilder, alias: Element, groups: dict[str, str]) -> None:
        alias_type = self.refs.value("AliasType", alias.get("AliasTypeID")) or ""
        primary = alias.get("Primary") == "true"
        weak = alias.get("LowQuality") == "true"
        for documented in alias.findall("DocumentedName"):
            parts: list[tuple[str, str]] = []
            latin = True
            for part in documented.findall("DocumentedNamePart/NamePartValue"):
                value = (part.text or "").strip()
                if not value:
                    continue
                script = self.refs.value("Script", part.get("ScriptID")) or "Latin"
                latin = latin and script == "Latin"
                parts.append((groups.get(part.get("NamePartGroupID") or "", ""), value))
            if not parts:
                continue
            kinds = {k for k, _ in parts}
            if latin and kinds & set(PERSON_ORDER):
                ordered = sorted(parts, key=lambda kv: PERSON_ORDER.index(kv[0]) if kv[0] in PERSON_ORDER else 99)
            else:
                ordered = parts  # other scripts: keep the published order
            name = join(*(v for _, v in ordered))
            if weak:
                b.add("weakAlias", name)
            elif primary and latin:
                b.add("name", name)
                if b.schema == "Person":
                    for kind, value in parts:
                        if kind in PART_PROPS:
                            b.add(PART_PROPS[kind], value)
            elif alias_type.upper().startswith("F.K.A"):
                b.add("previousName", name)
            else:
                b.add("alias", name)

    def feature(self, b: EntityBuilder, feature: Element) -> None:
        label = self.refs.value("FeatureType", feature.get("FeatureTypeID")) or ""
        prop = FEATURES.get(label)
        for version in feature.findall("FeatureVersion"):
            values: list[str] = []
            place_country: str | None = None
            for period in version.findall("DatePeriod"):
                values.extend(date_period(period))
            for detail in version.findall("VersionDetail"):
                ref = detail.get("DetailReferenceID")
                value = self.refs.value("DetailReference", ref) if ref else (detail.text or "").strip()
                if value:
                    values.append(value)
            for loc in version.findall("VersionLocation"):
                addr, country = self.locations.get(loc.get("LocationID") or "", (None, None))
                place_country = country
                if prop in ("nationality", "citizenship", "flag"):
                    if country:
                        values.append(country)
                elif addr:
                    values.append(addr)
            if not values:
                continue
            if prop is None:
                b.add("notes", f"{label}: {'; '.join(values)}")
            elif prop in ("nationality", "citizenship") and b.schema != "Person":
                b.add("country", countries(values))
            elif prop in ("nationality", "citizenship", "flag"):
                b.add(prop, countries(values))
            elif prop == "gender":
                b.add("gender", [v.lower() for v in values])
            else:
                b.add(prop, values)
                if prop == "address":
                    b.add("country", countries([place_country]))

    def entry(self, el: Element) -> None:
        b = self.parties.get(el.get("ProfileID") or "")
        if b is None:
            self.report.warn(f"SanctionsEntry {el.get('ID')} names unknown profile {el.get('ProfileID')}")
            return
        for event in el.findall("EntryEvent"):
            b.add("createdAt", _date(event.find("Date")))
        for measure in el.findall("SanctionsMeasure"):
            kind = self.refs.value("SanctionsType", measure.get("SanctionsTypeID")) or ""
            if kind.lower() == "program":
                b.add("program", text(measure, "Comment"))
        listed = self.refs.value("List", el.get("ListID"))
        if listed:
            self.report.meta.setdefault("lists", listed)


def parse(path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None) -> Iterator[Entity]:
    label = label or path.name
    report = report if report is not None else ParseReport()
    p = _Parser(dataset, label, report)
    records = XmlRecords(
        path,
        {"DateOfIssue", "ReferenceValueSets", "Location", "IDRegDocument", "DistinctParty", "SanctionsEntry"},
        roots={"Sanctions"},
        kind="OFAC Advanced XML (sdn_advanced.xml)",
        label=label,
    )
    for el, line in records:
        if el.tag == "DistinctParty":
            p.party(el, line)
        elif el.tag == "SanctionsEntry":
            p.entry(el)
        elif el.tag == "Location":
            p.location(el)
        elif el.tag == "IDRegDocument":
            p.document(el)
        elif el.tag == "ReferenceValueSets":
            p.refs.load(el)
        elif el.tag == "DateOfIssue":
            issued = _date(el)
            if issued:
                report.meta["DateOfIssue"] = issued
    for pid, b in p.parties.items():
        b.properties.get("createdAt", []).sort()
        yield b.build(f"{p.where[pid]} Profile {pid}")
