"""JSON lines reading shared by the core and the faces: one object per non-blank line, errors name the line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from catchall.errors import InvalidInput


def jsonl_objects(lines: Iterable[str], source: str = "input") -> Iterator[tuple[int, dict[str, Any] | InvalidInput]]:
    """Yield (line number, object) per non-blank line, or (line number, error) for a line that is not an object."""
    for n, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, InvalidInput(f"{source} line {n}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield n, InvalidInput(f"{source} line {n}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield n, obj
