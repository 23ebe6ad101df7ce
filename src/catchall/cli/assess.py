"""``catchall assess``: MTCR Guidelines decisions for export-licence applications (JSON lines in and out)."""

from __future__ import annotations

import getpass
import hashlib
import json
import sys
from collections import Counter
from datetime import date

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from catchall.cli.common import open_database, open_input, read_jsonl
from catchall.errors import CatchallError, InvalidInput
from catchall.model.application import DenialNotification, parse_application
from catchall.services import denials as denial_service
from catchall.services import licensing


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"--as-of must be a date YYYY-MM-DD, got {value!r}") from exc


def assess_command(
    file: str = typer.Argument("-", help="JSON lines of applications ('-' for standard input)."),
    watchlist: list[str] = typer.Option(
        [], "--watchlist", help="FtM JSON-lines watch list (repeatable). Default: the lists stored in the database."
    ),
    denials: str | None = typer.Option(
        None, "--denials", help="JSON lines of denial notifications. Default: those stored in the database."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Assess as of this date (YYYY-MM-DD) instead of each application's date."
    ),
    threshold: float | None = typer.Option(None, "--threshold", min=0.0, max=1.0, help="Screening threshold."),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """Classify every item, screen every party, check denial notifications, apply the MTCR Guidelines.

    Writes one JSON line per application: id, outcome, holds, flags, items, reasons, as_of, annex_edition,
    list_versions. Bad lines are reported on stderr (naming the line, the application id and the field); the
    others are still assessed, and the exit code is 2 at the end.
    """
    on = _parse_date(as_of)
    errors = 0
    notifications: list[DenialNotification] | None = None
    if denials is not None:
        notifications, problems = denial_service.load_file(denials)
        for msg in problems:
            typer.echo(f"error: {msg}", err=True)
        errors += len(problems)
    file_lists: list[licensing.Watchlist] | None = None
    if watchlist:
        file_lists = []
        for path in watchlist:
            # two files of the same name from different folders must stay apart in list_versions
            base = licensing.list_name_of(path)
            name, n = base, 1
            while any(wl.name == name for wl in file_lists):
                n += 1
                name = f"{base}-{n}"
            file_lists.append(licensing.watchlist_from_file(path, name=name))
    # The database holds the stored lists and notifications, and the audit record of this run.
    db = open_database(database_url)
    # Stored lists and notifications depend on the date: load them once per date.
    per_date: dict[date | None, licensing.Resources] = {}
    all_files = file_lists is not None and notifications is not None

    def resources_for(day: date) -> licensing.Resources:
        key = None if all_files else day  # from files, the same resources serve every date
        if key not in per_date:
            lists = file_lists if file_lists is not None else licensing.stored_watchlists(db, day)
            if notifications is not None:
                notes = notifications
            else:
                notes = denial_service.list_notifications(db, in_force_on=day)
            per_date[key] = licensing.Resources(watchlists=lists, denials=notes, threshold=threshold)
        return per_date[key]

    source = "<stdin>" if file == "-" else file
    digest = hashlib.sha256()
    outcomes: Counter[str] = Counter()
    holds: Counter[str] = Counter()
    versions: dict[str, str] = {}
    console = Console(stderr=True)
    with (
        open_input(file) as fh,
        Progress(
            TextColumn("assessing"),
            MofNCompleteColumn(),
            TextColumn("applications"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as progress,
    ):
        task = progress.add_task("assess", total=None)
        for lineno, obj in read_jsonl(fh, source):
            progress.advance(task)
            try:
                if isinstance(obj, InvalidInput):
                    raise obj
                app = parse_application(obj, source=f"{source} line {lineno}:")
                day = on or app.date
                decision = licensing.assess(app, resources_for(day), as_of=day)
            except CatchallError as exc:
                errors += 1
                msg = exc.message if exc.message.startswith(source) else f"{source} line {lineno}: {exc.message}"
                typer.echo(f"error: {msg}", err=True)
                continue
            line = json.dumps(decision.output(), ensure_ascii=False)
            sys.stdout.write(line + "\n")
            digest.update(line.encode("utf-8") + b"\n")
            outcomes[decision.outcome] += 1
            holds.update(decision.holds)
            versions.update(decision.list_versions)
    sys.stdout.flush()
    licensing.record_run(
        db,
        f"cli:{getpass.getuser()}",
        source=source,
        as_of=on,
        outcomes=dict(outcomes),
        holds=dict(holds),
        errors=errors,
        digest=digest.hexdigest(),
        list_versions=versions,
    )
    if errors:
        # One summary error: main() prints it and exits with code 2 after all the good lines were written.
        raise InvalidInput(f"{errors} bad line(s) in {source}; the other applications were assessed")


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_command)
