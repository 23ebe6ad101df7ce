"""API apps on SQLite and PostgreSQL, acting as a role through the ``x-test-principal`` header."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ASSESS_DEV = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "assess-dev"


def _with_test_principal(application: Any) -> Any:
    from catchall.api.deps import Principal

    @application.middleware("http")
    async def _test_principal(request, call_next):  # type: ignore[no-untyped-def]
        raw = request.headers.get("x-test-principal")
        if raw:
            role, _, username = raw.partition(":")
            request.state.principal = Principal(username=username or f"test-{role}", role=role)
        return await call_next(request)

    return application


@pytest.fixture
def assess_dev() -> Path:
    if not ASSESS_DEV.is_dir():
        pytest.skip(f"dev dataset not found at {ASSESS_DEV}")
    return ASSESS_DEV


@pytest.fixture
def api(database_url: str) -> Iterator[Callable[..., Any]]:
    """``api("officer", "olga")`` -> a TestClient acting as that user, on SQLite and on PostgreSQL."""
    from fastapi.testclient import TestClient

    from catchall.api.app import create_app

    application = _with_test_principal(create_app(database_url))
    clients: list[TestClient] = []

    def make(role: str | None, username: str | None = None) -> TestClient:
        client = TestClient(application)
        if role is not None:
            client.headers["x-test-principal"] = f"{role}:{username or 'test-' + role}"
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()
    application.state.db.dispose()
