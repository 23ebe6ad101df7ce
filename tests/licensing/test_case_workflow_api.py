"""The licensing case workflow end to end through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

TODAY = datetime.now(UTC).date().isoformat()


def application(ident: str, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": ident,
        "date": TODAY,
        "destination": "AE",
        "items": [{"id": f"{ident}-1", "kind": "other", "description": "Carbon-fibre prepreg", "entries": ["6.C.1"]}],
        "parties": [
            {"role": "end_user", "name": "Orion Aerospace Trading L.L.C.", "country": "AE"},
            {"role": "consignee", "name": "Harbour Logistics Jebel Ali", "country": "AE"},
        ],
        "end_use": "civil aircraft structures",
        "information": {"wmd_delivery": False, "terrorism_risk": False},
        "assurances": {"government_to_government": False, "end_use": True, "no_retransfer": True},
    }
    base.update(overrides)
    return base


@pytest.fixture
def with_list(api: Any, assess_dev: Path) -> Any:
    """The dev watch list imported as a stored list (it lists 'Orion Aerospace Trading LLC')."""
    from catchall.services import lists

    db = api("admin").app.state.db
    lists.import_file(db, "ftm", assess_dev / "watchlist.ftm.jsonl", name="dev", actor="admin:test", rescreen=False)
    yield api
    lists.clear_index_cache()


def test_case_from_filing_to_decision(with_list: Any) -> None:
    api = with_list
    alice, bob = api("exporter", "alice"), api("exporter", "bob")
    olga = api("officer", "olga")

    # the exporter files; the case is submitted and assessed at once
    r = alice.post("/cases", json=application("APP-1"))
    assert r.status_code == 201, r.text
    case = r.json()
    cid = case["id"]
    assert case["state"] == "submitted" and case["owner"] == "alice"
    assert case["recommendation"] is None and case["alerts"] == []  # exporters do not see the assessment

    # exporters see their own cases only
    assert [c["id"] for c in alice.get("/cases").json()] == [cid]
    assert bob.get("/cases").json() == []
    assert bob.get(f"/cases/{cid}").status_code == 404

    # the officer sees the recommendation, the screening hold and the open alert
    seen = olga.get(f"/cases/{cid}").json()
    rec = seen["recommendation"]
    assert rec["outcome"] == "case_by_case" and seen["recommended"] == "case_by_case"
    assert "screening_match" in rec["holds"]
    assert "dev" in rec["list_versions"]
    open_alerts = [a for a in seen["alerts"] if a["status"] == "open"]
    assert len(open_alerts) == 1 and open_alerts[0]["entity_id"] == "dev-ent-1"
    assert open_alerts[0]["subject"] == f"case:{cid}:party:0"

    # not under review yet
    assert olga.post(f"/cases/{cid}/decision", json={"decision": "approved"}).status_code == 409
    r = olga.post(f"/cases/{cid}/review", json={})
    assert r.json()["state"] == "under_review" and r.json()["assigned_to"] == "olga"

    # open alerts block the decision
    r = olga.post(f"/cases/{cid}/decision", json={"decision": "approved"})
    assert r.status_code == 409 and "unresolved screening alert" in r.json()["detail"]

    # another officer may not decide a case assigned to olga
    assert api("officer", "oscar").post(f"/cases/{cid}/decision", json={"decision": "refused"}).status_code == 403

    r = olga.post(
        f"/cases/{cid}/alerts/{open_alerts[0]['id']}",
        json={"decision": "true_match", "reason": "same trade licence number as the listed company"},
    )
    assert r.status_code == 200, r.text
    assert [a["status"] for a in r.json()["alerts"]] == ["true_match"]
    assert olga.post(f"/cases/{cid}/notes", json={"text": "Listed company; refuse."}).status_code == 201

    # approving a confirmed true match departs from the recommendation: justification needed
    r = olga.post(f"/cases/{cid}/decision", json={"decision": "approved"})
    assert r.status_code == 422 and "justification" in r.json()["detail"]
    r = olga.post(f"/cases/{cid}/decision", json={"decision": "refused"})
    assert r.status_code == 200, r.text
    decided = r.json()
    assert decided["state"] == "decided" and decided["decision"] == "refused" and decided["decided_by"] == "olga"
    assert [n["text"] for n in decided["notes"]] == ["Listed company; refuse."]

    # the exporter sees the decision but not the internal notes
    mine = alice.get(f"/cases/{cid}").json()
    assert mine["decision"] == "refused" and mine["notes"] == []
    # a decided case cannot be withdrawn or decided again
    assert alice.post(f"/cases/{cid}/withdraw", json={}).status_code == 409
    assert (
        olga.post(f"/cases/{cid}/decision", json={"decision": "approved", "justification": "x" * 20}).status_code == 409
    )

    # issue our own denial notification; it then holds an essentially identical application
    r = olga.post(f"/cases/{cid}/denial-notification", json={"notifying_state": "GB"})
    assert r.status_code == 201, r.text
    note = r.json()
    assert note["destination"] == "AE" and note["entries"] == ["6.C.1"] and note["source_case"] == cid
    assert note["end_user"]["name"] == "Orion Aerospace Trading L.L.C."
    assert olga.get(f"/denials/{note['id']}").status_code == 200
    again = alice.post("/cases", json=application("APP-2")).json()
    assert "denial_consultation" in olga.get(f"/cases/{again['id']}").json()["recommendation"]["holds"]

    # every transition is in the audit log, in order
    actions = [h["action"] for h in olga.get(f"/cases/{cid}/history").json()]
    assert actions == [
        "case.create",
        "case.submit",
        "case.assess",
        "case.assign",
        "case.alert.resolve",
        "case.note",
        "case.decide",
        "case.denial_issued",
    ]
    from catchall.services import audit

    with olga.app.state.db.session() as s:
        assert audit.verify(s).ok


def test_departing_from_the_recommendation_needs_a_justification(api: Any) -> None:
    alice, olga = api("exporter", "alice"), api("officer", "olga")
    app = application("APP-3", information={"wmd_delivery": True, "terrorism_risk": False})
    cid = alice.post("/cases", json=app).json()["id"]
    case = olga.get(f"/cases/{cid}").json()
    assert case["recommended"] == "presumption_of_denial"
    olga.post(f"/cases/{cid}/review", json={})
    r = olga.post(f"/cases/{cid}/decision", json={"decision": "approved", "justification": "ok"})
    assert r.status_code == 422 and "presumption_of_denial" in r.json()["detail"]
    r = olga.post(
        f"/cases/{cid}/decision",
        json={"decision": "approved_with_provisos", "justification": "End use verified on site by the embassy."},
    )
    assert r.status_code == 422 and "provisos" in r.json()["detail"]
    r = olga.post(
        f"/cases/{cid}/decision",
        json={
            "decision": "approved_with_provisos",
            "justification": "End use verified on site by the embassy.",
            "provisos": "post-shipment inspection within 6 months",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["justification"].startswith("End use verified") and body["provisos"].startswith("post-shipment")
    history = olga.get(f"/cases/{cid}/history").json()
    decide = next(h for h in history if h["action"] == "case.decide")
    assert decide["payload"]["recommended"] == "presumption_of_denial"
    assert decide["payload"]["departures"]
    # a refused case can be notified only when something listed was refused
    assert olga.post(f"/cases/{cid}/denial-notification", json={"notifying_state": "GB"}).status_code == 409


def test_drafts_withdrawal_and_roles(api: Any) -> None:
    alice, olga, ann = api("exporter", "alice"), api("officer", "olga"), api("analyst", "ann")
    r = alice.post("/cases", params={"draft": "true"}, json=application("APP-4"))
    cid = r.json()["id"]
    assert r.json()["state"] == "draft"
    # officers cannot take drafts under review
    assert olga.post(f"/cases/{cid}/review", json={}).status_code == 409
    changed = application("APP-4", destination="QA")
    assert alice.put(f"/cases/{cid}/application", json=changed).json()["application"]["destination"] == "QA"
    assert api("exporter", "bob").put(f"/cases/{cid}/application", json=changed).status_code == 404
    assert alice.post(f"/cases/{cid}/submit").json()["state"] == "submitted"
    assert alice.put(f"/cases/{cid}/application", json=changed).status_code == 409
    # no list imported: the assessment says screening was not possible
    rec = olga.get(f"/cases/{cid}").json()["recommendation"]
    if not rec["list_versions"]:
        assert "screening_not_performed" in rec["flags"]
    r = alice.post(f"/cases/{cid}/withdraw", json={"reason": "order cancelled"})
    assert r.json()["state"] == "withdrawn"
    assert olga.post(f"/cases/{cid}/review", json={}).status_code == 409

    # roles
    assert ann.get("/cases").status_code == 403
    assert olga.post("/cases", json=application("APP-5")).status_code == 403
    assert alice.post(f"/cases/{cid}/review", json={}).status_code == 403
    assert alice.post(f"/cases/{cid}/notes", json={"text": "hi"}).status_code == 403
    assert alice.get(f"/cases/{cid}/history").status_code == 403
    assert api(None).get("/cases").status_code == 401
    assert olga.get("/cases", params={"state": "bogus"}).status_code == 422


def test_reassessment_picks_up_a_new_denial_notification(api: Any) -> None:
    alice, olga = api("exporter", "alice"), api("officer", "olga")
    app = application("APP-9", parties=[{"role": "end_user", "name": "Peninsula Test Systems Sdn Bhd"}])
    cid = alice.post("/cases", json=app).json()["id"]
    assert "denial_consultation" not in olga.get(f"/cases/{cid}").json()["recommendation"]["holds"]
    note = {
        "id": "NL-77",
        "notifying_state": "NL",
        "date": "2001-01-01",
        "destination": "AE",
        "end_user": {"name": "Peninsula Test Systems Sdn. Bhd."},
        "entries": ["6.C"],
    }
    assert olga.post("/denials", json=note).status_code == 201
    assert olga.post(f"/cases/{cid}/review", json={}).status_code == 200
    case = olga.post(f"/cases/{cid}/reassess").json()
    rec = case["recommendation"]
    assert rec["holds"] == ["denial_consultation"] and rec["denials_in_force"] == ["NL-77"]
    assert rec["denial_matches"][0]["shared_entries"] == ["6.C.1"]
    assert [h["action"] for h in olga.get(f"/cases/{cid}/history").json()][-1] == "case.reassess"
    # approving now departs from the recommendation (no undercut without consultation)
    r = olga.post(f"/cases/{cid}/decision", json={"decision": "approved"})
    assert r.status_code == 422 and "no undercut" in r.json()["detail"]
    r = olga.post(
        f"/cases/{cid}/decision",
        json={"decision": "approved", "justification": "Consulted NL on 2026-11-20; they raised no objection."},
    )
    assert r.status_code == 200


def test_bad_application_is_refused_with_the_field(api: Any) -> None:
    r = api("exporter", "alice").post("/cases", json=application("APP-6", destination="Narnia"))
    assert r.status_code == 422
    assert "APP-6" in r.json()["detail"] and "destination" in r.json()["detail"]
    r = api("exporter", "alice").post(
        "/cases", json=application("APP-7", items=[{"id": "z", "kind": "other", "parameters": {"warp": 9}}])
    )
    assert r.status_code == 422 and "APP-7" in r.json()["detail"] and "z" in r.json()["detail"]


def test_stateless_assessment(api: Any) -> None:
    r = api("officer").post("/assess", json=application("APP-8"), params={"as_of": "2020-01-01"})
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["outcome"] == "case_by_case" and d["as_of"] == "2020-01-01" and d["annex_edition"]
    assert api("analyst").post("/assess", json=application("APP-8")).status_code == 403


def test_openapi_documents_the_licensing_endpoints(client_as: Any) -> None:
    spec = client_as(None).get("/openapi.json").json()
    for path in ("/assess", "/cases", "/cases/{case_id}/decision", "/cases/{case_id}/alerts/{alert_id}", "/denials"):
        assert path in spec["paths"], path
    assert spec["paths"]["/cases/{case_id}/decision"]["post"]["description"]
