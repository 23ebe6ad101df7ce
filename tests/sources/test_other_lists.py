"""UN, EU, UK (OFSI) and trade.gov CSL files map field by field, non-Latin names included."""

from __future__ import annotations

from catchall.screening.sources import ParseReport


def test_un_individual(parse):
    report = ParseReport()
    ents = parse("un-xml", "un_consolidated.xml", report=report)
    p = ents["unsc-6908001"]
    assert p.schema_ == "Person"
    assert p.get("name") == ["RI CHOL MAN"]
    assert "리철만" in p.get("alias")  # NAME_ORIGINAL_SCRIPT
    assert "Ri Chol-man" in p.get("alias")  # QUALITY Good
    assert p.get("weakAlias") == ["Uncle Ri"]  # QUALITY Low
    assert p.get("birthDate") == ["1968-02-09", "1966", "1969"]  # EXACT + BETWEEN years
    assert p.get("birthPlace") == ["Hamhung, Democratic People's Republic of Korea"]
    assert p.get("nationality") == ["kp"]
    assert p.get("passportNumber") == ["472310104"]
    assert p.get("program") == ["DPRK"] and p.get("programId") == ["KPi.901"]
    assert p.get("createdAt") == ["2017-06-02"]  # LISTED_ON
    assert p.get("modifiedAt") == ["2019-08-01"]  # latest LAST_DAY_UPDATED
    assert p.get("title") == ["Colonel"]
    assert p.get("position") == ["Representative of a rocket industry department"]
    assert p.get("gender") == ["male"]
    assert p.get("address") == ["Beijing, China"] and p.get("country") == ["cn"]
    assert report.meta["dateGenerated"] == "2026-11-20T10:00:04.537Z"


def test_un_second_individual_and_entity(parse):
    ents = parse("un-xml", "un_consolidated.xml")
    p = ents["unsc-6908002"]
    assert p.get("name") == ["ABDUL RAHMAN MUHAMMAD ZAFIR AL-DUBAYSI"]  # four name parts
    assert "عبد الرحمن محمد ظافر الدبيسي" in p.get("alias")
    assert p.get("previousName") == ["Abd al-Rahman al-Dubaysi"]  # f.k.a.
    assert p.get("birthDate") == ["1975"]  # APPROXIMATELY, year only
    assert p.get("idNumber") == ["1004556677"]
    org = ents["unsc-6908101"]
    assert org.schema_ == "Organization"
    assert org.get("name") == ["KOREA RYONBONG GENERAL CORPORATION"]
    assert org.get("alias") == [
        "조선련봉총회사",
        "Korea Yonbong General Corporation",
        "Lyongaksan General Trading Corporation",
    ]
    assert org.get("country") == ["kp"]


def test_eu_person(parse):
    report = ParseReport()
    ents = parse("eu-xml", "eu_fsf.xml", report=report)
    p = ents["eu-fsf-150001"]
    assert p.schema_ == "Person"
    assert p.get("name") == ["Igor Petrovich SMIRNOV"]
    assert p.get("alias") == ["Игорь Петрович СМИРНОВ"]  # nameLanguage RU
    assert p.get("weakAlias") == ["Igor Smirnoff"]  # strong="false"
    assert p.get("gender") == ["male"]
    assert p.get("position") == ["Chief Designer"]
    assert p.get("nationality") == ["ru"]
    assert p.get("birthDate") == ["1959-11-23"]
    assert p.get("birthPlace") == ["Votkinsk, RUSSIAN FEDERATION"]
    assert p.get("passportNumber") == ["721144509"]
    assert p.get("address") == ["Kirova 2, 427430, Votkinsk, Udmurtia, RUSSIAN FEDERATION"]
    assert p.get("program") == ["UKR"] and p.get("programId") == ["EU.9001.77"]
    assert p.get("createdAt") == ["2022-06-03"]
    assert p.get("notes") == ["Chief designer at a solid-propellant motor plant."]
    assert report.meta["generationDate"].startswith("2026-11-20")


def test_eu_enterprise_unknown_country_address_dropped(parse):
    org = parse("eu-xml", "eu_fsf.xml")["eu-fsf-150002"]
    assert org.schema_ == "Organization"
    assert org.get("alias") == ["АО Орион Навигационные Системы"]
    assert org.get("registrationNumber") == ["1127746338822"]
    assert org.get("address") == ["Prospekt Mira 101, 129085, Moscow, RUSSIAN FEDERATION"]  # "00" = unknown: no address
    assert org.get("country") == ["ru"]


