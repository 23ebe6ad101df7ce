"""Denial notifications: stored records, JSON-lines import, CRUD, and the end-user name comparison.

Every change is written to the audit log (``denial.create``, ``denial.update``, ``denial.revoke``,
``denial.delete``, ``denial.import``, ``denial.issue``) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catchall.errors import Conflict, InvalidInput, NotFound
from catchall.jsonl import jsonl_objects, parse_lines
from catchall.model.application import DenialNotification, parse_denial
from catchall.model.entity import Entity
from catchall.policy.denials import NameScorer
from catchall.screening import ScreeningIndex
from catchall.services import audit
from catchall.store.db import Database
from catchall.store.tables.licensing import DenialNotificationRow, LicensingCase


def _now() -> datetime:
    return datetime.now(UTC)


def to_model(row: DenialNotificationRow) -> DenialNotification:
    return DenialNotification(
        id=row.id,
        notifying_state=row.notifying_state,
        date=row.date,
        destination=row.destination,
        end_user={"name": row.end_user_name, "country": row.end_user_country},
        entries=list(row.entries),
        description=row.description,
        revoked=row.revoked,
        source_case=row.source_case_id,
    )


def _check_case(session: Session, n: DenialNotification) -> None:
    if n.source_case is not None and session.get(LicensingCase, n.source_case) is None:
        raise InvalidInput(f"denial notification {n.id!r}: source_case {n.source_case} is not a known case")


def _apply(row: DenialNotificationRow, n: DenialNotification) -> None:
    row.notifying_state = n.notifying_state
    row.date = n.date
    row.destination = n.destination
    row.end_user_name = n.end_user.name
    row.end_user_country = n.end_user.country
    row.entries = list(n.entries)
    row.description = n.description
    row.revoked = n.revoked
    row.source_case_id = n.source_case
    row.updated_at = _now()


def _payload(n: DenialNotification) -> dict[str, Any]:
    return n.model_dump(mode="json")


# -- session-level operations (used inside other services' transactions) ---------------------------


def add(session: Session, n: DenialNotification, actor: str, *, action: str = "denial.create") -> DenialNotification:
    if session.get(DenialNotificationRow, n.id) is not None:
        raise Conflict(f"denial notification {n.id!r} already exists")
    _check_case(session, n)
    now = _now()
    row = DenialNotificationRow(id=n.id, created_by=actor, created_at=now, updated_at=now)
    _apply(row, n)
    session.add(row)
    session.flush()
    audit.append(session, actor=actor, action=action, subject=f"denial:{n.id}", payload=_payload(n))
    return n


def all_notifications(session: Session, *, destination: str | None = None) -> list[DenialNotification]:
    q = select(DenialNotificationRow).order_by(DenialNotificationRow.date, DenialNotificationRow.id)
    if destination:
        q = q.where(DenialNotificationRow.destination == destination.upper())
    return [to_model(r) for r in session.execute(q).scalars()]


def in_force(session: Session, on: date, *, destination: str | None = None) -> list[DenialNotification]:
    """Notifications in force on ``on``: notified by then and not revoked by then."""
    return [n for n in all_notifications(session, destination=destination) if n.in_force(on)]


# -- database-level operations (one transaction each; what the faces call) --------------------------


def create(db: Database, data: dict[str, Any] | DenialNotification, actor: str) -> DenialNotification:
    n = data if isinstance(data, DenialNotification) else parse_denial(data)
    with db.session() as s:
        return add(s, n, actor)


def get(db: Database, ident: str) -> DenialNotification:
    with db.session() as s:
        row = s.get(DenialNotificationRow, ident)
        if row is None:
            raise NotFound(f"no denial notification {ident!r}")
        return to_model(row)


def list_notifications(
    db: Database, *, destination: str | None = None, in_force_on: date | None = None
) -> list[DenialNotification]:
    with db.session() as s:
        if in_force_on is not None:
            return in_force(s, in_force_on, destination=destination)
        return all_notifications(s, destination=destination)


def replace(db: Database, ident: str, data: dict[str, Any], actor: str) -> DenialNotification:
    """Replace a notification's fields (its id cannot change)."""
    if data.get("id") not in (None, ident):
        raise InvalidInput(f"denial notification id {data.get('id')!r} does not match the address {ident!r}")
    with db.session() as s:
        row = s.get(DenialNotificationRow, ident)
        if row is None:
            raise NotFound(f"no denial notification {ident!r}")
        # the link to the case it was issued from is kept unless the body says otherwise
        n = parse_denial({"source_case": row.source_case_id, **data, "id": ident})
        _check_case(s, n)
        before = _payload(to_model(row))
        _apply(row, n)
        audit.append(
            s,
            actor=actor,
            action="denial.update",
            subject=f"denial:{ident}",
            payload={"before": before, "after": _payload(n)},
        )
        return n


