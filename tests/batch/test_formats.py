"""Reading CSV, JSON lines and Parquet inputs; writing results in each format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from catchall.batch.formats import ErrorLog, detect_format, read_records, write_results
from catchall.batch.records import ColumnMap, QueryRecord, RowError
from catchall.batch.results import RESULT_COLUMNS, ResultRow

from .conftest import query_rows, write_csv, write_jsonl, write_parquet


@pytest.mark.parametrize("writer", [write_csv, write_jsonl, write_parquet], ids=["csv", "jsonl", "parquet"])
def test_every_input_format_yields_the_same_records(tmp_path: Path, writer: object) -> None:
    rows = query_rows(12)
    path = writer(tmp_path / f"in.{writer.__name__.removeprefix('write_')}", rows)  # type: ignore[operator]
    fmt = detect_format(path)
    assert fmt is not None
    items = list(read_records(path, fmt, ColumnMap()))
    assert all(isinstance(i, QueryRecord) for i in items)
    assert [i.record_id for i in items] == [r["id"] for r in rows]
    assert [i.properties.get("birthDate") for i in items] == [
        [r["birth_date"]] if r["birth_date"] else None for r in rows
    ]


def test_csv_malformed_rows_carry_their_line_numbers_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "id,name,birth_date\n"
        "1,Ivan Petrov,1970\n"
        "2,,1970\n"  # line 3: missing name
        "3,Chen Wei,1970,extra\n"  # line 4: wrong column count
        '4,"Multi\nLine Name",\n'  # lines 5-6: one record
        "5,Maria Gonzalez,31/12/1980\n"  # line 7: bad date
        "\n"
        "6,Alice Brown,\n",  # line 9
        encoding="utf-8",
    )
    items = list(read_records(path, "csv", ColumnMap()))
    errors = [i for i in items if isinstance(i, RowError)]
    records = [i for i in items if isinstance(i, QueryRecord)]
    assert [(e.row, e.message) for e in errors] == [
        (3, "missing name"),
        (4, "expected 3 columns, found 4"),
        (7, "bad birth date '31/12/1980' (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
    ]
    assert [(r.row, r.record_id) for r in records] == [(2, "1"), (5, "4"), (9, "6")]


def test_jsonl_bad_lines_are_reported_by_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "1", "name": "A B"}\n[1, 2]\n{not json\n\n{"id": "2", "name": "C D"}\n', encoding="utf-8")
    items = list(read_records(path, "jsonl", ColumnMap()))
    assert [(i.row, type(i).__name__) for i in items] == [
        (1, "QueryRecord"),
        (2, "RowError"),
        (3, "RowError"),
        (5, "QueryRecord"),
    ]


def test_parquet_mapped_columns_and_native_dates(tmp_path: Path) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "in.parquet"
    table = pa.table({"cust": [10, 11], "who": ["Ivan Petrov", None], "born": [dt.date(1970, 1, 2), None]})
    pq.write_table(table, path)
    items = list(read_records(path, "parquet", ColumnMap(id="cust", name="who", birth_date="born")))
    assert items[0] == QueryRecord(1, "10", "LegalEntity", {"name": ["Ivan Petrov"], "birthDate": ["1970-01-02"]})
    assert items[1] == RowError(2, "missing name")


def _rows() -> list[ResultRow]:
    return [
        ResultRow(2, "q-0", "Ivan Petrov", "wl-1", "Ivan Petrov", 0.97, "demo", "v1", '{"a":1}'),
        ResultRow(5, "q-3", "Chen, Wei", "wl-5", "Chen Wei", 0.9, "demo", "v1", '{"b":"x,y"}'),
    ]


def test_results_round_trip_in_every_output_format(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    rows = _rows()
    write_results(tmp_path / "o.csv", "csv", rows)
    with (tmp_path / "o.csv").open(encoding="utf-8", newline="") as fh:
        got = list(csv.reader(fh))
    assert got[0] == list(RESULT_COLUMNS)
    assert got[2][2] == "Chen, Wei" and json.loads(got[2][8]) == {"b": "x,y"}

    write_results(tmp_path / "o.jsonl", "jsonl", rows)
    lines = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0] == rows[0]._asdict()

    write_results(tmp_path / "o.parquet", "parquet", rows)
    table = pq.read_table(tmp_path / "o.parquet")
    assert table.column_names == list(RESULT_COLUMNS)
    assert table.to_pylist()[1] == rows[1]._asdict()

    write_results(tmp_path / "empty.parquet", "parquet", [])
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0


def test_error_log_is_published_only_when_asked(tmp_path: Path) -> None:
    log = ErrorLog(tmp_path / "e.jsonl")
    log.add(RowError(3, "missing name"))
    assert not (tmp_path / "e.jsonl").exists()
    log.publish()
    assert json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8")) == {"row": 3, "error": "missing name"}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_text_that_is_not_utf8_is_named_by_line(tmp_path: Path, fmt: str) -> None:
    from catchall.errors import InvalidInput

    path = tmp_path / f"in.{fmt}"
    lines = (
        ["id,name", "1,Ivan Petrov", "2,Jos\xe9 Mart\xednez"]
        if fmt == "csv"
        else ['{"name": "A B"}', '{"name": "Jos\xe9"}']
    )
    path.write_bytes("\n".join(lines).encode("latin-1") + b"\n")
    with pytest.raises(InvalidInput, match=rf"line {len(lines)}: not UTF-8 text \(byte 0xe9\)"):
        list(read_records(path, fmt, ColumnMap()))
