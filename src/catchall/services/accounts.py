"""Accounts: users with one role each, log-in with rate limiting, web sessions and API tokens.

Roles: ``exporter`` (submits applications, sees own cases), ``officer`` (reviews and decides cases, resolves
screening alerts), ``analyst`` (registries, transfers, compliance, HCOC), ``admin`` (everything, incl. users
and lists).

Passwords are hashed with argon2id. Session and API tokens are 256-bit random values handed to the client
once; only their SHA-256 digests are stored, so a copy of the database does not let anyone log in.
Failed log-ins are counted per user name and per client address within ``settings.login_window_seconds``;
past ``settings.login_max_attempts`` further attempts are refused before the password is even checked.
Every change to an account is appended to the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from catchall.config import get_settings
from catchall.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, RateLimited
from catchall.services import audit
from catchall.store.db import Database
from catchall.store.tables.accounts import ApiToken, LoginFailure, User, WebSession

ROLES = ("exporter", "officer", "analyst", "admin")
USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$")
MIN_PASSWORD = 10
SESSION_LIFETIME = timedelta(hours=12)
TOKEN_PREFIX = "ca_"
# Per-address limit is looser than per-user: several people may share one NAT address.
ADDRESS_FACTOR = 4

PARALLELISM = 4


def _env_int(name: str, default: int, minimum: int) -> int:
    raw = os.environ.get(name, "")
    try:
        value = int(raw) if raw else default
    except ValueError as exc:
        raise InvalidInput(f"{name} must be an integer, got {raw!r}") from exc
    if value < minimum:
        raise InvalidInput(f"{name} must be at least {minimum}, got {value}")
    return value


@lru_cache(maxsize=4)
def _hasher_for(time_cost: int, memory_kib: int) -> tuple[PasswordHasher, str]:
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=PARALLELISM)
    # Verifying against this dummy when the user does not exist keeps the response time the same, so
    # timing does not reveal which user names exist.
    return hasher, hasher.hash("catchall-dummy-password")


def _hasher() -> tuple[PasswordHasher, str]:
    """argon2id with the RFC 9106 second recommended profile by default (t=3, 64 MiB); tunable for small
    machines (and fast tests) with CATCHALL_ARGON2_TIME_COST and CATCHALL_ARGON2_MEMORY_KIB. Stored hashes
    made with other parameters still verify and are rehashed at the next log-in."""
    return _hasher_for(
        _env_int("CATCHALL_ARGON2_TIME_COST", 3, 1),
        _env_int("CATCHALL_ARGON2_MEMORY_KIB", 65536, 8 * PARALLELISM),
    )


@dataclass(frozen=True)
class Account:
    """A user as the faces see it (never the password hash)."""

    id: int
    username: str
    role: str
    active: bool
    created_at: datetime

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.username}"


@dataclass(frozen=True)
class SessionInfo:
    """A live web session: who, and the CSRF token bound to it."""

    account: Account
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True)
class TokenInfo:
    id: int
    username: str
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(ts: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were stored as UTC.
    return ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.role, bool(user.active), _aware(user.created_at))


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"password must be at least {MIN_PASSWORD} characters long")
    if len(password) > 1024:
        raise InvalidInput("password must be at most 1024 characters long")
    return password


def generate_password() -> str:
    """A random password for bootstrap and demo users (about 120 bits)."""
    return secrets.token_urlsafe(15)


def _get_user(s: Session, username: str) -> User:
    user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise NotFound(f"no user named {username!r}")
    return user


# --- users -------------------------------------------------------------------------------------------------


def create_user(db: Database, username: str, role: str, password: str, *, actor: str = "system") -> Account:
    if not USERNAME_RE.match(username):
        raise InvalidInput(
            f"user name {username!r} is not valid: 2-100 characters, letters, digits and . _ @ - "
            "(starting with a letter or digit)"
        )
    check_role(role)
    check_password(password)
    with db.session() as s:
        if s.execute(select(User.id).where(User.username == username)).first() is not None:
            raise Conflict(f"user {username!r} already exists")
        user = User(
            username=username, role=role, password_hash=_hasher()[0].hash(password), active=True, created_at=_now()
        )
        s.add(user)
        s.flush()
        audit.append(s, actor=actor, action="user.create", subject=f"user:{username}", payload={"role": role})
        return _account(user)


def get_user(db: Database, username: str) -> Account:
    with db.session() as s:
        return _account(_get_user(s, username))


def find_user(db: Database, username: str) -> Account | None:
    with db.session() as s:
        user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        return None if user is None else _account(user)


def list_users(db: Database) -> list[Account]:
    with db.session() as s:
        return [_account(u) for u in s.execute(select(User).order_by(User.username)).scalars()]


def count_users(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(User)).scalar_one())


def set_password(db: Database, username: str, password: str, *, actor: str = "system") -> None:
    check_password(password)
    with db.session() as s:
        user = _get_user(s, username)
        user.password_hash = _hasher()[0].hash(password)
        # A new password ends every session opened with the old one.
        s.execute(delete(WebSession).where(WebSession.user_id == user.id))
        audit.append(s, actor=actor, action="user.password", subject=f"user:{username}", payload={})


def set_role(db: Database, username: str, role: str, *, actor: str = "system") -> Account:
    check_role(role)
    with db.session() as s:
        user = _get_user(s, username)
        old = user.role
        user.role = role
        audit.append(s, actor=actor, action="user.role", subject=f"user:{username}", payload={"from": old, "to": role})
        return _account(user)


def set_active(db: Database, username: str, active: bool, *, actor: str = "system") -> Account:
    with db.session() as s:
        user = _get_user(s, username)
        user.active = active
        if not active:
            s.execute(delete(WebSession).where(WebSession.user_id == user.id))
            s.execute(
                update(ApiToken)
                .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                .values(revoked_at=_now())
            )
        audit.append(
            s,
            actor=actor,
            action="user.activate" if active else "user.deactivate",
            subject=f"user:{username}",
            payload={},
        )
        return _account(user)


# --- log-in and rate limiting ---------------------------------------------------------------------------


def _failures(s: Session, key: str, since: datetime) -> int:
    q = select(func.count()).select_from(LoginFailure).where(LoginFailure.key == key, LoginFailure.ts >= since)
    return int(s.execute(q).scalar_one())


def authenticate(db: Database, username: str, password: str, *, address: str | None = None) -> Account:
    """The account for these credentials; NotAuthenticated on a wrong name/password or an inactive account,
    RateLimited after too many failures for this user name or client address within the window."""
    settings = get_settings()
    now = _now()
    since = now - timedelta(seconds=settings.login_window_seconds)
    user_key = f"user:{username.lower()}"
    addr_key = f"addr:{address}" if address else None
    with db.session() as s:
        if _failures(s, user_key, since) >= settings.login_max_attempts or (
            addr_key is not None and _failures(s, addr_key, since) >= settings.login_max_attempts * ADDRESS_FACTOR
        ):
            raise RateLimited(
                f"too many failed log-ins; try again in {settings.login_window_seconds // 60 or 1} minute(s)"
            )
        user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        hasher, dummy = _hasher()
        ok = False
        try:
            ok = hasher.verify(user.password_hash if user is not None else dummy, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if user is None or not ok or not user.active:
            s.add(LoginFailure(key=user_key, ts=now))
            if addr_key is not None:
                s.add(LoginFailure(key=addr_key, ts=now))
            audit.append(
                s,
                actor=f"anonymous@{address or 'unknown'}",
                action="auth.login_failed",
                subject=f"user:{username[:100]}",
                payload={"reason": "inactive" if (user is not None and ok) else "bad credentials"},
            )
            s.commit()
            raise NotAuthenticated("user name or password is wrong")
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        s.execute(delete(LoginFailure).where(LoginFailure.key == user_key))
        s.execute(delete(LoginFailure).where(LoginFailure.ts < since))
        return _account(user)


# --- web sessions -----------------------------------------------------------------------------------------


def open_session(db: Database, account: Account) -> tuple[str, SessionInfo]:
    """Start a web session; returns the cookie value (shown once) and the session with its CSRF token."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = _now()
    expires = now + SESSION_LIFETIME
    with db.session() as s:
        s.add(
            WebSession(
                token_hash=_digest(token), user_id=account.id, csrf_token=csrf, created_at=now, expires_at=expires
            )
        )
        audit.append(s, actor=account.actor, action="auth.login", subject=f"user:{account.username}", payload={})
    return token, SessionInfo(account, csrf, expires)


