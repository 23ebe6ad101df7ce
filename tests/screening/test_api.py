"""POST /match/{dataset} in the yente shape, and GET /search."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from catchall.errors import NotFound
from catchall.screening import ScreeningIndex
from catchall.services import screening as screening_service


@pytest.fixture
def lists(monkeypatch: pytest.MonkeyPatch, small_index: ScreeningIndex) -> None:
    def fake_get_index(db: Any, dataset: str, as_of: date | None = None) -> ScreeningIndex:
        if dataset not in ("default", "small"):
            raise NotFound(f"list {dataset!r} had no version in force")
        return small_index

    monkeypatch.setattr(screening_service, "get_index", fake_get_index)


YENTE_BODY = {
    "queries": {
        "q1": {"schema": "Person", "properties": {"name": ["Wladimir Putin"], "birthDate": ["1952"]}},
        "q2": {"schema": "Company", "properties": {"name": ["Trading Company Limited"]}},
        "q3": {"schema": "Person", "properties": {"name": ["김정은"], "nationality": ["kp"]}},
    }
}


def test_match_answers_a_yente_style_request(client_as: Callable[..., Any], lists: None) -> None:
    resp = client_as("exporter").post("/match/small?threshold=0.7&limit=3", json=YENTE_BODY)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body["responses"]) == {"q1", "q2", "q3"}
    q1 = body["responses"]["q1"]
    assert q1["status"] == 200 and q1["total"]["value"] == len(q1["results"]) <= 3
    best = q1["results"][0]
    assert best["id"] == "p-putin" and best["match"] is True and 0.7 <= best["score"] <= 1.0
    assert {"id", "caption", "schema", "properties", "datasets", "score", "match", "features", "explanations"} <= set(
        best
    )
    assert best["properties"]["name"] == ["Vladimir Vladimirovich Putin"]
    assert "putin" in best["explanations"]["name"]["detail"]
    assert best["list_version"] == "small-1"
    assert not any(r["match"] for r in body["responses"]["q2"]["results"])
    assert body["responses"]["q3"]["results"][0]["id"] == "p-kim"


def test_match_rejects_malformed_bodies_naming_the_query(client_as: Callable[..., Any], lists: None) -> None:
    client = client_as("officer")
    resp = client.post("/match/small", json={"queries": {"bad": {"schema": "Person", "properties": {}}}})
    assert resp.status_code == 422
    assert "bad" in resp.json()["detail"]
    assert client.post("/match/small", json={"nothing": 1}).status_code == 422


def test_unknown_dataset_is_404(client_as: Callable[..., Any], lists: None) -> None:
    resp = client_as("analyst").post("/match/nope", json=YENTE_BODY)
    assert resp.status_code == 404


def test_match_needs_a_login(client_as: Callable[..., Any], lists: None) -> None:
    assert client_as(None).post("/match/small", json=YENTE_BODY).status_code == 401


def test_search_by_name(client_as: Callable[..., Any], lists: None) -> None:
    resp = client_as("analyst").get("/search", params={"q": "Mohamed Abdulrahman", "schema": "Person"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["results"][0]["id"] == "p-rahman" and body["list_version"] == "small-1"
    assert client_as("analyst").get("/search", params={"q": ""}).status_code == 422
