"""HCOC use cases: keep notifications, launches and declarations; check them; report on a year.

The only place that combines the HCOC core (``catchall.hcoc``), the subscription registry and the store.
Every change is appended to the audit log in the same transaction (verbs ``hcoc.<kind>.create|update|
delete`` and ``hcoc.import``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from catchall.errors import Conflict, InvalidInput, NotFound
from catchall.hcoc import checks as launch_checks
from catchall.hcoc import declarations as declaration_checks
from catchall.hcoc import report as hcoc_report
from catchall.hcoc.records import RecordKind, parse_record, record_key
from catchall.hcoc.report import ReportFormat
from catchall.model.hcoc import (
    AnnualDeclaration,
    DeclarationCheck,
    Launch,
    LaunchCheck,
    PreLaunchNotification,
    Subscription,
    VehicleClass,
)
from catchall.registry import hcoc_subscriptions
from catchall.services import audit
from catchall.store.db import Database
from catchall.store.tables.hcoc import HcocDeclaration, HcocLaunch, HcocNotification

Row = HcocNotification | HcocLaunch | HcocDeclaration
TABLES: dict[RecordKind, Any] = {  # the mapped class of each kind
    RecordKind.notifications: HcocNotification,
    RecordKind.launches: HcocLaunch,
    RecordKind.declarations: HcocDeclaration,
}
SINGULAR = {
    RecordKind.notifications: "notification",
    RecordKind.launches: "launch",
    RecordKind.declarations: "declaration",
}


# --- subscriptions -------------------------------------------------------------------------------


def subscribers(as_of: dt.date | None = None) -> list[Subscription]:
    return hcoc_subscriptions.subscribers(as_of)


def subscription(state: str) -> Subscription:
    sub = hcoc_subscriptions.subscription(state)
    if sub is None:
        raise NotFound(f"{state!r} is not a subscribing state of the Hague Code of Conduct")
    return sub


# --- conversions -----------------------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _to_row(record: BaseModel, actor: str) -> Row:
    stamp = {"updated_at": _now(), "updated_by": actor}
    if isinstance(record, PreLaunchNotification):
        return HcocNotification(**record.model_dump(mode="python"), **stamp)
    if isinstance(record, Launch):
        return HcocLaunch(**record.model_dump(mode="python"), **stamp)
    if isinstance(record, AnnualDeclaration):
        data = record.model_dump(mode="json")
        return HcocDeclaration(
            state=record.state,
            year=record.year,
            submitted=record.submitted,
            policies=record.policies,
            launches=data["launches"],
            **stamp,
        )
    raise TypeError(f"not an HCOC record: {type(record).__name__}")


def _from_row(row: Row) -> BaseModel:
    if isinstance(row, HcocNotification):
        return PreLaunchNotification(
            id=row.id,
            state=row.state,
            submitted=row.submitted,
            vehicle_class=VehicleClass(row.vehicle_class),
            window_start=row.window_start,
            window_end=row.window_end,
            launch_area=row.launch_area,
            direction=row.direction,
        )
    if isinstance(row, HcocLaunch):
        return Launch(
            id=row.id,
            state=row.state,
            date=row.date,
            vehicle_class=VehicleClass(row.vehicle_class),
            vehicle=row.vehicle,
        )
    return AnnualDeclaration(
        state=row.state,
        year=row.year,
        submitted=row.submitted,
        policies=row.policies,
        launches={VehicleClass(k): int(v) for k, v in (row.launches or {}).items()},
    )


def _copy_into(row: Row, new: Row) -> None:
    for column in row.__table__.columns:
        setattr(row, column.key, getattr(new, column.key))


def parse_key(kind: RecordKind, key: str) -> Any:
    """The primary key of a record from its text key (``id``, or ``STATE-YEAR`` for declarations)."""
    if kind is not RecordKind.declarations:
        return key
    state, _, year = key.rpartition("-")
    if not state or not year.isdigit():
        raise InvalidInput(f"declaration key must be STATE-YEAR (e.g. FR-2019), got {key!r}")
    return (state.upper(), int(year))


def _get_row(session: Session, kind: RecordKind, key: str) -> Row | None:
    row: Row | None = session.get(TABLES[kind], parse_key(kind, key))
    return row


# --- records: CRUD and import --------------------------------------------------------------------


def list_records(
    db: Database,
    kind: RecordKind,
    *,
    state: str | None = None,
    year: int | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[BaseModel]:
    """Stored records of one kind, optionally for one state and/or year, in a stable order."""
    table = TABLES[kind]
    q = select(table)
    if state is not None:
        q = q.where(table.state == state.strip().upper())
    if year is not None:
        if table is HcocNotification:
            q = q.where(HcocNotification.window_start >= dt.date(year, 1, 1))
            q = q.where(HcocNotification.window_start <= dt.date(year, 12, 31))
        elif table is HcocLaunch:
            q = q.where(HcocLaunch.date >= dt.date(year, 1, 1), HcocLaunch.date <= dt.date(year, 12, 31))
        else:
            q = q.where(HcocDeclaration.year == year)
    if table is HcocDeclaration:
        q = q.order_by(HcocDeclaration.year, HcocDeclaration.state)
    elif table is HcocLaunch:
        q = q.order_by(HcocLaunch.date, HcocLaunch.id)
    else:
        q = q.order_by(HcocNotification.window_start, HcocNotification.id)
    q = q.limit(limit).offset(offset)
    with db.session() as s:
        return [_from_row(r) for r in s.execute(q).scalars().all()]


def get_record(db: Database, kind: RecordKind, key: str) -> BaseModel:
    with db.session() as s:
        row = _get_row(s, kind, key)
        if row is None:
            raise NotFound(f"no HCOC {SINGULAR[kind]} {key!r}")
        return _from_row(row)


def create_record(db: Database, kind: RecordKind, data: dict[str, Any], *, actor: str) -> BaseModel:
    record = parse_record(kind, data, SINGULAR[kind])
    key = record_key(record)
    with db.session() as s:
        if _get_row(s, kind, key) is not None:
            raise Conflict(f"HCOC {SINGULAR[kind]} {key!r} already exists")
        s.add(_to_row(record, actor))
        audit.append(
            s,
            actor=actor,
            action=f"hcoc.{SINGULAR[kind]}.create",
            subject=f"hcoc:{SINGULAR[kind]}:{key}",
            payload=record.model_dump(mode="json"),
        )
    return record


def update_record(db: Database, kind: RecordKind, key: str, data: dict[str, Any], *, actor: str) -> BaseModel:
    """Replace a record. The body may omit the key fields; if it gives them they must match ``key``."""
    pk = parse_key(kind, key)
    body = dict(data)
    if kind is RecordKind.declarations:
        body.setdefault("state", pk[0])
        body.setdefault("year", pk[1])
    else:
        body.setdefault("id", key)
    record = parse_record(kind, body, SINGULAR[kind])
    if record_key(record) != (key if kind is not RecordKind.declarations else f"{pk[0]}-{pk[1]}"):
        raise InvalidInput(f"the body names {record_key(record)!r} but the path names {key!r}")
    with db.session() as s:
        row = _get_row(s, kind, key)
        if row is None:
            raise NotFound(f"no HCOC {SINGULAR[kind]} {key!r}")
        before = _from_row(row).model_dump(mode="json")
        _copy_into(row, _to_row(record, actor))
        audit.append(
            s,
            actor=actor,
            action=f"hcoc.{SINGULAR[kind]}.update",
            subject=f"hcoc:{SINGULAR[kind]}:{record_key(record)}",
            payload={"before": before, "after": record.model_dump(mode="json")},
        )
    return record


def delete_record(db: Database, kind: RecordKind, key: str, *, actor: str) -> None:
    with db.session() as s:
        row = _get_row(s, kind, key)
        if row is None:
            raise NotFound(f"no HCOC {SINGULAR[kind]} {key!r}")
        before = _from_row(row).model_dump(mode="json")
        s.delete(row)
        audit.append(
            s,
            actor=actor,
            action=f"hcoc.{SINGULAR[kind]}.delete",
            subject=f"hcoc:{SINGULAR[kind]}:{key}",
            payload={"before": before},
        )


@dataclass(frozen=True)
class ImportResult:
    kind: RecordKind
    created: int
    updated: int
    keys: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated


def import_records(
    db: Database, kind: RecordKind, records: Sequence[BaseModel], *, actor: str, source: str = "input"
) -> ImportResult:
    """Store a parsed batch in one transaction: a record whose key exists replaces it. All or nothing."""
    created = updated = 0
    keys = [record_key(r) for r in records]
    with db.session() as s:
        table = TABLES[kind]
        existing: set[str] = set()
        if kind is RecordKind.declarations:
            for decl in s.execute(select(HcocDeclaration)).scalars():
                existing.add(f"{decl.state}-{decl.year}")
        else:
            id_col = table.id
            for chunk_start in range(0, len(keys), 500):
                chunk = keys[chunk_start : chunk_start + 500]
                existing.update(s.execute(select(id_col).where(id_col.in_(chunk))).scalars())
        for rec, key in zip(records, keys, strict=True):
            row = _to_row(rec, actor)
            if key in existing:
                current = _get_row(s, kind, key)
                assert current is not None
                _copy_into(current, row)
                updated += 1
            else:
                s.add(row)
                created += 1
        s.flush()
        audit.append(
            s,
            actor=actor,
            action="hcoc.import",
            subject=f"hcoc:{kind.value}",
            payload={"kind": kind.value, "source": source, "created": created, "updated": updated, "keys": keys},
        )
    return ImportResult(kind=kind, created=created, updated=updated, keys=keys)


# --- checks --------------------------------------------------------------------------------------


def check_records(launches: Iterable[Launch], notifications: Iterable[PreLaunchNotification]) -> list[LaunchCheck]:
    """Check launches against notifications and the shipped subscription registry (nothing stored)."""
    return launch_checks.check_launches(launches, notifications, hcoc_subscriptions.subscription)


def _all(db: Database, kind: RecordKind) -> list[Any]:
    with db.session() as s:
        return [_from_row(r) for r in s.execute(select(TABLES[kind])).scalars().all()]


def check_stored_launches(db: Database, *, year: int | None = None, state: str | None = None) -> list[LaunchCheck]:
    """Check the stored launches (of one year and/or state) against every stored notification."""
    launches: list[Launch] = list_records(db, RecordKind.launches, year=year, state=state, limit=10**9)  # type: ignore[assignment]
    notifications: list[PreLaunchNotification] = _all(db, RecordKind.notifications)
    return check_records(launches, notifications)


def check_stored_declarations(db: Database, year: int) -> list[DeclarationCheck]:
    """For each subscriber (by 31 December of ``year``) and each state that declared: submitted? agree?"""
    declarations: list[AnnualDeclaration] = list_records(db, RecordKind.declarations, year=year, limit=10**9)  # type: ignore[assignment]
    launches: list[Launch] = list_records(db, RecordKind.launches, year=year, limit=10**9)  # type: ignore[assignment]
    return declaration_checks.check_declarations(
        year, declarations, launches, hcoc_subscriptions.subscribers(dt.date(year, 12, 31))
    )


# --- report --------------------------------------------------------------------------------------


def report(db: Database, year: int, fmt: ReportFormat = ReportFormat.html) -> bytes:
    """The yearly report rendered as HTML, Markdown or PDF bytes."""
    if not 2002 <= year <= 2100:
        raise InvalidInput(f"year must be between 2002 and 2100, got {year}")
    doc = hcoc_report.build_report(
        year,
        hcoc_subscriptions.subscribers(dt.date(year, 12, 31)),
        check_stored_declarations(db, year),
        check_stored_launches(db, year=year),
    )
    return hcoc_report.render(doc, fmt)
