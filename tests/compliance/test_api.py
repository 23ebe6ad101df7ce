"""API: registries readable by every user, writable by analysts; transfers CRUD, import/export, reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from catchall.reports import pdf_text

COMMITMENT = {
    "id": "kp-test-pledge",
    "state": "KP",
    "kind": "pledge",
    "instrument": "Test pledge",
    "effect": "guidelines",
    "since": "2010-01-01",
    "source": "test",
}


def test_registry_reads_for_any_user(client_as: Any) -> None:
    c = client_as("exporter")
    states = c.get("/registry/states", params={"regime": "MTCR", "as_of": "1987-04-16"}).json()
    assert {s["code"] for s in states} == {"US", "GB", "FR", "DE", "IT", "JP", "CA"}
    assert c.get("/registry/states/CHN").json()["code"] == "CN"
    cn = c.get("/registry/commitments", params={"state": "CN", "as_of": "2001-01-01"}).json()
    assert [x["id"] for x in cn] == [
        "cn-1992-mtcr-pledge",
        "cn-1994-us-china-joint-statement",
        "cn-2000-no-assistance-pledge",
    ]
    sanctions = c.get("/registry/sanctions", params={"as_of": "2004-01-01", "state": "MD"}).json()
    assert {d["entity"]["name"] for d in sanctions} == {"Cuanta S.A.", "Computer & Communicatii SRL", "Mikhail Vladov"}
    wl = c.get("/registry/sanctions/watchlist", params={"as_of": "2004-01-01"}).json()
    assert all(e["datasets"] == ["us-missile-sanctions"] for e in wl)
    assert c.get("/registry/facts", params={"state": "CN"}).status_code == 200


def test_anonymous_is_refused(client_as: Any) -> None:
    r = client_as(None).get("/registry/commitments")
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/problem+json")


def test_writes_need_the_analyst_role(client_as: Any) -> None:
    assert client_as("officer").post("/registry/commitments", json=COMMITMENT).status_code == 403
    analyst = client_as("analyst")
    assert analyst.post("/registry/commitments", json=COMMITMENT).status_code == 201
    assert analyst.get("/registry/commitments/kp-test-pledge").json()["instrument"] == "Test pledge"
    r = analyst.put("/registry/commitments/kp-test-pledge", json={**COMMITMENT, "id": "other"})
    assert r.status_code == 422 and "differs" in r.json()["detail"]
    assert analyst.delete("/registry/commitments/kp-test-pledge").status_code == 204
    assert analyst.get("/registry/commitments/kp-test-pledge").status_code == 404


def test_invalid_commitment_names_the_field(client_as: Any) -> None:
    r = client_as("analyst").post("/registry/commitments", json={**COMMITMENT, "effect": "nonsense"})
    assert r.status_code == 422 and "effect" in r.json()["detail"]


def test_transfers_import_export_assess_and_report(client_as: Any, dev_file: Path) -> None:
    analyst = client_as("analyst")
    body = dev_file.read_bytes()
    assert client_as("officer").post("/compliance/transfers/import", content=body).status_code == 403
    r = analyst.post("/compliance/transfers/import", content=body, headers={"content-type": "application/x-ndjson"})
    assert r.json() == {"created": 8, "updated": 0, "errors": []}
    exported = [json.loads(x) for x in analyst.get("/compliance/transfers/export").text.splitlines()]
    assert len(exported) == 8
    officer = client_as("officer")
    assert [t["id"] for t in officer.get("/compliance/transfers", params={"state": "CN"}).json()] == ["v02", "v01"]
    assert officer.get("/compliance/transfers/v08/finding").json()["finding"] == "contrary"
    pdf = officer.get("/compliance/reports/CN", params={"format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf"
    assert "Not adhering" in " ".join(pdf_text(pdf.content).split())
    html = officer.get(
        "/compliance/reports/CN", params={"format": "html", "from": "2000-01-01", "to": "2000-12-31"}
    ).text
    assert "<svg" in html and "v02" in html and "v01" not in html


def test_assess_endpoint_takes_one_or_many(client_as: Any, dev_cases: list[dict[str, Any]]) -> None:
    c = client_as("exporter")
    one = c.post("/compliance/assess", json=dev_cases[0]).json()
    assert [f["id"] for f in one] == ["v01"]
    many = c.post("/compliance/assess", json=dev_cases).json()
    assert [f["finding"] for f in many][:3] == ["contrary", "not_precluded", "not_precluded"]
    bad = c.post("/compliance/assess", json=[{"id": "x"}])
    assert bad.status_code == 422 and "transfer #1" in bad.json()["detail"]


def test_transfer_crud(client_as: Any, dev_cases: list[dict[str, Any]]) -> None:
    a = client_as("analyst")
    assert a.post("/compliance/transfers", json=dev_cases[3]).status_code == 201
    changed = {**dev_cases[3], "government_to_government_undertakings": True}
    assert a.put("/compliance/transfers/v04", json=changed).status_code == 200
    assert a.get("/compliance/transfers/v04/finding").json()["finding"] == "not_precluded"
    assert a.delete("/compliance/transfers/v04").status_code == 204
    assert a.get("/compliance/transfers/v04").status_code == 404
