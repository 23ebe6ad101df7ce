"""``catchall screen-batch`` end to end with the real screening index."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from catchall.cli.batch import register
from catchall.errors import InvalidInput, NotFound

from .conftest import write_csv


def _app() -> typer.Typer:
    # Only this command: the test does not depend on other command modules importing cleanly.
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """catchall"""

    return app


def test_screen_batch_command_writes_results_errors_and_summary(tmp_path: Path, watchlist: Path) -> None:
    src = write_csv(
        tmp_path / "customers.csv",
        [
            {"cust": "C-1", "full_name": "Ivan Petrov", "born": "1970-01-02", "kind": "person"},
            {"cust": "C-2", "full_name": "Rocket Parts Trading", "born": "", "kind": "company"},
            {"cust": "C-3", "full_name": "Zygmunt Wiśniewski-Kowalczyk", "born": "", "kind": "person"},
            {"cust": "C-4", "full_name": "Chen Wei", "born": "1970-13-01", "kind": "person"},
        ],
    )
    out = tmp_path / "hits.jsonl"
    args = f"screen-batch {src} --watchlist demo={watchlist} --output {out} --workers 1 --no-progress"
    args += " --id-col cust --name-col full_name --birth-date-col born --schema-col kind --chunk-size 2"
    result = CliRunner().invoke(_app(), args.split(), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "screened 3 records (4 rows, 1 malformed)" in result.output
    hits = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    by_record = {(h["record_id"], h["entity_id"]) for h in hits}
    assert ("C-1", "wl-1") in by_record
    assert ("C-2", "wl-3") in by_record
    assert not any(h["record_id"] == "C-3" for h in hits)
    assert all(h["list_name"] == "demo" and h["score"] >= 0.7 for h in hits)
    assert json.loads(hits[0]["explanation"])  # the engine's reasons, as a JSON object
    errors = (tmp_path / "hits.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(e)["row"] for e in errors] == [5]
    summary = json.loads((tmp_path / "hits.summary.json").read_text(encoding="utf-8"))
    assert summary["alerts_by_list"]["demo"]["records"] == len({h["record_id"] for h in hits})

    # The run is in the audit log: who, which input (by checksum), which list versions, the counts.
    from catchall.cli.common import open_database
    from catchall.services import audit

    with open_database(None).session() as s:
        (record,) = audit.history(s, limit=1)
        assert record.action == "screening.batch_run"
        assert record.actor.startswith("cli:")
        assert record.payload["input_sha256"] == summary["input_sha256"]
        assert record.payload["lists"] == summary["lists"] and record.payload["matches"] == len(hits)


def test_screen_batch_resume_flag_and_mistakes(tmp_path: Path, watchlist: Path) -> None:
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "name"], ["1", "Chen Wei"], ["2", "Maria Gonzalez"]])
    out = tmp_path / "o.csv"
    args = ["screen-batch", str(src), "-w", str(watchlist), "-o", str(out), "--workers", "1", "--no-progress"]
    assert CliRunner().invoke(_app(), args, catch_exceptions=False).exit_code == 0
    again = CliRunner().invoke(_app(), [*args, "--resume"], catch_exceptions=False)
    assert again.exit_code == 0 and "resumed: 1 of 1 chunks were already done" in again.output
    with pytest.raises(InvalidInput, match="column 'nom'"):
        CliRunner().invoke(_app(), [*args, "--name-col", "nom"], catch_exceptions=False)


def test_screen_batch_against_an_imported_list_carries_its_stored_version(
    tmp_path: Path, watchlist: Path, sqlite_url: str
) -> None:
    from catchall.cli.common import open_database
    from catchall.services import lists

    db = open_database(sqlite_url)
    v1 = lists.import_file(db, "ftm", watchlist, "demo", "tester", rescreen=False)
    src = write_csv(tmp_path / "in.csv", [{"id": "1", "name": "Ivan Petrov"}, {"id": "2", "name": "Nobody Known"}])
    out = tmp_path / "hits.csv"
    args = f"screen-batch {src} --list demo --database-url {sqlite_url} -o {out} --workers 1 --no-progress"
    result = CliRunner().invoke(_app(), args.split(), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["record_id"], r["entity_id"], r["list_name"]) for r in rows] == [("1", "wl-1", "demo")]
    assert rows[0]["list_version"] == lists.index_version(v1.number, v1.checksum)

    with pytest.raises(NotFound, match="no list named 'other'"):
        CliRunner().invoke(_app(), [*args.split(), "--list", "other"], catch_exceptions=False)
    with pytest.raises(NotFound, match="no usable version 7"):
        CliRunner().invoke(_app(), [*args.replace("--list demo", "--list demo@7").split()], catch_exceptions=False)
