"""Who is calling, and may they: API tokens, session cookies, CSRF, and the role check of every page.

* ``resolve_principal`` is installed as ``app.state.resolve_principal`` and answers for both the API and the
  pages: a ``Authorization: Bearer`` API token, else the session cookie. A session cookie authenticates an
  unsafe API request (POST/PUT/PATCH/DELETE outside ``/ui``) only with the session's CSRF token in the
  ``X-CSRF-Token`` header, so another site cannot ride on a logged-in browser.
* Every page declares its roles with ``page_user(...)``; an anonymous visitor is sent to the log-in page,
  a wrong role gets a 403 page. Every unsafe page request must carry the session-bound CSRF token (form
  field ``csrf_token`` or header ``X-CSRF-Token``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request, Response

from catchall.api.deps import Principal
from catchall.config import get_settings
from catchall.errors import NotAuthenticated, PermissionDenied
from catchall.services import accounts
from catchall.store.db import Database

SESSION_COOKIE = "catchall_session"
LOGIN_CSRF_COOKIE = "catchall_login_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
UI_PREFIX = "/ui"


class LoginRequired(NotAuthenticated):
    """An anonymous visitor asked for a page: the web face redirects to the log-in page."""


def _principal(account: accounts.Account) -> Principal:
    return Principal(username=account.username, role=account.role, user_id=account.id)


def resolve_principal(request: Request) -> Principal | None:
    db: Database = request.app.state.db
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        account = accounts.resolve_token(db, auth[7:].strip())
        return None if account is None else _principal(account)
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    info = accounts.resolve_session(db, cookie)
    if info is None:
        return None
    request.state.web_session = info
    is_page = request.url.path.startswith(UI_PREFIX + "/") or request.url.path == UI_PREFIX
    if is_page or request.method in SAFE_METHODS:
        return _principal(info.account)
    if accounts.csrf_matches(info.csrf_token, request.headers.get("x-csrf-token")):
        return _principal(info.account)
    return None


def cookie_secure(request: Request) -> bool:
    """Secure cookies when configured or when the request came over HTTPS."""
    return get_settings().secure_cookies or request.url.scheme == "https"


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request),
        path="/",
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=cookie_secure(request))


@dataclass(frozen=True)
class PageUser:
    """The caller of a page: who, and the CSRF token to put into the page's forms."""

    principal: Principal
    csrf_token: str

    @property
    def role(self) -> str:
        return self.principal.role

    @property
    def username(self) -> str:
        return self.principal.username

    @property
    def actor(self) -> str:
        return self.principal.actor

    def can(self, *roles: str) -> bool:
        return self.principal.role == "admin" or self.principal.role in roles


async def presented_csrf(request: Request) -> str | None:
    """The CSRF token an unsafe request carries (header, or the form field ``csrf_token``)."""
    if request.method in SAFE_METHODS:
        return None
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()  # Starlette caches it; the route's Form() parameters read the same.
        value = form.get("csrf_token")
        return value if isinstance(value, str) else None
    return None


def page_user(*roles: str) -> Callable[..., PageUser]:
    """Dependency for a page open to ``roles`` (admin always admitted)."""
    allowed = set(roles) | {"admin"}

    def dependency(request: Request, csrf: str | None = Depends(presented_csrf)) -> PageUser:
        principal = getattr(request.state, "principal", None)
        if not isinstance(principal, Principal):
            resolver = request.app.state.resolve_principal
            principal = resolver(request)
            if principal is None:
                raise LoginRequired("please log in to see this page")
            request.state.principal = principal
        session = getattr(request.state, "web_session", None)
        token = session.csrf_token if session is not None else ""
        if principal.role not in allowed:
            raise PermissionDenied(
                f"your role ({principal.role}) may not open this page; it is for: {', '.join(sorted(allowed))}"
            )
        if request.method not in SAFE_METHODS and not (token and accounts.csrf_matches(token, csrf)):
            raise PermissionDenied("the form's security token is missing or out of date: reload the page and try again")
        return PageUser(principal, token)

    return dependency


def require(*roles: str) -> PageUser:
    """``user: PageUser = require("officer")`` in a page's signature (admin always admitted)."""
    return Depends(page_user(*roles))


ALL_ROLES = ("exporter", "officer", "analyst")
