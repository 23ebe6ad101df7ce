"""The pages with data in them (the demo seed): what each role sees and can do, through the real forms."""

from __future__ import annotations

import io
import json
import os
import re
import time
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

PW = "content-test-password"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """One app per module on a database holding the demo data (seeding takes a few seconds)."""
    from catchall.api.app import create_app
    from catchall.services import accounts
    from catchall.services.demo import USERS, seed_demo

    data = tmp_path_factory.mktemp("content-data")
    old = os.environ.get("CATCHALL_DATA_DIR")
    os.environ["CATCHALL_DATA_DIR"] = str(data)  # indexes of imported lists go here, not to the user's directory
    app = create_app(f"sqlite:///{data / 'content.db'}")
    seed_demo(app.state.db)
    for username, _ in USERS:
        accounts.set_password(app.state.db, username, PW)
    accounts.create_user(app.state.db, "other-exporter", "exporter", PW)
    yield app
    if old is None:
        os.environ.pop("CATCHALL_DATA_DIR", None)
    else:
        os.environ["CATCHALL_DATA_DIR"] = old


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF token on the page"
    return m.group(1)


@pytest.fixture
def as_user(seeded: FastAPI) -> Callable[[str], TestClient]:
    """A client logged in through the form as that user (a fresh session each time: re-seeding the demo
    sets new passwords, which ends older sessions)."""

    def make(username: str) -> TestClient:
        c = TestClient(seeded)
        r = c.post(
            "/ui/login",
            data={"username": username, "password": PW, "csrf_token": _csrf(c.get("/ui/login").text)},
            follow_redirects=False,
        )
        assert r.status_code == 303
        return c

    return make


def _case_id(client: TestClient, reference: str) -> int:
    m = re.search(
        r'href="/ui/cases/(\d+)">#\d+</a></td>\s*<td>' + re.escape(reference), client.get("/ui/cases?state=all").text
    )
    assert m, f"case {reference} not listed"
    return int(m.group(1))


def test_dashboard_panels_per_role(as_user: Callable[[str], TestClient]) -> None:
    officer = as_user("demo-officer").get("/ui/").text
    assert "Alerts awaiting review" in officer and "Open cases" in officer and "demo-watchlist" in officer
    analyst = as_user("demo-analyst").get("/ui/").text
    assert "HCOC launches" in analyst and "<svg" in analyst and "Alerts awaiting review" not in analyst
    exporter = as_user("demo-exporter").get("/ui/").text
    assert "My open applications" in exporter and "DEMO-001" in exporter


def test_exporter_sees_own_cases_only(as_user: Callable[[str], TestClient]) -> None:
    mine = as_user("demo-exporter")
    case_id = _case_id(mine, "DEMO-001")
    page = mine.get(f"/ui/cases/{case_id}").text
    assert "DEMO-001" in page and "Recommended outcome" not in page  # no internal assessment for exporters
    other = as_user("other-exporter")
    assert "DEMO-001" not in other.get("/ui/cases?state=all").text
    assert other.get(f"/ui/cases/{case_id}").status_code == 404


