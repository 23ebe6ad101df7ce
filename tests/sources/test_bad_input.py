"""Bad files give one clear error naming the file, the line or element and the problem; unsafe XML is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from catchall.errors import InvalidInput
from catchall.screening.sources import SOURCES, get_source


def run(source: str, path: Path) -> list[object]:
    fmt = SOURCES[source]
    fmt.check(path)
    return list(fmt.parse(path, "test"))


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<sdnList><sdnEntry><uid>1</uid><lastName>&lol4;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE sdnList [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<sdnList><sdnEntry><uid>1</uid><lastName>&xxe;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>
"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "external-entity"])
@pytest.mark.parametrize("source", ["ofac-xml", "ofac-advanced", "un-xml", "eu-xml"])
def test_unsafe_xml_is_refused(tmp_path: Path, payload: str, source: str):
    path = write(tmp_path, "evil.xml", payload)
    with pytest.raises(InvalidInput, match=r"evil\.xml line 2: refused unsafe XML"):
        run(source, path)


def test_malformed_xml_names_line_and_column(tmp_path: Path, fixtures: Path):
    text = (fixtures / "sdn.xml").read_text(encoding="utf-8").replace("</sdnType>\n    <programList>", "</sdnTyp>", 1)
    path = write(tmp_path, "sdn.xml", text)
    with pytest.raises(InvalidInput, match=r"sdn\.xml line 10 column \d+: malformed XML \(mismatched tag\)"):
        run("ofac-xml", path)


def test_truncated_xml(tmp_path: Path, fixtures: Path):
    text = (fixtures / "un_consolidated.xml").read_text(encoding="utf-8")[:2000]
    with pytest.raises(InvalidInput, match=r"malformed XML"):
        run("un-xml", write(tmp_path, "un.xml", text))


@pytest.mark.parametrize(
    ("source", "fixture", "expected"),
    [
        ("ofac-xml", "un_consolidated.xml", r"not a OFAC SDN XML file \(document element is <CONSOLIDATED_LIST>"),
        ("un-xml", "eu_fsf.xml", r"not a UN Security Council consolidated list XML file"),
        ("eu-xml", "sdn.xml", r"not a EU Financial Sanctions Files XML file \(document element is <sdnList>"),
        ("ofac-advanced", "sdn.xml", r"expected <Sanctions>"),
        ("ofac-xml", "csl.json", r"csl\.json line 1 column 0: malformed XML"),
        (
            "uk-csv",
            "csl.csv",
            r"csl\.csv line 3: not an OFSI consolidated list or UK Sanctions List CSV \(no header with Name 6",
        ),
        ("csl-csv", "uk_conlist.csv", r"not a Consolidated Screening List CSV"),
        ("csl-json", "entities.ftm.json", r"entities\.ftm\.json line 2 column 1: not valid JSON"),
        ("ftm", "csl.json", r"csl\.json line 1: not valid JSON"),
        ("ofac-csv", "ofac_csv/add.csv", r"expected 12 fields .* is this the OFAC sdn\.csv"),
    ],
)
def test_wrong_format_for_declared_source(fixtures: Path, tmp_path: Path, source: str, fixture: str, expected: str):
    path = fixtures / fixture
    if source == "ofac-csv":  # pretend add.csv is the set's sdn.csv
        path = write(tmp_path, "sdn.csv", (fixtures / fixture).read_text(encoding="cp1252"))
    with pytest.raises(InvalidInput, match=expected):
        run(source, path)


@pytest.mark.parametrize("source", ["ofac-xml", "un-xml", "uk-csv", "csl-json", "ftm"])
def test_empty_file(tmp_path: Path, source: str):
    with pytest.raises(InvalidInput, match=r"empty\.dat: the file is empty"):
        run(source, write(tmp_path, "empty.dat", ""))


def test_xml_without_content(tmp_path: Path):
    with pytest.raises(InvalidInput, match="malformed XML"):
        run("ofac-xml", write(tmp_path, "blank.xml", "   \n"))


def test_record_without_name_names_the_element(tmp_path: Path):
    xml = '<?xml version="1.0"?>\n<sdnList>\n  <sdnEntry>\n    <uid>77</uid>\n    <sdnType>Entity</sdnType>\n  </sdnEntry>\n</sdnList>\n'
    with pytest.raises(InvalidInput, match=r"line 3 <sdnEntry> uid 77: record 'ofac-77' has no name"):
        run("ofac-xml", write(tmp_path, "sdn.xml", xml))


def test_un_record_without_name(tmp_path: Path, fixtures: Path):
    text = (fixtures / "un_consolidated.xml").read_text(encoding="utf-8")
    text = text.replace("<FIRST_NAME>KOREA RYONBONG GENERAL CORPORATION</FIRST_NAME>", "")
    text = text.replace("<NAME_ORIGINAL_SCRIPT>조선련봉총회사</NAME_ORIGINAL_SCRIPT>", "")
    text = text.replace("<ALIAS_NAME>Korea Yonbong General Corporation</ALIAS_NAME>", "")
    text = text.replace("<ALIAS_NAME>Lyongaksan General Trading Corporation</ALIAS_NAME>", "")
    with pytest.raises(InvalidInput, match=r"<ENTITY> DATAID 6908101: record 'unsc-6908101' has no name"):
        run("un-xml", write(tmp_path, "un.xml", text))


def test_ftm_entity_without_name(tmp_path: Path):
    path = write(
        tmp_path,
        "e.json",
        '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n{"id": "b", "schema": "Person", "properties": {"birthDate": ["1970"]}}\n',
    )
    with pytest.raises(InvalidInput, match=r"e\.json line 2: entity 'b' \(Person\) has no name"):
        run("ftm", path)


def test_ftm_bad_json_line_and_bad_bytes(tmp_path: Path):
    path = write(tmp_path, "e.json", '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n{"id": "b",\n')
    with pytest.raises(InvalidInput, match=r"e\.json line 2: not valid JSON"):
        run("ftm", path)
    latin = tmp_path / "l.json"
    latin.write_bytes('{"id": "a", "schema": "Person", "properties": {"name": ["MUÑOZ"]}}\n'.encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"l\.json line 1: not UTF-8"):
        run("ftm", latin)


def test_ftm_duplicate_ids(tmp_path: Path):
    line = '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n'
    with pytest.raises(InvalidInput, match=r"line 2: entity id 'a' appears twice"):
        run("ftm", write(tmp_path, "e.json", line * 2))


def test_csv_bad_quoting_names_line(tmp_path: Path, fixtures: Path):
    text = (fixtures / "uk_conlist.csv").read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    lines[3] = lines[3].replace("PETROV,", '"PETROV"x,', 1)
    with pytest.raises(InvalidInput, match=r"uk\.csv line 4: malformed CSV"):
        run("uk-csv", write(tmp_path, "uk.csv", "\r\n".join(lines)))


def test_ofac_csv_alias_for_unknown_entry(tmp_path: Path, fixtures: Path):
    for f in (fixtures / "ofac_csv").iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "alt.csv").write_bytes(b'9999,1,"aka","NOBODY","-0- "\r\n')
    with pytest.raises(InvalidInput, match=r"alt\.csv line 1: ent_num '9999' is not in sdn\.csv"):
        run("ofac-csv", tmp_path / "sdn.csv")


def test_csl_json_wrong_shape(tmp_path: Path):
    with pytest.raises(InvalidInput, match=r"not a Consolidated Screening List JSON file"):
        run("csl-json", write(tmp_path, "c.json", '{"foo": 1}'))
    with pytest.raises(InvalidInput, match=r"results\[0\]: not a Consolidated Screening List record"):
        run("csl-json", write(tmp_path, "c.json", '{"results": [{"x": 1}]}'))


def test_unknown_source():
    with pytest.raises(InvalidInput, match=r"unknown list source 'ofac': use one of ftm, ftm-delta, ofac-xml"):
        get_source("ofac")


def test_ofac_csv_zip_member_too_large_is_refused(tmp_path: Path, monkeypatch):
    import zipfile

    from catchall.errors import TooLarge
    from catchall.screening.sources import ofac_csv

    archive = tmp_path / "sdn.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("sdn.csv", "0" * 5000)
    monkeypatch.setattr(ofac_csv, "MAX_MEMBER_BYTES", 1000)
    with pytest.raises(TooLarge, match=r"sdn\.zip: sdn\.csv unpacks to 5000 bytes"):
        run("ofac-csv", archive)
