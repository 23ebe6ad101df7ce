"""``catchall users``: bootstrap the first admin, list users, issue a token."""

from __future__ import annotations

import io

import pytest

from catchall.cli.main import main
from catchall.services import accounts
from catchall.store.db import Database


def test_create_with_password_from_stdin_then_log_in(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-enough-pw\n"))
    assert main(["users", "create", "root", "--role", "admin", "--password-stdin", "--database-url", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert "created user root with role admin" in out and "s3cret" not in out
    assert accounts.authenticate(Database(sqlite_url), "root", "s3cret-enough-pw").role == "admin"


def test_create_without_stdin_prints_a_generated_password(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "create", "olga", "--role", "officer", "--database-url", sqlite_url]) == 0
    out = capsys.readouterr().out
    password = out.split("password: ", 1)[1].strip()
    assert accounts.authenticate(Database(sqlite_url), "olga", password).username == "olga"


def test_list_and_token(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["users", "create", "ana", "--role", "analyst", "--database-url", sqlite_url])
    capsys.readouterr()
    assert main(["users", "list", "--database-url", sqlite_url]) == 0
    assert capsys.readouterr().out.startswith("ana\tanalyst\tactive")
    assert main(["users", "token", "ana", "--name", "etl", "--database-url", sqlite_url]) == 0
    secret = capsys.readouterr().out.strip()
    account = accounts.resolve_token(Database(sqlite_url), secret)
    assert account is not None and account.username == "ana"


def test_bad_role_is_one_line_error(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "create", "eve", "--role", "root", "--database-url", sqlite_url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: role must be one of") and len(err.splitlines()) == 1