def resolve_session(db: Database, token: str) -> SessionInfo | None:
    """The live session for a cookie value, or None (unknown, expired, or the user is inactive)."""
    if not token or len(token) > 200:
        return None
    with db.session() as s:
        row = s.get(WebSession, _digest(token))
        if row is None:
            return None
        if _aware(row.expires_at) <= _now():
            s.delete(row)
            return None
        user = s.get(User, row.user_id)
        if user is None or not user.active:
            return None
        return SessionInfo(_account(user), row.csrf_token, _aware(row.expires_at))


def close_session(db: Database, token: str) -> None:
    with db.session() as s:
        row = s.get(WebSession, _digest(token))
        if row is None:
            return
        user = s.get(User, row.user_id)
        s.delete(row)
        if user is not None:
            audit.append(
                s, actor=_account(user).actor, action="auth.logout", subject=f"user:{user.username}", payload={}
            )


def csrf_matches(expected: str, presented: str | None) -> bool:
    return bool(presented) and hmac.compare_digest(expected.encode(), (presented or "").encode())


# --- API tokens -------------------------------------------------------------------------------------------


def _token_info(t: ApiToken, username: str) -> TokenInfo:
    return TokenInfo(
        t.id,
        username,
        t.name,
        t.prefix,
        _aware(t.created_at),
        None if t.last_used_at is None else _aware(t.last_used_at),
        None if t.revoked_at is None else _aware(t.revoked_at),
    )