def revoke(db: Database, ident: str, on: date, actor: str) -> DenialNotification:
    with db.session() as s:
        row = s.get(DenialNotificationRow, ident)
        if row is None:
            raise NotFound(f"no denial notification {ident!r}")
        if on < row.date:
            raise InvalidInput(f"revocation date {on} is before the notification date {row.date}")
        row.revoked = on
        row.updated_at = _now()
        audit.append(
            s, actor=actor, action="denial.revoke", subject=f"denial:{ident}", payload={"revoked": on.isoformat()}
        )
        return to_model(row)


def delete(db: Database, ident: str, actor: str) -> None:
    with db.session() as s:
        row = s.get(DenialNotificationRow, ident)
        if row is None:
            raise NotFound(f"no denial notification {ident!r}")
        payload = _payload(to_model(row))
        s.delete(row)
        audit.append(s, actor=actor, action="denial.delete", subject=f"denial:{ident}", payload=payload)


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "errors": self.errors,
        }


def read_jsonl(fh: IO[str], source: str) -> tuple[list[DenialNotification], list[str]]:
    """Parse JSON lines of notifications; bad lines are reported (file, line, id, field), the rest kept."""
    parsed, errors = parse_lines(
        jsonl_objects(fh, source),
        lambda obj, where: (where, parse_denial(obj, source=f"{where}: denial notification")),
        source,
    )
    good: list[DenialNotification] = []
    seen: set[str] = set()
    for where, n in parsed:
        if n.id in seen:
            errors.append(f"{where}: denial notification {n.id!r} appears twice")
            continue
        seen.add(n.id)
        good.append(n)
    return good, errors


def load_file(path: str | Path) -> tuple[list[DenialNotification], list[str]]:
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(f"{path}: no such file")
    with p.open(encoding="utf-8") as fh:
        return read_jsonl(fh, str(path))


def import_notifications(db: Database, notifications: Iterable[DenialNotification], actor: str) -> ImportResult:
    """Insert new notifications and update changed ones (matched by id), in one transaction."""
    result = ImportResult()
    with db.session() as s:
        for n in notifications:
            _check_case(s, n)
            row = s.get(DenialNotificationRow, n.id)
            if row is None:
                now = _now()
                row = DenialNotificationRow(id=n.id, created_by=actor, created_at=now, updated_at=now)
                _apply(row, n)
                s.add(row)
                result.created.append(n.id)
            elif to_model(row) != n:
                _apply(row, n)
                result.updated.append(n.id)
            else:
                result.unchanged.append(n.id)
        s.flush()
        audit.append(
            s,
            actor=actor,
            action="denial.import",
            subject="denials",
            payload={"created": result.created, "updated": result.updated},
        )
    return result


def import_jsonl(db: Database, fh: IO[str], source: str, actor: str) -> ImportResult:
    good, errors = read_jsonl(fh, source)
    result = import_notifications(db, good, actor)
    result.errors = errors
    return result


# -- end-user comparison --------------------------------------------------------------------------


def _no_match(party_name: str, end_user_name: str) -> float:
    return 0.0


def name_scorer(notifications: Iterable[DenialNotification]) -> NameScorer:
    """A pairwise (party name, end-user name) scorer that uses the screening engine's name comparison.

    It indexes the notifications' end users once, so each party name is compared with one index query.
    """
    users = {n.end_user.name for n in notifications}
    if not users:
        return _no_match
    entities = [
        Entity(id=f"eu{i}", schema="LegalEntity", properties={"name": [name]}) for i, name in enumerate(sorted(users))
    ]
    by_id = {e.id: e.properties["name"][0] for e in entities}
    index = ScreeningIndex.build(entities, version="denials", name="denial-notifications")
    cache: dict[str, dict[str, float]] = {}

    def score(party_name: str, end_user_name: str) -> float:
        if party_name not in cache:
            query = Entity(id="party", schema="LegalEntity", properties={"name": [party_name]})
            found: dict[str, float] = {}
            for m in index.match(query, threshold=0.0, limit=50):
                name = by_id.get(m.id)
                if name is not None:
                    found[name] = max(found.get(name, 0.0), float(m.score))
            cache[party_name] = found
        return cache[party_name].get(end_user_name, 0.0)

    return score
