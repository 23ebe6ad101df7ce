"""Watch lists: import published list files as new versions, atomically; diff, export, indexes per version.

Import flow (``import_file``): checksum the input -> identical to the current version? report it
``unchanged`` and stop -> parse the whole file (any error: ``InvalidInput`` naming file and line; nothing
written) -> write the new version's entities in one transaction with status ``importing`` -> build and
save its screening index -> flip it to ``current`` (the old one to ``superseded``) in one UPDATE
transaction together with the ``list.import`` audit record -> re-screen stored parties against an index
of only the added and changed entities. A failure or a killed process before the flip leaves the
previous version current and intact; the leftover ``importing`` version is marked ``failed`` (its rows
deleted) by the next import of any list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import socket
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from catchall.config import get_settings
from catchall.errors import CatchallError, Conflict, InvalidInput, NotFound, StoreError, TooLarge
from catchall.model.entity import Entity
from catchall.screening.sources import Change, ParseReport, SourceFormat, get_source
from catchall.services import audit
from catchall.store.db import Database
from catchall.store.tables.lists import ListEntity, WatchList
from catchall.store.tables.lists import ListVersion as VersionRow

ALL = ("default", "all")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")
BATCH = 2000
STALE_AFTER = dt.timedelta(hours=6)

Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class ListVersion:
    """One version of one list, as the faces see it (``unchanged``: an import found it identical)."""

    id: int
    list_name: str
    source: str
    number: int
    checksum: str
    status: str
    entity_count: int
    file_name: str
    imported_at: dt.datetime
    became_current_at: dt.datetime | None
    superseded_at: dt.datetime | None
    actor: str
    index_path: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    unchanged: bool = False
    previous_number: int | None = None
    changes: dict[str, int] = field(default_factory=dict)
    rescreen: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.list_name,
            "source": self.source,
            "version": self.number,
            "status": self.status,
            "entities": self.entity_count,
            "checksum": self.checksum,
            "file_name": self.file_name,
            "imported_at": _aware(self.imported_at).isoformat(),
            "became_current_at": _aware(self.became_current_at).isoformat() if self.became_current_at else None,
            "superseded_at": _aware(self.superseded_at).isoformat() if self.superseded_at else None,
            "actor": self.actor,
            "stats": self.stats,
            "unchanged": self.unchanged,
            "previous_version": self.previous_number,
            "changes": self.changes,
            "rescreen": self.rescreen,
        }


@dataclass(frozen=True)
class EntityRef:
    id: str
    schema: str
    caption: str
    fields: list[str] = field(default_factory=list)  # for a changed entity: the properties that differ


@dataclass(frozen=True)
class ListDiff:
    name: str
    from_version: int | None
    to_version: int
    added: list[EntityRef]
    removed: list[EntityRef]
    changed: list[EntityRef]
    unchanged: int

    @property
    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "from": self.from_version,
            "to": self.to_version,
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
        }

    def as_dict(self) -> dict[str, Any]:
        def refs(items: list[EntityRef]) -> list[dict[str, Any]]:
            return [
                {"id": r.id, "schema": r.schema, "caption": r.caption, **({"fields": r.fields} if r.fields else {})}
                for r in items
            ]

        return {
            "summary": self.summary,
            "added": refs(self.added),
            "removed": refs(self.removed),
            "changed": refs(self.changed),
        }


# --- helpers ---------------------------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(ts: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; they were stored as UTC
    return ts if ts.tzinfo else ts.replace(tzinfo=dt.UTC)


def canonical(entity: Entity) -> str:
    return json.dumps(entity.to_ftm(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _hash(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _view(row: VersionRow, list_name: str, **extra: Any) -> ListVersion:
    return ListVersion(
        id=row.id,
        list_name=list_name,
        source=row.source,
        number=row.number,
        checksum=row.checksum,
        status=row.status,
        entity_count=row.entity_count,
        file_name=row.file_name,
        imported_at=_aware(row.imported_at),
        became_current_at=_aware(row.became_current_at) if row.became_current_at else None,
        superseded_at=_aware(row.superseded_at) if row.superseded_at else None,
        actor=row.actor,
        index_path=row.index_path,
        stats=dict(row.stats or {}),
        **extra,
    )


def checksum(paths: Iterable[Path]) -> str:
    """sha256 of the input; for a multi-file set (OFAC CSV) over each file's name and bytes in order."""
    paths = list(paths)
    digest = hashlib.sha256()
    for p in paths:
        if len(paths) > 1:
            digest.update(p.name.lower().encode() + b"\0")
        with p.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(worker: str | None) -> bool:
    """Is the process that wrote an ``importing`` version still running (same host only)?"""
    if not worker or ":" not in worker:
        return False
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname():
        return True  # cannot tell from here: leave it to the age rule
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, ValueError):
        return False
    except PermissionError:
        return True
    return True


