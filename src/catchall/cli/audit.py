"""``catchall audit``: verify and read the hash-chained audit log."""

from __future__ import annotations

import typer

from catchall.cli.common import dump_json_line, open_database
from catchall.errors import AuditChainBroken
from catchall.services import audit as audit_service

audit_app = typer.Typer(help="The append-only audit log.", no_args_is_help=True)


@audit_app.command("verify")
def verify(database_url: str | None = typer.Option(None, "--database-url")) -> None:
    """Recompute the hash chain and report the first broken record (exit 2 if broken)."""
    db = open_database(database_url)
    with db.session() as s:
        result = audit_service.verify(s)
        head = audit_service.history(s, limit=1)
    if not result.ok:
        raise AuditChainBroken(result.message())
    typer.echo(result.message())
    if head:
        typer.echo(f"head: record {head[0].seq} hash {head[0].hash}")


@audit_app.command("log")
def log(
    subject: str | None = typer.Option(None, help="Only records about this subject."),
    limit: int = typer.Option(50, min=1),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """Print the latest audit records as JSON lines (newest first)."""
    db = open_database(database_url)
    with db.session() as s:
        for r in audit_service.history(s, subject=subject, limit=limit):
            dump_json_line(
                {
                    "seq": r.seq,
                    "ts": r.ts,
                    "actor": r.actor,
                    "action": r.action,
                    "subject": r.subject,
                    "payload": r.payload,
                    "hash": r.hash,
                }
            )


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
