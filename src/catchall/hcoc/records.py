"""Turning JSON objects (one per line of an input file, or an API body) into HCOC records.

Every error names where it is: ``<source> line <n>: <field>: <problem>``. A batch is accepted whole or
not at all, so ``parse_batch`` collects the errors of every line before refusing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError

from catchall.errors import InvalidInput
from catchall.jsonl import jsonl_objects
from catchall.model.hcoc import AnnualDeclaration, Launch, PreLaunchNotification


class RecordKind(StrEnum):
    notifications = "notifications"
    launches = "launches"
    declarations = "declarations"


MODELS: dict[RecordKind, type[BaseModel]] = {
    RecordKind.notifications: PreLaunchNotification,
    RecordKind.launches: Launch,
    RecordKind.declarations: AnnualDeclaration,
}

MAX_REPORTED_ERRORS = 20


def describe(exc: ValidationError) -> str:
    """A one-line account of a pydantic error: ``field: problem; field: problem``."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        # A whole-record rule (e.g. the window order) names its fields in the message itself.
        parts.append(f"{where}: {msg}" if where else msg)
    return "; ".join(parts)


def _prepare(kind: RecordKind, obj: dict[str, Any]) -> dict[str, Any]:
    if kind is RecordKind.declarations and "launches_by_class" in obj and "launches" not in obj:
        obj = {**obj, "launches": obj["launches_by_class"]}
        del obj["launches_by_class"]
    return obj


def jsonl_rows(lines: Iterable[str], source: str) -> Iterator[tuple[int, dict[str, Any] | InvalidInput]]:
    """(line number, object or error) per non-blank line of JSON-lines text."""
    return jsonl_objects(lines, source)


def parse_record(kind: RecordKind, obj: Any, where: str = "record") -> BaseModel:
    """One record; raises InvalidInput naming ``where`` and the field."""
    if not isinstance(obj, dict):
        raise InvalidInput(f"{where}: expected a JSON object")
    try:
        return MODELS[kind].model_validate(_prepare(kind, obj))
    except ValidationError as exc:
        raise InvalidInput(f"{where}: {describe(exc)}") from exc


def record_key(record: BaseModel) -> str:
    """The identity of a record within its kind: the id, or STATE-YEAR for a declaration."""
    if isinstance(record, AnnualDeclaration):
        return record.key
    return str(record.id)  # type: ignore[attr-defined]


def parse_batch(
    kind: RecordKind, rows: Iterable[tuple[int, dict[str, Any] | InvalidInput]], source: str
) -> list[BaseModel]:
    """Every line of a JSON-lines input, or InvalidInput listing the bad lines (and duplicate keys)."""
    records: list[BaseModel] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for lineno, obj in rows:
        if isinstance(obj, InvalidInput):
            errors.append(obj.message)
            continue
        try:
            rec = parse_record(kind, obj, f"{source} line {lineno}")
        except InvalidInput as exc:
            errors.append(exc.message)
            continue
        key = record_key(rec)
        if key in seen:
            errors.append(f"{source} line {lineno}: {key} repeats line {seen[key]}")
            continue
        seen[key] = lineno
        records.append(rec)
    if errors:
        shown = errors[:MAX_REPORTED_ERRORS]
        more = f" (and {len(errors) - len(shown)} more)" if len(errors) > len(shown) else ""
        raise InvalidInput(
            f"{len(errors)} invalid {kind.value} record(s){more}: " + " | ".join(shown),
            detail={"errors": errors},
        )
    return records
