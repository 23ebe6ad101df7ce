"""One batch run from start to finish: check, index, chunk, screen, checkpoint, assemble, summarise.

Files of a run with output ``OUT.csv``: the results ``OUT.csv``, the summary ``OUT.summary.json``,
the malformed rows ``OUT.errors.jsonl`` and the work directory ``OUT.csv.run/`` (manifest, saved
indexes, one part file per finished chunk). The final output is assembled from the parts in chunk
order, each part sorted by input row, so every engine and every resume gives the same bytes.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catchall.batch.checkpoint import RunDir
from catchall.batch.engine import BatchFailed, Engine
from catchall.batch.formats import ErrorLog, detect_format, estimate_rows, fingerprint, read_records, write_results
from catchall.batch.indexes import IndexBackend, ScreeningBackend, WatchlistSpec, build_bundle
from catchall.batch.progress import BatchProgress
from catchall.batch.records import ColumnMap, QueryRecord, RowError
from catchall.batch.results import ChunkResult, ResultRow
from catchall.batch.screening import Chunk
from catchall.errors import InvalidInput

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class BatchOptions:
    input: Path
    output: Path
    watchlists: tuple[str | WatchlistSpec, ...]  # "PATH", "NAME=PATH" or a prepared spec
    engine: str = "local"
    scheduler: str | None = None
    workers: int | None = None
    threshold: float | None = None
    limit: int = 10
    chunk_size: int = 5000
    resume: bool = False
    work_dir: Path | None = None
    index_dir: Path | None = None
    columns: ColumnMap = field(default_factory=ColumnMap)
    input_format: str | None = None
    output_format: str | None = None
    progress: bool = True


@dataclass(frozen=True)
class RunPaths:
    summary: Path
    errors: Path
    work_dir: Path

    @classmethod
    def for_output(cls, output: Path, work_dir: Path | None = None) -> RunPaths:
        stem = output.with_suffix("") if output.suffix else output
        return cls(
            summary=stem.with_name(stem.name + ".summary.json"),
            errors=stem.with_name(stem.name + ".errors.jsonl"),
            work_dir=work_dir or output.with_name(output.name + ".run"),
        )


def make_engine(opts: BatchOptions) -> Engine:
    if opts.engine not in ENGINES:
        raise InvalidInput(f"unknown engine {opts.engine!r} (expected one of {', '.join(ENGINES)})")
    if opts.engine == "local":
        if opts.scheduler:
            raise InvalidInput("--scheduler is for --engine dask")
        from catchall.batch.local_engine import LocalEngine

        return LocalEngine(opts.workers)
    from catchall.batch.dask_engine import DaskEngine

    return DaskEngine(opts.scheduler, opts.workers)


def _check(opts: BatchOptions) -> tuple[str, str]:
    if not opts.input.is_file():
        raise InvalidInput(f"{opts.input}: no such file")
    if not opts.watchlists:
        raise InvalidInput("at least one watch list is needed (--watchlist FILE or --list NAME)")
    if opts.chunk_size < 1:
        raise InvalidInput(f"--chunk-size must be at least 1, got {opts.chunk_size}")
    if opts.limit < 1:
        raise InvalidInput(f"--limit must be at least 1, got {opts.limit}")
    if opts.threshold is not None and not 0 <= opts.threshold <= 1:
        raise InvalidInput(f"--threshold must be between 0 and 1, got {opts.threshold}")
    if opts.workers is not None and opts.workers < 1:
        raise InvalidInput(f"--workers must be at least 1, got {opts.workers}")
    if opts.output.resolve() == opts.input.resolve():
        raise InvalidInput("the output would overwrite the input; choose another --output")
    in_fmt = detect_format(opts.input, opts.input_format)
    if in_fmt is None:
        raise InvalidInput(
            f"{opts.input}: cannot tell the format from the extension (use .csv, .jsonl or .parquet, or --input-format)"
        )
    out_fmt = detect_format(opts.output, opts.output_format) or in_fmt
    return in_fmt, out_fmt


def run_batch(
    opts: BatchOptions, *, backend: IndexBackend | None = None, engine: Engine | None = None
) -> dict[str, Any]:
    """Run (or resume) a batch screening and return its summary (also written next to the output)."""
    started = time.perf_counter()
    in_fmt, out_fmt = _check(opts)
    backend = backend or ScreeningBackend()
    engine = engine or make_engine(opts)
    threshold = opts.threshold if opts.threshold is not None else backend.default_threshold()
    paths = RunPaths.for_output(opts.output, opts.work_dir)
    run = RunDir(paths.work_dir)

    sha, lines = fingerprint(opts.input)
    specs = [w if isinstance(w, WatchlistSpec) else WatchlistSpec.parse(w) for w in opts.watchlists]
    # Read the header and first row now: a wrong column option fails before any index is built or any
    # checkpoint of an earlier run is cleared.
    next(read_records(opts.input, in_fmt, opts.columns), None)
    manifest = {
        "input": str(opts.input),
        "input_sha256": sha,
        "input_format": in_fmt,
        "options": {
            "columns": opts.columns.options(),
            "threshold": threshold,
            "limit": opts.limit,
            "chunk_size": opts.chunk_size,
        },
        "indexes": [{"name": s.name, "version": s.version} for s in specs],
        "watchlists": [str(s.path) for s in specs],
    }
    done = run.start(manifest, resume=opts.resume)

    t_index = time.perf_counter()
    bundle = build_bundle(specs, backend, opts.index_dir or run.index_dir)
    index_seconds = time.perf_counter() - t_index

    total_rows = estimate_rows(opts.input, in_fmt, lines)
    rows_left = max(total_rows - sum(int(h.get("rows", 0)) for h in done.values()), 0)
    errors = ErrorLog(paths.errors)
    seen_chunks: list[int] = []
    ran: list[int] = []
    screened_now = 0

    with BatchProgress(rows_left, enabled=opts.progress) as progress:

        def finish(result: ChunkResult) -> None:
            nonlocal screened_now
            run.write_part(result)
            done[result.chunk] = result.counts()
            ran.append(result.chunk)
            screened_now += result.records
            progress.advance(result.rows)

        def chunks() -> Iterator[Chunk]:
            number, rows, records = 0, 0, []
            items = read_records(opts.input, in_fmt, opts.columns)
            while True:
                item: QueryRecord | RowError | None = next(items, None)
                if item is not None:
                    rows += 1
                    if isinstance(item, RowError):
                        errors.add(item)
                    else:
                        records.append(item)
                if rows and (rows == opts.chunk_size or item is None):
                    seen_chunks.append(number)
                    if number not in done:
                        chunk = Chunk(number, rows, records)
                        if records:
                            yield chunk
                        else:  # nothing valid to screen: the chunk is finished as it is
                            finish(ChunkResult(number, rows, 0))
                    number, rows, records = number + 1, 0, []
                if item is None:
                    return

        t_screen = time.perf_counter()
        try:
            engine.run(bundle, chunks(), threshold=threshold, limit=opts.limit, on_result=finish)
        except BaseException:
            errors.discard()
            raise
        screen_seconds = time.perf_counter() - t_screen
    errors.publish()

    missing = [n for n in seen_chunks if n not in done]
    if missing:  # an engine returned without finishing everything: never publish a partial output
        raise BatchFailed(f"chunks {missing[:5]} have no results; rerun with --resume")

    def assembled() -> Iterator[ResultRow]:
        for n in seen_chunks:
            yield from run.read_rows(n)

    written = write_results(opts.output, out_fmt, assembled())
    summary = _summary(
        opts,
        input_sha256=sha,
        engine=engine,
        paths=paths,
        out_fmt=out_fmt,
        threshold=threshold,
        headers=[done[n] for n in seen_chunks],
        errors=errors,
        written=written,
        ran=len(ran),
        resumed=len(seen_chunks) - len(ran),
        screened_now=screened_now,
        index_seconds=index_seconds,
        screen_seconds=screen_seconds,
        seconds=time.perf_counter() - started,
        lists=[{"name": n, "version": v} for n, v, _ in bundle.files],
    )
    tmp = paths.summary.with_name(f".{paths.summary.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, paths.summary)
    return summary


def _summary(
    opts: BatchOptions,
    *,
    input_sha256: str,
    engine: Engine,
    paths: RunPaths,
    out_fmt: str,
    threshold: float,
    headers: list[dict[str, Any]],
    errors: ErrorLog,
    written: int,
    ran: int,
    resumed: int,
    screened_now: int,
    index_seconds: float,
    screen_seconds: float,
    seconds: float,
    lists: list[dict[str, str]],
) -> dict[str, Any]:
    by_list: dict[str, dict[str, int]] = {item["name"]: {"matches": 0, "records": 0} for item in lists}
    for h in headers:
        for name, counts in h.get("by_list", {}).items():
            entry = by_list.setdefault(name, {"matches": 0, "records": 0})
            entry["matches"] += int(counts.get("matches", 0))
            entry["records"] += int(counts.get("records", 0))
    records = sum(int(h["records"]) for h in headers)
    cpu = sum(float(h.get("cpu_seconds", 0.0)) for h in headers)
    return {
        "input": str(opts.input),
        "input_sha256": input_sha256,
        "output": str(opts.output),
        "output_format": out_fmt,
        "errors_file": str(paths.errors),
        "summary_file": str(paths.summary),
        "work_dir": str(paths.work_dir),
        "engine": engine.name,
        "workers": engine.workers,
        "lists": lists,
        "threshold": threshold,
        "limit": opts.limit,
        "rows": sum(int(h["rows"]) for h in headers),
        "records": records,
        "malformed_rows": errors.count,
        "malformed_examples": [{"row": e.row, "error": e.message} for e in errors.first],
        "matches": written,
        "records_with_matches": sum(int(h["records_with_matches"]) for h in headers),
        "alerts_by_list": by_list,
        "chunks": {"total": ran + resumed, "screened_now": ran, "from_checkpoint": resumed},
        "index_seconds": round(index_seconds, 3),
        "screening_seconds": round(screen_seconds, 3),
        "seconds": round(seconds, 3),
        "records_per_second": round(screened_now / screen_seconds, 1) if screen_seconds > 0 else None,
        # Worker CPU per screened record: what the run costs regardless of how busy the machine was.
        "worker_cpu_ms_per_record": round(1000 * cpu / records, 3) if records else None,
    }
