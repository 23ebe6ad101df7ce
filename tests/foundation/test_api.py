"""The API skeleton: health, readiness, OpenAPI, problem+json errors."""

from __future__ import annotations

from typing import Any


def test_healthz_readyz_openapi(client_as: Any) -> None:
    c = client_as(None)
    assert c.get("/healthz").json() == {"status": "ok"}
    ready = c.get("/readyz").json()
    assert ready["status"] == "ready" and ready["database"] == "sqlite"
    spec = c.get("/openapi.json").json()
    assert spec["info"]["title"] == "catchall" and "/healthz" in spec["paths"]


def test_unknown_path_is_problem_json(client_as: Any) -> None:
    r = client_as(None).get("/no/such/thing")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["status"] == 404


def test_readyz_on_postgres(postgres_url: str) -> None:
    from fastapi.testclient import TestClient

    from catchall.api.app import create_app

    app = create_app(postgres_url)
    r = TestClient(app).get("/readyz")
    assert r.status_code == 200 and r.json()["database"] == "postgresql"
    app.state.db.dispose()
