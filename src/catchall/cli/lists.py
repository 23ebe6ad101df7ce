"""``catchall lists``: import official sanctions / denied-party lists, show versions, diff and export them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from catchall.cli.common import open_database
from catchall.errors import InvalidInput
from catchall.screening.sources import SOURCES
from catchall.services import lists as lists_service

lists_app = typer.Typer(
    help="Sanctions and denied-party lists: import (versioned, atomic), show, diff, export.",
    invoke_without_command=True,
)
DB_OPTION = typer.Option(None, "--database-url", help="Database URL (default: CATCHALL_DATABASE_URL).")
PHASES = {"parse": "reading", "write": "storing", "index": "indexing"}


def _console() -> Console:
    # tables keep one line per row when piped (Rich would wrap to 80 columns)
    return Console() if sys.stdout.isatty() else Console(width=200)


@lists_app.callback()
def show(ctx: typer.Context, database_url: str | None = DB_OPTION) -> None:
    """Without a sub-command: the current version of every list."""
    if ctx.invoked_subcommand is not None:
        return
    db = open_database(database_url)
    table = Table("name", "source", "version", "entities", "imported at", "checksum")
    for v in lists_service.current_versions(db):
        table.add_row(
            v.list_name,
            v.source,
            str(v.number),
            str(v.entity_count),
            v.imported_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
            v.checksum[:16],
        )
    if not table.rows:
        typer.echo("no lists imported yet: catchall lists import SOURCE FILE", err=True)
        return
    _console().print(table)


@lists_app.command("sources")
def sources() -> None:
    """The list formats ``import`` understands."""
    for fmt in SOURCES.values():
        default = f" (default list: {fmt.default_list})" if fmt.default_list else ""
        typer.echo(f"{fmt.name:14} {fmt.title}{default}")


@lists_app.command("import")
def import_(
    source: str = typer.Argument(..., help=f"Format of FILE: {', '.join(SOURCES)}."),
    file: Path = typer.Argument(
        ..., help="The published file (ofac-csv: sdn.csv with add/alt beside it, a folder or a zip)."
    ),
    name: str | None = typer.Option(None, "--name", help="List name (default: the source's usual list)."),
    no_rescreen: bool = typer.Option(False, "--no-rescreen", help="Do not re-screen stored parties afterwards."),
    actor: str = typer.Option("cli", "--actor", help="Who is importing (recorded in the audit log)."),
    database_url: str | None = DB_OPTION,
) -> None:
    """Import FILE as a new version of a list; identical files are detected and not imported twice."""
    db = open_database(database_url)
    big = file.is_file() and file.stat().st_size > 2 * 1024 * 1024
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not big,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(phase: str, done: int, total: int | None) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(PHASES.get(phase, phase), total=total)
            bar.update(tasks[phase], completed=done, total=total)

        version = lists_service.import_file(db, source, file, name, actor, progress=progress, rescreen=not no_rescreen)
    if version.unchanged:
        typer.echo(
            f"{version.list_name}: unchanged (identical to version {version.number}, checksum {version.checksum[:16]})"
        )
        return
    ch = version.changes
    typer.echo(
        f"{version.list_name}: version {version.number} is current — {version.entity_count} entities "
        f"(+{ch.get('added', 0)} added, ~{ch.get('changed', 0)} changed, -{ch.get('removed', 0)} removed)"
    )
    skipped = version.stats.get("skipped") or {}
    if skipped:
        typer.echo("skipped: " + ", ".join(f"{k}: {n}" for k, n in skipped.items()))
    for warning in (version.stats.get("warnings") or [])[:10]:
        typer.echo(f"warning: {warning}", err=True)
    rs = version.rescreen
    if rs:
        typer.echo(f"re-screening: {rs.get('status')}" + (f" ({rs['reason']})" if rs.get("reason") else ""))


@lists_app.command("versions")
def versions(name: str, database_url: str | None = DB_OPTION) -> None:
    """Every version of list NAME (newest first)."""
    db = open_database(database_url)
    table = Table("version", "status", "entities", "imported at", "source", "file", "checksum")
    for v in lists_service.versions(db, name):
        table.add_row(
            str(v.number),
            v.status,
            str(v.entity_count),
            v.imported_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
            v.source,
            v.file_name,
            v.checksum[:16],
        )
    _console().print(table)


@lists_app.command("diff")
def diff(
    name: str,
    from_v: int | None = typer.Option(None, "--from", help="Older version (default: the one before --to)."),
    to_v: int | None = typer.Option(None, "--to", help="Newer version (default: current)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole diff as one JSON document."),
    database_url: str | None = DB_OPTION,
) -> None:
    """Entities added, removed and changed between two versions of list NAME."""
    db = open_database(database_url)
    result = lists_service.diff(db, name, from_v, to_v)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    s = result.summary
    frm = f"version {s['from']}" if s["from"] is not None else "nothing"
    typer.echo(
        f"{name}: {frm} -> version {s['to']}: {s['added']} added, {s['removed']} removed, "
        f"{s['changed']} changed, {s['unchanged']} unchanged"
    )
    for mark, items in (("+", result.added), ("-", result.removed), ("~", result.changed)):
        for r in items:
            fields = f"  [{', '.join(r.fields)}]" if r.fields else ""
            typer.echo(f"{mark} {r.id}  {r.schema}  {r.caption}{fields}")


@lists_app.command("export")
def export(
    name: str,
    version: int | None = typer.Option(None, "--version", help="Version number (default: current)."),
    fmt: str = typer.Option("ftm", "--format", help="Output format: ftm (FollowTheMoney JSON lines)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file (default: stdout)."),
    database_url: str | None = DB_OPTION,
) -> None:
    """Write the entities of a list version as FtM JSON lines (importable again with source ftm)."""
    if fmt != "ftm":
        raise InvalidInput(f"--format {fmt!r}: only 'ftm' is supported")
    db = open_database(database_url)
    lines = lists_service.export_lines(db, name, version)
    out: IO[str] = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for line in lines:
            out.write(line + "\n")
    finally:
        if output:
            out.close()


def register(app: typer.Typer) -> None:
    app.add_typer(lists_app, name="lists")