def _index_class() -> Any | None:
    try:
        from catchall.screening.index import ScreeningIndex
    except ImportError:
        return None
    return ScreeningIndex


def _list_row(s: Session, name: str) -> WatchList:
    row = s.execute(select(WatchList).where(WatchList.name == name)).scalar_one_or_none()
    if row is None:
        known = s.execute(select(WatchList.name).order_by(WatchList.name)).scalars().all()
        hint = f" (known: {', '.join(known)})" if known else " (no lists imported yet)"
        raise NotFound(f"no list named {name!r}{hint}")
    return row


def _current_row(s: Session, list_id: int) -> VersionRow | None:
    return s.execute(
        select(VersionRow).where(VersionRow.list_id == list_id, VersionRow.status == "current")
    ).scalar_one_or_none()


def _version_row(s: Session, wl: WatchList, number: int) -> VersionRow:
    row = s.execute(
        select(VersionRow).where(VersionRow.list_id == wl.id, VersionRow.number == number)
    ).scalar_one_or_none()
    if row is None or row.status not in ("current", "superseded"):
        state = "does not exist" if row is None else f"is {row.status}"
        raise NotFound(f"list {wl.name!r} version {number} {state}")
    return row


def _hashes(s: Session, version_id: int) -> dict[str, str]:
    rows = s.execute(select(ListEntity.entity_id, ListEntity.content_hash).where(ListEntity.version_id == version_id))
    return {eid: h for eid, h in rows}


def _load(s: Session, version_id: int, ids: Iterable[str] | None = None) -> dict[str, str]:
    q = select(ListEntity.entity_id, ListEntity.data).where(ListEntity.version_id == version_id)
    if ids is None:
        return {eid: data for eid, data in s.execute(q)}
    wanted = list(ids)
    out: dict[str, str] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        out.update({eid: data for eid, data in s.execute(q.where(ListEntity.entity_id.in_(chunk)))})
    return out


# --- import ----------------------------------------------------------------------------------------


def cleanup_stale(db: Database) -> int:
    """Mark leftover ``importing`` versions of dead (or long-gone) importers ``failed``; returns how many."""
    now = _now()
    cleaned = 0
    with db.session() as s:
        rows = s.execute(
            select(VersionRow, WatchList.name)
            .join(WatchList, WatchList.id == VersionRow.list_id)
            .where(VersionRow.status == "importing")
        ).all()
        for row, list_name in rows:
            if _alive(row.worker) and now - _aware(row.imported_at) < STALE_AFTER:
                continue
            s.execute(delete(ListEntity).where(ListEntity.version_id == row.id))
            _drop_index_file(list_name, row.number, row.checksum)
            row.status = "failed"
            row.stats = {**(row.stats or {}), "error": "import interrupted (process ended before completing)"}
            cleaned += 1
    return cleaned


def _parse(
    fmt: SourceFormat, path: Path, name: str, label: str, report: ParseReport, progress: Progress | None
) -> Iterator[Any]:
    for n, item in enumerate(fmt.parse(path, name, report, label=label), start=1):
        if progress is not None and n % 1000 == 0:
            progress("parse", n, None)
        yield item


def _apply_delta(current: dict[str, str], changes: Iterable[Change], report: ParseReport) -> list[Entity]:
    """The current version's entities with the delta's ADD/MOD (replace) and DEL applied, in order."""
    merged: dict[str, Entity | str] = dict(current)
    for change in changes:
        if change.op == "DEL":
            if merged.pop(change.entity.id, None) is None:
                report.warn(f"DEL of {change.entity.id!r}: not in the current version")
        else:
            if change.op == "MOD" and change.entity.id not in merged:
                report.warn(f"MOD of {change.entity.id!r}: not in the current version, added")
            merged[change.entity.id] = change.entity
    return [v if isinstance(v, Entity) else Entity.from_ftm(json.loads(v)) for v in merged.values()]


