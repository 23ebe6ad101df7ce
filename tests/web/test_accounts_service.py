"""Accounts service: argon2 hashes, log-in with rate limiting, sessions, API tokens, audit entries."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from catchall.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, RateLimited
from catchall.services import accounts, audit
from catchall.store.db import Database
from catchall.store.tables.accounts import ApiToken, User, WebSession

PW = "a-long-enough-password"


def test_password_is_stored_as_argon2_hash_not_plain(db: Database) -> None:
    accounts.create_user(db, "alice", "officer", PW)
    with db.session() as s:
        stored = s.execute(select(User.password_hash).where(User.username == "alice")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PW not in stored


def test_authenticate_accepts_right_and_refuses_wrong_password(db: Database) -> None:
    accounts.create_user(db, "alice", "officer", PW)
    assert accounts.authenticate(db, "alice", PW).role == "officer"
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(db, "alice", PW + "x")
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(db, "nobody", PW)


@pytest.mark.parametrize(
    ("username", "role", "password", "problem"),
    [
        ("x", "officer", PW, "user name"),
        ("bob", "superuser", PW, "role must be one of"),
        ("bob", "officer", "short", "at least"),
    ],
)
def test_create_user_names_the_bad_field(username: str, role: str, password: str, problem: str, db: Database) -> None:
    with pytest.raises(InvalidInput, match=problem):
        accounts.create_user(db, username, role, password)


def test_duplicate_user_is_a_conflict(db: Database) -> None:
    accounts.create_user(db, "alice", "officer", PW)
    with pytest.raises(Conflict, match="already exists"):
        accounts.create_user(db, "alice", "admin", PW)


def test_login_is_rate_limited_per_user_within_window(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATCHALL_LOGIN_MAX_ATTEMPTS", "3")
    accounts.create_user(db, "alice", "officer", PW)
    for _ in range(3):
        with pytest.raises(NotAuthenticated):
            accounts.authenticate(db, "alice", "wrong-password", address="10.0.0.1")
    # Even the right password is refused until the window passes: the limiter runs before the check.
    with pytest.raises(RateLimited, match="too many failed log-ins"):
        accounts.authenticate(db, "alice", PW, address="10.0.0.2")
    # Another user is not affected.
    accounts.create_user(db, "bob", "analyst", PW)
    assert accounts.authenticate(db, "bob", PW, address="10.0.0.3").username == "bob"


def test_failures_outside_the_window_do_not_count(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATCHALL_LOGIN_MAX_ATTEMPTS", "2")
    monkeypatch.setenv("CATCHALL_LOGIN_WINDOW_SECONDS", "0")
    accounts.create_user(db, "alice", "officer", PW)
    for _ in range(3):
        with pytest.raises(NotAuthenticated):
            accounts.authenticate(db, "alice", "wrong-password")
    assert accounts.authenticate(db, "alice", PW).username == "alice"


def test_session_round_trip_and_logout(db: Database) -> None:
    acc = accounts.create_user(db, "alice", "exporter", PW)
    token, info = accounts.open_session(db, acc)
    with db.session() as s:
        stored = s.execute(select(WebSession.token_hash)).scalar_one()
    assert stored != token and len(stored) == 64  # only the digest is stored
    found = accounts.resolve_session(db, token)
    assert found is not None and found.account.username == "alice" and found.csrf_token == info.csrf_token
    assert accounts.resolve_session(db, token + "x") is None
    accounts.close_session(db, token)
    assert accounts.resolve_session(db, token) is None


def test_api_token_issue_resolve_revoke(db: Database) -> None:
    accounts.create_user(db, "machine", "analyst", PW)
    secret, info = accounts.issue_token(db, "machine", "nightly")
    assert secret.startswith("ca_") and info.prefix == secret[:10]
    with db.session() as s:
        assert secret not in {t.token_hash for t in s.execute(select(ApiToken)).scalars()}
    resolved = accounts.resolve_token(db, secret)
    assert resolved is not None and resolved.role == "analyst"
    accounts.revoke_token(db, info.id)
    assert accounts.resolve_token(db, secret) is None


def test_revoking_someone_elses_token_as_owner_is_not_found(db: Database) -> None:
    accounts.create_user(db, "a1", "analyst", PW)
    accounts.create_user(db, "b1", "analyst", PW)
    _, info = accounts.issue_token(db, "a1")
    with pytest.raises(NotFound):
        accounts.revoke_token(db, info.id, owner="b1")


def test_deactivation_ends_sessions_and_tokens(db: Database) -> None:
    acc = accounts.create_user(db, "alice", "officer", PW)
    cookie, _ = accounts.open_session(db, acc)
    secret, _ = accounts.issue_token(db, "alice")
    accounts.set_active(db, "alice", False, actor="admin:root")
    assert accounts.resolve_session(db, cookie) is None
    assert accounts.resolve_token(db, secret) is None
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(db, "alice", PW)


def test_account_changes_are_audited(db: Database) -> None:
    accounts.create_user(db, "alice", "officer", PW, actor="admin:root")
    accounts.set_role(db, "alice", "analyst", actor="admin:root")
    accounts.issue_token(db, "alice", actor="admin:root")
    with db.session() as s:
        actions = [r.action for r in audit.history(s, subject="user:alice")]
        assert audit.verify(s).ok
    assert {"user.create", "user.role", "token.issue"} <= set(actions)


def test_hash_made_with_other_parameters_verifies_and_is_upgraded(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CATCHALL_ARGON2_MEMORY_KIB", "2048")
    accounts.create_user(db, "alice", "officer", PW)
    monkeypatch.setenv("CATCHALL_ARGON2_MEMORY_KIB", "4096")
    assert accounts.authenticate(db, "alice", PW).username == "alice"
    with db.session() as s:
        stored = s.execute(select(User.password_hash).where(User.username == "alice")).scalar_one()
    assert "m=4096" in stored


def test_bad_argon2_setting_is_named(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATCHALL_ARGON2_TIME_COST", "0")
    with pytest.raises(InvalidInput, match="CATCHALL_ARGON2_TIME_COST must be at least 1"):
        accounts.create_user(db, "alice", "officer", PW)
