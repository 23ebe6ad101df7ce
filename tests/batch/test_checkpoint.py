"""Checkpoints: an interrupted run resumes without redoing or losing chunks; a dead worker loses nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from catchall.batch.engine import BatchFailed
from catchall.batch.local_engine import LocalEngine
from catchall.batch.runner import run_batch
from catchall.errors import Conflict, InvalidInput

from .conftest import options, query_rows, write_csv
from .fakes import FakeBackend


def _calls(faults: Path) -> Counter[str]:
    log = faults / "calls.log"
    return Counter(log.read_text(encoding="utf-8").split()) if log.exists() else Counter()


def _chunk_of(record_id: str, size: int) -> int:
    return int(record_id.removeprefix("q-")) // size


def test_interrupted_run_resumes_without_redoing_or_losing_chunks(
    tmp_path: Path, watchlist: Path, faults: Path
) -> None:
    size, n = 5, 40
    rows = query_rows(n)
    rows[22]["name"] = "RAISE ME"  # chunk 4 fails while the file "raise" exists
    src = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "hits.csv"
    (faults / "raise").touch()

    with pytest.raises(BatchFailed, match=r"chunk 4 .*injected failure"):
        run_batch(options(src, out, watchlist, chunk_size=size, workers=1), backend=FakeBackend())
    assert not out.exists()  # never a partial output
    parts = sorted(p.name for p in (tmp_path / "hits.csv.run" / "parts").iterdir())
    finished = {int(p.removeprefix("chunk-").removesuffix(".jsonl")) for p in parts}
    assert finished and 4 not in finished
    first_calls = _calls(faults)

    (faults / "raise").unlink()
    (faults / "calls.log").unlink()
    summary = run_batch(options(src, out, watchlist, chunk_size=size, workers=2, resume=True), backend=FakeBackend())
    second_calls = _calls(faults)

    # No record of a finished chunk was screened again; every other record exactly once in the resumed run.
    assert {_chunk_of(r, size) for r in second_calls} == set(range(n // size)) - finished
    assert all(c == 1 for c in second_calls.values())
    assert all(c == 1 for r, c in first_calls.items() if _chunk_of(r, size) in finished)
    assert summary["chunks"] == {"total": 8, "screened_now": 8 - len(finished), "from_checkpoint": len(finished)}

    # Nothing lost: the resumed output equals an uninterrupted run's output, byte for byte.
    fresh = tmp_path / "fresh.csv"
    run_batch(options(src, fresh, watchlist, chunk_size=size, workers=1), backend=FakeBackend())
    assert out.read_bytes() == fresh.read_bytes()
    assert summary["records"] == n and summary["matches"] > 0


def test_resume_refuses_a_changed_input_or_options(tmp_path: Path, watchlist: Path) -> None:
    src = write_csv(tmp_path / "in.csv", query_rows(10))
    out = tmp_path / "hits.csv"
    run_batch(options(src, out, watchlist, chunk_size=4, workers=1), backend=FakeBackend())
    with pytest.raises(Conflict, match="options changed"):
        run_batch(options(src, out, watchlist, chunk_size=3, workers=1, resume=True), backend=FakeBackend())
    write_csv(src, query_rows(11))
    with pytest.raises(Conflict, match="input_sha256 changed"):
        run_batch(options(src, out, watchlist, chunk_size=4, workers=1, resume=True), backend=FakeBackend())


def test_resume_without_a_previous_run_is_an_error(tmp_path: Path, watchlist: Path) -> None:
    src = write_csv(tmp_path / "in.csv", query_rows(3))
    with pytest.raises(InvalidInput, match="nothing to resume"):
        run_batch(options(src, tmp_path / "o.csv", watchlist, resume=True), backend=FakeBackend())


def test_completed_run_resumed_only_reassembles(tmp_path: Path, watchlist: Path, faults: Path) -> None:
    src = write_csv(tmp_path / "in.csv", query_rows(12))
    out = tmp_path / "hits.jsonl"
    first = run_batch(options(src, out, watchlist, chunk_size=5, workers=1), backend=FakeBackend())
    (faults / "calls.log").unlink()
    again = run_batch(options(src, out, watchlist, chunk_size=5, workers=1, resume=True), backend=FakeBackend())
    assert not (faults / "calls.log").exists()
    assert again["chunks"] == {"total": 3, "screened_now": 0, "from_checkpoint": 3}
    assert (again["records"], again["matches"]) == (first["records"], first["matches"])


def test_a_killed_worker_process_is_replaced_and_its_chunk_redone(
    tmp_path: Path, watchlist: Path, faults: Path
) -> None:
    rows = query_rows(20)
    rows[11]["name"] = "CRASH ME"  # the worker screening it exits abruptly, once
    src = write_csv(tmp_path / "in.csv", rows)
    engine = LocalEngine(2)
    summary = run_batch(
        options(src, tmp_path / "hits.csv", watchlist, chunk_size=4), backend=FakeBackend(), engine=engine
    )
    assert engine.crashes == 1
    assert (faults / "crashed").exists()
    assert summary["records"] == 20 and summary["chunks"]["total"] == 5
    calls = _calls(faults)
    assert set(calls) == {r["id"] for r in rows}  # every record screened, the crashed chunk's again

    fresh = tmp_path / "fresh.csv"
    run_batch(options(src, fresh, watchlist, chunk_size=4, workers=1), backend=FakeBackend())
    assert (tmp_path / "hits.csv").read_bytes() == fresh.read_bytes()


def test_a_chunk_that_always_kills_its_worker_fails_the_run_after_retries(
    tmp_path: Path, watchlist: Path, faults: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = query_rows(6)
    rows[4]["name"] = "CRASH ME"
    src = write_csv(tmp_path / "in.csv", rows)
    # The stand-in crashes only while its marker file is absent; removing the marker whenever the engine
    # starts a new pool makes this chunk kill its worker on every attempt.
    engine = LocalEngine(1, max_attempts=2)
    original = engine._pool

    def pool_that_forgets(bundle):  # type: ignore[no-untyped-def]
        (faults / "crashed").unlink(missing_ok=True)
        return original(bundle)

    monkeypatch.setattr(engine, "_pool", pool_that_forgets)
    with pytest.raises(BatchFailed, match="died 2 times while screening chunk 1"):
        run_batch(options(src, tmp_path / "o.csv", watchlist, chunk_size=3), backend=FakeBackend(), engine=engine)
    # chunk 0 finished before the crashes and stays checkpointed
    assert (
        json.loads((tmp_path / "o.csv.run" / "parts" / "chunk-0000000.jsonl").read_text().splitlines()[0])["chunk"] == 0
    )


_KILLABLE = """
import sys
from pathlib import Path
from batch.fakes import FakeBackend
from catchall.batch.records import ColumnMap
from catchall.batch.runner import BatchOptions, run_batch