def test_application_form_errors_are_shown_on_the_fields(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-exporter")
    form = c.get("/ui/cases/new").text
    r = c.post(
        "/ui/cases/new", data={"csrf_token": _csrf(form), "destination": "Brazil", "item-1-parameters": "range_km=far"}
    )
    assert r.status_code == 422
    assert 'id="destination" name="destination"' in r.text and 'aria-describedby="destination-error"' in r.text
    assert "range_km: &#39;far&#39; is not a number" in r.text
    assert "Give the application a reference." in r.text


def test_officer_resolves_case_alert_then_decision_needs_justification_to_depart(
    as_user: Callable[[str], TestClient],
) -> None:
    c = as_user("demo-officer")
    case_id = _case_id(c, "DEMO-001")
    page = c.get(f"/ui/cases/{case_id}").text
    assert "Zephyr Aerodynamics Trading LLC" in page and "Resolve alert" in page
    alert_id = re.search(rf'action="/ui/cases/{case_id}/alerts/(\d+)"', page).group(1)  # type: ignore[union-attr]
    token = _csrf(page)
    assert c.post(f"/ui/cases/{case_id}/review", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    # Deciding with an open alert is refused, with the service's reason on the page.
    blocked = c.post(f"/ui/cases/{case_id}/decide", data={"csrf_token": token, "decision": "approved"})
    assert blocked.status_code == 409 and "unresolved screening alert" in blocked.text
    r = c.post(
        f"/ui/cases/{case_id}/alerts/{alert_id}",
        data={"csrf_token": token, "decision": "true_match", "reason": "Same company, trade licence number checked"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    decided = c.post(
        f"/ui/cases/{case_id}/decide",
        data={"csrf_token": token, "decision": "refused", "justification": "Consignee is a listed entity"},
    )
    assert decided.status_code == 200 and "Decision recorded." in decided.text
    for verb in ("case.alert.resolve", "case.assign", "case.decide"):
        assert verb in decided.text  # the timeline comes from the audit log


def test_departing_from_a_denial_needs_a_justification(as_user: Callable[[str], TestClient]) -> None:
    exporter = as_user("demo-exporter")
    form = exporter.get("/ui/cases/new").text
    application = {
        "id": "DEPART-1",
        "date": "2026-01-05",
        "destination": "NZ",
        "items": [{"id": "r1", "kind": "rocket_system", "parameters": {"range_km": 900, "payload_kg": 800}}],
        "parties": [{"role": "end_user", "name": "Southern Lights Launch Ltd", "country": "NZ"}],
    }
    r = exporter.post(
        "/ui/cases/new",
        data={"csrf_token": _csrf(form), "application_json": json.dumps(application)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    case_id = int(r.headers["location"].split("/")[-1].split("?")[0])
    officer = as_user("demo-officer")
    token = _csrf(officer.get(f"/ui/cases/{case_id}").text)
    officer.post(f"/ui/cases/{case_id}/review", data={"csrf_token": token})
    refused = officer.post(f"/ui/cases/{case_id}/decide", data={"csrf_token": token, "decision": "approved"})
    assert refused.status_code == 422 and "departs from the recommendation" in refused.text
    assert "Not decided yet" not in refused.text and 'id="decision"' in refused.text  # the form is still there


def test_classification_fragment_for_htmx_and_full_page_without_js(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-analyst")
    token = _csrf(c.get("/ui/classify").text)
    data = {"csrf_token": token, "kind": "rocket_system", "param-range_km": "800", "param-payload_kg": "700"}
    fragment = c.post("/ui/classify", data=data, headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<div id="result"') and "<html" not in fragment.text
    assert "Category I" in fragment.text and "1.A.1" in fragment.text
    full = c.post("/ui/classify", data=data)
    assert "<html" in full.text and "Category I" in full.text
    bad = c.post("/ui/classify", data={**data, "param-range_km": "eight hundred"})
    assert bad.status_code == 422 and 'aria-invalid="true"' in bad.text


def test_annex_search_tree_and_entry(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-exporter")
    assert "<details>" in c.get("/ui/annex").text
    assert "2.A.1.c" in c.get("/ui/annex", params={"q": "rocket motor"}).text
    entry = c.get("/ui/annex/2.A.1.c").text
    assert "total_impulse_ns" in entry and "Category I" in entry


def test_screen_a_name_and_adjudicate(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-officer")
    token = _csrf(c.get("/ui/screening").text)
    r = c.post(
        "/ui/screening",
        data={"csrf_token": token, "name": "Таркан Волков", "entity_type": "Person"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    result = c.get(r.headers["location"]).text
    assert "Tarkan Volkov" in result and "Why it matched" in result  # Cyrillic spelling found, explained
    alert_id = re.search(r'action="/ui/screening/alerts/(\d+)"', result).group(1)  # type: ignore[union-attr]
    back = re.search(r'name="back" value="([^"]+)"', result).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    done = c.post(
        f"/ui/screening/alerts/{alert_id}",
        data={"csrf_token": token, "decision": "false_positive", "reason": "Different birth date", "back": back},
    )
    assert "Different birth date" in done.text and "false positive" in done.text
    # An admin may read any officer's ad-hoc result.
    assert as_user("demo-admin").get(r.headers["location"]).status_code == 200


def test_screening_form_errors(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-officer")
    token = _csrf(c.get("/ui/screening").text)
    r = c.post("/ui/screening", data={"csrf_token": token, "name": "", "country": "Iran"})
    assert r.status_code == 422 and "Enter the name to screen." in r.text and "Two-letter ISO code" in r.text


def test_batch_screening_upload_progress_and_csv(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-officer")
    token = _csrf(c.get("/ui/screening/batch").text)
    csv_text = "id,name,country\nr1,Kestrel Guidance Systems Company Limited,KP\nr2,Acme Bakery,FR\nr3,,DE\n"
    r = c.post(
        "/ui/screening/batch",
        data={"csrf_token": token},
        files={"upload": ("names.csv", io.BytesIO(csv_text.encode()), "text/csv")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    url = r.headers["location"]
    for _ in range(100):
        fragment = c.get(url, headers={"HX-Request": "true"}).text
        if "finished" in fragment:
            break
        time.sleep(0.1)
    assert "finished" in fragment and "1 row with a match" in fragment and "row 4: no name" in fragment
    rows = c.get(url + "/results.csv").text.splitlines()
    assert rows[0].startswith("row,ref,name") and any("Kestrel Guidance Systems Co. Ltd" in line for line in rows)
    # An admin may follow any officer's job.
    assert as_user("demo-admin").get(url).status_code == 200


def test_batch_upload_without_name_column_is_explained(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-officer")
    token = _csrf(c.get("/ui/screening/batch").text)
    r = c.post(
        "/ui/screening/batch",
        data={"csrf_token": token},
        files={"upload": ("x.csv", io.BytesIO(b"firm,country\nAcme,FR\n"), "text/csv")},
    )
    assert r.status_code == 422 and "no &#39;name&#39; column" in r.text


def test_alert_queue_has_chart(as_user: Callable[[str], TestClient]) -> None:
    page = as_user("demo-officer").get("/ui/screening/alerts").text
    assert "Awaiting review" in page and "<svg" in page


def test_analyst_compliance_report_downloads(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-analyst")
    page = c.get("/ui/compliance").text
    assert "Transfers by year and finding" in page and "demo-t03" in page
    pdf = c.get("/ui/compliance/report", params={"state": "CN", "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="compliance-CN.pdf"'
    assert c.get("/ui/compliance/report", params={"state": "", "format": "pdf"}).status_code == 422


def test_compliance_import_reports_bad_lines(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-analyst")
    token = _csrf(c.get("/ui/compliance").text)
    bad = c.post(
        "/ui/compliance/import",
        data={"csrf_token": token},
        files={"upload": ("t.jsonl", io.BytesIO(b'{"id": "x1"}\nnot json\n'), "application/json")},
    )
    assert bad.status_code == 422 and "2 bad transfer(s), nothing imported" in bad.text and "line 1: date" in bad.text


def test_hcoc_page_report_and_registries(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-analyst")
    hcoc = c.get("/ui/hcoc").text
    assert "Launches by notification status" in hcoc and "demo-l-5" in hcoc and "not subscribed" in hcoc
    year = re.search(r'<option value="(\d{4})"', hcoc).group(1)  # type: ignore[union-attr]
    assert "Annual declarations" in c.get("/ui/hcoc", params={"year": year}).text
    report = c.get("/ui/hcoc/report", params={"year": year, "format": "pdf"})
    assert report.content.startswith(b"%PDF")
    for tab in ("states", "commitments", "determinations", "denials"):
        assert c.get("/ui/registries", params={"tab": tab}).status_code == 200
    assert "DEMO-DN-1" in c.get("/ui/registries", params={"tab": "denials"}).text
    assert "MTCR" in c.get("/ui/registries/states/CN").text


def test_admin_lists_import_versions_and_diff(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-admin")
    page = c.get("/ui/lists").text
    assert "demo-watchlist" in page
    from catchall.services.demo import WATCHLIST

    changed = [
        *WATCHLIST[1:],
        {"id": "new-1", "schema": "Organization", "properties": {"name": ["Nimbus Avionics Brokers"]}},
    ]
    body = "".join(json.dumps(e) + "\n" for e in changed).encode()
    r = c.post(
        "/ui/lists",
        data={"csrf_token": _csrf(page), "source": "ftm", "name": "demo-watchlist"},
        files={"upload": ("update.jsonl", io.BytesIO(body), "application/json")},
    )
    assert r.status_code == 200 and "as version 2 of demo-watchlist" in r.text
    assert "superseded" in c.get("/ui/lists/demo-watchlist").text
    diff = c.get("/ui/lists/demo-watchlist/diff").text
    assert "Nimbus Avionics Brokers" in diff and "Zephyr Aerodynamics Trading LLC" in diff  # added / removed


def test_demo_seed_is_idempotent(seeded: FastAPI) -> None:
    from catchall.services import compliance, licensing
    from catchall.services.demo import seed_demo

    class Officer:
        username, role, actor = "x", "officer", "officer:x"

    before = (len(licensing.list_cases(seeded.state.db, Officer())), len(compliance.list_transfers(seeded.state.db)))
    lines = seed_demo(seeded.state.db)
    after = (len(licensing.list_cases(seeded.state.db, Officer())), len(compliance.list_transfers(seeded.state.db)))
    assert before == after
    assert sum("password" in line for line in lines) == 4
    from catchall.services import accounts
    from catchall.services.demo import USERS

    for username, _ in USERS:  # the re-seed printed new passwords; later tests log in with the known one
        accounts.set_password(seeded.state.db, username, PW)


def test_hcoc_import_adds_a_launch_and_names_bad_lines(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-analyst")
    token = _csrf(c.get("/ui/hcoc").text)
    launch = {"id": "imp-l-1", "state": "FR", "date": "2025-05-05", "vehicle_class": "space_launch_vehicle"}
    ok = c.post(
        "/ui/hcoc/import",
        data={"csrf_token": token, "kind": "launches"},
        files={"upload": ("l.jsonl", io.BytesIO((json.dumps(launch) + "\n").encode()), "application/json")},
    )
    assert ok.status_code == 200 and "1 launches added" in ok.text and "imp-l-1" in ok.text
    bad = c.post(
        "/ui/hcoc/import",
        data={"csrf_token": token, "kind": "launches"},
        files={"upload": ("b.jsonl", io.BytesIO(b'{"id": "x", "state": "FR"}\n'), "application/json")},
    )
    assert bad.status_code == 422 and "b.jsonl line 1" in bad.text and "nothing imported" in bad.text


def test_exporter_saves_a_draft_then_submits_it(as_user: Callable[[str], TestClient]) -> None:
    c = as_user("demo-exporter")
    form = c.get("/ui/cases/new").text
    r = c.post(
        "/ui/cases/new",
        data={
            "csrf_token": _csrf(form),
            "id": "DRAFT-1",
            "destination": "FR",
            "item-1-description": "Test stand",
            "item-1-kind": "test_stand",
            "party-1-name": "Banc d'Essai SARL",
            "party-1-country": "FR",
            "action": "draft",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = c.get(r.headers["location"]).text
    assert "Draft saved" in page and "State: <strong>draft</strong>" in page, page[
        page.find("<main") : page.find("<main") + 400
    ]
    case_url = r.headers["location"].split("?")[0]
    done = c.post(case_url + "/submit", data={"csrf_token": _csrf(page)})
    assert "Application submitted and assessed." in done.text and "State: <strong>submitted</strong>" in done.text
