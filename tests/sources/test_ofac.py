"""OFAC SDN list: XML, Advanced XML and the legacy CSV set map field by field to FtM entities."""

from __future__ import annotations

from pathlib import Path

from catchall.screening.sources import ParseReport


def test_sdn_xml_individual_maps_every_field(parse):
    report = ParseReport()
    ents = parse("ofac-xml", "sdn.xml", report=report)
    p = ents["ofac-9102"]
    assert p.schema_ == "Person"
    assert p.get("name") == ["Karim Yusuf HADDAD"]
    assert p.get("firstName") == ["Karim Yusuf"] and p.get("lastName") == ["HADDAD"]
    assert p.get("alias") == ["Karim AL-HADDAD"]
    assert p.get("weakAlias") == ["ABU YUSUF"]  # category "weak" = OFAC low-quality a.k.a.
    assert p.get("previousName") == ["Karim HADAD"]  # f.k.a.
    assert p.get("birthDate") == ["1962-01-05", "1963"]  # "05 Jan 1962", "circa 1963"
    assert p.get("birthPlace") == ["Aleppo, Syria"]
    assert p.get("nationality") == ["sy"] and p.get("citizenship") == ["lb"]
    assert p.get("passportNumber") == ["P04417762"]
    assert p.get("gender") == ["male"]
    assert p.get("program") == ["NPWMD", "IFSR"]
    assert p.get("position") == ["Director, Procurement Office"]
    assert p.get("address") == ["Baramkeh Street 14, Damascus, Syria"]
    assert "Additional Sanctions Information - Subject to Secondary Sanctions" in p.get("notes")
    assert p.get("topics") == ["sanction"]
    assert report.meta == {"Publish_Date": "11/20/2026", "Record_Count": "4"}


def test_sdn_xml_entity_vessel_and_identifiers(parse):
    ents = parse("ofac-xml", "sdn.xml")
    assert set(ents) == {"ofac-36", "ofac-9102", "ofac-9200", "ofac-9300"}
    org = ents["ofac-9200"]
    assert org.schema_ == "Organization"
    assert org.get("registrationNumber") == ["2019-448812"]
    assert org.get("website") == ["www.orbital-propulsion.example"]
    assert org.get("country") == ["ae"]
    vessel = ents["ofac-9300"]
    assert vessel.schema_ == "Vessel"
    assert vessel.get("imoNumber") == ["9187629"]
    assert vessel.get("flag") == ["mt"]
    assert vessel.get("callSign") == ["9HXY7"]
    assert vessel.get("grossRegisteredTonnage") == ["81000"]
    assert "Owner: Crescent Shipping Ltd" in vessel.get("notes")
    assert ents["ofac-36"].get("alias") == ["AERO-CARIBBEAN"]
    assert ents["ofac-36"].datasets == ["test"]


def test_advanced_xml_resolves_references_and_scripts(parse):
    report = ParseReport()
    ents = parse("ofac-advanced", "sdn_advanced.xml", report=report)
    p = ents["ofac-41001"]
    assert p.schema_ == "Person"  # PartySubType 4 -> PartyType Individual
    assert p.get("name") == ["Andrei Sergeevich VOLKOV"]  # parts re-ordered first/patronymic/last
    assert p.get("firstName") == ["Andrei"] and p.get("lastName") == ["VOLKOV"]
    assert p.get("fatherName") == ["Sergeevich"]
    assert "ВОЛКОВ Андрей Сергеевич" in p.get("alias")  # Cyrillic documented name, published order
    assert "Andrey VOLKOV" in p.get("alias")
    assert p.get("weakAlias") == ["VOLK"]  # LowQuality="true"
    assert p.get("birthDate") == ["1971-07-14"]
    assert p.get("birthPlace") == ["Perm, Russia"]
    assert p.get("nationality") == ["ru"]
    assert p.get("gender") == ["male"]
    assert p.get("passportNumber") == ["753311802"]  # IDRegDocument linked by IdentityID
    assert p.get("program") == ["RUSSIA-EO14024"]
    assert p.get("createdAt") == ["2022-03-11"]  # listing date from the EntryEvent
    org = ents["ofac-41002"]
    assert org.schema_ == "Organization"
    assert org.get("previousName") == ["SEVERNY GIROSKOP OAO"]
    assert org.get("registrationNumber") == ["1027700182123"]
    assert org.get("address") == ["ul. Lesnaya 5, Moscow, 125047, Russia"]
    assert org.get("program") == ["RUSSIA-EO14024", "NPWMD"]
    assert report.meta["DateOfIssue"] == "2026-11-20"


