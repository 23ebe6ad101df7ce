"""``catchall db``: schema migrations."""

from __future__ import annotations

import typer

from catchall.cli.common import open_database
from catchall.store.migrate import current_revision

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(
    database_url: str | None = typer.Option(None, "--database-url", help="Overrides CATCHALL_DATABASE_URL."),
) -> None:
    """Apply all migrations to the configured database."""
    db = open_database(database_url, migrate=True)
    typer.echo(f"database at revision {current_revision(db)} ({db.dialect})")


@db_app.command("current")
def db_current(database_url: str | None = typer.Option(None, "--database-url")) -> None:
    """Show the schema revision of the database."""
    db = open_database(database_url, migrate=False)
    typer.echo(current_revision(db) or "empty (run `catchall db upgrade`)")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
