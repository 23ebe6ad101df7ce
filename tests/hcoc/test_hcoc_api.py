"""HCOC endpoints: any logged-in user reads, analysts (and admins) write; errors are problem+json."""

from __future__ import annotations

from typing import Any

PLN = {
    "id": "p1",
    "state": "FR",
    "submitted": "2020-05-01",
    "vehicle_class": "ballistic_missile",
    "window_start": "2020-06-10",
    "window_end": "2020-06-20",
}
LAUNCH = {"id": "l1", "state": "FR", "date": "2020-06-20", "vehicle_class": "ballistic_missile"}


def test_reading_needs_a_login_and_writing_needs_analyst(client_as: Any) -> None:
    assert client_as(None).get("/hcoc/subscribers").status_code == 401
    exporter = client_as("exporter")
    assert exporter.get("/hcoc/subscribers").json()["count"] == 145
    r = exporter.post("/hcoc/notifications", json=PLN)
    assert r.status_code == 403 and r.headers["content-type"].startswith("application/problem+json")
    assert client_as("analyst").post("/hcoc/notifications", json=PLN).status_code == 201
    assert client_as("admin").delete("/hcoc/notifications/p1").status_code == 204


def test_crud_round_trip_and_errors(client_as: Any) -> None:
    c = client_as("analyst")
    assert c.post("/hcoc/launches", json=LAUNCH).status_code == 201
    assert c.post("/hcoc/launches", json=LAUNCH).status_code == 409
    assert c.get("/hcoc/launches/l1").json()["date"] == "2020-06-20"
    assert c.put("/hcoc/launches/l1", json={**LAUNCH, "vehicle": "M51"}).json()["vehicle"] == "M51"
    assert [i["id"] for i in c.get("/hcoc/launches", params={"year": 2020}).json()["items"]] == ["l1"]
    bad = c.post("/hcoc/launches", json={**LAUNCH, "id": "l2", "vehicle_class": "cruise"})
    assert bad.status_code == 422 and "vehicle_class" in bad.json()["detail"]
    assert c.get("/hcoc/launches/nope").status_code == 404
    decl = {"state": "FR", "year": 2020, "submitted": "2021-02-01", "launches": {"ballistic_missile": 1}}
    assert c.post("/hcoc/declarations", json=decl).status_code == 201
    assert c.get("/hcoc/declarations/FR-2020").json()["launches"] == {"ballistic_missile": 1}


def test_subscriber_lookup_and_as_of(client_as: Any) -> None:
    c = client_as("officer")
    assert c.get("/hcoc/subscribers/IN").json()["subscribed"] == "2016-06-01"
    assert c.get("/hcoc/subscribers/CN").status_code == 404
    assert c.get("/hcoc/subscribers", params={"as_of": "2016-05-31"}).json()["count"] == 137


def test_stateless_check_stored_checks_import_and_report(client_as: Any) -> None:
    c = client_as("analyst")
    r = c.post(
        "/hcoc/check", json={"notifications": [PLN], "launches": [LAUNCH, {**LAUNCH, "id": "l2", "date": "2020-07-21"}]}
    )
    assert [(x["id"], x["status"]) for x in r.json()["results"]] == [("l1", "notified"), ("l2", "not_notified")]
    bad = c.post("/hcoc/check", json={"launches": [{"id": "x"}]})
    assert bad.status_code == 422 and "launches[0]" in bad.json()["detail"]
    body = "\n".join(__import__("json").dumps(x) for x in [PLN, {**PLN, "id": "p2"}])
    assert c.post("/hcoc/import/notifications", content=body).json() == {
        "kind": "notifications",
        "created": 2,
        "updated": 0,
    }
    broken = c.post("/hcoc/import/launches", content='{"id": "x"}\n')
    assert broken.status_code == 422 and "body line 1" in broken.json()["detail"]
    assert c.post("/hcoc/launches", json=LAUNCH).status_code == 201
    assert c.get("/hcoc/checks/launches", params={"year": 2020}).json()["results"][0]["status"] == "notified"
    decls = c.get("/hcoc/checks/declarations", params={"year": 2020}).json()["results"]
    assert any(d["state"] == "FR" and d["submitted"] is False for d in decls)
    html = c.get("/hcoc/report", params={"year": 2020})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html") and "<svg" in html.text
    pdf = c.get("/hcoc/report", params={"year": 2020, "format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_changes_through_the_api_are_audited_with_the_callers_name(app: Any, client_as: Any) -> None:
    from catchall.services import audit

    c = client_as("analyst", "ana")
    decl = {"state": "GB", "year": 2021, "submitted": "2022-01-15", "policies": "restraint", "launches": {}}
    assert c.post("/hcoc/declarations", json=decl).status_code == 201
    assert c.put("/hcoc/declarations/GB-2021", json={"submitted": "2022-01-20"}).status_code == 200
    assert c.delete("/hcoc/declarations/GB-2021").status_code == 204
    assert c.get("/hcoc/declarations/GB-2021").status_code == 404
    with app.state.db.session() as s:
        recs = list(reversed(audit.history(s, subject="hcoc:declaration:GB-2021")))
    assert [(r.actor, r.action) for r in recs] == [
        ("analyst:ana", "hcoc.declaration.create"),
        ("analyst:ana", "hcoc.declaration.update"),
        ("analyst:ana", "hcoc.declaration.delete"),
    ]
    assert (
        recs[1].payload["before"]["submitted"] == "2022-01-15" and recs[1].payload["after"]["submitted"] == "2022-01-20"
    )
