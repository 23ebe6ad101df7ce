"""Registry use cases: states, commitments and sanctions determinations as of a date, their stored
amendments (analysts add or replace records by id; shipped records are overlaid, never edited in place),
JSON-lines import/export, and the built-in watch list.

Every change is appended to the audit log in the same transaction: ``registry.commitment.create|update|
delete``, ``registry.sanctions.create|update|delete``, ``registry.<kind>.import``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catchall.errors import InvalidInput, NotFound
from catchall.jsonl import parse_all_or_nothing
from catchall.model.entity import Entity
from catchall.model.registry import Commitment, ImplementationFact, SanctionsDetermination, State
from catchall.registry import commitments as commitments_core
from catchall.registry import implementation
from catchall.registry import sanctions as sanctions_core
from catchall.registry import states as states_core
from catchall.registry.commitments import CommitmentBook
from catchall.registry.sanctions import SanctionsBook
from catchall.services import audit
from catchall.store.db import Database
from catchall.store.tables.registry import StoredCommitment, StoredDetermination

RecordKind = Literal["commitments", "sanctions"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def validation_message(exc: ValidationError, where: str) -> str:
    first = exc.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or "record"
    return f"{where}: {loc}: {first['msg']}"


def parse_commitment(obj: Any, where: str = "commitment") -> Commitment:
    try:
        return Commitment.model_validate(obj)
    except ValidationError as exc:
        raise InvalidInput(validation_message(exc, where)) from exc


def parse_determination(obj: Any, where: str = "determination") -> SanctionsDetermination:
    try:
        return SanctionsDetermination.model_validate(obj)
    except ValidationError as exc:
        raise InvalidInput(validation_message(exc, where)) from exc


# --- books: shipped data overlaid with stored records ----------------------------------------------


def _stored_commitments(session: Session) -> list[Commitment]:
    rows = session.execute(select(StoredCommitment)).scalars().all()
    return [Commitment.model_validate(r.data) for r in rows]


def _stored_determinations(session: Session) -> list[SanctionsDetermination]:
    rows = session.execute(select(StoredDetermination)).scalars().all()
    return [SanctionsDetermination.model_validate(r.data) for r in rows]


def commitment_book(db: Database | None) -> CommitmentBook:
    """Shipped commitments, overlaid by stored ones with the same id (``db=None``: shipped only)."""
    shipped = commitments_core.shipped_book()
    if db is None:
        return shipped
    with db.session() as s:
        stored = _stored_commitments(s)
    return shipped if not stored else CommitmentBook([*shipped.all(), *stored])


def sanctions_book(db: Database | None) -> SanctionsBook:
    shipped = sanctions_core.shipped_book()
    if db is None:
        return shipped
    with db.session() as s:
        stored = _stored_determinations(s)
    return shipped if not stored else SanctionsBook([*shipped.all(), *stored])


# --- queries ---------------------------------------------------------------------------------------


def list_states(db: Database | None, *, as_of: dt.date | None = None, regime: str | None = None) -> list[State]:
    return states_core.all_states(commitment_book(db), as_of=as_of, regime=regime)


def get_state(db: Database | None, code: str) -> State:
    return states_core.state(code, commitment_book(db))


def list_commitments(
    db: Database | None, *, as_of: dt.date | None = None, state: str | None = None, kind: str | None = None
) -> list[Commitment]:
    book = commitment_book(db)
    if state is not None:
        code = states_core.normalise_state(state)
        out = book.of_state(code) if as_of is None else book.in_force(code, as_of)
    else:
        out = book.all() if as_of is None else book.as_of(as_of)
    if kind is not None:
        out = [c for c in out if c.kind == kind]
    return out


def get_commitment(db: Database | None, commitment_id: str) -> Commitment:
    found = commitment_book(db).get(commitment_id)
    if found is None:
        raise NotFound(f"commitment {commitment_id!r} not found")
    return found


def list_determinations(
    db: Database | None, *, as_of: dt.date | None = None, state: str | None = None
) -> list[SanctionsDetermination]:
    code = states_core.normalise_state(state) if state is not None else None
    return sanctions_book(db).query(as_of=as_of, state=code)


def get_determination(db: Database | None, determination_id: str) -> SanctionsDetermination:
    found = sanctions_book(db).get(determination_id)
    if found is None:
        raise NotFound(f"sanctions determination {determination_id!r} not found")
    return found


def list_facts(state: str | None = None, as_of: dt.date | None = None) -> list[ImplementationFact]:
    code = states_core.normalise_state(state) if state is not None else None
    return implementation.facts(code, as_of)


def watchlist(db: Database | None, as_of: dt.date) -> list[Entity]:
    """The built-in watch list (dataset ``us-missile-sanctions``) including stored determinations."""
    return sanctions_book(db).watchlist(as_of)


# --- changes ---------------------------------------------------------------------------------------


def _put(session: Session, record: BaseModel, actor: str) -> str:
    """Insert or replace one stored record; returns ``create`` or ``update``."""
    now = _now()
    data = record.model_dump(mode="json")
    if isinstance(record, Commitment):
        states_core.normalise_state(record.state)
        row_c = session.get(StoredCommitment, record.id)
        verb = "update" if row_c is not None or commitments_core.shipped_book().get(record.id) else "create"
        if row_c is None:
            session.add(
                StoredCommitment(
                    id=record.id, state=record.state, since=record.since, data=data, updated_at=now, updated_by=actor
                )
            )
        else:
            row_c.state, row_c.since, row_c.data, row_c.updated_at, row_c.updated_by = (
                record.state,
                record.since,
                data,
                now,
                actor,
            )
        audit.append(
            session, actor=actor, action=f"registry.commitment.{verb}", subject=f"commitment:{record.id}", payload=data
        )
        return verb
    if isinstance(record, SanctionsDetermination):
        states_core.normalise_state(record.entity.country)
        row_d = session.get(StoredDetermination, record.id)
        verb = "update" if row_d is not None or sanctions_core.shipped_book().get(record.id) else "create"
        if row_d is None:
            session.add(
                StoredDetermination(
                    id=record.id,
                    country=record.entity.country,
                    effective_date=record.effective_date,
                    data=data,
                    updated_at=now,
                    updated_by=actor,
                )
            )
        else:
            row_d.country, row_d.effective_date, row_d.data, row_d.updated_at, row_d.updated_by = (
                record.entity.country,
                record.effective_date,
                data,
                now,
                actor,
            )
        audit.append(
            session,
            actor=actor,
            action=f"registry.sanctions.{verb}",
            subject=f"determination:{record.id}",
            payload=data,
        )
        return verb
    raise TypeError(f"not a registry record: {type(record).__name__}")


def put_commitment(db: Database, commitment: Commitment, *, actor: str) -> str:
    with db.session() as s:
        return _put(s, commitment, actor)


def put_determination(db: Database, determination: SanctionsDetermination, *, actor: str) -> str:
    with db.session() as s:
        return _put(s, determination, actor)


def delete_commitment(db: Database, commitment_id: str, *, actor: str) -> None:
    """Remove a stored commitment (a shipped one reappears; shipped records are amended, not deleted)."""
    with db.session() as s:
        row = s.get(StoredCommitment, commitment_id)
        if row is None:
            if commitments_core.shipped_book().get(commitment_id):
                raise InvalidInput(
                    f"commitment {commitment_id!r} is shipped reference data: amend it (e.g. set 'until') instead"
                )
            raise NotFound(f"commitment {commitment_id!r} not found")
        s.delete(row)
        audit.append(s, actor=actor, action="registry.commitment.delete", subject=f"commitment:{commitment_id}")


def delete_determination(db: Database, determination_id: str, *, actor: str) -> None:
    with db.session() as s:
        row = s.get(StoredDetermination, determination_id)
        if row is None:
            if sanctions_core.shipped_book().get(determination_id):
                raise InvalidInput(
                    f"determination {determination_id!r} is shipped reference data: amend it (e.g. set 'expires') instead"
                )
            raise NotFound(f"sanctions determination {determination_id!r} not found")
        s.delete(row)
        audit.append(s, actor=actor, action="registry.sanctions.delete", subject=f"determination:{determination_id}")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "errors": self.errors}


def import_records(
    db: Database,
    kind: RecordKind,
    lines: Iterable[tuple[int, dict[str, Any] | InvalidInput]],
    *,
    actor: str,
    source: str = "input",
) -> ImportResult:
    """Validate every line first; store all of them in one transaction only if none is bad."""
    parse: Callable[[dict[str, Any], str], BaseModel] = (
        parse_commitment if kind == "commitments" else parse_determination
    )
    records = parse_all_or_nothing(lines, parse, source)
    result = ImportResult()
    with db.session() as s:
        for rec in records:
            if _put(s, rec, actor) == "create":
                result.created += 1
            else:
                result.updated += 1
        audit.append(
            s,
            actor=actor,
            action=f"registry.{kind}.import",
            subject=f"registry:{kind}",
            payload={"source": source, "created": result.created, "updated": result.updated},
        )
    return result


def export_records(db: Database | None, kind: RecordKind) -> Iterator[dict[str, Any]]:
    """Every record (shipped and stored) of ``kind`` as JSON objects, for JSON-lines export."""
    items: list[BaseModel] = (
        list(commitment_book(db).all()) if kind == "commitments" else list(sanctions_book(db).all())
    )
    for rec in items:
        yield rec.model_dump(mode="json")
