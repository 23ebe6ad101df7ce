"""Every page checks the role: each role is admitted to its pages and refused the others; anonymous visitors are
sent to the log-in page; forms need the session's CSRF token; cookies carry the right flags."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

# page -> roles admitted besides admin (the same table the navigation is built from is not reused on purpose:
# this states the policy independently, so a change to the navigation cannot silently widen access)
PAGES: dict[str, set[str]] = {
    "/ui/": {"exporter", "officer", "analyst"},
    "/ui/classify": {"exporter", "officer", "analyst"},
    "/ui/annex": {"exporter", "officer", "analyst"},
    "/ui/screening": {"officer"},
    "/ui/cases": {"exporter", "officer"},
    "/ui/cases/new": {"exporter"},
    "/ui/registries": {"analyst"},
    "/ui/compliance": {"analyst"},
    "/ui/hcoc": {"analyst"},
    "/ui/lists": set(),
    "/ui/users": set(),
}
ROLES = ("exporter", "officer", "analyst", "admin")


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_its_pages_and_is_refused_the_rest(role: str, browser_as: Callable[[str], TestClient]) -> None:
    client = browser_as(role)
    for path, roles in PAGES.items():
        r = client.get(path)
        allowed = role == "admin" or role in roles
        assert r.status_code == (200 if allowed else 403), f"{role} {path}: {r.status_code}"
        if not allowed:
            assert "may not open this page" in r.text
            assert r.headers["content-type"].startswith("text/html")


def test_navigation_shows_only_permitted_pages(browser_as: Callable[[str], TestClient]) -> None:
    html = browser_as("exporter").get("/ui/").text
    assert 'href="/ui/cases"' in html and 'href="/ui/users"' not in html and 'href="/ui/compliance"' not in html


def test_anonymous_is_redirected_to_login_with_return_path(web_app: FastAPI) -> None:
    r = TestClient(web_app).get("/ui/cases?status=open", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/ui/login?next=%2Fui%2Fcases%3Fstatus%3Dopen"


def test_login_redirect_target_must_be_a_page_of_the_app(
    web_app: FastAPI, make_user: Callable[[str, str], str], page_csrf: Callable[[str], str]
) -> None:
    make_user("alice", "officer")
    client = TestClient(web_app)
    csrf = page_csrf(client.get("/ui/login").text)
    r = client.post(
        "/ui/login",
        data={"username": "alice", "password": "correct-horse-battery", "csrf_token": csrf, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/ui/"


def test_session_cookie_flags(
    web_app: FastAPI,
    make_user: Callable[[str, str], str],
    page_csrf: Callable[[str], str],
) -> None:
    make_user("alice", "officer")
    for base_url, secure in (("http://testserver", False), ("https://testserver", True)):
        client = TestClient(web_app, base_url=base_url)
        csrf = page_csrf(client.get("/ui/login").text)
        r = client.post(
            "/ui/login",
            data={"username": "alice", "password": "correct-horse-battery", "csrf_token": csrf},
            follow_redirects=False,
        )
        header = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith("catchall_session="))
        assert "HttpOnly" in header and "SameSite=lax" in header
        assert ("Secure" in header) is secure, base_url


def test_secure_cookies_setting_forces_secure_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette.requests import Request

    from catchall.web.security import cookie_secure

    plain_http = Request({"type": "http", "scheme": "http", "path": "/", "headers": [], "server": ("x", 80)})
    monkeypatch.setenv("CATCHALL_SECURE_COOKIES", "0")
    assert cookie_secure(plain_http) is False
    monkeypatch.setenv("CATCHALL_SECURE_COOKIES", "1")
    assert cookie_secure(plain_http) is True


def test_login_form_without_csrf_is_refused(web_app: FastAPI, make_user: Callable[[str, str], str]) -> None:
    make_user("alice", "officer")
    r = TestClient(web_app).post("/ui/login", data={"username": "alice", "password": "correct-horse-battery"})
    assert r.status_code == 403 and "catchall_session" not in r.cookies


def test_wrong_password_shows_error_then_rate_limit(
    web_app: FastAPI,
    make_user: Callable[[str, str], str],
    page_csrf: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CATCHALL_LOGIN_MAX_ATTEMPTS", "2")
    make_user("alice", "officer")
    client = TestClient(web_app)
    csrf = page_csrf(client.get("/ui/login").text)
    statuses = []
    for _ in range(3):
        r = client.post("/ui/login", data={"username": "alice", "password": "wrong-wrong-wrong", "csrf_token": csrf})
        statuses.append(r.status_code)
    assert statuses == [401, 401, 429]
    assert "too many failed log-ins" in r.text and 'role="alert"' in r.text


def test_post_without_session_csrf_token_is_refused(browser_as: Callable[[str], TestClient]) -> None:
    client = browser_as("admin")
    r = client.post("/ui/users", data={"username": "mallory", "role": "admin", "password": "0123456789abc"})
    assert r.status_code == 403 and "security token" in r.text
    assert "mallory" not in client.get("/ui/users").text


def test_logout_ends_the_session(browser_as: Callable[[str], TestClient], page_csrf: Callable[[str], str]) -> None:
    client = browser_as("officer")
    csrf = page_csrf(client.get("/ui/").text)
    assert client.post("/ui/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert client.get("/ui/", follow_redirects=False).status_code == 303


def test_admin_creates_user_with_form_errors_shown(
    browser_as: Callable[[str], TestClient], page_csrf: Callable[[str], str]
) -> None:
    client = browser_as("admin")
    csrf = page_csrf(client.get("/ui/users").text)
    bad = client.post("/ui/users", data={"username": "x", "role": "officer", "password": "short", "csrf_token": csrf})
    assert bad.status_code == 422
    assert 'aria-invalid="true"' in bad.text and "At least 10 characters" in bad.text
    ok = client.post(
        "/ui/users", data={"username": "carol", "role": "analyst", "password": "0123456789abc", "csrf_token": csrf}
    )
    assert ok.status_code == 200 and "User carol created" in ok.text


def test_pages_send_security_headers(browser_as: Callable[[str], TestClient]) -> None:
    r = browser_as("officer").get("/ui/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"


def test_static_assets_are_vendored(web_app: FastAPI) -> None:
    client = TestClient(web_app)
    assert client.get("/ui/static/htmx.min.js").status_code == 200
    assert client.get("/ui/static/app.css").status_code == 200


def test_admin_cannot_demote_or_deactivate_self(
    browser_as: Callable[[str], TestClient], page_csrf: Callable[[str], str]
) -> None:
    client = browser_as("admin")
    csrf = page_csrf(client.get("/ui/users").text)
    demote = client.post("/ui/users/admin-user/role", data={"role": "analyst", "csrf_token": csrf})
    assert demote.status_code == 409 and "cannot take the admin role from yourself" in demote.text
    off = client.post("/ui/users/admin-user/active", data={"active": "0", "csrf_token": csrf})
    assert off.status_code == 409
    assert client.get("/ui/users").status_code == 200  # still an admin


def test_admin_issues_and_revokes_token_on_the_page(
    browser_as: Callable[[str], TestClient], page_csrf: Callable[[str], str]
) -> None:
    import re

    client = browser_as("admin")
    csrf = page_csrf(client.get("/ui/users").text)
    issued = client.post("/ui/users/admin-user/tokens", data={"name": "web", "csrf_token": csrf})
    secret = re.search(r"<pre>(ca_[^<]+)</pre>", issued.text)
    assert secret, "the new token is shown once"
    api = TestClient(client.app)
    assert api.get("/auth/me", headers={"Authorization": f"Bearer {secret.group(1)}"}).status_code == 200
    token_id = re.search(r'action="/ui/users/tokens/(\d+)/revoke"', issued.text).group(1)  # type: ignore[union-attr]
    client.post(f"/ui/users/tokens/{token_id}/revoke", data={"csrf_token": csrf})
    assert api.get("/auth/me", headers={"Authorization": f"Bearer {secret.group(1)}"}).status_code == 401


# Actions (POST) -> roles admitted besides admin. The role check runs before the form is read, so an empty
# form with a valid CSRF token is enough to prove the refusal.
ACTIONS: dict[str, set[str]] = {
    "/ui/classify": {"exporter", "officer", "analyst"},
    "/ui/screening": {"officer"},
    "/ui/screening/alerts/1": {"officer"},
    "/ui/screening/batch": {"officer"},
    "/ui/cases/new": {"exporter"},
    "/ui/cases/1/review": {"officer"},
    "/ui/cases/1/decide": {"officer"},
    "/ui/cases/1/alerts/1": {"officer"},
    "/ui/cases/1/notes": {"officer"},
    "/ui/cases/1/submit": {"exporter"},
    "/ui/compliance/import": {"analyst"},
    "/ui/hcoc/import": {"analyst"},
    "/ui/lists": set(),
    "/ui/users": set(),
    "/ui/users/someone/role": set(),
    "/ui/users/tokens/1/revoke": set(),
}


@pytest.mark.parametrize("role", ["exporter", "officer", "analyst"])
def test_each_role_is_refused_the_actions_of_others(
    role: str, browser_as: Callable[[str], TestClient], page_csrf: Callable[[str], str]
) -> None:
    client = browser_as(role)
    csrf = page_csrf(client.get("/ui/").text)
    for path, roles in ACTIONS.items():
        if role in roles:
            continue
        r = client.post(path, data={"csrf_token": csrf})
        assert r.status_code == 403, f"{role} POST {path}: {r.status_code}"
        assert "may not open this page" in r.text


def test_unknown_pages_and_entries_get_an_html_error_page(browser_as: Callable[[str], TestClient]) -> None:
    client = browser_as("analyst")
    missing = client.get("/ui/no-such-page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    entry = client.get("/ui/annex/99.Z.9")
    assert entry.status_code in (404, 422) and "<h1>" in entry.text and "99.Z.9" in entry.text
    # The API keeps answering problem+json.
    assert client.get("/no-such-endpoint").headers["content-type"].startswith("application/problem+json")
