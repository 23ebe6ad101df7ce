"""``catchall users``: create users (bootstrap the first admin), list them, issue and revoke API tokens."""

from __future__ import annotations

import sys

import typer

from catchall.cli.common import dump_json_line, open_database
from catchall.errors import InvalidInput

users_app = typer.Typer(help="User accounts and API tokens.", no_args_is_help=True)


@users_app.command("create")
def create(
    username: str = typer.Argument(..., help="Log-in name."),
    role: str = typer.Option(..., "--role", help="exporter, officer, analyst or admin."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin (else one is generated)."
    ),
    database_url: str | None = typer.Option(None, "--database-url", help="Overrides CATCHALL_DATABASE_URL."),
) -> None:
    """Create a user. Without --password-stdin a random password is generated and printed once."""
    from catchall.services import accounts

    generated = not password_stdin
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInput("--password-stdin: stdin is empty, expected the password on the first line")
    else:
        password = accounts.generate_password()
    db = open_database(database_url)
    account = accounts.create_user(db, username, role, password, actor="cli")
    typer.echo(f"created user {account.username} with role {account.role}")
    if generated:
        typer.echo(f"password: {password}")
        typer.echo("(shown once; change it with: catchall users password USERNAME --password-stdin)", err=True)


@users_app.command("list")
def list_(
    json_out: bool = typer.Option(False, "--json", help="One JSON object per line."),
    database_url: str | None = typer.Option(None, "--database-url", help="Overrides CATCHALL_DATABASE_URL."),
) -> None:
    """List users with their role and state."""
    from catchall.services import accounts

    db = open_database(database_url)
    for a in accounts.list_users(db):
        if json_out:
            dump_json_line(
                {"username": a.username, "role": a.role, "active": a.active, "created_at": a.created_at.isoformat()}
            )
        else:
            state = "active" if a.active else "inactive"
            typer.echo(f"{a.username}\t{a.role}\t{state}\t{a.created_at:%Y-%m-%d %H:%M}")


@users_app.command("password")
def password(
    username: str = typer.Argument(...),
    database_url: str | None = typer.Option(None, "--database-url", help="Overrides CATCHALL_DATABASE_URL."),
) -> None:
    """Set a user's password from the first line of stdin (ends the user's web sessions)."""
    from catchall.services import accounts

    pw = sys.stdin.readline().rstrip("\r\n")
    if not pw:
        raise InvalidInput("stdin is empty, expected the new password on the first line")
    db = open_database(database_url)
    accounts.set_password(db, username, pw, actor="cli")
    typer.echo(f"password of {username} changed")


@users_app.command("token")
def token(
    username: str = typer.Argument(...),
    name: str = typer.Option("cli", "--name", help="A label for the token (e.g. the machine using it)."),
    database_url: str | None = typer.Option(None, "--database-url", help="Overrides CATCHALL_DATABASE_URL."),
) -> None:
    """Issue an API token for USERNAME; the secret is printed once (send it as Authorization: Bearer ...)."""
    from catchall.services import accounts

    db = open_database(database_url)
    secret, info = accounts.issue_token(db, username, name, actor="cli")
    typer.echo(secret)
    typer.echo(f"token {info.id} ({info.name}) issued for {username}; it is not shown again", err=True)


@users_app.command("revoke-token")
def revoke_token(
    token_id: int = typer.Argument(..., help="The token's id (see `catchall users tokens`)."),
    database_url: str | None = typer.Option(None, "--database-url", help="Overrides CATCHALL_DATABASE_URL."),
) -> None:
    """Revoke an API token."""
    from catchall.services import accounts

    db = open_database(database_url)
    info = accounts.revoke_token(db, token_id, actor="cli")
    typer.echo(f"token {info.id} of {info.username} revoked")


@users_app.command("tokens")
def tokens(
    username: str | None = typer.Argument(None, help="Only this user's tokens."),
    database_url: str | None = typer.Option(None, "--database-url", help="Overrides CATCHALL_DATABASE_URL."),
) -> None:
    """List API tokens (id, user, name, prefix, state); never the secrets."""
    from catchall.services import accounts

    db = open_database(database_url)
    for t in accounts.list_tokens(db, username):
        state = "revoked" if t.revoked_at else "active"
        typer.echo(f"{t.id}\t{t.username}\t{t.name}\t{t.prefix}…\t{state}")


@users_app.command("deactivate")
def deactivate(
    username: str = typer.Argument(...),
    database_url: str | None = typer.Option(None, "--database-url", help="Overrides CATCHALL_DATABASE_URL."),
) -> None:
    """Deactivate a user: ends their sessions and revokes their tokens."""
    from catchall.services import accounts

    db = open_database(database_url)
    accounts.set_active(db, username, False, actor="cli")
    typer.echo(f"user {username} deactivated")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
