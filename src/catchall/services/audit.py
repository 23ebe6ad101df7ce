"""The audit log: every decision and every change is appended here, hash-chained.

Each record's hash covers its own fields and the previous record's hash, so editing or deleting a past
record breaks the chain from that point on; ``verify`` recomputes it and names the first broken record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from catchall.store.tables.audit import AuditRecord

GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _ts_text(ts: datetime) -> str:
    if ts.tzinfo is None:  # SQLite hands back naive datetimes; they were stored as UTC
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def record_hash(seq: int, ts: datetime, actor: str, action: str, subject: str, payload: Any, prev_hash: str) -> str:
    body = _canonical(
        {
            "seq": seq,
            "ts": _ts_text(ts),
            "actor": actor,
            "action": action,
            "subject": subject,
            "payload": payload,
            "prev": prev_hash,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(
    session: Session, *, actor: str, action: str, subject: str, payload: dict[str, Any] | None = None
) -> AuditRecord:
    """Append one record inside the caller's transaction (so it commits or rolls back with the change)."""
    if session.get_bind().dialect.name == "postgresql":
        # Serialise appenders: two concurrent writers must not both chain onto the same record.
        session.execute(text("SELECT pg_advisory_xact_lock(727273)"))
    last = session.execute(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1)).scalar_one_or_none()
    seq = 1 if last is None else last.seq + 1
    prev = GENESIS if last is None else last.hash
    ts = datetime.now(UTC)
    clean = json.loads(_canonical(payload or {}))
    rec = AuditRecord(
        seq=seq,
        ts=ts,
        actor=actor,
        action=action,
        subject=subject,
        payload=clean,
        prev_hash=prev,
        hash=record_hash(seq, ts, actor, action, subject, clean, prev),
    )
    session.add(rec)
    session.flush()
    return rec


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    records: int
    first_broken: int | None = None
    problem: str | None = None

    def message(self) -> str:
        if self.ok:
            return f"audit log intact: {self.records} records, chain verified"
        return f"audit log BROKEN at record {self.first_broken}: {self.problem}"


def iter_records(session: Session, batch: int = 5000) -> Iterator[AuditRecord]:
    last = 0
    while True:
        rows = (
            session.execute(select(AuditRecord).where(AuditRecord.seq > last).order_by(AuditRecord.seq).limit(batch))
            .scalars()
            .all()
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def verify(session: Session) -> VerifyResult:
    """Recompute the chain from the first record; report the first record that does not fit."""
    prev = GENESIS
    expected_seq = 1
    n = 0
    for rec in iter_records(session):
        n += 1
        if rec.seq != expected_seq:
            return VerifyResult(False, n, expected_seq, f"record {expected_seq} is missing (next is {rec.seq})")
        if rec.prev_hash != prev:
            return VerifyResult(False, n, rec.seq, "previous-hash link does not match the preceding record")
        h = record_hash(rec.seq, rec.ts, rec.actor, rec.action, rec.subject, rec.payload, rec.prev_hash)
        if h != rec.hash:
            return VerifyResult(False, n, rec.seq, "contents do not match the record's hash (edited)")
        prev = rec.hash
        expected_seq += 1
    return VerifyResult(True, n)


def history(session: Session, subject: str | None = None, limit: int = 200) -> list[AuditRecord]:
    q = select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(limit)
    if subject is not None:
        q = q.where(AuditRecord.subject == subject)
    return list(session.execute(q).scalars().all())


def count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditRecord)).scalar_one())
