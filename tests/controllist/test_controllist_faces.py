"""The faces: ``catchall classify`` / ``catchall annex`` and the /annex and /classify endpoints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from catchall.cli.main import main


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_dev_cases_all_pass_through_the_cli(
    classify_dev: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["classify", str(classify_dev / "cases.jsonl")]) == 0
    answers = tmp_path / "answers.jsonl"
    answers.write_text(capsys.readouterr().out, encoding="utf-8")
    scorer = classify_dev.parent / "score_cases.py"
    done = subprocess.run(
        [sys.executable, str(scorer), "classify", str(classify_dev / "truth.jsonl"), str(answers)],
        capture_output=True,
        text=True,
        check=True,
    )
    last = done.stdout.strip().splitlines()[-1]
    cases = len((classify_dev / "cases.jsonl").read_text().strip().splitlines())
    assert last.startswith(f"passed {cases}/{cases}"), done.stdout


def test_classify_reports_each_bad_line_and_still_classifies_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok1", "kind": "gyroscope", "parameters": {"drift_rate_deg_per_h": 0.1}}),
                "{not json",
                json.dumps({"id": "bad1", "kind": "gyroscope", "parameters": {"drift_rate_deg_per_h": -1}}),
                json.dumps({"id": "bad2", "kind": "warp_drive"}),
                json.dumps({"id": "ok2", "kind": "rocket_motor", "parameters": {"total_impulse_ns": 2e6}}),
            ]
        ),
        encoding="utf-8",
    )
    assert main(["classify", str(path)]) == 2
    captured = capsys.readouterr()
    assert [r["id"] for r in _lines(captured.out)] == ["ok1", "ok2"]
    err = captured.err
    assert "line 2: not valid JSON" in err
    assert "line 3: item bad1: parameters.drift_rate_deg_per_h" in err
    assert "line 4: item bad2: kind" in err
    assert "3 of 5 item lines" in err.splitlines()[-1]


def test_classify_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    item = {"id": "s1", "kind": "uav_system", "parameters": {"range_km": 800, "payload_kg": 900}}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(item) + "\n"))
    assert main(["classify", "-"]) == 0
    (out,) = _lines(capsys.readouterr().out)
    assert (out["category"], out["entries"]) == ("I", ["1.A.2"])


def test_annex_show_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annex", "show", "2.A.1.d"]) == 0
    text = capsys.readouterr().out
    assert "2.A.1.d" in text and "7A117" in text and "accuracy_pct_of_range <= 3.33 %" in text
    assert main(["annex", "show", "19.A.3", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["category"] == "II" and view["correlations"]["eu"] == ["9A112.b"]


def test_annex_show_unknown_code_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annex", "show", "2.A.9"]) == 2
    assert "no entry '2.A.9'" in capsys.readouterr().err


def test_annex_search_and_tree(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annex", "search", "turbofan engine", "--json", "--limit", "3"]) == 0
    hits = _lines(capsys.readouterr().out)
    assert hits[0]["code"] == "3.A.1"
    assert main(["annex", "tree", "20", "--json"]) == 0
    (tree,) = json.loads(capsys.readouterr().out)
    assert tree["code"] == "20" and [c["code"] for c in tree["children"]] == ["20.A", "20.B", "20.D", "20.E"]


def test_annex_estimate_range(capsys: pytest.CaptureFixture[str]) -> None:
    stages = json.dumps([{"propellant_mass_kg": 3770, "dry_mass_kg": 1130, "isp_s": 226}])
    assert main(["annex", "estimate-range", "--stages", stages, "--payload-kg", "985"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["label"].startswith("ESTIMATE") and "ESTIMATE" in captured.err
    assert 250 < out["estimated_range_km"] < 450
    assert main(["annex", "estimate-range", "--stages", "[{}]", "--payload-kg", "1"]) == 2
    assert "stages[0].propellant_mass_kg" in capsys.readouterr().err


# --- API -------------------------------------------------------------------------------------------


def test_api_needs_a_logged_in_user(client_as: Any) -> None:
    assert client_as(None).get("/annex/2.A.1.c").status_code == 401


def test_api_lookup_search_tree(client_as: Any) -> None:
    client = client_as("exporter")
    r = client.get("/annex/2.A.1.c")
    assert r.status_code == 200 and r.json()["category"] == "I"
    assert r.json()["correlations"]["eu"][0] == "9A005"
    r = client.get("/annex/search", params={"q": "gyro drift"})
    assert r.status_code == 200 and r.json()["results"][0]["code"] == "9.A.4"
    r = client.get("/annex/tree", params={"code": "19", "depth": 2})
    assert r.status_code == 200 and r.json()["tree"][0]["children"][0]["code"] == "19.A"
    r = client.get("/annex/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")


def test_api_classify_single_and_batch_are_audited(client_as: Any, app: Any) -> None:
    client = client_as("officer", "olga")
    one = {"id": "x1", "kind": "rocket_motor", "parameters": {"total_impulse_ns": 1_200_000}}
    r = client.post("/classify", json=one)
    assert r.status_code == 200
    assert (r.json()["category"], r.json()["entries"]) == ("I", ["2.A.1.c"])
    two = {"id": "x2", "kind": "gyroscope", "parameters": {"drift_rate_deg_per_h": 0.1}}
    r = client.post("/classify", json={"items": [one, two]})
    assert r.status_code == 200 and [x["category"] for x in r.json()["results"]] == ["I", "II"]

    from catchall.services import audit

    with app.state.db.session() as s:
        records = [rec for rec in audit.history(s, limit=10) if rec.action == "annex.classify"]
    assert len(records) == 2 and records[0].actor == "officer:olga"


def test_api_classify_bad_item_is_422_naming_id_and_field(client_as: Any) -> None:
    r = client_as("analyst").post("/classify", json={"id": "b1", "kind": "gyroscope", "parameters": {"x": 1}})
    assert r.status_code == 422
    assert "item b1: parameters.x" in r.json()["detail"]


def test_api_estimate_range(client_as: Any) -> None:
    body = {"stages": [{"propellant_mass_kg": 3770, "dry_mass_kg": 1130, "isp_s": 226}], "payload_kg": 500}
    r = client_as("analyst").post("/annex/estimate-range", json=body)
    assert r.status_code == 200 and r.json()["label"].startswith("ESTIMATE")


def test_recorded_classification_is_audited_on_each_backend(db: Any) -> None:
    from catchall.services import audit
    from catchall.services.classification import classify_recorded

    items = [{"id": "r1", "kind": "rocket_system", "parameters": {"range_km": 600, "payload_kg": 700}}]
    (result,) = classify_recorded(db, "analyst:ann", items)
    assert result.category == "I"
    with db.session() as s:
        (record,) = [r for r in audit.history(s, limit=5) if r.action == "annex.classify"]
        assert record.subject == "r1"
        assert record.payload["results"] == [{"id": "r1", "category": "I", "entries": ["1.A.1"]}]
        assert audit.verify(s).ok
