"""``catchall hcoc``: subscribers, record import, launch and declaration checks, the yearly report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import typer

from catchall.cli.common import dump_json_line, open_database, open_input, read_jsonl
from catchall.errors import InvalidInput
from catchall.hcoc.records import RecordKind, parse_batch
from catchall.hcoc.report import ReportFormat
from catchall.model.hcoc import Launch, PreLaunchNotification
from catchall.services import hcoc as service

hcoc_app = typer.Typer(
    help="Hague Code of Conduct: subscribers, pre-launch notifications, launches, annual declarations.",
    no_args_is_help=True,
)

CLI_ACTOR = "cli:local"


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"{option} must be a date YYYY-MM-DD, got {value!r}") from exc


def _read(kind: RecordKind, path: str) -> list[Any]:
    source = "stdin" if path == "-" else path
    with open_input(path) as fh:
        return parse_batch(kind, read_jsonl(fh, source), source)


@hcoc_app.command("check")
def check(
    notifications: str = typer.Option(..., "--notifications", help="PLNs as JSON lines ('-' for stdin)."),
    launches: str = typer.Option(..., "--launches", help="Observed launches as JSON lines."),
) -> None:
    """Check each launch against the PLNs and the subscription registry: one JSON line per launch."""
    if notifications == "-" and launches == "-":
        raise InvalidInput("only one of --notifications and --launches can be read from stdin")
    plns: list[PreLaunchNotification] = _read(RecordKind.notifications, notifications)
    observed: list[Launch] = _read(RecordKind.launches, launches)
    for result in service.check_records(observed, plns):
        dump_json_line(result.to_line())


@hcoc_app.command("import")
def import_(
    kind: RecordKind = typer.Argument(..., help="notifications | launches | declarations"),
    file: str = typer.Argument(..., help="JSON lines ('-' for stdin)."),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """Import records (all or nothing; an existing id, or state+year, is replaced). Errors name the line."""
    records = _read(kind, file)
    db = open_database(database_url)
    result = service.import_records(db, kind, records, actor=CLI_ACTOR, source=file)
    typer.echo(f"imported {result.total} {kind.value}: {result.created} new, {result.updated} replaced", err=True)


@hcoc_app.command("subscribers")
def subscribers(as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: all).")) -> None:
    """Subscribing states (as of a date) as JSON lines."""
    for sub in service.subscribers(_date(as_of, "--as-of")):
        dump_json_line(sub.model_dump(mode="json", exclude_none=True))


@hcoc_app.command("launches")
def check_stored(
    year: int | None = typer.Option(None, "--year"),
    state: str | None = typer.Option(None, "--state"),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """Check the stored launches against the stored PLNs: one JSON line per launch."""
    db = open_database(database_url)
    for result in service.check_stored_launches(db, year=year, state=state):
        dump_json_line(result.to_line())


@hcoc_app.command("declarations")
def declarations(
    year: int = typer.Option(..., "--year", help="The year the declarations cover."),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """For each subscriber: declaration for YEAR submitted? launch counts agree? (JSON lines)."""
    db = open_database(database_url)
    for result in service.check_stored_declarations(db, year):
        dump_json_line(result.model_dump(mode="json"))


@hcoc_app.command("report")
def report(
    year: int = typer.Option(..., "--year"),
    format: ReportFormat = typer.Option(ReportFormat.html, "--format", help="html | pdf | md"),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """The yearly report: subscribers, declarations received, launches and their status, with a chart."""
    db = open_database(database_url)
    data = service.report(db, year, format)
    if output is None:
        if format is ReportFormat.pdf and sys.stdout.isatty():
            raise InvalidInput("a PDF report is binary: give --output FILE or redirect stdout")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if output.is_dir():
        raise InvalidInput(f"{output}: is a directory, expected a file name")
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(f"{output}: cannot write ({exc.strerror})") from exc
    typer.echo(f"wrote {output} ({len(data)} bytes)", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(hcoc_app, name="hcoc")
