"""Log in and log out."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from catchall.errors import NotAuthenticated, RateLimited
from catchall.services import accounts
from catchall.web.render import render
from catchall.web.security import (
    ALL_ROLES,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    PageUser,
    clear_session_cookie,
    cookie_secure,
    require,
    set_session_cookie,
)

router = APIRouter(prefix="/ui")


def _safe_next(target: str | None) -> str:
    """Only redirect to a page of this application (no open redirect)."""
    if target and target.startswith("/ui/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/ui/"


def _login_page(
    request: Request, *, next_: str, error: str | None = None, username: str = "", status_code: int = 200
) -> HTMLResponse:
    # Before a session exists the form is protected by a double-submit token: a random value in a cookie
    # that must come back as the form field (another site can neither read nor set the cookie).
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        None,
        status_code=status_code,
        login_csrf=token,
        next=next_,
        error=error,
        username=username,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, max_age=3600, httponly=True, samesite="strict", secure=cookie_secure(request)
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    return _login_page(request, next_=_safe_next(next))


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    csrf_token: str = Form(""),
    next: str = Form("/ui/"),
) -> Response:
    target = _safe_next(next)
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not accounts.csrf_matches(cookie, csrf_token):
        return _login_page(
            request,
            next_=target,
            username=username,
            status_code=403,
            error="The log-in form expired or cookies are blocked: please try again.",
        )
    if not username.strip() or not password:
        return _login_page(
            request, next_=target, username=username, status_code=422, error="Enter your user name and password."
        )
    db = request.app.state.db
    address = request.client.host if request.client else None
    try:
        account = accounts.authenticate(db, username.strip(), password, address=address)
    except RateLimited as exc:
        return _login_page(request, next_=target, username=username, status_code=429, error=exc.message)
    except NotAuthenticated as exc:
        return _login_page(request, next_=target, username=username, status_code=401, error=exc.message + ".")
    token, _ = accounts.open_session(db, account)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, token)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, user: PageUser = require(*ALL_ROLES)) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        accounts.close_session(request.app.state.db, cookie)
    response = RedirectResponse("/ui/login", status_code=303)
    clear_session_cookie(response, request)
    return response
