"""The local engine: a pool of worker processes on this machine, each loading the indexes once.

Chunks are submitted a few at a time (at most ``2 x workers`` in flight) so a million-row input is
streamed, not read into memory. If a worker process dies (killed, out of memory), the pool breaks;
the engine starts a new pool and resubmits the chunks that were in flight, up to ``max_attempts``
times per chunk.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from catchall.batch.engine import BatchFailed, OnResult
from catchall.batch.indexes import IndexBundle, Matcher
from catchall.batch.results import ChunkResult
from catchall.batch.screening import Chunk, screen_chunk

_MATCHERS: list[Matcher] = []
_LOAD_ERROR: list[str] = []


def _init_worker(bundle: IndexBundle) -> None:
    # Runs once per worker process: the indexes are loaded here, never per chunk.
    try:
        _MATCHERS[:] = bundle.load()
    except Exception as exc:
        # An exception escaping an initializer only says "pool broken"; keep it for the first task to report.
        _LOAD_ERROR.append(f"{type(exc).__name__}: {exc}")


def _run_chunk(chunk: Chunk, threshold: float, limit: int) -> ChunkResult:
    if _LOAD_ERROR:
        raise RuntimeError(f"the worker could not load the watch-list index ({_LOAD_ERROR[0]})")
    return screen_chunk(_MATCHERS, chunk, threshold, limit)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None, *, max_attempts: int = 3, start_method: str = "spawn") -> None:
        self._workers = workers or default_workers()
        self.max_attempts = max_attempts
        # spawn: workers do not inherit the parent's threads (progress bar) or its memory.
        self.start_method = start_method
        self.crashes = 0

    @property
    def workers(self) -> int:
        return self._workers

    def _pool(self, bundle: IndexBundle) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context(self.start_method),
            initializer=_init_worker,
            initargs=(bundle,),
        )

    def run(
        self,
        bundle: IndexBundle,
        chunks: Iterator[Chunk],
        *,
        threshold: float,
        limit: int,
        on_result: OnResult,
    ) -> None:
        pool = self._pool(bundle)
        pending: dict[Future[ChunkResult], Chunk] = {}
        retry: deque[Chunk] = deque()
        attempts: dict[int, int] = {}
        failure: BatchFailed | None = None
        source_done = False
        in_flight = 2 * self._workers
        try:
            while True:
                broken = False
                while failure is None and len(pending) < in_flight:
                    if retry:
                        chunk = retry.popleft()
                    elif not source_done:
                        nxt = next(chunks, None)
                        if nxt is None:
                            source_done = True
                            continue
                        chunk = nxt
                    else:
                        break
                    try:
                        fut = pool.submit(_run_chunk, chunk, threshold, limit)
                    except BrokenProcessPool:  # a worker died since the last look
                        retry.appendleft(chunk)
                        broken = True
                        break
                    attempts[chunk.number] = attempts.get(chunk.number, 0) + 1
                    pending[fut] = chunk
                if not pending and not broken:
                    break
                if not broken:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        chunk = pending.pop(fut)
                        exc = fut.exception()
                        if exc is None:
                            on_result(fut.result())
                        elif isinstance(exc, BrokenProcessPool):
                            broken = True
                            retry.append(chunk)
                        elif failure is None:
                            first = chunk.records[0].row if chunk.records else "?"
                            failure = BatchFailed(
                                f"chunk {chunk.number} (input rows from {first}) failed: {type(exc).__name__}: {exc}",
                                detail={"chunk": chunk.number},
                            )
                if broken:
                    # Every chunk still in the broken pool is lost with it. Let the pool settle every future,
                    # keep what finished, requeue the rest (in input order) on a new pool.
                    self.crashes += 1
                    pool.shutdown(wait=True, cancel_futures=True)
                    for fut, chunk in pending.items():
                        if fut.done() and not fut.cancelled() and fut.exception() is None:
                            on_result(fut.result())
                        else:
                            retry.append(chunk)
                    pending.clear()
                    over = [c.number for c in retry if attempts.get(c.number, 0) >= self.max_attempts]
                    if over and failure is None:
                        failure = BatchFailed(
                            f"a worker process died {self.max_attempts} times while screening chunk {over[0]}",
                            detail={"chunk": over[0]},
                        )
                    if failure is not None:
                        retry.clear()
                    retry = deque(sorted(retry, key=lambda c: c.number))
                    pool = self._pool(bundle)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if failure is not None:
            raise failure