def import_file(
    db: Database,
    source: str,
    path: Path | str,
    name: str | None = None,
    actor: str = "system",
    *,
    label: str | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    rescreen: bool = True,
) -> ListVersion:
    """Import ``path`` as the next version of list ``name`` (default: the source's usual list name)."""
    fmt = get_source(source)
    path = Path(path)
    label = label or path.name
    fmt.check(path, label)
    inputs = fmt.inputs(path)
    size = sum(p.stat().st_size for p in inputs)
    limit = max_bytes if max_bytes is not None else get_settings().max_upload_bytes
    if size > limit:
        raise TooLarge(f"{label}: {size} bytes is over the limit of {limit} bytes (CATCHALL_MAX_UPLOAD_BYTES)")
    if name is None:
        name = fmt.default_list or re.sub(r"[^a-z0-9_.-]+", "_", path.name.split(".")[0].lower()).strip("_.-")
    if not NAME_RE.match(name):
        raise InvalidInput(f"list name {name!r}: use lower-case letters, digits, '_', '.', '-' (at most 100)")
    digest = checksum(inputs)
    cleanup_stale(db)

    with db.session() as s:
        wl = s.execute(select(WatchList).where(WatchList.name == name)).scalar_one_or_none()
        current = _current_row(s, wl.id) if wl is not None else None
        if current is not None and current.checksum == digest:
            return _view(current, name, unchanged=True, previous_number=current.number)
        current_id = current.id if current is not None else None
        current_number = current.number if current is not None else None
        current_data = _load(s, current.id) if (current is not None and fmt.delta) else {}

    # Parse everything before writing anything: a bad record anywhere means nothing is imported.
    report = ParseReport()
    if fmt.delta:
        if current_id is None:
            raise InvalidInput(f"{label}: a delta file needs a current version of list {name!r} to apply to")
        entities = _apply_delta(current_data, _parse(fmt, path, name, label, report, progress), report)
        del current_data
    else:
        entities = list(_parse(fmt, path, name, label, report, progress))
    if not entities:
        raise InvalidInput(f"{label}: no entities found (is this a {fmt.title} file?)")
    if progress is not None:
        progress("parse", len(entities), len(entities))

    rows = []
    seen: set[str] = set()
    for e in entities:
        if e.id in seen:
            raise InvalidInput(f"{label}: entity id {e.id!r} appears twice")
        seen.add(e.id)
        data = canonical(e)
        rows.append({"entity_id": e.id, "content_hash": _hash(data), "data": data})
    stats: dict[str, Any] = {"skipped": report.skipped, "warnings": report.warnings, "meta": report.meta}

    # 1. write the version (status importing) and its entities in one transaction
    try:
        version_id, list_id, number = _write_version(db, name, source, digest, label, actor, stats, rows, progress)
    except IntegrityError as exc:  # another import of the same list took the same version number
        raise Conflict(f"list {name!r} is being imported by another process; try again") from exc

    try:
        # 2. the screening index, built and saved before the version can become current
        index_path = _build_index(entities, name, number, digest, progress)
        # 3. flip atomically, with the audit record in the same transaction
        changes = _changes(db, current_id, version_id)
        with db.session() as s:
            now = _now()
            s.execute(
                update(VersionRow)
                .where(VersionRow.list_id == list_id, VersionRow.status == "current")
                .values(status="superseded", superseded_at=now)
            )
            flipped = s.execute(
                update(VersionRow)
                .where(VersionRow.id == version_id, VersionRow.status == "importing")
                .values(status="current", became_current_at=now, index_path=index_path, worker=None)
            )
            if cast(CursorResult[Any], flipped).rowcount != 1:
                raise StoreError(f"list {name!r} version {number} was cleaned up while importing; import again")
            s.execute(update(WatchList).where(WatchList.id == list_id).values(source=source))
            audit.append(
                s,
                actor=actor,
                action="list.import",
                subject=f"list:{name}",
                payload={
                    "version": number,
                    "previous_version": current_number,
                    "source": source,
                    "file": label,
                    "checksum": digest,
                    "entities": len(rows),
                    "changes": changes["summary"],
                    "skipped": report.skipped,
                },
            )
            row = s.get_one(VersionRow, version_id)
            view = _view(row, name, previous_number=current_number, changes=changes["summary"])
    except IntegrityError as exc:  # a concurrent import of the same list became current first
        _mark_failed(db, version_id, exc)
        _drop_index_file(name, number, digest)
        raise Conflict(f"list {name!r} was updated by another import meanwhile; import again") from exc
    except BaseException as exc:
        _mark_failed(db, version_id, exc)
        _drop_index_file(name, number, digest)
        raise

    if rescreen:
        view = replace(view, rescreen=_rescreen(db, name, number, changes["ids"], actor))
    return view


