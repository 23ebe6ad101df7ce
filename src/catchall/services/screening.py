"""Screening use cases: open watch lists, screen and record parties, raise and adjudicate alerts.

Adjudication memory: a reviewer's decision on a (party, listed entity) pair is kept with a hash of the
listed entity's content; while that content is unchanged the pair raises no new alert. Every screening
run and every decision is appended to the audit log in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catchall.config import get_settings
from catchall.errors import Conflict, InvalidInput, NotFound
from catchall.model.entity import Entity
from catchall.screening import DEFAULT_THRESHOLD, MultiIndex, ScreeningIndex
from catchall.services import audit
from catchall.store.db import Database
from catchall.store.tables.screening import Adjudication, ScreenedParty, ScreeningAlert

DECISIONS = ("false_positive", "true_match")
Screener = ScreeningIndex | MultiIndex


def default_threshold() -> float:
    """The decision threshold in force: ``CATCHALL_SCREENING_THRESHOLD`` if set, else the engine default."""
    raw = os.environ.get("CATCHALL_SCREENING_THRESHOLD")
    return get_settings().screening_threshold if raw else DEFAULT_THRESHOLD


# -- lists ----------------------------------------------------------------------------------------
def open_watchlist(path: Path) -> ScreeningIndex:
    """A saved index (``.npz``) or an FtM JSON lines file, indexed; its version is the file's content hash."""
    p = Path(path)
    if p.suffix == ".npz":
        return ScreeningIndex.load(p)
    if not p.is_file():
        raise InvalidInput(f"{p}: no such file")
    digest = _file_digest(p)
    name = p.name.split(".")[0]
    return ScreeningIndex.build_from_file(p, version=f"{name}-{digest}", name=name)


def _file_digest(p: Path) -> str:
    h = hashlib.sha256()
    with p.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:12]


def open_watchlists(paths: Sequence[Path]) -> Screener:
    indexes = [open_watchlist(p) for p in paths]
    return indexes[0] if len(indexes) == 1 else MultiIndex(indexes)


def save_index(index: Screener, path: Path) -> None:
    if isinstance(index, MultiIndex):
        raise InvalidInput("--save-index needs exactly one --watchlist")
    index.save(path)


def get_index(db: Database, dataset: str, as_of: date | None = None) -> Screener:
    """The index of a list stored in the database (``default``/``all``: every list), as of a date.

    Provided by the list importers' service; imported late so that screening works without it.
    Raises NotFound for an unknown dataset.
    """
    from catchall.services import lists

    index: Screener = lists.index_for(db, dataset, as_of)
    return index


def query_entity(data: Any, where: str) -> Entity:
    """A query entity from a JSON object; errors name ``where`` and the field."""
    if not isinstance(data, dict):
        raise InvalidInput(f"{where}: expected an entity object")
    body = dict(data)
    body.setdefault("id", "query")
    body.setdefault("schema", "LegalEntity")
    try:
        ent = Entity.from_ftm(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ()))
        raise InvalidInput(f"{where}: {loc or 'entity'}: {first.get('msg')}") from exc
    if not any(ent.get(p) for p in ("name", "alias", "previousName", "weakAlias")):
        raise InvalidInput(f"{where}: the entity has no name (properties.name)")
    return ent


# -- alerts ---------------------------------------------------------------------------------------
@dataclass
class Alert:
    id: int
    subject: str
    list_name: str
    list_version: str
    entity_id: str
    entity_caption: str
    score: float
    explanation: dict[str, str]
    status: str
    created: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject,
            "list_name": self.list_name,
            "list_version": self.list_version,
            "entity_id": self.entity_id,
            "entity_caption": self.entity_caption,
            "score": round(self.score, 4),
            "explanation": self.explanation,
            "status": self.status,
            "created": self.created.isoformat(),
            "decided_by": self.decided_by,
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "reason": self.reason,
        }


def _alert(row: ScreeningAlert) -> Alert:
    return Alert(
        id=row.id,
        subject=row.subject,
        list_name=row.list_name,
        list_version=row.list_version,
        entity_id=row.entity_id,
        entity_caption=row.entity_caption,
        score=row.score,
        explanation=dict(row.explanation or {}),
        status=row.status,
        created=row.created,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        reason=row.reason,
    )


