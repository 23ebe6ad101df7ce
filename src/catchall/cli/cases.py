"""``catchall denials`` (import, list, revoke) and ``catchall cases`` (list, show) for operators.

The command line acts with the operator's own name (``--actor``, default the login name) in the audit log;
reading cases from the command line shows them as an officer would see them.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date

import typer

from catchall.cli.common import dump_json_line, open_database, open_input
from catchall.errors import InvalidInput
from catchall.services import denials as denial_service
from catchall.services import licensing

denials_app = typer.Typer(help="Denial notifications (partners' and our own).", no_args_is_help=True)
cases_app = typer.Typer(help="Export-licence cases.", no_args_is_help=True)


@dataclass(frozen=True)
class Operator:
    """The person at the terminal, acting with officer rights (the CLI runs on the server itself)."""

    username: str
    role: str = "officer"

    @property
    def actor(self) -> str:
        return f"cli:{self.username}"


def _operator(actor: str | None) -> Operator:
    return Operator(actor or getpass.getuser())


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"{option} must be a date YYYY-MM-DD, got {value!r}") from exc


@denials_app.command("import")
def import_denials(
    file: str = typer.Argument(..., help="JSON lines of denial notifications ('-' for standard input)."),
    actor: str | None = typer.Option(None, "--actor", help="Name recorded in the audit log."),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """Add new notifications and update known ones (by id). Bad lines are reported; exit 2 if any."""
    db = open_database(database_url)
    source = "<stdin>" if file == "-" else file
    with open_input(file) as fh:
        result = denial_service.import_jsonl(db, fh, source, _operator(actor).actor)
    for msg in result.errors:
        typer.echo(f"error: {msg}", err=True)
    dump_json_line(result.summary() | {"errors": len(result.errors)})
    if result.errors:
        raise InvalidInput(f"{len(result.errors)} bad line(s) in {source}; the other notifications were imported")


@denials_app.command("list")
def list_denials(
    destination: str | None = typer.Option(None, "--destination", help="ISO 3166 alpha-2 code."),
    in_force_on: str | None = typer.Option(None, "--in-force-on", help="Only those in force on this date."),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """Print notifications as JSON lines."""
    db = open_database(database_url)
    on = _date(in_force_on, "--in-force-on")
    for n in denial_service.list_notifications(db, destination=destination, in_force_on=on):
        dump_json_line(n.model_dump(mode="json"))


@denials_app.command("revoke")
def revoke_denial(
    ident: str = typer.Argument(...),
    on: str = typer.Option(..., "--on", help="Date the revocation takes effect (YYYY-MM-DD)."),
    actor: str | None = typer.Option(None, "--actor"),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    db = open_database(database_url)
    when = _date(on, "--on")
    assert when is not None
    dump_json_line(denial_service.revoke(db, ident, when, _operator(actor).actor).model_dump(mode="json"))


@cases_app.command("list")
def list_cases(
    state: str | None = typer.Option(None, "--state", help=f"One of: {', '.join(licensing.CASE_STATES)}."),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """One JSON line per case: id, reference, owner, state, recommended outcome, decision."""
    db = open_database(database_url)
    for c in licensing.list_cases(db, _operator(None), state=state):
        dump_json_line(
            {
                "id": c.id,
                "reference": c.reference,
                "owner": c.owner,
                "state": c.state,
                "recommended": c.recommended,
                "open_alerts": len(c.open_alerts),
                "decision": c.decision,
            }
        )


@cases_app.command("show")
def show_case(
    case_id: int = typer.Argument(...), database_url: str | None = typer.Option(None, "--database-url")
) -> None:
    """The whole case as JSON (application, recommendation with reasons, alerts, notes, decision)."""
    db = open_database(database_url)
    dump_json_line(licensing.get_case(db, case_id, _operator(None)).model_dump(mode="json"))


def register(app: typer.Typer) -> None:
    app.add_typer(denials_app, name="denials")
    app.add_typer(cases_app, name="cases")
