"""A small stand-in for the screening index, so the batch machinery is tested on its own.

It scores names with rapidfuzz's token-sort ratio. Fault injection for the checkpoint tests is
driven by files in the directory named by ``CATCHALL_BATCH_FAULTS`` (environment variables and
files reach spawned worker processes, module state does not):

- every screened query id is appended to ``calls.log``;
- a query named ``RAISE ME`` raises while the file ``raise`` exists;
- a query named ``CRASH ME`` kills its worker process the first time (``crashed`` marks it done);
- ``CATCHALL_BATCH_SLOW`` (seconds) slows every query down, to kill a run in the middle.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from catchall.model.entity import Entity


@dataclass(frozen=True)
class FakeMatch:
    id: str
    score: float
    match: bool
    caption: str
    list_name: str
    list_version: str
    explanation: dict[str, Any] = field(default_factory=dict)


class FakeIndex:
    def __init__(self, data: dict[str, Any]) -> None:
        self.name = data["name"]
        self.version = data["version"]
        self.entities = data["entities"]

    def match(self, query: Entity, *, threshold: float | None = None, limit: int = 10) -> list[FakeMatch]:
        faults = os.environ.get("CATCHALL_BATCH_FAULTS")
        if faults:
            folder = Path(faults)
            with (folder / "calls.log").open("a", encoding="utf-8") as fh:
                fh.write(query.id + "\n")
            if query.caption == "RAISE ME" and (folder / "raise").exists():
                raise RuntimeError("injected failure")
            if query.caption == "CRASH ME":
                try:
                    (folder / "crashed").touch(exist_ok=False)
                except FileExistsError:
                    pass
                else:
                    os._exit(1)
        slow = os.environ.get("CATCHALL_BATCH_SLOW")
        if slow:
            time.sleep(float(slow))
        threshold = 0.7 if threshold is None else threshold
        out = []
        for ent in self.entities:
            best = max(fuzz.token_sort_ratio(q.lower(), n.lower()) for q in query.names for n in ent["names"]) / 100
            if best >= threshold:
                out.append(
                    FakeMatch(
                        ent["id"],
                        round(best, 4),
                        True,
                        ent["caption"],
                        self.name,
                        self.version,
                        {"reasons": [{"rule": "fake.name", "text": f"name similarity {best:.2f}"}]},
                    )
                )
        out.sort(key=lambda m: (-m.score, m.id))
        return out[:limit]


class FakeBackend:
    def default_threshold(self) -> float:
        return 0.8

    def build(self, watchlist: Path, *, name: str, version: str, out: Path) -> None:
        entities = []
        with watchlist.open(encoding="utf-8") as fh:
            for line in fh:
                e = Entity.from_ftm(json.loads(line))
                entities.append({"id": e.id, "caption": e.caption, "names": e.names or [e.caption]})
        out.write_text(json.dumps({"name": name, "version": version, "entities": entities}), encoding="utf-8")

    def load(self, path: Path) -> FakeIndex:
        return FakeIndex(json.loads(path.read_text(encoding="utf-8")))
