"""Shared fixtures: a fresh database per test on SQLite and (where reachable) PostgreSQL, API clients per role."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATASETS = SHARED / "datasets"
PG_ADMIN_URL = os.environ.get("CATCHALL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real data directory or database."""
    data = tmp_path_factory.mktemp("catchall-data")
    monkeypatch.setenv("CATCHALL_DATA_DIR", str(data))
    monkeypatch.delenv("CATCHALL_DATABASE_URL", raising=False)


def _pg_available() -> str | None:
    """None if PostgreSQL answers, else the reason it does not."""
    import sqlalchemy as sa

    try:
        eng = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        eng.dispose()
    except Exception as exc:
        return f"PostgreSQL not reachable at {PG_ADMIN_URL} ({type(exc).__name__}); set CATCHALL_TEST_POSTGRES_URL"
    return None


_PG_REASON: list[str | None] = []


def pg_reason() -> str | None:
    if not _PG_REASON:
        _PG_REASON.append(_pg_available())
    return _PG_REASON[0]


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards. In CI an unreachable server is a failure."""
    import sqlalchemy as sa

    reason = pg_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    name = f"catchall_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        from catchall.store.db import _database

        _database.cache_clear()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    """A migrated Database on each backend."""
    from catchall.store.db import Database
    from catchall.store.migrate import upgrade

    database = Database(database_url)
    upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def app(sqlite_url: str):  # type: ignore[no-untyped-def]
    """The API/web app on a fresh SQLite file. Tests may act as a role via ``client_as``."""
    from catchall.api.app import create_app
    from catchall.api.deps import Principal

    application = create_app(sqlite_url)

    @application.middleware("http")
    async def _test_principal(request, call_next):  # type: ignore[no-untyped-def]
        raw = request.headers.get("x-test-principal")
        if raw:
            role, _, username = raw.partition(":")
            request.state.principal = Principal(username=username or f"test-{role}", role=role)
        return await call_next(request)

    return application


@pytest.fixture
def client_as(app) -> Callable[..., object]:  # type: ignore[no-untyped-def]
    """``client_as("officer")`` -> a TestClient whose requests come from a user of that role
    (``client_as(None)`` is anonymous)."""
    from fastapi.testclient import TestClient

    def make(role: str | None, username: str | None = None) -> TestClient:
        client = TestClient(app)
        if role is not None:
            client.headers["x-test-principal"] = f"{role}:{username or 'test-' + role}"
        return client

    return make
