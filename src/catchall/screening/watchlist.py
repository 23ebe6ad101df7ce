"""Read FollowTheMoney JSON lines files (one entity per line) into entities, naming the line of any error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from catchall.errors import InvalidInput
from catchall.model.entity import Entity


def iter_ftm_lines(lines: Iterator[str] | list[str], source: str) -> Iterator[Entity]:
    for lineno, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{source} line {lineno}: not valid JSON ({exc.msg})") from exc
        if not isinstance(data, dict):
            raise InvalidInput(f"{source} line {lineno}: expected a JSON object, got {type(data).__name__}")
        if not data.get("id"):
            raise InvalidInput(f"{source} line {lineno}: entity has no 'id'")
        try:
            yield Entity.from_ftm(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            raise InvalidInput(f"{source} line {lineno}: {where or 'entity'}: {first.get('msg')}") from exc


def load_ftm_file(path: Path | str) -> list[Entity]:
    """All entities of a FtM JSON lines file; raises InvalidInput naming the file and line of a bad line."""
    p = Path(path)
    if not p.exists():
        raise InvalidInput(f"{p}: no such file")
    if p.is_dir():
        raise InvalidInput(f"{p}: is a directory, expected a JSON lines file")
    with p.open(encoding="utf-8") as fh:
        return list(iter_ftm_lines(fh, str(p)))
