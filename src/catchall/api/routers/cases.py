"""Export-licence cases: file, submit, review, resolve alerts, decide, withdraw; and stateless assessment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel, Field

from catchall.api.deps import Principal, get_db, require_role
from catchall.model.application import Case, Decision, DenialNotification
from catchall.services import audit, licensing
from catchall.store.db import Database

router = APIRouter(tags=["licensing"])

exporter_or_officer = require_role("exporter", "officer")
officer = require_role("officer")
exporter = require_role("exporter")

APPLICATION_EXAMPLE: dict[str, Any] = {
    "id": "APP-2026-001",
    "date": "2026-11-23",
    "destination": "AE",
    "items": [{"id": "i1", "kind": "other", "description": "Carbon-fibre prepreg", "entries": ["6.C.1"]}],
    "parties": [{"role": "end_user", "name": "Gulf Composite Structures FZE", "country": "AE"}],
    "end_use": "civil aircraft structures",
    "information": {"wmd_delivery": False, "terrorism_risk": False},
    "assurances": {"government_to_government": False, "end_use": True, "no_retransfer": True},
}


class ReviewRequest(BaseModel):
    assignee: str | None = Field(None, description="Officer to assign; default: the caller.")


class WithdrawRequest(BaseModel):
    reason: str = Field("", max_length=4000)


class NoteRequest(BaseModel):
    text: str = Field(min_length=1, max_length=20000)


class AlertResolution(BaseModel):
    decision: str = Field(description="true_match or false_positive", pattern="^(true_match|false_positive)$")
    reason: str = Field(min_length=1, max_length=4000)


class DecisionRequest(BaseModel):
    decision: str = Field(pattern="^(approved|approved_with_provisos|refused)$")
    justification: str | None = Field(
        None, max_length=20000, description="Required when the decision departs from the recommendation."
    )
    provisos: str | None = Field(None, max_length=20000, description="Required for approved_with_provisos.")


class IssueDenialRequest(BaseModel):
    notifying_state: str = Field(min_length=2, max_length=2, description="Our own country (ISO 3166 alpha-2).")
    id: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=4000)


class HistoryEntry(BaseModel):
    seq: int
    ts: datetime
    actor: str
    action: str
    payload: dict[str, Any]


@router.post("/assess", response_model=Decision)
def assess(
    application: dict[str, Any] = Body(..., examples=[APPLICATION_EXAMPLE]),
    as_of: date | None = None,
    principal: Principal = Depends(exporter_or_officer),
    db: Database = Depends(get_db),
) -> Decision:
    """Assess an application against the stored lists and denial notifications without filing a case."""
    decision = licensing.assess_application(db, application, as_of=as_of)
    with db.session() as s:
        audit.append(
            s,
            actor=principal.actor,
            action="licensing.assess",
            subject=f"application:{decision.id}",
            payload={"outcome": decision.outcome, "holds": decision.holds, "as_of": decision.as_of.isoformat()},
        )
    return decision


@router.post("/cases", response_model=Case, status_code=201)
def file_case(
    application: dict[str, Any] = Body(..., examples=[APPLICATION_EXAMPLE]),
    draft: bool = False,
    principal: Principal = Depends(exporter),
    db: Database = Depends(get_db),
) -> Case:
    """File an application (as its exporter). Unless ``draft``, it is submitted and assessed at once."""
    return licensing.submit_application(db, application, principal, draft=draft)


@router.get("/cases", response_model=list[Case])
def list_cases(
    state: str | None = None, principal: Principal = Depends(exporter_or_officer), db: Database = Depends(get_db)
) -> list[Case]:
    """Exporters see their own cases; officers see all."""
    return licensing.list_cases(db, principal, state=state)


@router.get("/cases/{case_id}", response_model=Case)
def get_case(case_id: int, principal: Principal = Depends(exporter_or_officer), db: Database = Depends(get_db)) -> Case:
    return licensing.get_case(db, case_id, principal)


@router.put("/cases/{case_id}/application", response_model=Case)
def update_application(
    case_id: int,
    application: dict[str, Any] = Body(..., examples=[APPLICATION_EXAMPLE]),
    principal: Principal = Depends(exporter),
    db: Database = Depends(get_db),
) -> Case:
    """Change a draft application."""
    return licensing.update_draft(db, case_id, application, principal)


@router.post("/cases/{case_id}/submit", response_model=Case)
def submit(case_id: int, principal: Principal = Depends(exporter), db: Database = Depends(get_db)) -> Case:
    """Submit a draft: it is assessed and its parties screened."""
    return licensing.transition(db, case_id, "submit", principal)


@router.post("/cases/{case_id}/review", response_model=Case)
def review(
    case_id: int,
    body: ReviewRequest | None = None,
    principal: Principal = Depends(officer),
    db: Database = Depends(get_db),
) -> Case:
    """Take a case under review (or assign it to another officer)."""
    return licensing.transition(db, case_id, "review", principal, assignee=body.assignee if body else None)


@router.post("/cases/{case_id}/withdraw", response_model=Case)
def withdraw(
    case_id: int,
    body: WithdrawRequest | None = None,
    principal: Principal = Depends(exporter_or_officer),
    db: Database = Depends(get_db),
) -> Case:
    return licensing.transition(db, case_id, "withdraw", principal, reason=body.reason if body else "")


@router.post("/cases/{case_id}/notes", response_model=Case, status_code=201)
def add_note(
    case_id: int, body: NoteRequest, principal: Principal = Depends(officer), db: Database = Depends(get_db)
) -> Case:
    return licensing.add_note(db, case_id, principal, body.text)


@router.post("/cases/{case_id}/reassess", response_model=Case)
def reassess(case_id: int, principal: Principal = Depends(officer), db: Database = Depends(get_db)) -> Case:
    """Assess again as of the application date (after new lists or denial notifications)."""
    return licensing.reassess(db, case_id, principal)


@router.post("/cases/{case_id}/alerts/{alert_id}", response_model=Case)
def resolve_alert(
    case_id: int,
    alert_id: str,
    body: AlertResolution,
    principal: Principal = Depends(officer),
    db: Database = Depends(get_db),
) -> Case:
    """Resolve a screening alert of one of the case's parties as a true match or a false positive."""
    ident: Any = int(alert_id) if alert_id.isdigit() else alert_id
    return licensing.resolve_alert(db, case_id, ident, principal, decision=body.decision, reason=body.reason)


@router.post("/cases/{case_id}/decision", response_model=Case)
def decide(
    case_id: int, body: DecisionRequest, principal: Principal = Depends(officer), db: Database = Depends(get_db)
) -> Case:
    """Record the decision. Open alerts block it; departing from the recommendation needs a justification."""
    return licensing.decide(
        db, case_id, principal, decision=body.decision, justification=body.justification, provisos=body.provisos
    )


@router.post("/cases/{case_id}/denial-notification", response_model=DenialNotification, status_code=201)
def issue_denial(
    case_id: int, body: IssueDenialRequest, principal: Principal = Depends(officer), db: Database = Depends(get_db)
) -> DenialNotification:
    """Issue our own denial notification from a refused case."""
    return licensing.issue_denial(
        db,
        case_id,
        principal,
        notifying_state=body.notifying_state,
        notification_id=body.id,
        description=body.description,
    )


@router.get("/cases/{case_id}/history", response_model=list[HistoryEntry])
def history(
    case_id: int, principal: Principal = Depends(officer), db: Database = Depends(get_db)
) -> list[HistoryEntry]:
    """The case's timeline from the audit log (oldest first)."""
    return [HistoryEntry(**h) for h in licensing.case_history(db, case_id, principal)]