def test_uk_conlist_groups_rows_by_group_id(parse, fixtures):
    assert (fixtures / "uk_conlist.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM as published
    report = ParseReport()
    ents = parse("uk-csv", "uk_conlist.csv", report=report)
    assert set(ents) == {"gb-hmt-15001", "gb-hmt-15002"}
    p = ents["gb-hmt-15001"]
    assert p.schema_ == "Person"
    assert p.get("name") == ["Dmitri Ivanovich PETROV"]
    assert p.get("alias") == ["Дмитрий Иванович ПЕТРОВ", "Dmitriy PETROV"]  # non-Latin script + AKA row
    assert p.get("weakAlias") == ["DIMA"]  # Alias Quality Low
    assert p.get("birthDate") == ["1966-04"]  # "00/04/1966": unknown day stays unknown
    assert p.get("nationality") == ["ru", "by"]  # "(1) Russia (2) Belarus"
    assert p.get("passportNumber") == ["714402113", "652200871"]
    assert p.get("title") == ["Dr"]
    assert p.get("position") == ["Deputy General Director"]
    assert p.get("program") == ["Russia"]
    assert p.get("createdAt") == ["2022-03-15"]
    assert p.get("modifiedAt") == ["2024-06-21"]  # the latest of the rows
    org = ents["gb-hmt-15002"]
    assert org.get("name") == ["ŞAHIN AVIONICS TRADING LIMITED"]
    assert org.get("address") == ["Büyükdere Cd. 120, Istanbul, 34394, Turkey"]
    assert org.get("country") == ["tr"]
    assert report.meta["Last Updated"] == "20/11/2026"


def test_csl_json(parse):
    ents = parse("csl-json", "csl.json")
    org = ents["trade-csl-a1b2c3d4e5f60718293a4b5c6d7e8f9001122334"]
    assert org.schema_ == "Organization"
    assert org.get("alias") == ["HPII", "哈尔滨精密惯性仪器有限公司"]
    assert org.get("topics") == ["export.control"]  # Entity List
    assert org.get("country") == ["cn"]
    assert org.get("createdAt") == ["2024-02-21"]
    assert "License policy: Presumption of denial." in org.get("notes")
    person = ents["trade-csl-0f1e2d3c4b5a69788796a5b4c3d2e1f0ffeeddcc"]
    assert person.schema_ == "Person"
    assert person.get("topics") == ["sanction"]  # State nonproliferation sanctions
    assert person.get("program") == ["INKSNA"]
    assert person.get("birthDate") == ["1978-09-30"]
    assert person.get("nationality") == ["ir"]
    assert person.get("passportNumber") == ["K31337801"]
    denied = ents["trade-csl-9988776655443322110099887766554433221100"]
    assert denied.get("topics") == ["debarment"]
    assert denied.schema_ == "LegalEntity"  # no type given


def test_csl_csv_matches_json(parse):
    from_json = parse("csl-json", "csl.json")
    from_csv = parse("csl-csv", "csl.csv")
    assert set(from_csv) == set(from_json)
    for key, ent in from_csv.items():
        other = from_json[key]
        for prop in ("name", "alias", "program", "birthDate", "nationality", "passportNumber", "country", "topics"):
            assert ent.get(prop) == other.get(prop), (key, prop)


def test_uk_sanctions_list_csv_headings(parse):
    report = ParseReport()
    ents = parse("uk-csv", "uk_sanctions_list.csv", report=report)
    assert set(ents) == {"gb-fcdo-DPR0031", "gb-fcdo-DPR0105"}
    p = ents["gb-fcdo-DPR0031"]
    assert p.schema_ == "Person"  # Designation Type
    assert p.get("name") == ["Song Il KIM"]  # Name type Primary name
    assert p.get("alias") == ["김성일", "Son-il KIM"]  # non-Latin script + Primary name variation
    assert p.get("weakAlias") == ["Engineer Kim"]  # Alias strength Weak
    assert p.get("birthDate") == ["1972-04-11"]  # D.O.B
    assert p.get("nationality") == ["kp"]  # Nationality(/ies)
    assert p.get("passportNumber") == ["472320665"]
    assert p.get("gender") == ["male"]
    assert p.get("program") == ["Democratic People's Republic of Korea"]  # Regime Name
    assert p.get("createdAt") == ["2016-11-30"]  # Date Designated
    ship = ents["gb-fcdo-DPR0105"]
    assert ship.schema_ == "Vessel" and ship.get("imoNumber") == ["8660313"]
    assert report.meta == {"Report Date": "20-Nov-2026"}
