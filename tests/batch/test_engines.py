"""The Dask engine gives byte-identical output to the local engine (LocalCluster with 2 worker processes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from catchall.batch.dask_engine import DaskEngine
from catchall.batch.engine import BatchFailed
from catchall.batch.runner import run_batch

from .conftest import options, query_rows, write_csv, write_parquet
from .fakes import FakeBackend


@pytest.mark.slow
def test_dask_and_local_engines_write_identical_output(tmp_path: Path, watchlist: Path) -> None:
    rows = query_rows(120)
    rows[9]["name"] = ""  # malformed rows are handled the same way too
    src = write_csv(tmp_path / "in.csv", rows)
    local = run_batch(options(src, tmp_path / "local.csv", watchlist, chunk_size=9), backend=FakeBackend())
    engine = DaskEngine(workers=2)
    dask = run_batch(
        options(src, tmp_path / "dask.csv", watchlist, chunk_size=9, engine="dask"),
        backend=FakeBackend(),
        engine=engine,
    )
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
    assert (tmp_path / "dask.errors.jsonl").read_bytes() == (tmp_path / "local.errors.jsonl").read_bytes()
    assert dask["engine"] == "dask" and dask["workers"] == 2
    same = ("rows", "records", "malformed_rows", "matches", "records_with_matches", "alerts_by_list", "chunks")
    assert {k: dask[k] for k in same} == {k: local[k] for k in same}
    assert local["matches"] > 0


@pytest.mark.slow
def test_a_failed_dask_run_resumes_and_matches_a_local_run(tmp_path: Path, watchlist: Path, faults: Path) -> None:
    rows = query_rows(30)
    rows[26]["name"] = "RAISE ME"  # the last chunk fails while the file "raise" exists
    src = write_parquet(tmp_path / "in.parquet", rows)
    out = tmp_path / "hits.parquet"
    (faults / "raise").touch()
    with pytest.raises(BatchFailed, match=r"chunk 3 failed on the Dask cluster: RuntimeError: injected failure"):
        run_batch(
            options(src, out, watchlist, chunk_size=8, engine="dask"),
            backend=FakeBackend(),
            engine=DaskEngine(workers=2),
        )
    assert not out.exists()
    (faults / "raise").unlink()
    summary = run_batch(
        options(src, out, watchlist, chunk_size=8, engine="dask", resume=True),
        backend=FakeBackend(),
        engine=DaskEngine(workers=2),
    )
    assert summary["chunks"]["screened_now"] >= 1 and summary["chunks"]["total"] == 4
    run_batch(options(src, tmp_path / "ref.parquet", watchlist, chunk_size=8, workers=1), backend=FakeBackend())
    assert out.read_bytes() == (tmp_path / "ref.parquet").read_bytes()


@pytest.mark.slow
def test_dask_reruns_the_chunk_of_a_worker_that_died(tmp_path: Path, watchlist: Path, faults: Path) -> None:
    rows = query_rows(24)
    rows[13]["name"] = "CRASH ME"  # kills the worker process screening it, once
    src = write_csv(tmp_path / "in.csv", rows)
    summary = run_batch(
        options(src, tmp_path / "dask.csv", watchlist, chunk_size=6, engine="dask"),
        backend=FakeBackend(),
        engine=DaskEngine(workers=2),
    )
    assert (faults / "crashed").exists()
    assert summary["records"] == 24 and summary["chunks"]["screened_now"] == 4
    run_batch(options(src, tmp_path / "local.csv", watchlist, chunk_size=6, workers=1), backend=FakeBackend())
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()


@pytest.mark.slow
def test_real_index_gives_identical_output_on_both_engines(tmp_path: Path, screening_dev: Path) -> None:
    # 150 dev queries (FtM-shaped JSON lines) against the 5,000-entity dev list, through the real screening index.
    lines = (screening_dev / "queries.jsonl").read_text(encoding="utf-8").splitlines()[:150]
    src = tmp_path / "queries.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wl = screening_dev / "watchlist.ftm.jsonl"
    local = run_batch(options(src, tmp_path / "local.csv", wl, chunk_size=25))
    dask = run_batch(
        options(src, tmp_path / "dask.csv", wl, chunk_size=25, engine="dask"), engine=DaskEngine(workers=2)
    )
    assert dask["matches"] == local["matches"] > 50  # most dev queries are meant to match
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
