"""``catchall lists``: import, table of current versions, diff, export round trip, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catchall.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_show_diff_export(sqlite_url: str, fixtures: Path, tmp_path: Path, capsys):
    db = ("--database-url", sqlite_url)
    code, out, _ = run(capsys, "lists", "import", "ofac-xml", str(fixtures / "sdn.xml"), *db)
    assert code == 0 and "us_ofac_sdn: version 1 is current — 4 entities (+4 added" in out
    code, out, _ = run(capsys, "lists", "import", "ofac-xml", str(fixtures / "sdn.xml"), *db)
    assert code == 0 and "us_ofac_sdn: unchanged (identical to version 1" in out
    code, out, _ = run(capsys, "lists", "import", "ofac-advanced", str(fixtures / "sdn_advanced.xml"), *db)
    assert code == 0 and "version 2 is current — 2 entities (+2 added, ~0 changed, -4 removed)" in out

    code, out, _ = run(capsys, "lists", *db)
    assert code == 0
    header = out.splitlines()[1]
    for col in ("name", "source", "version", "entities", "imported at", "checksum"):
        assert col in header
    row = next(line for line in out.splitlines() if "us_ofac_sdn" in line)
    assert "ofac-advanced" in row and " 2 " in row

    code, out, _ = run(capsys, "lists", "diff", "us_ofac_sdn", "--from", "1", "--to", "2", *db)
    assert code == 0
    assert out.splitlines()[0] == "us_ofac_sdn: version 1 -> version 2: 2 added, 4 removed, 0 changed, 0 unchanged"
    assert "+ ofac-41001  Person  Andrei Sergeevich VOLKOV" in out
    assert "- ofac-36  Organization  AEROCARIBBEAN AIRLINES" in out
    code, out, _ = run(capsys, "lists", "diff", "us_ofac_sdn", "--json", *db)
    assert json.loads(out)["summary"]["added"] == 2

    exported = tmp_path / "ofac.ftm.json"
    code, _, _ = run(
        capsys, "lists", "export", "us_ofac_sdn", "--version", "1", "--format", "ftm", "--output", str(exported), *db
    )
    assert code == 0
    lines = [json.loads(x) for x in exported.read_text(encoding="utf-8").splitlines()]
    assert [e["id"] for e in lines] == ["ofac-36", "ofac-9102", "ofac-9200", "ofac-9300"]
    code, out, _ = run(capsys, "lists", "import", "ftm", str(exported), "--name", "copy", *db)
    assert code == 0 and "copy: version 1 is current — 4 entities" in out
    code, out, _ = run(capsys, "lists", "export", "copy", *db)
    assert [json.loads(x) for x in out.splitlines()] == lines  # round trip: the same entities


def test_errors_are_one_line_exit_2(sqlite_url: str, fixtures: Path, capsys):
    db = ("--database-url", sqlite_url)
    code, _, err = run(capsys, "lists", "import", "un-xml", str(fixtures / "sdn.xml"), *db)
    assert code == 2
    assert err.strip() == (
        "error: sdn.xml: not a UN Security Council consolidated list XML file "
        "(document element is <sdnList>, expected <CONSOLIDATED_LIST>)"
    )
    code, _, err = run(capsys, "lists", "import", "nope", str(fixtures / "sdn.xml"), *db)
    assert code == 2 and err.startswith("error: unknown list source 'nope'")
    code, _, err = run(capsys, "lists", "diff", "missing", *db)
    assert code == 2 and err.strip() == "error: no list named 'missing' (no lists imported yet)"
    code, _, err = run(capsys, "lists", "export", "missing", "--format", "csv", *db)
    assert code == 2 and "only 'ftm'" in err


def test_sources_lists_every_format(capsys):
    code, out, _ = run(capsys, "lists", "sources")
    assert code == 0
    for name in (
        "ftm",
        "ftm-delta",
        "ofac-xml",
        "ofac-advanced",
        "ofac-csv",
        "csl-json",
        "csl-csv",
        "un-xml",
        "eu-xml",
        "uk-csv",
    ):
        assert f"\n{name} " in "\n" + out
