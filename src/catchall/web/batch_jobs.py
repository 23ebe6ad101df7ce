"""Batch screening from an uploaded file, run in a background thread with progress the page can poll.

The rows are parsed before the job starts (bad rows are reported with their row number and skipped);
the job screens each row against the index current when it started. Jobs live in this process's memory
only: they are a convenience for a few thousand names at a desk — millions belong to ``catchall
screen-batch``.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from catchall.errors import InvalidInput, NotFound

MAX_ROWS = 20_000
KEEP_JOBS = 20
SCHEMAS = ("LegalEntity", "Person", "Organization", "Company")


@dataclass
class BatchRow:
    row: int
    name: str
    country: str = ""
    birth_date: str = ""
    identifier: str = ""
    schema: str = "LegalEntity"
    ref: str = ""

    def entity(self) -> dict[str, Any]:
        props: dict[str, list[str]] = {"name": [self.name]}
        if self.country:
            props["country"] = [self.country.lower()]
        if self.birth_date:
            props["birthDate"] = [self.birth_date]
        if self.identifier:
            props["idNumber"] = [self.identifier]
        return {"id": self.ref or f"row{self.row}", "schema": self.schema, "properties": props}


@dataclass
class BatchJob:
    id: str
    owner: str
    file_name: str
    rows: list[BatchRow]
    errors: list[str]
    threshold: float
    done: int = 0
    status: str = "queued"  # queued, running, finished, failed
    message: str = ""
    results: list[dict[str, Any]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def percent(self) -> int:
        return 100 if not self.rows else int(self.done * 100 / self.total)

    @property
    def matches(self) -> int:
        return sum(1 for r in self.results if r["matches"])

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started


_JOBS: OrderedDict[str, BatchJob] = OrderedDict()
_LOCK = threading.Lock()


def _pick(record: dict[str, Any], *keys: str) -> str:
    for k in keys:
        value = record.get(k)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _row(n: int, record: dict[str, Any]) -> BatchRow | str:
    name = _pick(record, "name", "Name", "NAME")
    if not name:
        return f"row {n}: no name"
    schema = _pick(record, "schema") or "LegalEntity"
    if schema not in SCHEMAS:
        return f"row {n}: schema must be one of {', '.join(SCHEMAS)}, got {schema!r}"
    return BatchRow(
        row=n,
        name=name,
        country=_pick(record, "country", "Country"),
        birth_date=_pick(record, "birth_date", "birthDate", "dob"),
        identifier=_pick(record, "identifier", "id_number", "idNumber"),
        schema=schema,
        ref=_pick(record, "id", "ref", "reference"),
    )


def _keep(found: BatchRow | str, rows: list[BatchRow], errors: list[str]) -> None:
    if isinstance(found, str):
        errors.append(found)
    else:
        rows.append(found)


def parse_upload(file_name: str, data: bytes) -> tuple[list[BatchRow], list[str]]:
    """Rows from a CSV (header with a ``name`` column) or JSON-lines file; errors name the row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{file_name}: not UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise InvalidInput(f"{file_name}: the file is empty")
    rows: list[BatchRow] = []
    errors: list[str] = []
    if file_name.lower().endswith((".jsonl", ".json", ".ndjson")) or text.lstrip().startswith("{"):
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {n}: not valid JSON ({exc.msg})")
                continue
            found = _row(n, obj) if isinstance(obj, dict) else f"line {n}: expected a JSON object"
            _keep(found, rows, errors)
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not any(f and f.strip().lower() == "name" for f in reader.fieldnames):
            raise InvalidInput(f"{file_name}: the CSV header has no 'name' column (found: {reader.fieldnames})")
        for n, record in enumerate(reader, start=2):
            _keep(_row(n, {(k or "").strip(): v for k, v in record.items()}), rows, errors)
    if len(rows) > MAX_ROWS:
        raise InvalidInput(
            f"{file_name}: {len(rows)} rows is more than the web page takes ({MAX_ROWS}); use `catchall screen-batch`"
        )
    if not rows:
        raise InvalidInput(f"{file_name}: no row with a name" + (f" (first problem: {errors[0]})" if errors else ""))
    return rows, errors


def start(
    owner: str, file_name: str, rows: list[BatchRow], errors: list[str], index: Any, threshold: float
) -> BatchJob:
    job = BatchJob(secrets.token_urlsafe(9), owner, file_name, rows, errors, threshold)
    with _LOCK:
        _JOBS[job.id] = job
        while len(_JOBS) > KEEP_JOBS:
            _JOBS.popitem(last=False)
    threading.Thread(target=_run, args=(job, index), name=f"batch-{job.id}", daemon=True).start()
    return job


def _run(job: BatchJob, index: Any) -> None:
    from catchall.model.entity import Entity

    job.status = "running"
    try:
        for row in job.rows:
            matches = index.match(Entity.from_ftm(row.entity()), threshold=job.threshold, limit=3)
            hits = [m for m in matches if m.match]
            job.results.append(
                {
                    "row": row.row,
                    "ref": row.ref,
                    "name": row.name,
                    "country": row.country,
                    "matches": [
                        {
                            "id": m.id,
                            "caption": m.caption,
                            "score": m.score,
                            "list": f"{m.list_name}@{m.list_version}",
                            "explanation": dict(m.explanation),
                        }
                        for m in hits
                    ],
                }
            )
            job.done += 1
        job.status = "finished"
    except Exception as exc:  # the page must say the job failed rather than spin forever
        job.status = "failed"
        job.message = f"{type(exc).__name__}: {exc}"
    finally:
        job.finished = time.monotonic()


def get(job_id: str, username: str, is_admin: bool) -> BatchJob:
    with _LOCK:
        job = _JOBS.get(job_id)
    if job is None or (job.owner != username and not is_admin):
        raise NotFound(f"no batch screening job {job_id!r} (jobs are kept in memory until the server restarts)")
    return job


def results_csv(job: BatchJob) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["row", "ref", "name", "country", "match_id", "match_name", "score", "list", "explanation"])
    for r in job.results:
        if not r["matches"]:
            w.writerow([r["row"], r["ref"], r["name"], r["country"], "", "", "", "", ""])
        for m in r["matches"]:
            expl = "; ".join(f"{k}: {v}" for k, v in m["explanation"].items())
            w.writerow(
                [
                    r["row"],
                    r["ref"],
                    r["name"],
                    r["country"],
                    m["id"],
                    m["caption"],
                    f"{m['score']:.3f}",
                    m["list"],
                    expl,
                ]
            )
    return out.getvalue()
