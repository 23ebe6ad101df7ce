"""Whole runs on the local engine with a stand-in index: outputs, summaries, malformed rows, options."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from catchall.batch.runner import run_batch
from catchall.errors import InvalidInput

from .conftest import options, query_rows, write_csv, write_jsonl, write_parquet
from .fakes import FakeBackend


def _read_output(path: Path) -> list[dict[str, object]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return [dict(r) for r in csv.DictReader(fh)]
    if path.suffix == ".jsonl":
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_run_writes_matches_summary_and_errors_in_the_input_format(tmp_path: Path, watchlist: Path, fmt: str) -> None:
    rows = query_rows(30)
    rows[4]["name"] = ""  # data row 5 has no name
    rows[7]["birth_date"] = "yesterday"
    writer = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}[fmt]
    src = writer(tmp_path / f"in.{fmt}", rows)
    out = tmp_path / "out" / f"hits.{fmt}"

    summary = run_batch(options(src, out, watchlist, chunk_size=8), backend=FakeBackend())

    found = _read_output(out)
    # The stand-in scores with token-sort ratio at threshold 0.8: these names match, the others do not.
    hit_names = {"Ivan Petrov", "Petrov Ivan", "Maria Gonzales", "Rocket Parts Trading LLC",
                 "Orbital Guidance System", "Chen Wei", "Wei Chen", "Ivan Petrova"}  # fmt: skip
    expected_ids = [r["id"] for i, r in enumerate(rows) if r["name"] in hit_names and i != 7]
    assert [r["record_id"] for r in found] == expected_ids
    assert {r["list_name"] for r in found} == {"demo"}
    assert all(float(r["score"]) >= 0.8 for r in found)  # type: ignore[arg-type]
    first = found[0]
    assert (first["record_name"], first["entity_id"], first["entity_caption"]) == ("Ivan Petrov", "wl-1", "Ivan Petrov")
    assert json.loads(str(first["explanation"]))["reasons"][0]["rule"] == "fake.name"

    # Row numbers: file lines for CSV (header is line 1) and JSON lines, 1-based rows for Parquet.
    offset = {"csv": 1, "jsonl": 0, "parquet": 0}[fmt]
    errors = [json.loads(x) for x in (tmp_path / "out" / "hits.errors.jsonl").read_text().splitlines()]
    assert errors == [
        {"row": 5 + offset, "error": "missing name"},
        {"row": 8 + offset, "error": "bad birth date 'yesterday' (expected YYYY, YYYY-MM or YYYY-MM-DD)"},
    ]

    assert summary["rows"] == 30 and summary["records"] == 28 and summary["malformed_rows"] == 2
    assert summary["matches"] == len(found)
    assert summary["alerts_by_list"] == {"demo": {"matches": len(found), "records": len(expected_ids)}}
    assert summary["chunks"] == {"total": 4, "screened_now": 4, "from_checkpoint": 0}
    assert summary["threshold"] == 0.8
    on_disk = json.loads((tmp_path / "out" / "hits.summary.json").read_text(encoding="utf-8"))
    assert on_disk == summary


def test_output_extension_chooses_the_output_format(tmp_path: Path, watchlist: Path) -> None:
    import pyarrow.parquet as pq

    src = write_csv(tmp_path / "in.csv", query_rows(10))
    run_batch(options(src, tmp_path / "hits.parquet", watchlist, workers=1), backend=FakeBackend())
    table = pq.read_table(tmp_path / "hits.parquet")
    assert table.num_rows > 0 and table.schema.field("score").type == "double"


def test_column_mapping_options_reach_the_queries(tmp_path: Path, watchlist: Path) -> None:
    from catchall.batch.records import ColumnMap

    src = tmp_path / "in.csv"
    src.write_text("cust_no,full_name,kind\nA-1,Chen Wei,person\nA-2,Nobody Known,company\n", encoding="utf-8")
    cols = ColumnMap(id="cust_no", name="full_name", schema="kind")
    summary = run_batch(
        options(src, tmp_path / "o.jsonl", watchlist, workers=1, columns=cols, threshold=0.95), backend=FakeBackend()
    )
    rows = _read_output(tmp_path / "o.jsonl")
    assert [(r["record_id"], r["entity_id"]) for r in rows] == [("A-1", "wl-5")]
    assert summary["threshold"] == 0.95


def test_several_watch_lists_are_reported_per_list(tmp_path: Path, watchlist: Path) -> None:
    other = tmp_path / "lists" / "other.jsonl"
    other.write_text(json.dumps({"id": "o-1", "schema": "Person", "properties": {"name": ["Chen Wei"]}}) + "\n")
    src = write_csv(tmp_path / "in.csv", query_rows(10))
    opts = options(src, tmp_path / "o.csv", watchlist, workers=1)
    opts = type(opts)(**{**opts.__dict__, "watchlists": (str(watchlist), f"extra={other}")})
    summary = run_batch(opts, backend=FakeBackend())
    assert set(summary["alerts_by_list"]) == {"demo", "extra"}
    assert summary["alerts_by_list"]["extra"] == {"matches": 2, "records": 2}  # "Chen Wei" and "Wei Chen"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"chunk_size": 0}, "--chunk-size must be at least 1"),
        ({"threshold": 1.5}, "--threshold must be between 0 and 1"),
        ({"engine": "spark"}, "unknown engine 'spark'"),
        ({"scheduler": "tcp://x:8786"}, "--scheduler is for --engine dask"),
    ],
)
def test_bad_options_are_named(tmp_path: Path, watchlist: Path, change: dict[str, object], message: str) -> None:
    src = write_csv(tmp_path / "in.csv", query_rows(3))
    opts = options(src, tmp_path / "o.csv", watchlist)
    opts = type(opts)(**{**opts.__dict__, **change})
    with pytest.raises(InvalidInput, match=message):
        run_batch(opts, backend=FakeBackend())


def test_missing_watchlist_and_unknown_input_format_are_named(tmp_path: Path, watchlist: Path) -> None:
    src = write_csv(tmp_path / "in.csv", query_rows(3))
    with pytest.raises(InvalidInput, match=r"watch list nope\.jsonl: no such file"):
        run_batch(options(src, tmp_path / "o.csv", Path("nope.jsonl")), backend=FakeBackend())
    odd = tmp_path / "in.txt"
    odd.write_text("name\nx\n")
    with pytest.raises(InvalidInput, match="cannot tell the format"):
        run_batch(options(odd, tmp_path / "o.csv", watchlist), backend=FakeBackend())
