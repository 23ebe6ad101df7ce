"""``catchall classify [FILE|-]``: JSON lines of items in, one JSON line of classification per item out."""

from __future__ import annotations

import sys
from datetime import date

import typer

from catchall.cli.common import dump_json_line, open_input, read_jsonl
from catchall.errors import InvalidInput
from catchall.services import classification as service


def _as_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"--as-of: not a date (YYYY-MM-DD): {value!r}") from exc


def classify_command(
    path: str = typer.Argument("-", metavar="[FILE|-]", help="JSON lines of items; '-' or nothing reads stdin."),
    edition: str | None = typer.Option(None, help="Annex edition id (default: the latest)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Use the edition in force on this date (YYYY-MM-DD)."),
) -> None:
    """Classify items against the MTCR Annex: {"id", "category", "entries", "reasons", ...} per line.

    Bad lines are reported on stderr (naming line, item id and field); the valid ones are still
    classified, and the exit code is 2 when any line was bad.
    """
    annex = service.annex_for(edition, _as_date(as_of))
    source = "stdin" if path in (None, "-") else path
    fh = open_input(path)
    errors = 0
    total = 0
    out = sys.stdout
    try:
        for _lineno, result in service.classify_many(read_jsonl(fh, source), annex, source):
            total += 1
            if isinstance(result, InvalidInput):
                errors += 1
                typer.echo(f"error: {result.message}", err=True)
                continue
            dump_json_line(result.to_json(), out)
    finally:
        if fh is not sys.stdin:
            fh.close()
    if errors:
        raise InvalidInput(f"{errors} of {total} item lines in {source} were invalid (see the errors above)")


def register(app: typer.Typer) -> None:
    app.command("classify")(classify_command)
