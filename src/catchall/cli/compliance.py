"""``catchall compliance``: assess reported transfers, keep them, and write per-state reports."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.progress import Progress

from catchall.cli.common import dump_json_line, open_database, open_input, read_jsonl
from catchall.cli.registry import cli_actor, parse_date
from catchall.errors import InvalidInput
from catchall.model.transfer import Transfer
from catchall.services import compliance as service

compliance_app = typer.Typer(help="Compliance assessment of reported transfers.", no_args_is_help=True)
transfers_app = typer.Typer(help="Stored transfers (reported events).", no_args_is_help=True)
DB = typer.Option(None, "--database-url", help="Database with stored amendments and transfers (default: settings).")


def _read_transfers(file: str) -> list[Transfer]:
    """Every transfer of a JSON-lines file; all bad lines are reported together."""
    out: list[Transfer] = []
    errors: list[str] = []
    with open_input(file) as fh:
        for n, obj in read_jsonl(fh, file):
            if isinstance(obj, InvalidInput):
                errors.append(obj.message)
                continue
            try:
                out.append(service.parse_transfer(obj, f"{file} line {n}"))
            except InvalidInput as exc:
                errors.append(exc.message)
    if errors:
        for e in errors[1:20]:
            typer.echo(f"error: {e}", err=True)
        raise InvalidInput(errors[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))
    return out


@compliance_app.command("assess")
def assess(
    file: str = typer.Argument("-", help="JSON-lines transfers, or - for standard input."),
    shipped_only: bool = typer.Option(
        False, "--shipped-only", help="Use only the shipped registry (no database, nothing audited)."
    ),
    database_url: str | None = DB,
) -> None:
    """One JSON line per transfer: {id, finding, commitments: [{id, instrument, in_force_since, precludes, why}], reasons}.

    A bad line does not stop the run: it answers {"id", "line", "error"} in its place, and the command
    exits with code 2 at the end, naming the first bad line.
    """
    # parse everything first, keeping input order; bad lines become error answers in place
    slots: list[Transfer | dict[str, object]] = []
    errors: list[str] = []
    with open_input(file) as fh:
        for n, obj in read_jsonl(fh, file):
            if isinstance(obj, InvalidInput):
                slots.append({"id": None, "line": n, "error": obj.message})
                errors.append(obj.message)
                continue
            try:
                slots.append(service.parse_transfer(obj, f"{file} line {n}"))
            except InvalidInput as exc:
                slots.append({"id": obj.get("id"), "line": n, "error": exc.message})
                errors.append(exc.message)
    transfers = [t for t in slots if isinstance(t, Transfer)]
    db = None if shipped_only else open_database(database_url)
    with Progress(transient=True, disable=len(transfers) < 5000 or not sys.stderr.isatty()) as progress:
        task = progress.add_task("assessing", total=len(transfers))
        findings = iter(service.assess_transfers(transfers, db=db, actor=cli_actor()))
        progress.update(task, completed=len(transfers))
    for slot in slots:
        dump_json_line(next(findings).to_line() if isinstance(slot, Transfer) else slot)
    if errors:
        raise InvalidInput(errors[0] + (f" (and {len(errors) - 1} more bad lines)" if len(errors) > 1 else ""))


@compliance_app.command("report")
def report(
    state: str = typer.Option(..., "--state", help="ISO 3166 code of the state reported on."),
    date_from: str | None = typer.Option(None, "--from", help="First day of the period (YYYY-MM-DD)."),
    date_to: str | None = typer.Option(None, "--to", help="Last day of the period (YYYY-MM-DD)."),
    fmt: str = typer.Option("html", "--format", help="html, pdf or md."),
    output: str | None = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
    transfers_file: str | None = typer.Option(
        None, "--transfers", help="Assess these JSON-lines transfers instead of the stored ones."
    ),
    database_url: str | None = DB,
) -> None:
    """A per-state report: commitments and history, transfers by year and finding (chart), sanctions, summary."""
    if fmt not in ("html", "pdf", "md"):
        raise InvalidInput(f"--format {fmt!r}: use html, pdf or md")
    db = open_database(database_url)
    transfers = _read_transfers(transfers_file) if transfers_file else None
    data = service.report(
        db,
        state,
        fmt=fmt,  # type: ignore[arg-type]
        date_from=parse_date(date_from, "--from"),
        date_to=parse_date(date_to, "--to"),
        transfers=transfers,
        actor=cli_actor(),
    )
    if output:
        Path(output).write_bytes(data)
        typer.echo(f"wrote {output} ({len(data)} bytes)", err=True)
    elif fmt == "pdf" and sys.stdout.isatty():
        raise InvalidInput("a PDF is binary: give --output FILE or redirect standard output")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@transfers_app.command("import")
def import_(file: str = typer.Argument("-", help="JSON-lines transfers."), database_url: str | None = DB) -> None:
    """Store transfers (create or replace by id; all or nothing)."""
    db = open_database(database_url)
    with open_input(file) as fh:
        result = service.import_transfers(db, read_jsonl(fh, file), actor=cli_actor(), source=file)
    typer.echo(f"imported transfers: {result.created} created, {result.updated} updated", err=True)


@transfers_app.command("export")
def export(
    state: str | None = typer.Option(None, "--state"),
    date_from: str | None = typer.Option(None, "--from"),
    date_to: str | None = typer.Option(None, "--to"),
    database_url: str | None = DB,
) -> None:
    """Stored transfers as JSON lines."""
    db = open_database(database_url)
    for t in service.list_transfers(
        db, state=state, date_from=parse_date(date_from, "--from"), date_to=parse_date(date_to, "--to")
    ):
        dump_json_line(t.model_dump(mode="json"))


@transfers_app.command("delete")
def delete(transfer_id: str, database_url: str | None = DB) -> None:
    """Delete a stored transfer (audited)."""
    service.delete_transfer(open_database(database_url), transfer_id, actor=cli_actor())
    typer.echo(f"deleted transfer {transfer_id}", err=True)


def register(app: typer.Typer) -> None:
    compliance_app.add_typer(transfers_app, name="transfers")
    app.add_typer(compliance_app, name="compliance")
