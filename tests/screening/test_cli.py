"""``catchall screen`` in batch and for one name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catchall.cli.main import main

LIST = [
    {"id": "e1", "schema": "Person", "properties": {"name": ["Vladimir Vladimirovich Putin"], "country": ["ru"]}},
    {"id": "e2", "schema": "Company", "properties": {"name": ["Rosoboronexport JSC"]}},
]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    wl = tmp_path / "un.ftm.jsonl"
    wl.write_text("\n".join(json.dumps(e) for e in LIST) + "\n", encoding="utf-8")
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        json.dumps({"id": "q1", "schema": "Person", "properties": {"name": ["Путин Владимир"]}})
        + "\n"
        + json.dumps({"id": "q2", "schema": "Company", "properties": {"name": ["Acme Trading Corp"]}})
        + "\n",
        encoding="utf-8",
    )
    return wl, queries


def test_batch_screening_writes_one_line_per_query(files: tuple[Path, Path], tmp_path: Path) -> None:
    wl, queries = files
    out = tmp_path / "out.jsonl"
    assert main(["screen", "--watchlist", str(wl), "--queries", str(queries), "--output", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["query_id"] for line in lines] == ["q1", "q2"]
    first = lines[0]["matches"][0]
    assert (first["id"], first["match"]) == ("e1", True)
    assert first["list_version"].startswith("un-") and "name" in first["explanation"]
    assert not any(m["match"] for m in lines[1]["matches"])


def test_saved_index_screens_the_same(files: tuple[Path, Path], tmp_path: Path) -> None:
    wl, queries = files
    idx = tmp_path / "un.npz"
    out1, out2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["screen", "-w", str(wl), "-q", str(queries), "-o", str(out1), "--save-index", str(idx)]) == 0
    assert main(["screen", "-w", str(idx), "-q", str(queries), "-o", str(out2)]) == 0
    assert out1.read_text(encoding="utf-8") == out2.read_text(encoding="utf-8")


def test_one_name_prints_a_table(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    wl, _ = files
    assert main(["screen", "-w", str(wl), "--name", "Rosoboron Export", "--schema", "Company"]) == 0
    text = capsys.readouterr().out
    assert "Rosoboronexport" in text and "MATCH" in text


def test_errors_are_one_line(files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wl, queries = files
    assert main(["screen", "--queries", str(queries), "--output", "-"]) == 2
    assert "--watchlist" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "q1", "properties": {"name": ["x"]}}\n{oops\n', encoding="utf-8")
    assert main(["screen", "-w", str(wl), "-q", str(bad), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "line 2" in capsys.readouterr().err
    assert main(["screen", "-w", str(tmp_path / "missing.jsonl"), "--name", "x"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_threshold_comes_from_the_environment(
    files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wl, queries = files
    monkeypatch.setenv("CATCHALL_SCREENING_THRESHOLD", "1.0")
    out = tmp_path / "out.jsonl"
    assert main(["screen", "-w", str(wl), "-q", str(queries), "-o", str(out)]) == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])["matches"][0]
    assert first["id"] == "e1" and first["score"] < 1.0 and first["match"] is False
