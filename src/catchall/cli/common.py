"""Helpers shared by the command modules: opening the database, reading JSON lines, printing."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from catchall.errors import InvalidInput
from catchall.jsonl import jsonl_objects
from catchall.store.db import Database, get_database
from catchall.store.migrate import upgrade


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    db = get_database(url)
    if migrate:
        upgrade(db)
    return db


def open_input(path: str | None) -> IO[str]:
    if path in (None, "-"):
        return sys.stdin
    p = Path(path)
    if not p.exists():
        raise InvalidInput(f"{path}: no such file")
    if p.is_dir():
        raise InvalidInput(f"{path}: is a directory, expected a file")
    return p.open(encoding="utf-8")


def read_jsonl(fh: IO[str], source: str = "input") -> Iterator[tuple[int, dict[str, Any] | InvalidInput]]:
    """Yield (line number, object) per non-empty line, or (line number, error) for a bad line."""
    return jsonl_objects(fh, source)


def dump_json_line(obj: Any, out: IO[str] | None = None) -> None:
    (out or sys.stdout).write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