def entity_hash(entity: Entity) -> str:
    """Hash of what a listed entity says (schema and properties), to notice when it changes."""
    body = json.dumps(
        {"schema": entity.schema_, "properties": {k: sorted(v) for k, v in entity.properties.items()}},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _check_subject(subject: str) -> str:
    subject = (subject or "").strip()
    if not subject or len(subject) > 300:
        raise InvalidInput("screening subject must be 1-300 characters, e.g. 'case:12/party:3'")
    return subject


def _store_party(session: Session, subject: str, party: Entity) -> ScreenedParty:
    row = session.execute(select(ScreenedParty).where(ScreenedParty.subject == subject)).scalar_one_or_none()
    now = _now()
    if row is None:
        row = ScreenedParty(subject=subject, entity=party.to_ftm(), open=True, created=now, updated=now)
        session.add(row)
    else:
        row.entity = party.to_ftm()
        row.open = True
        row.updated = now
    session.flush()
    return row


def _screen_party(
    session: Session, row: ScreenedParty, party: Entity, index: Screener, threshold: float | None
) -> tuple[list[Alert], list[dict[str, Any]]]:
    """Raise alerts for the party's matches; returns (new or still-open alerts, suppressed pairs)."""
    cut = default_threshold() if threshold is None else threshold
    raised: list[Alert] = []
    suppressed: list[dict[str, Any]] = []
    for m in index.match(party, threshold=cut, limit=20):
        if not m.match:
            continue
        listed = index.get(m.id)
        h = entity_hash(listed)
        decided = session.execute(
            select(Adjudication)
            .where(Adjudication.subject == row.subject, Adjudication.entity_id == m.id, Adjudication.entity_hash == h)
            .order_by(Adjudication.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        if decided is not None:
            suppressed.append({"entity_id": m.id, "decision": decided.decision, "adjudication": decided.id})
            continue
        existing = session.execute(
            select(ScreeningAlert).where(
                ScreeningAlert.subject == row.subject,
                ScreeningAlert.entity_id == m.id,
                ScreeningAlert.entity_hash == h,
                ScreeningAlert.status == "open",
            )
        ).scalar_one_or_none()
        if existing is not None:
            raised.append(_alert(existing))
            continue
        alert = ScreeningAlert(
            party_id=row.id,
            subject=row.subject,
            list_name=m.list_name,
            list_version=m.list_version,
            entity_id=m.id,
            entity_caption=m.caption[:500],
            entity_hash=h,
            score=m.score,
            explanation=m.explanation,
            status="open",
            created=_now(),
        )
        session.add(alert)
        session.flush()
        raised.append(_alert(alert))
    return raised, suppressed


def screen_and_record(
    session: Session, *, subject: str, party: Entity, index: Screener, actor: str, threshold: float | None = None
) -> list[Alert]:
    """Store the party under ``subject``, screen it, raise alerts for matches not already adjudicated."""
    subject = _check_subject(subject)
    row = _store_party(session, subject, party)
    alerts, suppressed = _screen_party(session, row, party, index, threshold)
    audit.append(
        session,
        actor=actor,
        action="screening.screen",
        subject=subject,
        payload={
            "lists": index.version,
            "threshold": default_threshold() if threshold is None else threshold,
            "alerts": [{"id": a.id, "entity_id": a.entity_id, "score": round(a.score, 4)} for a in alerts],
            "suppressed": suppressed,
        },
    )
    return alerts


def rescreen(session: Session, index: Screener, actor: str, threshold: float | None = None) -> list[Alert]:
    """Screen every open stored party against ``index`` (typically only the added/changed entities)."""
    out: list[Alert] = []
    parties = session.execute(select(ScreenedParty).where(ScreenedParty.open.is_(True))).scalars().all()
    for row in parties:
        party = Entity.from_ftm(row.entity)
        alerts, _ = _screen_party(session, row, party, index, threshold)
        out.extend(alerts)
    audit.append(
        session,
        actor=actor,
        action="screening.rescreen",
        subject=f"lists:{index.version}",
        payload={"parties": len(parties), "alerts": [a.id for a in out]},
    )
    return out


def close_party(session: Session, subject: str, actor: str) -> None:
    """Stop re-screening a party (e.g. the case is closed)."""
    row = session.execute(select(ScreenedParty).where(ScreenedParty.subject == subject)).scalar_one_or_none()
    if row is None:
        raise NotFound(f"no screened party {subject!r}")
    row.open = False
    row.updated = _now()
    audit.append(session, actor=actor, action="screening.close", subject=subject, payload={})


def adjudicate(session: Session, alert_id: int, decision: str, reason: str, actor: str) -> Alert:
    """Record a reviewer's decision on an alert; it suppresses re-alerts until the listed entity changes."""
    if decision not in DECISIONS:
        raise InvalidInput(f"decision must be one of {', '.join(DECISIONS)}, got {decision!r}")
    if not (reason or "").strip():
        raise InvalidInput("an adjudication needs a reason")
    row = session.get(ScreeningAlert, alert_id)
    if row is None:
        raise NotFound(f"no screening alert {alert_id}")
    if row.status != "open":
        raise Conflict(f"alert {alert_id} was already decided ({row.status} by {row.decided_by})")
    now = _now()
    row.status = decision
    row.decided_by = actor
    row.decided_at = now
    row.reason = reason.strip()
    adj = Adjudication(
        subject=row.subject,
        entity_id=row.entity_id,
        entity_hash=row.entity_hash,
        decision=decision,
        actor=actor,
        ts=now,
        reason=reason.strip(),
        alert_id=row.id,
    )
    session.add(adj)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="screening.adjudicate",
        subject=row.subject,
        payload={
            "alert": row.id,
            "entity_id": row.entity_id,
            "list": f"{row.list_name}@{row.list_version}",
            "decision": decision,
            "reason": row.reason,
        },
    )
    return _alert(row)


def open_alerts(session: Session, subject_prefix: str | None = None) -> list[Alert]:
    q = select(ScreeningAlert).where(ScreeningAlert.status == "open")
    if subject_prefix:
        q = q.where(ScreeningAlert.subject.startswith(subject_prefix, autoescape=True))
    return [_alert(r) for r in session.execute(q.order_by(ScreeningAlert.id)).scalars()]


def alerts_for(session: Session, subject_prefix: str) -> list[Alert]:
    q = select(ScreeningAlert).where(ScreeningAlert.subject.startswith(subject_prefix, autoescape=True))
    return [_alert(r) for r in session.execute(q.order_by(ScreeningAlert.id)).scalars()]


def get_alert(session: Session, alert_id: int) -> Alert:
    row = session.get(ScreeningAlert, alert_id)
    if row is None:
        raise NotFound(f"no screening alert {alert_id}")
    return _alert(row)
