"""``catchall screen``: screen parties against FtM watch lists (files or a saved index), in batch or one name."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from catchall.cli.common import dump_json_line, open_input, read_jsonl
from catchall.errors import InvalidInput
from catchall.screening import Match
from catchall.services import screening as screening_service


def screen(
    watchlist: list[Path] = typer.Option(
        [], "--watchlist", "-w", help="FtM JSON lines watch list, or a saved index (.npz). Repeatable."
    ),
    queries: str | None = typer.Option(None, "--queries", "-q", help="JSON lines of query entities ('-' = stdin)."),
    output: str | None = typer.Option(None, "--output", "-o", help="Where to write results ('-' = stdout)."),
    name: str | None = typer.Option(None, "--name", help="Screen one name and print a table."),
    country: str | None = typer.Option(None, "--country", help="Country code of the --name party."),
    schema: str = typer.Option("LegalEntity", "--schema", help="Person, Organization, Company or LegalEntity."),
    birth_date: str | None = typer.Option(None, "--birth-date", help="Birth date of the --name party."),
    threshold: float | None = typer.Option(None, "--threshold", min=0.0, max=1.0, help="Decision threshold."),
    limit: int = typer.Option(5, "--limit", min=1, max=500, help="Results per query."),
    save_index: Path | None = typer.Option(None, "--save-index", help="Also save the built index here (.npz)."),
) -> None:
    """Screen parties against watch lists.

    Batch: --watchlist LIST.ftm.jsonl --queries Q.jsonl --output OUT.jsonl (one result line per query).
    One party: --watchlist LIST --name "..." [--country XX].
    """
    if not watchlist:
        raise InvalidInput("give at least one --watchlist (FtM JSON lines file or saved .npz index)")
    if (name is None) == (queries is None):
        raise InvalidInput("give either --queries FILE (batch) or --name NAME (one party)")
    if threshold is None:
        threshold = screening_service.default_threshold()
    index = screening_service.open_watchlists(watchlist)
    if save_index is not None:
        screening_service.save_index(index, save_index)
    if name is not None:
        matches = index.match_name(
            name, country=country, schema=schema, birth_date=birth_date, limit=limit, threshold=threshold
        )
        _print_table(name, matches)
        return
    if output is None:
        raise InvalidInput("--queries needs --output FILE (or '-' for stdout)")
    src = open_input(queries)
    out = sys.stdout if output == "-" else Path(output).open("w", encoding="utf-8")  # noqa: SIM115
    try:
        lines = list(read_jsonl(src, queries or "-"))
        with Progress(
            TextColumn("screening"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
            disable=not sys.stderr.isatty(),
        ) as bar:
            task = bar.add_task("screen", total=len(lines))
            for lineno, obj in lines:
                if isinstance(obj, InvalidInput):
                    raise obj
                query = screening_service.query_entity(obj, f"{queries} line {lineno}")
                matches = index.match(query, threshold=threshold, limit=limit)
                dump_json_line({"query_id": query.id, "matches": [m.to_json() for m in matches]}, out)
                bar.advance(task)
    finally:
        if out is not sys.stdout:
            out.close()
        if src is not sys.stdin:
            src.close()


def _print_table(name: str, matches: list[Match]) -> None:
    console = Console()
    if not matches:
        console.print(f"No listed entity resembles {name!r}.")
        return
    table = Table(title=f"Screening {name!r}", show_lines=True)
    table.add_column("score", justify="right")
    table.add_column("match")
    table.add_column("listed entity")
    table.add_column("list")
    table.add_column("why")
    for m in matches:
        why = "\n".join(f"{k}: {v}" for k, v in m.explanation.items())
        table.add_row(
            f"{m.score:.3f}",
            "MATCH" if m.match else "-",
            f"{m.caption}\n{m.schema} {m.id}",
            f"{m.list_name}@{m.list_version}",
            why,
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
