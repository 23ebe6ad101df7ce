"""FollowTheMoney / OpenSanctions JSON lines: plain entity files and delta files.

Plain: one entity per line, ``{"id", "schema", "properties": {prop: [values]}, "datasets": [...]}``
(OpenSanctions ``entities.ftm.json``). Delta: one change per line, ``{"op": "ADD"|"MOD"|"DEL",
"entity": {...}}`` (OpenSanctions ``entities.delta.json``); a DEL needs only the entity id.
Entities are kept exactly as published (extra keys such as ``first_seen`` or ``target`` included), so an
export writes back the same lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from catchall.errors import InvalidInput
from catchall.model.entity import NAME_PROPS, Entity
from catchall.screening.sources.base import SCREENABLE, Change, ParseReport

OPS = ("ADD", "MOD", "DEL")


def _lines(path: Path, label: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            line = raw.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except UnicodeDecodeError as exc:
                raise InvalidInput(f"{label} line {n}: not UTF-8 text ({exc.reason})") from exc
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{label} line {n}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
            if not isinstance(obj, dict):
                raise InvalidInput(f"{label} line {n}: expected a JSON object, got {type(obj).__name__}")
            yield n, obj


def _entity(obj: dict[str, Any], where: str) -> Entity:
    if "id" not in obj or not isinstance(obj.get("id"), str) or not obj["id"].strip():
        raise InvalidInput(f"{where}: entity has no 'id'")
    if "schema" not in obj:
        raise InvalidInput(f"{where}: entity {obj['id']!r} has no 'schema' (is this a FtM entity file?)")
    try:
        return Entity.from_ftm(obj)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise InvalidInput(f"{where}: entity {obj['id']!r} field {loc}: {err['msg']}") from exc


def _check_names(entity: Entity, where: str) -> None:
    if not any(entity.get(p) for p in NAME_PROPS):
        raise InvalidInput(f"{where}: entity {entity.id!r} ({entity.schema_}) has no name")


def parse(path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None) -> Iterator[Entity]:
    """Entities of a plain FtM file; a delta line here is a clear error (use source ``ftm-delta``)."""
    label = label or path.name
    report = report if report is not None else ParseReport()
    seen: set[str] = set()
    for n, obj in _lines(path, label):
        where = f"{label} line {n}"
        if "op" in obj and "entity" in obj:
            raise InvalidInput(f"{where}: this is a delta file (op/entity lines): import it with source 'ftm-delta'")
        entity = _entity(obj, where)
        if entity.schema_ not in SCREENABLE:
            report.skip(f"schema {entity.schema_}")
            continue
        _check_names(entity, where)
        if entity.id in seen:
            raise InvalidInput(f"{where}: entity id {entity.id!r} appears twice in the file")
        seen.add(entity.id)
        if not entity.datasets:
            entity.datasets = [dataset]
        yield entity


def parse_delta(
    path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None
) -> Iterator[Change]:
    """Changes of a FtM delta file, in file order."""
    label = label or path.name
    report = report if report is not None else ParseReport()
    for n, obj in _lines(path, label):
        where = f"{label} line {n}"
        op = obj.get("op")
        if op is None and "schema" in obj:
            raise InvalidInput(f"{where}: this is a plain entity file (no 'op'): import it with source 'ftm'")
        if op not in OPS:
            raise InvalidInput(f"{where}: 'op' must be one of {', '.join(OPS)}, got {op!r}")
        body = obj.get("entity")
        if not isinstance(body, dict):
            raise InvalidInput(f"{where}: 'entity' must be an object")
        if op == "DEL":
            ident = body.get("id")
            if not isinstance(ident, str) or not ident.strip():
                raise InvalidInput(f"{where}: DEL needs the entity 'id'")
            yield Change("DEL", Entity(id=ident, schema=body.get("schema") or "Thing"))
            continue
        entity = _entity(body, where)
        if entity.schema_ not in SCREENABLE:
            report.skip(f"schema {entity.schema_}")
            continue
        _check_names(entity, where)
        if not entity.datasets:
            entity.datasets = [dataset]
        yield Change(op, entity)
