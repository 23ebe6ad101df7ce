"""API tokens over HTTP: issue with a password, use as Bearer, revoke; session cookies need CSRF for writes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from catchall.services import accounts

PW = "correct-horse-battery"


def test_token_from_password_then_bearer_then_revoke(web_app: FastAPI, make_user: Callable[[str, str], str]) -> None:
    make_user("robot", "analyst")
    client = TestClient(web_app)
    r = client.post("/auth/token", json={"username": "robot", "password": PW, "name": "ci"})
    assert r.status_code == 201, r.text
    body = r.json()
    headers = {"Authorization": f"Bearer {body['token']}"}
    me = client.get("/auth/me", headers=headers)
    assert me.json() == {"username": "robot", "role": "analyst"}
    listed = client.get("/auth/tokens", headers=headers).json()
    assert [t["name"] for t in listed] == ["ci"] and "token" not in listed[0]
    assert client.delete(f"/auth/tokens/{body['id']}", headers=headers).status_code == 200
    refused = client.get("/auth/me", headers=headers)
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")


def test_wrong_password_is_401_and_then_rate_limited(
    web_app: FastAPI, make_user: Callable[[str, str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CATCHALL_LOGIN_MAX_ATTEMPTS", "2")
    make_user("robot", "analyst")
    client = TestClient(web_app)
    codes = [
        client.post("/auth/token", json={"username": "robot", "password": "nope-nope-nope"}).status_code
        for _ in range(3)
    ]
    assert codes == [401, 401, 429]


def test_non_admin_cannot_issue_tokens_for_others(web_app: FastAPI, make_user: Callable[[str, str], str]) -> None:
    make_user("robot", "analyst")
    make_user("other", "officer")
    secret, _ = accounts.issue_token(web_app.state.db, "robot")
    client = TestClient(web_app)
    r = client.post("/auth/tokens", json={"username": "other"}, headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 403
    assert client.get("/auth/tokens?all_users=true", headers={"Authorization": f"Bearer {secret}"}).status_code == 403


def test_admin_issues_token_for_another_user(web_app: FastAPI, make_user: Callable[[str, str], str]) -> None:
    make_user("root", "admin")
    make_user("other", "officer")
    secret, _ = accounts.issue_token(web_app.state.db, "root")
    client = TestClient(web_app)
    r = client.post(
        "/auth/tokens", json={"username": "other", "name": "ops"}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert r.status_code == 201
    assert (
        client.get("/auth/me", headers={"Authorization": f"Bearer {r.json()['token']}"}).json()["username"] == "other"
    )


def test_session_cookie_needs_csrf_header_for_unsafe_api_calls(
    browser_as: Callable[[str], TestClient], page_csrf: Callable[[str], str]
) -> None:
    client = browser_as("officer")
    assert client.get("/auth/me").json()["role"] == "officer"  # safe method: the cookie suffices
    assert client.post("/auth/tokens", json={"name": "x"}).status_code == 401
    csrf = page_csrf(client.get("/ui/").text)
    assert client.post("/auth/tokens", json={"name": "x"}, headers={"X-CSRF-Token": csrf}).status_code == 201


def test_garbage_bearer_token_is_401(web_app: FastAPI) -> None:
    r = TestClient(web_app).get("/auth/me", headers={"Authorization": "Bearer ca_not-a-token"})
    assert r.status_code == 401
