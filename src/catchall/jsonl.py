"""JSON lines reading shared by the core and the faces: one object per non-blank line, errors name the line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from catchall.errors import InvalidInput

T = TypeVar("T")


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


def parse_lines(
    lines: Iterable[tuple[int, dict[str, Any] | InvalidInput]],
    parse: Callable[[dict[str, Any], str], T],
    source: str = "input",
) -> tuple[list[T], list[str]]:
    """Parse every JSON-lines record with ``parse(obj, where)``; returns (records, error messages).

    ``lines`` are the pairs ``jsonl_objects`` yields; ``where`` is ``"<source> line N"``.
    Every bad line is reported, none stops the others.
    """
    records: list[T] = []
    errors: list[str] = []
    for n, obj in lines:
        if isinstance(obj, InvalidInput):
            errors.append(obj.message)
            continue
        try:
            records.append(parse(obj, f"{source} line {n}"))
        except InvalidInput as exc:
            errors.append(exc.message)
    return records, errors


def parse_all_or_nothing(
    lines: Iterable[tuple[int, dict[str, Any] | InvalidInput]],
    parse: Callable[[dict[str, Any], str], T],
    source: str = "input",
    what: str = "record",
) -> list[T]:
    """Like ``parse_lines`` but raise one InvalidInput listing the bad lines if there is any."""
    records, errors = parse_lines(lines, parse, source)
    if errors:
        raise InvalidInput(
            f"{source}: {len(errors)} bad {what}(s), nothing imported; first: {errors[0]}",
            detail={"errors": errors[:100]},
        )
    return records