def issue_token(db: Database, username: str, name: str = "api", *, actor: str = "system") -> tuple[str, TokenInfo]:
    """A new API token for the user; returns the secret (shown once, never stored) and its record."""
    name = name.strip() or "api"
    if len(name) > 100:
        raise InvalidInput("token name must be at most 100 characters")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.session() as s:
        user = _get_user(s, username)
        if not user.active:
            raise Conflict(f"user {username!r} is deactivated")
        tok = ApiToken(user_id=user.id, name=name, prefix=secret[:10], token_hash=_digest(secret), created_at=_now())
        s.add(tok)
        s.flush()
        audit.append(
            s, actor=actor, action="token.issue", subject=f"user:{username}", payload={"token_id": tok.id, "name": name}
        )
        return secret, _token_info(tok, username)


def list_tokens(db: Database, username: str | None = None) -> list[TokenInfo]:
    with db.session() as s:
        q = select(ApiToken, User.username).join(User, User.id == ApiToken.user_id).order_by(ApiToken.id)
        if username is not None:
            q = q.where(User.username == username)
        return [_token_info(t, u) for t, u in s.execute(q).all()]


def revoke_token(db: Database, token_id: int, *, actor: str = "system", owner: str | None = None) -> TokenInfo:
    """Revoke a token by id. With ``owner`` set, only that user's token may be revoked."""
    with db.session() as s:
        row = s.execute(
            select(ApiToken, User.username).join(User, User.id == ApiToken.user_id).where(ApiToken.id == token_id)
        ).first()
        if row is None or (owner is not None and row[1] != owner):
            raise NotFound(f"no API token with id {token_id}")
        tok, username = row
        if tok.revoked_at is None:
            tok.revoked_at = _now()
            audit.append(
                s, actor=actor, action="token.revoke", subject=f"user:{username}", payload={"token_id": token_id}
            )
        return _token_info(tok, username)


def resolve_token(db: Database, secret: str) -> Account | None:
    """The account an API token belongs to, or None (unknown, revoked, or user inactive)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    with db.session() as s:
        tok = s.execute(select(ApiToken).where(ApiToken.token_hash == _digest(secret))).scalar_one_or_none()
        if tok is None or tok.revoked_at is not None:
            return None
        user = s.get(User, tok.user_id)
        if user is None or not user.active:
            return None
        now = _now()
        # Record use at most once a minute so busy clients do not turn every request into a write.
        if tok.last_used_at is None or now - _aware(tok.last_used_at) > timedelta(minutes=1):
            tok.last_used_at = now
        return _account(user)
