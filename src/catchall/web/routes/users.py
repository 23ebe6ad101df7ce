"""Users admin (admin only): create users, change role, deactivate, issue and revoke API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from catchall.errors import CatchallError
from catchall.services import accounts
from catchall.web.render import render
from catchall.web.security import PageUser, require

router = APIRouter(prefix="/ui/users")


def _page(
    request: Request,
    user: PageUser,
    *,
    flashes: list[tuple[str, str]] | None = None,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    new_secret: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    db = request.app.state.db
    return render(
        request,
        "users.html",
        user,
        status_code=status_code,
        title="Users",
        users=accounts.list_users(db),
        tokens=accounts.list_tokens(db),
        roles=accounts.ROLES,
        flashes=flashes or [],
        errors=errors or {},
        form=form or {},
        new_secret=new_secret,
    )


@router.get("", response_class=HTMLResponse)
def users_page(request: Request, user: PageUser = require()) -> Response:
    return _page(request, user)


@router.post("", response_class=HTMLResponse)
def create_user(
    request: Request,
    username: str = Form(""),
    role: str = Form(""),
    password: str = Form(""),
    user: PageUser = require(),
) -> Response:
    form = {"username": username, "role": role}
    errors: dict[str, str] = {}
    if role not in accounts.ROLES:
        errors["role"] = "Choose a role."
    if len(password) < accounts.MIN_PASSWORD:
        errors["password"] = f"At least {accounts.MIN_PASSWORD} characters."
    if not accounts.USERNAME_RE.match(username):
        errors["username"] = "2–100 letters, digits or . _ @ - (starting with a letter or digit)."
    if errors:
        return _page(request, user, errors=errors, form=form, status_code=422)
    try:
        accounts.create_user(request.app.state.db, username, role, password, actor=user.actor)
    except CatchallError as exc:
        return _page(request, user, errors={"username": exc.message}, form=form, status_code=exc.status)
    return _page(request, user, flashes=[("ok", f"User {username} created with role {role}.")])


@router.post("/{username}/role", response_class=HTMLResponse)
def change_role(request: Request, username: str, role: str = Form(""), user: PageUser = require()) -> Response:
    if username == user.username and role != "admin":
        # Otherwise the last admin could lock everyone out of the users page.
        return _page(
            request, user, flashes=[("error", "You cannot take the admin role from yourself.")], status_code=409
        )
    try:
        accounts.set_role(request.app.state.db, username, role, actor=user.actor)
    except CatchallError as exc:
        return _page(request, user, flashes=[("error", exc.message)], status_code=exc.status)
    return _page(request, user, flashes=[("ok", f"{username} is now {role}.")])


@router.post("/{username}/active", response_class=HTMLResponse)
def change_active(request: Request, username: str, active: str = Form(""), user: PageUser = require()) -> Response:
    want = active == "1"
    if username == user.username and not want:
        return _page(request, user, flashes=[("error", "You cannot deactivate yourself.")], status_code=409)
    try:
        accounts.set_active(request.app.state.db, username, want, actor=user.actor)
    except CatchallError as exc:
        return _page(request, user, flashes=[("error", exc.message)], status_code=exc.status)
    return _page(request, user, flashes=[("ok", f"{username} {'activated' if want else 'deactivated'}.")])


@router.post("/{username}/tokens", response_class=HTMLResponse)
def issue_token(request: Request, username: str, name: str = Form("web"), user: PageUser = require()) -> Response:
    try:
        secret, info = accounts.issue_token(request.app.state.db, username, name or "web", actor=user.actor)
    except CatchallError as exc:
        return _page(request, user, flashes=[("error", exc.message)], status_code=exc.status)
    return _page(request, user, flashes=[("ok", f"Token {info.id} issued for {username}.")], new_secret=secret)


@router.post("/tokens/{token_id}/revoke", response_class=HTMLResponse)
def revoke_token(request: Request, token_id: int, user: PageUser = require()) -> Response:
    try:
        accounts.revoke_token(request.app.state.db, token_id, actor=user.actor)
    except CatchallError as exc:
        return _page(request, user, flashes=[("error", exc.message)], status_code=exc.status)
    return _page(request, user, flashes=[("ok", f"Token {token_id} revoked.")])