def _write_version(
    db: Database,
    name: str,
    source: str,
    digest: str,
    label: str,
    actor: str,
    stats: dict[str, Any],
    rows: list[dict[str, str]],
    progress: Progress | None,
) -> tuple[int, int, int]:
    """The new version (status ``importing``) and all its entities, in one transaction."""
    with db.session() as s:
        wl = s.execute(select(WatchList).where(WatchList.name == name)).scalar_one_or_none()
        if wl is None:
            wl = WatchList(name=name, source=source, created_at=_now())
            s.add(wl)
            s.flush()
        number = (s.execute(select(func.max(VersionRow.number)).where(VersionRow.list_id == wl.id)).scalar() or 0) + 1
        row = VersionRow(
            list_id=wl.id,
            number=number,
            source=source,
            checksum=digest,
            status="importing",
            entity_count=len(rows),
            file_name=label[:500],
            imported_at=_now(),
            actor=actor,
            worker=_worker(),
            stats=stats,
        )
        s.add(row)
        s.flush()
        version_id, list_id = row.id, wl.id
        for i in range(0, len(rows), BATCH):
            chunk = rows[i : i + BATCH]
            s.execute(insert(ListEntity), [{**r, "version_id": version_id} for r in chunk])
            if progress is not None:
                progress("write", i + len(chunk), len(rows))
    return version_id, list_id, number


def _mark_failed(db: Database, version_id: int, exc: BaseException) -> None:
    try:
        with db.session() as s:
            s.execute(delete(ListEntity).where(ListEntity.version_id == version_id))
            row = s.get(VersionRow, version_id)
            if row is not None and row.status == "importing":
                row.status = "failed"
                row.worker = None
                row.stats = {**(row.stats or {}), "error": str(exc)[:1000] or type(exc).__name__}
    except Exception:  # the original error matters more; the cleanup rule catches the rest
        pass


def _index_file(name: str, number: int, digest: str) -> Path:
    return get_settings().index_dir / name / f"{index_version(number, digest)}.npz"


def _drop_index_file(name: str, number: int, digest: str) -> None:
    """The saved index of a version that never became current is of no use: remove it."""
    _index_file(name, number, digest).unlink(missing_ok=True)


def _build_index(entities: list[Entity], name: str, number: int, digest: str, progress: Progress | None) -> str | None:
    cls = _index_class()
    if cls is None:
        return None
    if progress is not None:
        progress("index", 0, None)
    index = cls.build(entities, version=index_version(number, digest), name=name)
    target = _index_file(name, number, digest)
    target.parent.mkdir(parents=True, exist_ok=True)
    index.save(target)
    if progress is not None:
        progress("index", 1, 1)
    return str(target)


def _changes(db: Database, from_id: int | None, to_id: int) -> dict[str, Any]:
    with db.session() as s:
        old = _hashes(s, from_id) if from_id is not None else {}
        new = _hashes(s, to_id)
    added = [k for k in new if k not in old]
    changed = [k for k, h in new.items() if k in old and old[k] != h]
    removed = [k for k in old if k not in new]
    return {
        "summary": {"added": len(added), "changed": len(changed), "removed": len(removed)},
        "ids": added + changed,
    }