if __name__ == "__main__":
    src, out, wl, resume = sys.argv[1:5]
    opts = BatchOptions(input=Path(src), output=Path(out), watchlists=(wl,), workers=2, chunk_size=4,
                        resume=resume == "1", progress=False, columns=ColumnMap())
    run_batch(opts, backend=FakeBackend())
"""


@pytest.mark.slow
def test_a_run_killed_hard_resumes_from_its_whole_parts(
    tmp_path: Path, watchlist: Path, faults: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    rows = query_rows(48)
    src = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "hits.csv"
    script = tmp_path / "job.py"
    script.write_text(_KILLABLE, encoding="utf-8")
    parts = tmp_path / "hits.csv.run" / "parts"
    env = {**os.environ, "CATCHALL_BATCH_SLOW": "0.05", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(src), str(out), str(watchlist), "0"], env=env, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(list(parts.glob("chunk-*.jsonl"))) < 3:
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the job's own process group: the runner and its workers
        proc.wait()
    finished = {int(p.stem.removeprefix("chunk-")) for p in parts.glob("chunk-*.jsonl")}
    assert 3 <= len(finished) < 12 and not out.exists()

    (faults / "calls.log").unlink()
    monkeypatch.delenv("CATCHALL_BATCH_SLOW", raising=False)
    summary = run_batch(options(src, out, watchlist, chunk_size=4, resume=True), backend=FakeBackend())
    again = _calls(faults)
    assert {_chunk_of(r, 4) for r in again} == set(range(12)) - finished
    assert summary["chunks"]["from_checkpoint"] == len(finished)

    fresh = tmp_path / "fresh.csv"
    run_batch(options(src, fresh, watchlist, chunk_size=4, workers=1), backend=FakeBackend())
    assert out.read_bytes() == fresh.read_bytes()


def test_a_saved_index_that_no_longer_loads_is_rebuilt(tmp_path: Path, watchlist: Path) -> None:
    src = write_csv(tmp_path / "in.csv", query_rows(6))
    out = tmp_path / "hits.csv"
    first = run_batch(options(src, out, watchlist, workers=1), backend=FakeBackend())
    (saved,) = (tmp_path / "hits.csv.run" / "index").glob("*.idx")
    saved.write_text("written by another version of the screening code", encoding="utf-8")
    again = run_batch(options(src, out, watchlist, workers=1), backend=FakeBackend())
    assert again["matches"] == first["matches"] > 0
    assert json.loads(saved.read_text(encoding="utf-8"))["name"] == "demo"


def test_a_mistyped_column_fails_before_the_old_checkpoint_is_touched(tmp_path: Path, watchlist: Path) -> None:
    from catchall.batch.records import ColumnMap

    src = write_csv(tmp_path / "in.csv", query_rows(9))
    out = tmp_path / "hits.csv"
    run_batch(options(src, out, watchlist, chunk_size=3, workers=1), backend=FakeBackend())
    parts = sorted((tmp_path / "hits.csv.run" / "parts").iterdir())
    with pytest.raises(InvalidInput, match="column 'fullname'"):
        run_batch(options(src, out, watchlist, columns=ColumnMap(name="fullname")), backend=FakeBackend())
    assert sorted((tmp_path / "hits.csv.run" / "parts").iterdir()) == parts and len(parts) == 3
