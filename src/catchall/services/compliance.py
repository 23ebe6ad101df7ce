"""Compliance use cases: keep reported transfers, assess them against the commitments in force, and
render per-state reports.

Audit verbs: ``transfer.create|update|delete``, ``transfer.import``, ``compliance.assess`` (one record per
assessment run, with the findings), ``compliance.report``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catchall.compliance.assess import Classifier, assess
from catchall.compliance.report import build_report
from catchall.errors import InvalidInput, NotFound
from catchall.jsonl import parse_all_or_nothing
from catchall.model.transfer import Finding, Transfer
from catchall.registry.commitments import CommitmentBook
from catchall.reports import to_html, to_markdown, to_pdf
from catchall.services import audit
from catchall.services import registry as registry_service
from catchall.services.registry import ImportResult, validation_message
from catchall.store.db import Database
from catchall.store.tables.registry import StoredTransfer

ReportFormat = Literal["html", "md", "pdf"]
SYSTEM_ACTOR = "system:cli"


def parse_transfer(obj: Any, where: str = "transfer") -> Transfer:
    if isinstance(obj, dict) and "id" in obj and where == "transfer":
        where = f"transfer {obj['id']!r}"
    try:
        return Transfer.model_validate(obj)
    except ValidationError as exc:
        raise InvalidInput(validation_message(exc, where)) from exc


# --- transfers -------------------------------------------------------------------------------------


def _put(session: Session, transfer: Transfer, actor: str) -> str:
    data = transfer.model_dump(mode="json")
    now = dt.datetime.now(dt.UTC)
    row = session.get(StoredTransfer, transfer.id)
    if row is None:
        session.add(
            StoredTransfer(
                id=transfer.id,
                date=transfer.date,
                supplier_state=transfer.supplier_state,
                data=data,
                updated_at=now,
                updated_by=actor,
            )
        )
        verb = "create"
    else:
        row.date, row.supplier_state, row.data, row.updated_at, row.updated_by = (
            transfer.date,
            transfer.supplier_state,
            data,
            now,
            actor,
        )
        verb = "update"
    audit.append(session, actor=actor, action=f"transfer.{verb}", subject=f"transfer:{transfer.id}", payload=data)
    return verb


def put_transfer(db: Database, transfer: Transfer, *, actor: str) -> str:
    with db.session() as s:
        return _put(s, transfer, actor)


def get_transfer(db: Database, transfer_id: str) -> Transfer:
    with db.session() as s:
        row = s.get(StoredTransfer, transfer_id)
        if row is None:
            raise NotFound(f"transfer {transfer_id!r} not found")
        return Transfer.model_validate(row.data)


def delete_transfer(db: Database, transfer_id: str, *, actor: str) -> None:
    with db.session() as s:
        row = s.get(StoredTransfer, transfer_id)
        if row is None:
            raise NotFound(f"transfer {transfer_id!r} not found")
        s.delete(row)
        audit.append(s, actor=actor, action="transfer.delete", subject=f"transfer:{transfer_id}")


def list_transfers(
    db: Database,
    *,
    state: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Transfer]:
    q = select(StoredTransfer).order_by(StoredTransfer.date, StoredTransfer.id)
    if state is not None:
        q = q.where(StoredTransfer.supplier_state == state.upper())
    if date_from is not None:
        q = q.where(StoredTransfer.date >= date_from)
    if date_to is not None:
        q = q.where(StoredTransfer.date <= date_to)
    if offset:
        q = q.offset(offset)
    if limit is not None:
        q = q.limit(limit)
    with db.session() as s:
        return [Transfer.model_validate(r.data) for r in s.execute(q).scalars().all()]


def import_transfers(
    db: Database,
    lines: Iterable[tuple[int, dict[str, Any] | InvalidInput]],
    *,
    actor: str,
    source: str = "input",
) -> ImportResult:
    """All-or-nothing import of JSON-lines transfers (every bad line is named)."""
    records = parse_all_or_nothing(lines, parse_transfer, source, "transfer")
    result = ImportResult()
    with db.session() as s:
        for t in records:
            if _put(s, t, actor) == "create":
                result.created += 1
            else:
                result.updated += 1
        audit.append(
            s,
            actor=actor,
            action="transfer.import",
            subject="transfers",
            payload={"source": source, "created": result.created, "updated": result.updated},
        )
    return result


def export_transfers(db: Database) -> Iterator[dict[str, Any]]:
    for t in list_transfers(db):
        yield t.model_dump(mode="json")


# --- assessment ------------------------------------------------------------------------------------


def assess_transfers(
    transfers: Iterable[Transfer],
    *,
    db: Database | None = None,
    actor: str = SYSTEM_ACTOR,
    book: CommitmentBook | None = None,
    classifier: Classifier | None = None,
) -> list[Finding]:
    """Findings for ``transfers`` against the commitments in force (stored amendments included when ``db``
    is given); with a database the run is appended to the audit log."""
    book = book or registry_service.commitment_book(db)
    findings = [assess(t, book, classifier=classifier) for t in transfers]
    if db is not None:
        with db.session() as s:
            audit.append(
                s,
                actor=actor,
                action="compliance.assess",
                subject="transfers" if len(findings) != 1 else f"transfer:{findings[0].id}",
                payload={"findings": {f.id: f.finding for f in findings[:10000]}, "count": len(findings)},
            )
    return findings


def assess_stored(db: Database, transfer_id: str, *, actor: str) -> Finding:
    return assess_transfers([get_transfer(db, transfer_id)], db=db, actor=actor)[0]


# --- reports ---------------------------------------------------------------------------------------


def report(
    db: Database | None,
    state: str,
    *,
    fmt: ReportFormat = "html",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    transfers: Iterable[Transfer] | None = None,
    actor: str = SYSTEM_ACTOR,
    today: dt.date | None = None,
) -> bytes:
    """A per-state compliance report as bytes (UTF-8 for html/md). ``transfers`` defaults to the stored
    transfers of the state in the period; given explicitly they are filtered to the state and period."""
    if date_from and date_to and date_from > date_to:
        raise InvalidInput(f"--from {date_from} is after --to {date_to}")
    st = registry_service.get_state(db, state)
    if transfers is None:
        chosen = list_transfers(db, state=st.code, date_from=date_from, date_to=date_to) if db is not None else []
    else:
        chosen = [
            t
            for t in transfers
            if t.supplier_state == st.code
            and (date_from is None or t.date >= date_from)
            and (date_to is None or t.date <= date_to)
        ]
    book = registry_service.commitment_book(db)
    findings = [assess(t, book) for t in chosen]
    dets = [
        d
        for d in registry_service.sanctions_book(db).against_state(st.code)
        if (date_to is None or d.effective_date <= date_to)
        and (date_from is None or d.end is None or d.end >= date_from)
    ]
    doc = build_report(
        st,
        commitments=book.of_state(st.code),
        facts=registry_service.list_facts(st.code),
        transfers=chosen,
        findings=findings,
        determinations=dets,
        date_from=date_from,
        date_to=date_to,
        generated=today or dt.date.today(),
    )
    if db is not None:
        with db.session() as s:
            audit.append(
                s,
                actor=actor,
                action="compliance.report",
                subject=f"state:{st.code}",
                payload={
                    "format": fmt,
                    "from": date_from.isoformat() if date_from else None,
                    "to": date_to.isoformat() if date_to else None,
                    "findings": {f.id: f.finding for f in findings},
                },
            )
    if fmt == "pdf":
        return to_pdf(doc)
    if fmt == "md":
        return to_markdown(doc).encode("utf-8")
    if fmt == "html":
        return to_html(doc).encode("utf-8")
    raise InvalidInput(f"report format {fmt!r}: use html, md or pdf")
