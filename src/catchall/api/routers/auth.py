"""API tokens for machine clients: issue (with a password or as a logged-in user), list, revoke; who am I."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from catchall.api.deps import Principal, any_user, get_db
from catchall.errors import PermissionDenied
from catchall.services import accounts
from catchall.store.db import Database

router = APIRouter(prefix="/auth", tags=["auth"])


class LoginRequest(BaseModel):
    username: str = Field(max_length=100)
    password: str = Field(max_length=1024)
    name: str = Field("api", max_length=100, description="A label for the token.")


class IssueRequest(BaseModel):
    name: str = Field("api", max_length=100, description="A label for the token.")
    username: str | None = Field(None, description="Issue for another user (admin only).")


class TokenOut(BaseModel):
    id: int
    username: str
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @classmethod
    def of(cls, t: accounts.TokenInfo) -> TokenOut:
        return cls(**t.__dict__)


class IssuedToken(TokenOut):
    token: str = Field(description="The secret; shown once. Send as `Authorization: Bearer <token>`.")


class Me(BaseModel):
    username: str
    role: str


@router.post("/token", response_model=IssuedToken, status_code=201)
def token_with_password(body: LoginRequest, request: Request, db: Database = Depends(get_db)) -> IssuedToken:
    """Exchange a user name and password for an API token (failed attempts are rate limited)."""
    address = request.client.host if request.client else None
    account = accounts.authenticate(db, body.username, body.password, address=address)
    secret, info = accounts.issue_token(db, account.username, body.name, actor=account.actor)
    return IssuedToken(token=secret, **TokenOut.of(info).model_dump())


@router.get("/me", response_model=Me)
def me(principal: Principal = Depends(any_user)) -> Me:
    return Me(username=principal.username, role=principal.role)


@router.get("/tokens", response_model=list[TokenOut])
def tokens(
    all_users: bool = False, principal: Principal = Depends(any_user), db: Database = Depends(get_db)
) -> list[TokenOut]:
    """Your tokens (an admin may pass ``all_users=true``)."""
    if all_users and principal.role != "admin":
        raise PermissionDenied("only an admin may list other users' tokens")
    return [TokenOut.of(t) for t in accounts.list_tokens(db, None if all_users else principal.username)]


@router.post("/tokens", response_model=IssuedToken, status_code=201)
def issue(body: IssueRequest, principal: Principal = Depends(any_user), db: Database = Depends(get_db)) -> IssuedToken:
    """A new token for yourself (or, as admin, for ``username``)."""
    username = body.username or principal.username
    if username != principal.username and principal.role != "admin":
        raise PermissionDenied("only an admin may issue tokens for other users")
    secret, info = accounts.issue_token(db, username, body.name, actor=principal.actor)
    return IssuedToken(token=secret, **TokenOut.of(info).model_dump())


@router.delete("/tokens/{token_id}", response_model=TokenOut)
def revoke(token_id: int, principal: Principal = Depends(any_user), db: Database = Depends(get_db)) -> TokenOut:
    """Revoke one of your tokens (an admin may revoke anyone's)."""
    owner = None if principal.role == "admin" else principal.username
    return TokenOut.of(accounts.revoke_token(db, token_id, actor=principal.actor, owner=owner))
