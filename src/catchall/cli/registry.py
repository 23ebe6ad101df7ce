"""``catchall registry``: states, commitments, sanctions determinations and the built-in watch list."""

from __future__ import annotations

import datetime as dt
import getpass
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from catchall.cli.common import dump_json_line, open_database, open_input, read_jsonl
from catchall.errors import InvalidInput
from catchall.services import registry as service

registry_app = typer.Typer(help="Registries of states, commitments and sanctions determinations.", no_args_is_help=True)

AS_OF = typer.Option(None, "--as-of", help="Only records in force on this date (YYYY-MM-DD).")
STATE = typer.Option(None, "--state", help="ISO 3166 code (alpha-2 or alpha-3) of a state.")
JSON = typer.Option(False, "--json", help="JSON lines instead of a table.")
DB = typer.Option(None, "--database-url", help="Database with stored amendments (default: settings).")


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "cli:unknown"


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"{option} {value!r}: expected a date YYYY-MM-DD") from exc


def _print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[str(v) if v is not None else "" for v in r])
    Console().print(table)


@registry_app.command("states")
def states(
    as_of: str | None = AS_OF,
    state: str | None = STATE,
    regime: str | None = typer.Option(None, "--regime", help="Only members of MTCR or HCOC."),
    as_json: bool = JSON,
    database_url: str | None = DB,
) -> None:
    """Every ISO 3166 country with its regime memberships (optionally only members of a regime on a date)."""
    on = parse_date(as_of, "--as-of")
    db = open_database(database_url)
    chosen = [service.get_state(db, state)] if state else service.list_states(db, as_of=on, regime=regime)
    if as_json:
        for s in chosen:
            dump_json_line(s.model_dump(mode="json"))
        return
    rows = []
    for s in chosen:
        ms = [m for m in s.memberships if on is None or m.in_force(on)]
        rows.append([s.code, s.name, ", ".join(f"{m.regime} since {m.since}{'?' if m.uncertain else ''}" for m in ms)])
    _print_table(f"States{f' as of {on}' if on else ''}", ["Code", "Name", "Memberships"], rows)


@registry_app.command("commitments")
def commitments(
    as_of: str | None = AS_OF,
    state: str | None = STATE,
    kind: str | None = typer.Option(None, "--kind", help="mtcr_partnership, mtcr_adherence, pledge, hcoc_subscription"),
    as_json: bool = JSON,
    database_url: str | None = DB,
) -> None:
    """Commitments (all, or those in force on --as-of), optionally of one state."""
    on = parse_date(as_of, "--as-of")
    db = open_database(database_url)
    found = service.list_commitments(db, as_of=on, state=state, kind=kind)
    if as_json:
        for c in found:
            dump_json_line(c.model_dump(mode="json"))
        return
    rows = [
        [c.id, c.state, c.instrument, c.since_text() + ("?" if c.uncertain else ""), c.until or "", c.effect]
        for c in found
    ]
    _print_table(
        f"Commitments{f' in force on {on}' if on else ''}",
        ["Id", "State", "Instrument", "Since", "Until", "Effect"],
        rows,
    )


@registry_app.command("sanctions")
def sanctions(
    as_of: str | None = AS_OF,
    state: str | None = STATE,
    as_json: bool = JSON,
    database_url: str | None = DB,
) -> None:
    """Sanctions determinations (all, or those in force on --as-of), optionally against entities of a state."""
    on = parse_date(as_of, "--as-of")
    db = open_database(database_url)
    found = service.list_determinations(db, as_of=on, state=state)
    if as_json:
        for d in found:
            dump_json_line(d.model_dump(mode="json") | {"end": d.end.isoformat() if d.end else None})
        return
    rows = [
        [d.id, d.entity.name, d.entity.country, "; ".join(d.authorities), d.effective_date, d.end or "until revoked"]
        for d in found
    ]
    _print_table(
        f"Sanctions determinations{f' in force on {on}' if on else ''}",
        ["Id", "Entity", "Country", "Authority", "Effective", "Last day"],
        rows,
    )


@registry_app.command("facts")
def facts(state: str | None = STATE, as_of: str | None = AS_OF) -> None:
    """National implementation facts (export control laws, catch-all, intangible transfers) as JSON lines."""
    for f in service.list_facts(state, parse_date(as_of, "--as-of")):
        dump_json_line(f.model_dump(mode="json"))


@registry_app.command("watchlist")
def watchlist(
    as_of: str = typer.Option(..., "--as-of", help="Date the determinations must be in force on."),
    database_url: str | None = DB,
) -> None:
    """The built-in watch list (FtM entities, dataset us-missile-sanctions) as JSON lines."""
    on = parse_date(as_of, "--as-of")
    assert on is not None
    for e in service.watchlist(open_database(database_url), on):
        dump_json_line(e.to_ftm())


@registry_app.command("import")
def import_(
    kind: str = typer.Argument(..., help="commitments or sanctions"),
    file: str = typer.Argument("-", help="JSON-lines file, or - for standard input."),
    database_url: str | None = DB,
) -> None:
    """Add or replace commitments or sanctions determinations from JSON lines (all or nothing)."""
    if kind not in ("commitments", "sanctions"):
        raise InvalidInput(f"registry import {kind!r}: use commitments or sanctions")
    db = open_database(database_url)
    with open_input(file) as fh:
        result = service.import_records(db, kind, read_jsonl(fh, file), actor=cli_actor(), source=file)  # type: ignore[arg-type]
    typer.echo(f"imported {kind}: {result.created} created, {result.updated} updated", err=True)


@registry_app.command("export")
def export(kind: str = typer.Argument(..., help="commitments or sanctions"), database_url: str | None = DB) -> None:
    """Every record (shipped and stored) of a registry as JSON lines."""
    if kind not in ("commitments", "sanctions"):
        raise InvalidInput(f"registry export {kind!r}: use commitments or sanctions")
    for obj in service.export_records(open_database(database_url), kind):  # type: ignore[arg-type]
        dump_json_line(obj)


def register(app: typer.Typer) -> None:
    app.add_typer(registry_app, name="registry")
