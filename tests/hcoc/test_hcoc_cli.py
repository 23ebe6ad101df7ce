"""``catchall hcoc``: the dev dataset through ``check``, imports that name the bad line, the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catchall.cli.main import main


def _lines(text: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in text.splitlines() if x.strip()]


def test_dev_dataset_passes_through_check(hcoc_dev: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(
        [
            "hcoc",
            "check",
            "--notifications",
            str(hcoc_dev / "notifications.jsonl"),
            "--launches",
            str(hcoc_dev / "launches.jsonl"),
        ]
    )
    assert rc == 0
    answers = {a["id"]: a for a in _lines(capsys.readouterr().out)}
    truth = _lines((hcoc_dev / "truth.jsonl").read_text())
    assert truth and {t["id"]: answers[t["id"]]["status"] for t in truth} == {t["id"]: t["status"] for t in truth}
    for a in answers.values():
        assert set(a) == {"id", "status", "notification", "reasons"} and a["reasons"][0]["text"]


def test_check_names_the_bad_line_and_exits_2(
    tmp_path: Path, hcoc_dev: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "launches.jsonl"
    bad.write_text(
        '{"id": "a", "state": "FR", "date": "2020-01-01", "vehicle_class": "ballistic_missile"}\n{"id": "b", "state": "FR"}\n'
    )
    rc = main(["hcoc", "check", "--notifications", str(hcoc_dev / "notifications.jsonl"), "--launches", str(bad)])
    assert rc == 2
    err = capsys.readouterr().err
    assert err.startswith("error: 1 invalid launches record(s)") and f"{bad} line 2: date: Field required" in err


def test_import_is_atomic_then_stored_records_can_be_checked_and_reported(
    tmp_path: Path, sqlite_url: str, hcoc_dev: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        (hcoc_dev / "launches.jsonl").read_text()
        + '{"id": "x", "state": "FR", "date": "soon", "vehicle_class": "ballistic_missile"}\n'
    )
    assert main(["hcoc", "import", "launches", str(bad), "--database-url", sqlite_url]) == 2
    assert "line 7: date" in capsys.readouterr().err
    assert main(["hcoc", "launches", "--database-url", sqlite_url]) == 0
    assert capsys.readouterr().out == ""  # nothing of the bad file was stored
    for kind in ("notifications", "launches"):
        assert main(["hcoc", "import", kind, str(hcoc_dev / f"{kind}.jsonl"), "--database-url", sqlite_url]) == 0
    assert "imported 6 launches: 6 new" in capsys.readouterr().err
    assert main(["hcoc", "launches", "--year", "2016", "--database-url", sqlite_url]) == 0
    assert {a["id"]: a["status"] for a in _lines(capsys.readouterr().out)} == {
        "dl1": "notified",
        "dl2": "outside_window",
        "dl6": "not_notified",
    }
    out = tmp_path / "r.pdf"
    assert (
        main(
            ["hcoc", "report", "--year", "2016", "--format", "pdf", "--output", str(out), "--database-url", sqlite_url]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["hcoc", "report", "--year", "2016", "--format", "md", "--database-url", sqlite_url]) == 0
    assert "outside window" in capsys.readouterr().out


def test_subscribers_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hcoc", "subscribers", "--as-of", "2016-06-01"]) == 0
    subs = _lines(capsys.readouterr().out)
    assert len(subs) == 138 and subs[-1]["state"] == "IN" and all(s["source"] for s in subs)
    assert main(["hcoc", "subscribers", "--as-of", "June 2016"]) == 2
    assert "--as-of must be a date" in capsys.readouterr().err
