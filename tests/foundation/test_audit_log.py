"""The audit log is hash-chained: editing or deleting a past record is detected by verify."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from catchall.services import audit
from catchall.store.db import Database


def _fill(db: Database, n: int = 5) -> None:
    for i in range(n):
        with db.session() as s:
            audit.append(s, actor="officer:alice", action="case.decide", subject=f"case:{i}", payload={"i": i})


def _drop_guards(db: Database) -> None:
    """What an attacker with database rights would do first."""
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            conn.execute(text("DROP TRIGGER audit_log_no_update ON audit_log"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))


def test_intact_chain_verifies(db: Database) -> None:
    _fill(db)
    with db.session() as s:
        result = audit.verify(s)
    assert result.ok and result.records == 5
    assert "5 records" in result.message()


def test_records_chain_onto_their_predecessor(db: Database) -> None:
    _fill(db, 3)
    with db.session() as s:
        recs = sorted(audit.history(s), key=lambda r: r.seq)
    assert recs[0].prev_hash == audit.GENESIS
    assert recs[1].prev_hash == recs[0].hash and recs[2].prev_hash == recs[1].hash


def test_database_refuses_updates_and_deletes(db: Database) -> None:
    _fill(db, 2)
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor='mallory' WHERE seq=1"))
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq=1"))


def test_edited_record_is_detected(db: Database) -> None:
    _fill(db)
    _drop_guards(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor='mallory' WHERE seq=3"))
    with db.session() as s:
        result = audit.verify(s)
    assert not result.ok
    assert result.first_broken == 3
    assert "edited" in (result.problem or "")


def test_edited_payload_is_detected(db: Database) -> None:
    _fill(db)
    _drop_guards(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET payload=:p WHERE seq=2"), {"p": '{"i": 99}'})
    with db.session() as s:
        result = audit.verify(s)
    assert not result.ok and result.first_broken == 2


def test_deleted_record_is_detected(db: Database) -> None:
    _fill(db)
    _drop_guards(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq=2"))
    with db.session() as s:
        result = audit.verify(s)
    assert not result.ok and result.first_broken == 2
    assert "missing" in (result.problem or "")


def test_rehashed_forgery_is_detected_at_the_next_record(db: Database) -> None:
    """Recomputing the edited record's own hash does not help: the next record's link breaks."""
    _fill(db)
    _drop_guards(db)
    with db.session() as s:
        rec = next(r for r in audit.history(s) if r.seq == 2)
        new_hash = audit.record_hash(rec.seq, rec.ts, "mallory", rec.action, rec.subject, rec.payload, rec.prev_hash)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor='mallory', hash=:h WHERE seq=2"), {"h": new_hash})
    with db.session() as s:
        result = audit.verify(s)
    assert not result.ok and result.first_broken == 3
