"""``catchall assess`` on the dev dataset, bad lines, as-of, and the stored lists and notifications."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from catchall.cli.main import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]], str]:
    capsys.readouterr()
    code = main(["assess", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def dev_args(d: Path) -> list[str]:
    return [
        str(d / "cases.jsonl"),
        "--watchlist",
        str(d / "watchlist.ftm.jsonl"),
        "--denials",
        str(d / "denials.jsonl"),
    ]


def test_dev_dataset_passes(assess_dev: Path, capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, answers, err = run([*dev_args(assess_dev), "--database-url", sqlite_url], capsys)
    assert code == 0, err
    truth = [json.loads(line) for line in (assess_dev / "truth.jsonl").read_text().splitlines() if line.strip()]
    by_id = {a["id"]: a for a in answers}
    failures = []
    for t in truth:
        a = by_id[t["id"]]
        if a["outcome"] != t["outcome"]:
            failures.append(f"{t['id']}: outcome {a['outcome']} != {t['outcome']}")
        failures += [f"{t['id']}: missing hold {h}" for h in t.get("holds", []) if h not in a["holds"]]
        failures += [f"{t['id']}: unexpected hold {h}" for h in t.get("no_holds", []) if h in a["holds"]]
    assert failures == []


def test_output_line_shape(assess_dev: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, answers, _ = run(dev_args(assess_dev), capsys)
    for a in answers:
        assert {
            "id",
            "outcome",
            "holds",
            "flags",
            "items",
            "reasons",
            "as_of",
            "annex_edition",
            "list_versions",
        } <= set(a)
        assert a["as_of"] == "2011-01-01"
        assert a["annex_edition"]
        assert list(a["list_versions"]) == ["watchlist"]
        for item in a["items"]:
            assert set(item) == {"id", "category", "entries"}
        for r in a["reasons"]:
            assert r["rule"] and r["text"] and r["ref"], r
    e08 = next(a for a in answers if a["id"] == "e08")
    assert e08["items"] == [{"id": "e08-item1", "category": "I", "entries": ["2.B.1"]}]


def test_bad_lines_are_reported_and_the_rest_processed(
    tmp_path: Path, assess_dev: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (assess_dev / "cases.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    bad_country = {**first, "id": "bad-country", "destination": "Utopia"}
    bad_item = {**first, "id": "bad-item", "items": [{"id": "x1", "kind": "flux_capacitor"}]}
    file = tmp_path / "cases.jsonl"
    file.write_text("\n".join([lines[0], "{oops", json.dumps(bad_country), json.dumps(bad_item), lines[1]]) + "\n")
    code, answers, err = run(
        [
            str(file),
            "--watchlist",
            str(assess_dev / "watchlist.ftm.jsonl"),
            "--denials",
            str(assess_dev / "denials.jsonl"),
        ],
        capsys,
    )
    assert code == 2
    assert [a["id"] for a in answers] == ["e01", "e02"]
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    assert "3 bad line(s)" in errors[3]
    assert "line 2" in errors[0] and "JSON" in errors[0]
    assert "line 3" in errors[1] and "bad-country" in errors[1] and "destination" in errors[1]
    assert "line 4" in errors[2] and "bad-item" in errors[2] and "x1" in errors[2] and "kind" in errors[2]


def test_as_of_selects_the_notifications_in_force(assess_dev: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # dev-dn-2 (MY, 15.B.1) was notified 2009-01-10 and revoked 2010-01-01
    _, before, _ = run([*dev_args(assess_dev), "--as-of", "2009-06-01"], capsys)
    e02 = next(a for a in before if a["id"] == "e02")
    assert e02["holds"] == ["denial_consultation"]
    assert e02["as_of"] == "2009-06-01"
    assert e02["denials_in_force"] == ["dev-dn-2"]
    # ... and dev-dn-1 (notified 2010-04-01) was not yet in force
    assert "denial_consultation" not in next(a for a in before if a["id"] == "e01")["holds"]
    code, _, err = run([*dev_args(assess_dev), "--as-of", "2009-13-01"], capsys)
    assert code == 2 and "--as-of" in err


def test_stored_notifications_and_no_stored_lists(
    assess_dev: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from catchall.services import denials
    from catchall.store.db import Database
    from catchall.store.migrate import upgrade

    db = Database(sqlite_url)
    upgrade(db)
    notes, problems = denials.load_file(assess_dev / "denials.jsonl")
    assert problems == []
    denials.import_notifications(db, notes, "officer:test")
    code, answers, err = run([str(assess_dev / "cases.jsonl"), "--database-url", sqlite_url], capsys)
    assert code == 0, err
    e01 = next(a for a in answers if a["id"] == "e01")
    assert e01["holds"] == ["denial_consultation"]  # from the stored notification
    for a in answers:
        # no list was imported: either only the built-in sanctions list was used, or the decision says
        # that screening could not be done -- it never passes silently
        assert set(a["list_versions"]) <= {"us-missile-sanctions"}
        if not a["list_versions"]:
            assert "screening_not_performed" in a["flags"]
            assert any(r["rule"] == "screening.not_performed" for r in a["reasons"])


def test_each_run_is_audited_with_a_digest_of_the_answers(
    assess_dev: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib

    from catchall.services import audit
    from catchall.store.db import Database

    capsys.readouterr()
    assert main(["assess", *dev_args(assess_dev), "--database-url", sqlite_url]) == 0
    out = capsys.readouterr().out
    with Database(sqlite_url).session() as s:
        (rec,) = [r for r in audit.history(s) if r.action == "licensing.assess_batch"]
        assert rec.payload["answers_sha256"] == hashlib.sha256(out.encode("utf-8")).hexdigest()
        assert sum(rec.payload["outcomes"].values()) == 10
        assert rec.payload["holds"]["screening_match"] == 2


def test_watch_lists_of_the_same_name_stay_apart(
    assess_dev: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    lines = (assess_dev / "watchlist.ftm.jsonl").read_text().splitlines()
    (tmp_path / "a" / "watchlist.ftm.jsonl").write_text(lines[1] + "\n")  # Ivanenko
    (tmp_path / "b" / "watchlist.ftm.jsonl").write_text(lines[0] + "\n")  # Orion
    cases = tmp_path / "cases.jsonl"
    cases.write_text("".join(x + "\n" for x in (assess_dev / "cases.jsonl").read_text().splitlines() if '"e06"' in x))
    args = [str(cases), "--watchlist", str(tmp_path / "a" / "watchlist.ftm.jsonl")]
    args += ["--watchlist", str(tmp_path / "b" / "watchlist.ftm.jsonl"), "--denials", str(assess_dev / "denials.jsonl")]
    code, (e06,), _ = run(args, capsys)
    assert code == 0
    assert set(e06["list_versions"]) == {"watchlist", "watchlist-2"}
    assert e06["screening"][0]["hits"][0]["list_name"] == "watchlist-2"
