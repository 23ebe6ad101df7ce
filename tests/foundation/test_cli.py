"""The command line: version, migrations, audit verify, and one-line errors with exit code 2."""

from __future__ import annotations

import pytest

import catchall
from catchall.cli.main import main
from catchall.services import audit
from catchall.store.db import Database


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert catchall.__version__ in capsys.readouterr().out


def test_db_upgrade_and_audit_verify(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--database-url", database_url]) == 0
    assert "revision" in capsys.readouterr().out
    assert main(["audit", "verify", "--database-url", database_url]) == 0
    assert "intact" in capsys.readouterr().out


def test_broken_audit_chain_exits_2_with_one_line(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import text

    assert main(["db", "upgrade", "--database-url", sqlite_url]) == 0
    db = Database(sqlite_url)
    for i in range(3):
        with db.session() as s:
            audit.append(s, actor="t", action="x", subject=f"s{i}", payload={})
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET subject='forged' WHERE seq=2"))
    capsys.readouterr()
    assert main(["audit", "verify", "--database-url", sqlite_url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: audit log BROKEN at record 2")
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_bad_database_url_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--database-url", "mysql://x/y"]) == 2
    assert "unsupported database" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error() -> None:
    assert main(["no-such-command"]) == 2


def test_exit_codes_of_commands_are_kept() -> None:
    import typer

    from catchall.cli.main import app

    @app.command("zz-test-exit", hidden=True)
    def _exit3() -> None:
        raise typer.Exit(3)

    assert main(["zz-test-exit"]) == 3
