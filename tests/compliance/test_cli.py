"""CLI: `compliance assess` on the dev dataset, `compliance report`, `registry ...` listings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from catchall.cli import compliance as compliance_cli
from catchall.cli import registry as registry_cli
from catchall.reports import pdf_text


@pytest.fixture
def run(sqlite_url: str) -> Any:
    # only this area's commands, so the tests do not depend on the other command modules
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """test root"""

    compliance_cli.register(app)
    registry_cli.register(app)
    runner = CliRunner()

    def invoke(*args: str, catch: bool = False) -> Any:
        return runner.invoke(app, [*args], env={"CATCHALL_DATABASE_URL": sqlite_url}, catch_exceptions=catch)

    return invoke


def test_assess_dev_dataset_matches_truth(run: Any, dev_file: Path, dev_truth: dict[str, dict[str, Any]]) -> None:
    result = run("compliance", "assess", str(dev_file), "--shipped-only")
    assert result.exit_code == 0
    answers = {a["id"]: a for a in map(json.loads, result.stdout.splitlines())}
    assert set(answers) == set(dev_truth)
    for tid, truth in dev_truth.items():
        a = answers[tid]
        assert a["finding"] == truth["finding"], tid
        mentioned = " ".join(str(c) for c in a["commitments"]).lower()
        for word in truth.get("commitments_mention", []):
            assert word.lower() in mentioned, (tid, word)
        for c in a["commitments"]:
            assert set(c) == {"id", "instrument", "in_force_since", "precludes", "why"}


def test_report_writes_html_md_and_pdf(run: Any, dev_file: Path, tmp_path: Path) -> None:
    assert run("compliance", "transfers", "import", str(dev_file)).exit_code == 0
    for fmt in ("html", "md", "pdf"):
        out = tmp_path / f"bg.{fmt}"
        result = run(
            "compliance", "report", "--state", "BG", "--from", "2004-01-01", "--format", fmt, "--output", str(out)
        )
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        text = " ".join(pdf_text(data).split()) if fmt == "pdf" else data.decode("utf-8")
        assert "Bulgaria" in text and "v08" in text and "Not adhering" in text


def test_registry_listings(run: Any) -> None:
    out = run("registry", "commitments", "--state", "CN", "--as-of", "1993-01-01", "--json").stdout
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["cn-1992-mtcr-pledge"]
    out = run("registry", "sanctions", "--as-of", "2004-01-01", "--state", "KP", "--json").stdout
    assert {json.loads(x)["id"] for x in out.splitlines()} == {"us-2002-08-changgwang", "us-2003-03-changgwang"}
    out = run("registry", "states", "--regime", "MTCR", "--as-of", "2003-01-01", "--json").stdout
    assert len(out.splitlines()) == 33
    table = run("registry", "states", "--state", "BG").stdout
    assert "Bulgaria" in table


def test_bad_input_is_reported_with_the_line(run: Any, tmp_path: Path) -> None:
    from catchall.errors import InvalidInput

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "date": "2004-13-01", "supplier_state": "IT", "recipient_program": {"kind": "uav"}}\n')
    with pytest.raises(InvalidInput, match="line 1: date"):
        run("compliance", "assess", str(bad), "--shipped-only")
    with pytest.raises(InvalidInput, match="--as-of"):
        run("registry", "commitments", "--as-of", "yesterday")


def test_a_bad_line_does_not_stop_the_run(run: Any, tmp_path: Path, dev_file: Path) -> None:
    from catchall.errors import InvalidInput

    lines = dev_file.read_text(encoding="utf-8").splitlines()
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join([lines[0], '{"id": "broken", "date": "x"}', "not json", lines[1]]) + "\n")
    result = run("compliance", "assess", str(mixed), "--shipped-only", catch=True)
    assert isinstance(result.exception, InvalidInput) and "line 2" in str(result.exception)
    answers = [json.loads(x) for x in result.stdout.splitlines()]
    assert [a.get("id") for a in answers] == ["v01", "broken", None, "v02"]
    assert answers[0]["finding"] == "contrary" and answers[3]["finding"] == "not_precluded"
    assert answers[1]["line"] == 2 and "date" in answers[1]["error"]
    assert answers[2]["line"] == 3 and "not valid JSON" in answers[2]["error"]


def test_report_on_transfers_from_a_file(run: Any, dev_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "it.md"
    result = run(
        "compliance", "report", "--state", "ITA", "--format", "md", "--transfers", str(dev_file), "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    md = out.read_text(encoding="utf-8")
    assert "Italy" in md and "v04" in md and "v05" in md and "v01" not in md
    assert "| 2004 | 1 | 1 | 0 | 2 |" in md