def _rescreen(db: Database, name: str, number: int, ids: list[str], actor: str) -> dict[str, Any]:
    """Re-screen open parties against only the added and changed entities (skipped when nothing to do)."""
    if not ids:
        return {"status": "skipped", "reason": "no added or changed entities"}
    try:
        from catchall.services.screening import rescreen as rescreen_parties
    except ImportError:
        return {"status": "skipped", "reason": "screening service not available"}
    cls = _index_class()
    if cls is None:
        return {"status": "skipped", "reason": "screening index not available"}
    try:
        with db.session() as s:
            row = _version_row(s, _list_row(s, name), number)
            digest = row.checksum
            data = _load(s, row.id, ids)
        entities = [Entity.from_ftm(json.loads(d)) for d in data.values()]
        index = cls.build(entities, version=index_version(number, digest), name=name)
        with db.session() as s:
            result = rescreen_parties(s, index, actor)
    except CatchallError as exc:
        return {"status": "failed", "entities": len(ids), "error": exc.message}
    except Exception as exc:  # the list is imported either way; report, do not undo
        return {"status": "failed", "entities": len(ids), "error": f"{type(exc).__name__}: {exc}"}
    out: dict[str, Any] = {"status": "done", "entities": len(ids)}
    if isinstance(result, dict):
        out["result"] = json.loads(json.dumps(result, default=str))
    elif isinstance(result, int | list | tuple):
        out["alerts"] = result if isinstance(result, int) else len(result)
    return out


# --- reading ---------------------------------------------------------------------------------------


def current_versions(db: Database) -> list[ListVersion]:
    """The current version of every list, by list name."""
    with db.session() as s:
        rows = s.execute(
            select(VersionRow, WatchList.name)
            .join(WatchList, WatchList.id == VersionRow.list_id)
            .where(VersionRow.status == "current")
            .order_by(WatchList.name)
        ).all()
        return [_view(row, lname) for row, lname in rows]


def versions(db: Database, name: str) -> list[ListVersion]:
    """Every version of one list (also failed ones), newest first."""
    with db.session() as s:
        wl = _list_row(s, name)
        rows = s.execute(
            select(VersionRow).where(VersionRow.list_id == wl.id).order_by(VersionRow.number.desc())
        ).scalars()
        return [_view(r, name) for r in rows]


def version_as_of(db: Database, name: str, as_of: dt.date | None = None) -> ListVersion:
    """The version of ``name`` in force at the end of ``as_of`` (UTC); today's current one by default."""
    found = _in_force(db, [name], as_of)
    if not found:
        when = f" on {as_of.isoformat()}" if as_of else ""
        raise NotFound(f"list {name!r} had no version in force{when}")
    return found[0]


def _in_force(db: Database, names: list[str] | None, as_of: dt.date | None) -> list[ListVersion]:
    with db.session() as s:
        q = select(VersionRow, WatchList.name).join(WatchList, WatchList.id == VersionRow.list_id)
        if names is not None:
            for n in names:
                _list_row(s, n)
            q = q.where(WatchList.name.in_(names))
        if as_of is None:
            q = q.where(VersionRow.status == "current")
        else:
            q = q.where(VersionRow.status.in_(("current", "superseded")))
        rows = s.execute(q.order_by(WatchList.name, VersionRow.number)).all()
    views = [_view(r, n) for r, n in rows]
    if as_of is None:
        return views
    end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    out: dict[str, ListVersion] = {}
    for v in views:
        start = v.became_current_at
        if start is None or start >= end:
            continue
        if v.superseded_at is not None and v.superseded_at < end:
            continue
        out[v.list_name] = v
    return [out[k] for k in sorted(out)]


