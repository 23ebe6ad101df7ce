"""What screening a chunk produces: result rows (one per record x match) and per-chunk counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

RESULT_COLUMNS = (
    "record_row",
    "record_id",
    "record_name",
    "entity_id",
    "entity_caption",
    "score",
    "list_name",
    "list_version",
    "explanation",
)


class ResultRow(NamedTuple):
    """One match of one input record. ``explanation`` is a JSON string, so every output format can carry it."""

    record_row: int
    record_id: str
    record_name: str
    entity_id: str
    entity_caption: str
    score: float
    list_name: str
    list_version: str
    explanation: str

    def sort_key(self) -> tuple[int, float, str, str]:
        # Input order first, best match first, then stable tie-breakers: both engines sort the same way.
        return (self.record_row, -self.score, self.list_name, self.entity_id)


@dataclass
class ChunkResult:
    """The outcome of one chunk: its matches (sorted) and the counts the summary adds up."""

    chunk: int
    rows: int  # input rows the chunk covers, malformed ones included
    records: int  # rows actually screened
    matches: list[ResultRow] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker on this chunk: a load-independent cost measure

    def counts(self) -> dict[str, Any]:
        by_list: dict[str, dict[str, int]] = {}
        seen: dict[str, set[int]] = {}
        for m in self.matches:
            entry = by_list.setdefault(m.list_name, {"matches": 0, "records": 0})
            entry["matches"] += 1
            seen.setdefault(m.list_name, set()).add(m.record_row)
        for name, rows in seen.items():
            by_list[name]["records"] = len(rows)
        return {
            "chunk": self.chunk,
            "rows": self.rows,
            "records": self.records,
            "matches": len(self.matches),
            "records_with_matches": len({m.record_row for m in self.matches}),
            "by_list": by_list,
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
        }
