"""``catchall denials`` and ``catchall cases`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catchall.cli.main import main


def test_import_list_revoke(
    assess_dev: Path, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["denials", "import", str(assess_dev / "denials.jsonl"), "--database-url", sqlite_url]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == 2

    assert main(["denials", "list", "--in-force-on", "2011-01-01", "--database-url", sqlite_url]) == 0
    assert [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()] == ["dev-dn-1"]

    assert (
        main(["denials", "revoke", "dev-dn-1", "--on", "2010-12-01", "--actor", "olga", "--database-url", sqlite_url])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["revoked"] == "2010-12-01"
    assert main(["denials", "list", "--in-force-on", "2011-01-01", "--database-url", sqlite_url]) == 0
    assert capsys.readouterr().out == ""

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "notifying_state": "IT"}\n')
    assert main(["denials", "import", str(bad), "--database-url", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl line 1" in err and "'x'" in err


def test_cases_list_and_show(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from catchall.api.deps import Principal
    from catchall.services import licensing
    from catchall.store.db import Database
    from catchall.store.migrate import upgrade

    db = Database(sqlite_url)
    upgrade(db)
    app = {
        "id": "C1",
        "date": "2011-01-01",
        "destination": "AE",
        "items": [{"id": "c1", "kind": "other", "entries": ["6.C.1"]}],
        "parties": [{"role": "end_user", "name": "Someone", "country": "AE"}],
    }
    case = licensing.submit_application(db, app, Principal("alice", "exporter"))
    assert main(["cases", "list", "--database-url", sqlite_url]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["id"] == case.id and row["state"] == "submitted" and row["recommended"] == "case_by_case"
    assert main(["cases", "show", str(case.id), "--database-url", sqlite_url]) == 0
    assert json.loads(capsys.readouterr().out)["recommendation"]["outcome"] == "case_by_case"
    assert main(["cases", "show", "999", "--database-url", sqlite_url]) == 2