def test_advanced_and_plain_xml_share_entity_ids(parse):
    # the same party keeps its id across OFAC formats, so switching format yields a meaningful diff
    plain = parse("ofac-xml", "sdn.xml")
    assert all(i.startswith("ofac-") for i in plain)
    assert all(i.startswith("ofac-") for i in parse("ofac-advanced", "sdn_advanced.xml"))


def test_legacy_csv_set_in_windows_1252(parse, fixtures: Path):
    raw = (fixtures / "ofac_csv" / "sdn.csv").read_bytes()
    assert "MUÑOZ".encode("cp1252") in raw  # the fixture really is Latin-1, not UTF-8
    ents = parse("ofac-csv", fixtures / "ofac_csv" / "sdn.csv")
    p = ents["ofac-9501"]
    assert p.schema_ == "Person"
    assert p.get("name") == ["José Luis MUÑOZ GARCÍA"]  # "LAST, First" turned round
    assert p.get("lastName") == ["MUÑOZ GARCÍA"]
    assert p.get("program") == ["SDNTK", "ILLICIT-DRUGS-EO14059"]  # "SDNTK] [ILLICIT-..."
    assert p.get("birthDate") == ["1970-02-14", "1971"]  # from the remarks, incl. "alt. DOB"
    assert p.get("birthPlace") == ["Culiacán, Sinaloa, Mexico"]
    assert p.get("nationality") == ["mx"] and p.get("citizenship") == ["mx"]
    assert p.get("passportNumber") == ["G09876543"]
    assert p.get("idNumber") == ["MUGJ700214HSLXRS09"]
    assert p.get("gender") == ["male"]
    assert p.get("alias") == ["Jose Luis MUNOZ GARCIA"]
    assert p.get("weakAlias") == ["EL CONTADOR"]  # quoted a.k.a. = low quality
    assert p.get("address") == ["Calle Río Humaya 455, Culiacán, Sinaloa, Mexico"]
    org = ents["ofac-9502"]
    assert org.schema_ == "Organization"  # SDN_Type "-0-" = entity
    assert org.get("previousName") == ["AEROLOGISTICA PACIFICO"]  # alt_type fka
    assert org.get("taxNumber") == ["ALP091203KK1"]
    assert any("Linked To: MUÑOZ GARCÍA" in n for n in org.get("notes"))  # sdn_comments.csv appended
    vessel = ents["ofac-9503"]
    assert vessel.schema_ == "Vessel"
    assert vessel.get("imoNumber") == ["9034567"]
    assert vessel.get("flag") == ["pa"]
    assert vessel.get("callSign") == ["5BQM3"]


def test_legacy_csv_from_zip_and_directory(parse, fixtures: Path, tmp_path: Path):
    import zipfile

    archive = tmp_path / "sdn_csv.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in (fixtures / "ofac_csv").iterdir():
            zf.write(f, f"SDN/{f.name.upper()}")
    from_zip = parse("ofac-csv", archive)
    from_dir = parse("ofac-csv", fixtures / "ofac_csv")
    assert from_zip == from_dir
    assert set(from_zip) == {"ofac-9501", "ofac-9502", "ofac-9503"}
