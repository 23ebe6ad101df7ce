"""The run directory: a manifest of what is being computed and one part file per finished chunk.

A part is written to a temporary name and renamed into place, so a part file either holds a whole
chunk or does not exist; a run killed at any moment leaves only whole parts behind. ``--resume``
checks that the manifest still describes the same job (same input bytes, options, list versions)
and skips every chunk whose part exists.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from catchall.batch.results import ChunkResult, ResultRow
from catchall.errors import Conflict, InvalidInput

MANIFEST_FORMAT = 1
# Manifest keys that must be equal for a run to be resumed; anything else (paths, engine, workers) may change.
_SAME_JOB_KEYS = ("format", "input_sha256", "input_format", "options", "indexes")


class RunDir:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifest_path = root / "manifest.json"
        self.parts = root / "parts"
        self.index_dir = root / "index"

    # --- manifest ---

    def read_manifest(self) -> dict[str, Any] | None:
        if not self.manifest_path.exists():
            return None
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InvalidInput(f"{self.manifest_path}: unreadable run manifest ({exc})") from exc
        if not isinstance(data, dict):
            raise InvalidInput(f"{self.manifest_path}: run manifest is not a JSON object")
        return data

    def start(self, manifest: dict[str, Any], *, resume: bool) -> dict[int, dict[str, Any]]:
        """Prepare the directory and return the chunks already finished (empty unless resuming)."""
        if self.root.exists() and not self.root.is_dir():
            raise InvalidInput(f"{self.root}: exists and is not a directory (needed for the run's work files)")
        manifest = {"format": MANIFEST_FORMAT, **manifest}
        if resume:
            old = self.read_manifest()
            if old is None:
                raise InvalidInput(f"nothing to resume: no run manifest at {self.manifest_path}")
            diffs = [k for k in _SAME_JOB_KEYS if old.get(k) != manifest.get(k)]
            if diffs:
                raise Conflict(
                    f"cannot resume the run in {self.root}: {', '.join(diffs)} changed since it started "
                    "(run without --resume to start over)",
                    detail={"changed": diffs},
                )
            done = self.finished()
        else:
            self._clear_parts()
            done = {}
        self.parts.mkdir(parents=True, exist_ok=True)
        for stale in self.parts.glob(".chunk-*.tmp"):  # a part being written when the last run was killed
            stale.unlink(missing_ok=True)
        self.index_dir.mkdir(parents=True, exist_ok=True)
        manifest["updated"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        _atomic_write(self.manifest_path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        return done

    def _clear_parts(self) -> None:
        # Only our own part files: the work dir may sit next to other things of the user's.
        if self.parts.is_dir():
            for p in self.parts.glob("chunk-*.jsonl"):
                p.unlink()

    # --- parts ---

    def part_path(self, chunk: int) -> Path:
        return self.parts / f"chunk-{chunk:07d}.jsonl"

    def write_part(self, result: ChunkResult) -> None:
        lines = [json.dumps(result.counts(), sort_keys=True)]
        lines.extend(json.dumps(list(row), ensure_ascii=False) for row in result.matches)
        _atomic_write(self.part_path(result.chunk), "\n".join(lines) + "\n")

    def finished(self) -> dict[int, dict[str, Any]]:
        """Header (counts) of every complete part, by chunk number."""
        done: dict[int, dict[str, Any]] = {}
        if not self.parts.is_dir():
            return done
        for p in sorted(self.parts.glob("chunk-*.jsonl")):
            try:
                with p.open(encoding="utf-8") as fh:
                    header = json.loads(fh.readline())
                done[int(header["chunk"])] = header
            except (OSError, ValueError, KeyError, TypeError):
                # Not one of ours or damaged outside our control: redo that chunk.
                continue
        return done

    def read_rows(self, chunk: int) -> Iterator[ResultRow]:
        with self.part_path(chunk).open(encoding="utf-8") as fh:
            fh.readline()
            for line in fh:
                if line.strip():
                    yield ResultRow(*json.loads(line))


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
