"""The watch-list indexes of a run: built once, saved in the run directory, loaded once per worker.

A batch run screens against one index per watch-list file. The indexes are built in the main
process and saved; local worker processes load them from those files in their initializer; Dask
workers receive the saved bytes once (scattered to every worker) and load them on first use,
cached by the bundle key for the life of the worker process.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import catchall
from catchall.errors import InvalidInput
from catchall.model.entity import Entity


class MatchLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def caption(self) -> str: ...
    @property
    def list_name(self) -> str: ...
    @property
    def list_version(self) -> str: ...
    @property
    def explanation(self) -> Any: ...


class Matcher(Protocol):
    def match(self, query: Entity, *, threshold: float | None = None, limit: int = 10) -> Sequence[MatchLike]: ...


class IndexBackend(Protocol):
    """How to build, save and load an index. Instances are pickled to workers: keep them stateless."""

    def default_threshold(self) -> float: ...
    def build(self, watchlist: Path, *, name: str, version: str, out: Path) -> None: ...
    def load(self, path: Path) -> Matcher: ...


class ScreeningBackend:
    """The real thing: ``catchall.screening.index.ScreeningIndex``."""

    def default_threshold(self) -> float:
        from catchall.screening import DEFAULT_THRESHOLD

        return float(DEFAULT_THRESHOLD)

    def build(self, watchlist: Path, *, name: str, version: str, out: Path) -> None:
        from catchall.screening.index import ScreeningIndex
        from catchall.screening.watchlist import load_ftm_file

        entities = load_ftm_file(watchlist)
        ScreeningIndex.build(entities, version=version, name=name).save(out)

    def load(self, path: Path) -> Matcher:
        from catchall.screening.index import ScreeningIndex

        index: Matcher = ScreeningIndex.load(path)
        return index


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class WatchlistSpec:
    """One watch list of a run: a name, an FtM JSON-lines file and the version its alerts carry.

    The version is ``label`` when the list comes with one (a stored list's ``v3-...``), else the first
    16 hex digits of the file's SHA-256.
    """

    name: str
    path: Path
    sha256: str
    label: str | None = None

    @property
    def version(self) -> str:
        return self.label or self.sha256[:16]

    @classmethod
    def from_file(cls, name: str, path: Path, label: str | None = None) -> WatchlistSpec:
        if not path.is_file():
            raise InvalidInput(f"watch list {path}: no such file")
        return cls(name=name, path=path, sha256=_sha256(path), label=label)

    @classmethod
    def parse(cls, arg: str) -> WatchlistSpec:
        """``PATH`` or ``NAME=PATH`` (the name defaults to the file name without its extensions)."""
        name, sep, raw = arg.partition("=")
        if not sep or not name or "/" in name or os.sep in name:
            name, raw = "", arg
        path = Path(raw)
        if not path.is_file():
            raise InvalidInput(f"watch list {raw}: no such file")
        if not name:
            name = path.name
            for suffix in (".jsonl", ".json", ".ftm", ".ndjson"):
                name = name.removesuffix(suffix)
        return cls.from_file(name, path)


@dataclass(frozen=True)
class IndexBundle:
    """The saved indexes of a run, in --watchlist order, plus the backend that loads them."""

    key: str
    files: tuple[tuple[str, str, Path], ...]  # (list name, list version, saved index file)
    backend: IndexBackend

    def load(self) -> list[Matcher]:
        return [self.backend.load(path) for _, _, path in self.files]

    def payload(self) -> IndexPayload:
        return IndexPayload(self.key, tuple((n, v, p.read_bytes()) for n, v, p in self.files), self.backend)


@dataclass(frozen=True)
class IndexPayload:
    """The bundle as bytes, for workers that do not share a file system with the client (Dask)."""

    key: str
    items: tuple[tuple[str, str, bytes], ...]
    backend: IndexBackend


def build_bundle(specs: Sequence[WatchlistSpec], backend: IndexBackend, index_dir: Path) -> IndexBundle:
    """Build (or reuse, when this exact list version was built before in this run dir) and save each index."""
    names = [s.name for s in specs]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise InvalidInput(f"two watch lists have the name {dup[0]!r}: name them with --watchlist NAME=PATH")
    index_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for spec in specs:
        # The catchall version is part of the name: an index saved by another release may not load.
        out = index_dir / f"{spec.name}-{spec.version}-{catchall.__version__}.idx"
        if out.exists() and not _loads(backend, out):
            out.unlink()  # saved by other screening code (same release number, changed layout): rebuild
        if not out.exists():
            tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
            try:
                backend.build(spec.path, name=spec.name, version=spec.version, out=tmp)
                os.replace(tmp, out)
            finally:
                tmp.unlink(missing_ok=True)
        files.append((spec.name, spec.version, out))
    key = hashlib.sha256("|".join(f"{n}:{v}" for n, v, _ in files).encode()).hexdigest()[:16]
    return IndexBundle(key, tuple(files), backend)


def _loads(backend: IndexBackend, path: Path) -> bool:
    try:
        backend.load(path)
    except Exception:
        return False
    return True


# --- worker side -------------------------------------------------------------------------------------

_LOADED: dict[str, list[Matcher]] = {}
_LOCK = threading.Lock()


def matchers_from_payload(payload: IndexPayload) -> list[Matcher]:
    """Load the payload's indexes once per worker process; later tasks reuse them."""
    with _LOCK:
        found = _LOADED.get(payload.key)
        if found is None:
            folder = Path(tempfile.mkdtemp(prefix=f"catchall-index-{payload.key}-"))
            atexit.register(shutil.rmtree, folder, True)
            found = []
            for i, (_, _, data) in enumerate(payload.items):
                path = folder / f"{i}.idx"
                path.write_bytes(data)
                found.append(payload.backend.load(path))
            # One bundle at a time per worker: a new list version replaces the old one in memory.
            _LOADED.clear()
            _LOADED[payload.key] = found
        return found
