"""``catchall screen-batch``: screen a file of counterparties against watch lists, locally or on Dask."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

import typer

from catchall.batch.indexes import WatchlistSpec
from catchall.batch.records import ColumnMap
from catchall.cli.common import open_database
from catchall.errors import CatchallError, InvalidInput, NotFound, StoreError
from catchall.store.db import Database


def screen_batch(
    input: Path = typer.Argument(..., help="Records to screen: .csv, .jsonl or .parquet."),
    watchlist: list[str] = typer.Option(
        [], "--watchlist", "-w", help="FtM JSON-lines watch list, as PATH or NAME=PATH. Repeat for several lists."
    ),
    stored: list[str] = typer.Option(
        [], "--list", help="An imported list (catchall lists), as NAME (current version) or NAME@VERSION. Repeatable."
    ),
    database_url: str | None = typer.Option(None, "--database-url", help="Database holding the --list lists."),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="Results file; format from its extension (.csv, .jsonl, .parquet), else the input's.",
    ),
    engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or dask."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster)."
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="Worker processes (default: the CPUs of this machine)."
    ),
    threshold: float | None = typer.Option(
        None,
        "--threshold",
        min=0.0,
        max=1.0,
        help="Minimum score of a reported match (default: the screening default).",
    ),
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many matches per record and list."),
    chunk_size: int = typer.Option(
        5000, "--chunk-size", min=1, help="Records per chunk (unit of work and checkpoint)."
    ),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run; finished chunks are kept."),
    work_dir: Path | None = typer.Option(
        None, "--work-dir", help="Checkpoint directory (default: OUTPUT.run next to the output)."
    ),
    index_dir: Path | None = typer.Option(
        None, "--index-dir", help="Where built indexes are kept and reused (default: inside the work dir)."
    ),
    name_col: str | None = typer.Option(None, "--name-col", help="Column holding the name (default: name)."),
    country_col: str | None = typer.Option(
        None, "--country-col", help="Column holding the country (default: country)."
    ),
    birth_date_col: str | None = typer.Option(
        None, "--birth-date-col", help="Column holding the birth date, ISO (default: birth_date, birthDate, dob)."
    ),
    id_col: str | None = typer.Option(None, "--id-col", help="Column holding the record id (default: id)."),
    identifier_col: str | None = typer.Option(
        None, "--identifier-col", help="Column holding an identifier such as a passport or registration number."
    ),
    schema_col: str | None = typer.Option(
        None, "--schema-col", help="Column holding Person/Company/LegalEntity per row (default: schema)."
    ),
    schema: str = typer.Option("LegalEntity", "--schema", help="Schema of rows that do not name one."),
    input_format: str | None = typer.Option(
        None, "--input-format", help="csv, jsonl or parquet (default: by extension)."
    ),
    output_format: str | None = typer.Option(
        None, "--output-format", help="csv, jsonl or parquet (default: by extension)."
    ),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
    actor: str | None = typer.Option(None, "--actor", help="Name recorded in the audit log (default: login name)."),
) -> None:
    """Screen every record of INPUT against the watch lists; write one row per (record, match) and a summary."""
    from catchall.batch.runner import BatchOptions, RunPaths, run_batch

    columns = ColumnMap(
        name=name_col,
        country=country_col,
        birth_date=birth_date_col,
        identifier=identifier_col,
        id=id_col,
        schema=schema_col,
        default_schema=schema,
    )
    lists: list[str | WatchlistSpec] = list(watchlist)
    if stored:
        folder = RunPaths.for_output(output, work_dir).work_dir / "lists"
        db = open_database(database_url)
        lists.extend(stored_list(db, spec, folder) for spec in stored)
    opts = BatchOptions(
        input=input,
        output=output,
        watchlists=tuple(lists),
        engine=engine,
        scheduler=scheduler,
        workers=workers,
        threshold=threshold,
        limit=limit,
        chunk_size=chunk_size,
        resume=resume,
        work_dir=work_dir,
        index_dir=index_dir,
        columns=columns,
        input_format=input_format,
        output_format=output_format,
        progress=progress,
    )
    summary = run_batch(opts)
    _print_summary(summary)
    _record(summary, database_url, actor or getpass.getuser())


def _record(summary: dict[str, Any], database_url: str | None, user: str) -> None:
    """Append the run to the audit log: who screened which file against which list versions, and the counts."""
    from catchall.services import audit

    keep = (
        "input", "input_sha256", "output", "lists", "threshold", "limit", "rows", "records", "malformed_rows",
        "matches", "records_with_matches", "alerts_by_list", "engine", "workers", "chunks", "seconds",
    )  # fmt: skip
    try:
        db = open_database(database_url)
        with db.session() as s:
            audit.append(
                s,
                actor=f"cli:{user}",
                action="screening.batch_run",
                subject=f"batch:{summary['input_sha256'][:16]}",
                payload={k: summary[k] for k in keep},
            )
    except CatchallError as exc:
        raise StoreError(
            f"results written to {summary['output']}, but the run could not be recorded in the audit log: {exc.message}"
        ) from exc


def stored_list(db: Database, spec: str, folder: Path) -> WatchlistSpec:
    """An imported list version exported once to the run's work dir, stamped with its stored version."""
    from catchall.services import lists as list_service

    name, _, number = spec.partition("@")
    if number:
        if not number.removeprefix("v").isdigit():
            raise InvalidInput(f"--list {spec}: the version after @ must be a number, e.g. {name}@3")
        wanted = int(number.removeprefix("v"))
        found = [
            v for v in list_service.versions(db, name) if v.number == wanted and v.status in ("current", "superseded")
        ]
        if not found:
            raise NotFound(f"list {name!r} has no usable version {wanted}")
        version = found[0]
    else:
        version = list_service.version_as_of(db, name)
    label = list_service.index_version(version.number, version.checksum)
    path = folder / f"{name}-{label}.ftm.jsonl"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for line in list_service.export_lines(db, name, version.number):
                fh.write(line + "\n")
        tmp.replace(path)
    return WatchlistSpec.from_file(name, path, label=label)


def _print_summary(s: dict[str, Any]) -> None:
    typer.echo(
        f"screened {s['records']:,} records ({s['rows']:,} rows, {s['malformed_rows']:,} malformed) "
        f"in {s['seconds']:.1f} s with the {s['engine']} engine ({s['workers']} worker{'s' if s['workers'] != 1 else ''})"
    )
    if s["records_per_second"]:
        typer.echo(f"throughput: {s['records_per_second']:,.0f} records/s")
    typer.echo(f"matches: {s['matches']:,} for {s['records_with_matches']:,} records (threshold {s['threshold']})")
    for name, counts in s["alerts_by_list"].items():
        typer.echo(f"  {name}: {counts['matches']:,} matches, {counts['records']:,} records")
    chunks = s["chunks"]
    if chunks["from_checkpoint"]:
        typer.echo(f"resumed: {chunks['from_checkpoint']} of {chunks['total']} chunks were already done")
    if s["malformed_rows"]:
        first = ", ".join(f"row {e['row']}: {e['error']}" for e in s["malformed_examples"][:3])
        typer.echo(f"malformed rows: {s['malformed_rows']:,} (see {s['errors_file']}); first: {first}")
    typer.echo(f"output: {s['output']}")
    typer.echo(f"summary: {s['summary_file']}")


def register(app: typer.Typer) -> None:
    app.command("screen-batch")(screen_batch)