def diff(db: Database, name: str, from_v: int | None = None, to_v: int | None = None) -> ListDiff:
    """Entities added, removed and changed between two versions (default: the current one and the one before)."""
    with db.session() as s:
        wl = _list_row(s, name)
        if to_v is None:
            cur = _current_row(s, wl.id)
            if cur is None:
                raise NotFound(f"list {name!r} has no current version")
            to_row = cur
        else:
            to_row = _version_row(s, wl, to_v)
        if from_v is None:
            prev = s.execute(
                select(VersionRow)
                .where(
                    VersionRow.list_id == wl.id,
                    VersionRow.number < to_row.number,
                    VersionRow.status.in_(("current", "superseded")),
                )
                .order_by(VersionRow.number.desc())
                .limit(1)
            ).scalar_one_or_none()
            from_row = prev
        else:
            from_row = _version_row(s, wl, from_v)
        old = _hashes(s, from_row.id) if from_row is not None else {}
        new = _hashes(s, to_row.id)
        added = sorted(k for k in new if k not in old)
        removed = sorted(k for k in old if k not in new)
        changed = sorted(k for k, h in new.items() if k in old and old[k] != h)
        new_data = _load(s, to_row.id, added + changed)
        old_data = _load(s, from_row.id, removed + changed) if from_row is not None else {}

    def ref(data: str, fields: list[str] | None = None) -> EntityRef:
        e = Entity.from_ftm(json.loads(data))
        return EntityRef(id=e.id, schema=e.schema_, caption=e.caption, fields=fields or [])

    def fields(a: str, b: str) -> list[str]:
        x, y = json.loads(a), json.loads(b)
        px, py = x.get("properties", {}), y.get("properties", {})
        out = sorted(k for k in set(px) | set(py) if px.get(k) != py.get(k))
        out += sorted(k for k in set(x) | set(y) if k not in ("properties", "id") and x.get(k) != y.get(k))
        return out

    return ListDiff(
        name=name,
        from_version=from_row.number if from_row is not None else None,
        to_version=to_row.number,
        added=[ref(new_data[k]) for k in added],
        removed=[ref(old_data[k]) for k in removed],
        changed=[ref(new_data[k], fields(old_data[k], new_data[k])) for k in changed],
        unchanged=len(new) - len(added) - len(changed),
    )


def export(db: Database, name: str, version: int | None = None) -> Iterator[Entity]:
    """The entities of a version (default: current), by id, as published FtM entities."""
    for data in export_lines(db, name, version):
        yield Entity.from_ftm(json.loads(data))


def export_lines(db: Database, name: str, version: int | None = None) -> Iterator[str]:
    """The stored FtM JSON of each entity (one line each, canonical): exactly what import wrote."""
    with db.session() as s:
        wl = _list_row(s, name)
        if version is None:
            row = _current_row(s, wl.id)
            if row is None:
                raise NotFound(f"list {name!r} has no current version")
        else:
            row = _version_row(s, wl, version)
        version_id = row.id
    with db.session() as s:
        q = (
            select(ListEntity.data)
            .where(ListEntity.version_id == version_id)
            .order_by(ListEntity.entity_id)
            .execution_options(yield_per=1000)
        )
        yield from s.execute(q).scalars()


# --- screening indexes -----------------------------------------------------------------------------

_INDEX_CACHE: dict[tuple[str, int], Any] = {}
_CACHE_SIZE = 16


def index_version(number: int, digest: str) -> str:
    """The version stamp an index (and so every alert raised from it) carries: number and checksum."""
    return f"v{number}-{digest[:12]}"


def _version_index(db: Database, v: ListVersion, cls: Any) -> Any:
    key = (db.url, v.id)
    if key in _INDEX_CACHE:
        return _INDEX_CACHE[key]
    if v.index_path and Path(v.index_path).exists():
        index = cls.load(Path(v.index_path))
    else:  # saved index lost (data dir moved, index disabled at import): rebuild from the stored entities
        with db.session() as s:
            entities = [Entity.from_ftm(json.loads(d)) for d in _load(s, v.id).values()]
        index = cls.build(entities, version=index_version(v.number, v.checksum), name=v.list_name)
    if len(_INDEX_CACHE) >= _CACHE_SIZE:
        _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
    _INDEX_CACHE[key] = index
    return index


def index_for(db: Database, dataset: str, as_of: dt.date | None = None) -> Any:
    """The screening index of list ``dataset`` as of a date (default: now); ``default``/``all``: every list.

    One list -> its ``ScreeningIndex``; several -> a ``MultiIndex`` over them, so each match keeps the
    name and version of its own list. Indexes are loaded once per process and version.
    """
    cls = _index_class()
    if cls is None:
        raise StoreError("the screening index (catchall.screening.index) is not available")
    chosen = _in_force(db, None if dataset in ALL else [dataset], as_of)
    if not chosen:
        when = f" on {as_of.isoformat()}" if as_of else ""
        what = "no lists imported" if dataset in ALL else f"list {dataset!r} had no version in force"
        raise NotFound(f"{what}{when}")
    indexes = [_version_index(db, v, cls) for v in chosen]
    if len(indexes) == 1:
        return indexes[0]
    from catchall.screening.index import MultiIndex

    return MultiIndex(indexes)


def clear_index_cache() -> None:
    _INDEX_CACHE.clear()
