"""Screening one chunk of records against the loaded indexes (runs inside a worker process)."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from catchall.batch.indexes import Matcher
from catchall.batch.records import QueryRecord
from catchall.batch.results import ChunkResult, ResultRow
from catchall.model.entity import Entity


@dataclass(frozen=True)
class Chunk:
    """A slice of the input: chunk ``number`` covers ``rows`` input rows, of which ``records`` are valid."""

    number: int
    rows: int
    records: list[QueryRecord]


def _jsonable(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def explanation_json(explanation: Any) -> str:
    # Sorted keys and fixed separators: the same match gives byte-identical output on every engine.
    return json.dumps(_jsonable(explanation), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _screen_one(
    matchers: Sequence[Matcher], rec: QueryRecord, threshold: float, limit: int
) -> list[tuple[str, str, float, str, str, str]]:
    query = Entity.model_validate(
        {"id": rec.record_id or str(rec.row), "schema": rec.schema, "properties": rec.properties}
    )
    found = []
    for matcher in matchers:
        for m in matcher.match(query, threshold=threshold, limit=limit):
            if m.score < threshold:
                continue
            found.append(
                (
                    str(m.id),
                    str(m.caption),
                    round(float(m.score), 6),
                    str(m.list_name),
                    str(m.list_version),
                    explanation_json(m.explanation),
                )
            )
    return found


def screen_chunk(matchers: Sequence[Matcher], chunk: Chunk, threshold: float, limit: int) -> ChunkResult:
    started, cpu_started = time.perf_counter(), time.process_time()
    rows: list[ResultRow] = []
    # Counterparty files repeat the same party (several accounts, several sites): screen each distinct
    # query once per chunk.
    seen: dict[tuple[Any, ...], list[tuple[str, str, float, str, str, str]]] = {}
    for rec in chunk.records:
        key = (rec.schema, *sorted((k, *v) for k, v in rec.properties.items()))
        found = seen.get(key)
        if found is None:
            found = seen[key] = _screen_one(matchers, rec, threshold, limit)
        name = rec.name
        rows.extend(ResultRow(rec.row, rec.record_id, name, *m) for m in found)
    rows.sort(key=ResultRow.sort_key)
    return ChunkResult(
        chunk=chunk.number,
        rows=chunk.rows,
        records=len(chunk.records),
        matches=rows,
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu_started,
    )
