"""Fixtures for the web face: an app on a fresh SQLite file, users per role, and logged-in clients."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

PASSWORD = "correct-horse-battery"
ROLES = ("exporter", "officer", "analyst", "admin")


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """argon2 with its production cost takes about half a second per hash on a busy machine; the tests
    hash hundreds of times, so they use the smallest cost (the algorithm and code path are the same)."""
    saved = {k: os.environ.get(k) for k in ("CATCHALL_ARGON2_TIME_COST", "CATCHALL_ARGON2_MEMORY_KIB")}
    os.environ["CATCHALL_ARGON2_TIME_COST"] = "1"
    os.environ["CATCHALL_ARGON2_MEMORY_KIB"] = "1024"
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture
def web_app(sqlite_url: str) -> FastAPI:
    from catchall.api.app import create_app

    return create_app(sqlite_url)


@pytest.fixture
def make_user(web_app: FastAPI) -> Callable[[str, str], str]:
    """``make_user("alice", "officer")`` creates the user (password ``PASSWORD``) and returns the name."""
    from catchall.services import accounts

    def make(username: str, role: str) -> str:
        accounts.create_user(web_app.state.db, username, role, PASSWORD)
        return username

    return make


def csrf_of(html: str) -> str:
    """The CSRF token a page puts into its forms."""
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "page has no CSRF token"
    return m.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    page = client.get("/ui/login")
    r = client.post(
        "/ui/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text), "next": "/ui/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client


@pytest.fixture
def login_form() -> Callable[..., TestClient]:
    """``login_form(client, username, password=PASSWORD)`` logs the client in through the page."""
    return login


@pytest.fixture
def page_csrf() -> Callable[[str], str]:
    return csrf_of


@pytest.fixture
def browser_as(web_app: FastAPI, make_user: Callable[[str, str], str]) -> Callable[[str], TestClient]:
    """``browser_as("officer")`` -> a TestClient logged in through the log-in form as a new user of that role."""

    def make(role: str) -> TestClient:
        client = TestClient(web_app)
        name = make_user(f"{role}-user", role)
        return login(client, name)

    return make
