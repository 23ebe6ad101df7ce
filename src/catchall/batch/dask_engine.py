"""The Dask engine: chunks screened on a ``dask.distributed`` cluster.

Without a scheduler address a ``LocalCluster`` of single-threaded worker processes is started on
this machine. The saved indexes are scattered once to every worker (``broadcast=True``) and each
worker process loads them on its first chunk, then keeps them (keyed by the bundle key). Chunks
are submitted a few per worker thread at a time and gathered as they complete. A worker that
dies takes no result with it: the scheduler reruns its tasks elsewhere (up to Dask's
``distributed.scheduler.allowed-failures``) and a worker that joins later fetches the scattered
indexes from a peer.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Any

from catchall.batch.engine import BatchFailed, OnResult
from catchall.batch.indexes import IndexBundle, IndexPayload, matchers_from_payload
from catchall.batch.results import ChunkResult
from catchall.batch.screening import Chunk, screen_chunk
from catchall.errors import InvalidInput


def _dask_chunk(payload: IndexPayload, chunk: Chunk, threshold: float, limit: int) -> ChunkResult:
    return screen_chunk(matchers_from_payload(payload), chunk, threshold, limit)


class DaskEngine:
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, *, timeout: float = 30) -> None:
        self.scheduler = scheduler
        self._workers = workers
        self.timeout = timeout
        self._nthreads = 0

    @property
    def workers(self) -> int:
        return self._nthreads or self._workers or 0

    def _connect(self) -> tuple[Any, Any]:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
            raise InvalidInput("the dask engine needs dask[distributed] installed") from exc
        if self.scheduler:
            try:
                return Client(self.scheduler, timeout=self.timeout), None
            except OSError as exc:
                raise InvalidInput(f"cannot reach the Dask scheduler at {self.scheduler} ({exc})") from exc
        from catchall.batch.local_engine import default_workers

        cluster = LocalCluster(
            n_workers=self._workers or default_workers(),
            threads_per_worker=1,  # screening is CPU-bound Python: one thread per process, no GIL contention
            processes=True,
            dashboard_address=None,  # air-gapped by default; no web server nobody asked for
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster

    def run(
        self,
        bundle: IndexBundle,
        chunks: Iterator[Chunk],
        *,
        threshold: float,
        limit: int,
        on_result: OnResult,
    ) -> None:
        from distributed import as_completed

        client, cluster = self._connect()
        try:
            if self.scheduler and self._workers:
                try:
                    client.wait_for_workers(self._workers, timeout=self.timeout)
                except TimeoutError as exc:
                    joined = len(client.scheduler_info().get("workers", {}))
                    raise InvalidInput(
                        f"only {joined} of {self._workers} Dask workers joined {self.scheduler} "
                        f"within {self.timeout:.0f} s"
                    ) from exc
            self._nthreads = sum(client.nthreads().values())
            if not self._nthreads:
                raise InvalidInput(f"the Dask scheduler {self.scheduler} has no workers")
            payload = client.scatter(bundle.payload(), broadcast=True, hash=False)
            token = uuid.uuid4().hex[:8]
            in_flight = max(4, 2 * self._nthreads)
            pending: dict[Any, Chunk] = {}
            queue = as_completed()
            failure: BatchFailed | None = None

            def submit_next() -> bool:
                chunk = next(chunks, None)
                if chunk is None:
                    return False
                fut = client.submit(
                    _dask_chunk,
                    payload,
                    chunk,
                    threshold,
                    limit,
                    key=f"catchall-chunk-{token}-{chunk.number}",
                    pure=False,
                )
                pending[fut] = chunk
                queue.add(fut)
                return True

            while len(pending) < in_flight and submit_next():
                pass
            for fut in queue:
                status = fut.status
                if status not in ("finished", "error", "cancelled"):
                    # Its result was on a worker that died before we fetched it: the scheduler recomputes it.
                    queue.add(fut)
                    continue
                chunk = pending.pop(fut)
                if status == "finished":
                    on_result(fut.result())
                elif failure is None:
                    why = status
                    if status == "error":
                        error = fut.exception()
                        why = f"{type(error).__name__}: {error}"
                    failure = BatchFailed(
                        f"chunk {chunk.number} failed on the Dask cluster: {why}", detail={"chunk": chunk.number}
                    )
                fut.release()
                if failure is None:
                    while len(pending) < in_flight and submit_next():
                        pass
            if failure is not None:
                raise failure
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
