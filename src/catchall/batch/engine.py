"""What an execution engine does: run chunks somewhere, hand each finished chunk back as it completes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from catchall.batch.indexes import IndexBundle
from catchall.batch.results import ChunkResult
from catchall.batch.screening import Chunk
from catchall.errors import CatchallError

OnResult = Callable[[ChunkResult], None]


class BatchFailed(CatchallError):
    """A chunk could not be screened; finished chunks are kept and the run can be resumed."""

    status = 500
    title = "Batch run failed"
    type_slug = "batch-failed"


class Engine(Protocol):
    name: str

    @property
    def workers(self) -> int: ...

    def run(
        self,
        bundle: IndexBundle,
        chunks: Iterator[Chunk],
        *,
        threshold: float,
        limit: int,
        on_result: OnResult,
    ) -> None:
        """Screen every chunk; call ``on_result`` in the calling process for each one, in completion order.

        On a chunk that fails, stop taking new chunks, let the running ones finish (their results are
        delivered), then raise :class:`BatchFailed`.
        """
        ...
