"""Denial notifications through the API: CRUD, import, revocation, roles, audit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NOTE: dict[str, Any] = {
    "id": "IT-1",
    "notifying_state": "IT",
    "date": "2010-04-01",
    "destination": "AE",
    "end_user": {"name": "Gulf Composite Structures FZE", "country": "AE"},
    "entries": ["6.C.1"],
    "description": "prepregs",
}


def test_officer_creates_reads_updates_revokes_and_deletes(api: Any) -> None:
    officer = api("officer", "olga")
    r = officer.post("/denials", json=NOTE)
    assert r.status_code == 201, r.text
    assert r.json()["revoked"] is None
    assert officer.post("/denials", json=NOTE).status_code == 409

    assert officer.get("/denials/IT-1").json()["end_user"]["name"] == "Gulf Composite Structures FZE"
    r = officer.put("/denials/IT-1", json={**NOTE, "entries": ["6.C.1", "6.C.2"]})
    assert r.status_code == 200 and r.json()["entries"] == ["6.C.1", "6.C.2"]

    r = officer.post("/denials/IT-1/revoke", json={"date": "2012-01-01"})
    assert r.json()["revoked"] == "2012-01-01"
    in_force_2011 = officer.get("/denials", params={"in_force_on": "2011-06-01"}).json()
    in_force_2013 = officer.get("/denials", params={"in_force_on": "2013-06-01"}).json()
    assert [n["id"] for n in in_force_2011] == ["IT-1"]
    assert in_force_2013 == []

    assert officer.delete("/denials/IT-1").status_code == 204
    assert officer.get("/denials/IT-1").status_code == 404


def test_changes_are_audited(api: Any) -> None:
    from catchall.services import audit

    officer = api("officer", "olga")
    officer.post("/denials", json=NOTE)
    officer.post("/denials/IT-1/revoke", json={"date": "2012-01-01"})
    db = officer.app.state.db
    with db.session() as s:
        recs = audit.history(s, subject="denial:IT-1")
        assert [r.action for r in reversed(recs)] == ["denial.create", "denial.revoke"]
        assert all(r.actor == "officer:olga" for r in recs)
        assert audit.verify(s).ok


def test_roles(api: Any) -> None:
    api("officer").post("/denials", json=NOTE)
    analyst = api("analyst")
    assert analyst.get("/denials").status_code == 200
    assert analyst.get("/denials/IT-1").status_code == 200
    assert analyst.post("/denials", json={**NOTE, "id": "x"}).status_code == 403
    assert analyst.delete("/denials/IT-1").status_code == 403
    exporter = api("exporter")
    assert exporter.get("/denials").status_code == 403
    assert api(None).get("/denials").status_code == 401


def test_bad_notification_names_the_field(api: Any) -> None:
    r = api("officer").post("/denials", json={**NOTE, "source_case": 4242})
    assert r.status_code == 422 and "source_case" in r.json()["detail"]
    r = api("officer").post("/denials", json={**NOTE, "destination": "Arabia"})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "destination" in r.json()["detail"] and "IT-1" in r.json()["detail"]


def test_import_json_lines_reports_bad_lines_and_keeps_the_rest(api: Any, assess_dev: Path) -> None:
    officer = api("officer")
    good = (assess_dev / "denials.jsonl").read_text()
    bad = json.dumps({**NOTE, "id": "BAD", "entries": []})
    body = good + bad + "\n{not json\n"
    r = officer.post("/denials/import", files={"file": ("denials.jsonl", body, "application/x-ndjson")})
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["created"] == 2
    assert len(summary["errors"]) == 2
    assert "line 3" in summary["errors"][0] and "BAD" in summary["errors"][0]
    assert "line 4" in summary["errors"][1]
    # importing again changes nothing
    again = officer.post("/denials/import", files={"file": ("denials.jsonl", good, "application/x-ndjson")}).json()
    assert again["created"] == 0 and again["unchanged"] == 2
    revoked = officer.get("/denials/dev-dn-2").json()
    assert revoked["revoked"] == "2010-01-01"
