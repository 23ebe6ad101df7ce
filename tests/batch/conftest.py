"""Fixtures for the batch tests: a small watch list and query files in every input format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from catchall.batch.records import ColumnMap
from catchall.batch.runner import BatchOptions

WATCHLIST = [
    {"id": "wl-1", "schema": "Person", "properties": {"name": ["Ivan Petrov"], "birthDate": ["1970-01-02"]}},
    {"id": "wl-2", "schema": "Person", "properties": {"name": ["Maria Gonzalez"], "alias": ["Maria Gonzales"]}},
    {"id": "wl-3", "schema": "Company", "properties": {"name": ["Rocket Parts Trading LLC"]}},
    {"id": "wl-4", "schema": "Company", "properties": {"name": ["Orbital Guidance Systems"]}},
    {"id": "wl-5", "schema": "Person", "properties": {"name": ["Chen Wei"]}},
]

# (id, name, country, birth_date, identifier): a mix of hits, near misses and non-matches.
NAMES = [
    "Ivan Petrov",
    "Petrov Ivan",
    "Maria Gonzales",
    "John Smith",
    "Rocket Parts Trading LLC",
    "Orbital Guidance System",
    "Chen Wei",
    "Wei Chen",
    "Alice Brown",
    "Ivan Petrova",
]


def query_rows(n: int) -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        rows.append(
            {
                "id": f"q-{i}",
                "name": NAMES[i % len(NAMES)],
                "country": "ru" if i % 3 == 0 else "",
                "birth_date": "1970-01-02" if i % 4 == 0 else "",
                "identifier": f"ID{i}" if i % 5 == 0 else "",
            }
        )
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[dict[str, str]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


@pytest.fixture
def watchlist(tmp_path: Path) -> Path:
    path = tmp_path / "lists" / "demo.ftm.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps(e) + "\n" for e in WATCHLIST), encoding="utf-8")
    return path


@pytest.fixture
def faults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "faults"
    folder.mkdir()
    monkeypatch.setenv("CATCHALL_BATCH_FAULTS", str(folder))
    return folder


def options(input: Path, output: Path, watchlist: Path, **kw: object) -> BatchOptions:
    kw.setdefault("workers", 2)
    kw.setdefault("progress", False)
    kw.setdefault("columns", ColumnMap())
    return BatchOptions(input=input, output=output, watchlists=(str(watchlist),), **kw)  # type: ignore[arg-type]


SCREENING_DEV = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "screening-dev"


@pytest.fixture
def screening_dev() -> Path:
    if not (SCREENING_DEV / "watchlist.ftm.jsonl").exists():
        pytest.skip(f"dev dataset not found at {SCREENING_DEV}")
    return SCREENING_DEV
