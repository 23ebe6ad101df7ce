"""Denial notifications (partners' and our own): read for officers and analysts, write for officers."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from fastapi import APIRouter, Body, Depends, Response, UploadFile
from pydantic import BaseModel, Field

from catchall.api.deps import Principal, get_db, require_role
from catchall.config import get_settings
from catchall.errors import InvalidInput, TooLarge
from catchall.model.application import DenialNotification
from catchall.services import denials
from catchall.store.db import Database

router = APIRouter(prefix="/denials", tags=["denial notifications"])

reader = require_role("officer", "analyst")
writer = require_role("officer")

EXAMPLE: dict[str, Any] = {
    "id": "IT-2010-017",
    "notifying_state": "IT",
    "date": "2010-04-01",
    "destination": "AE",
    "end_user": {"name": "Gulf Composite Structures FZE", "country": "AE"},
    "entries": ["6.C.1"],
    "description": "Carbon-fibre prepregs",
    "revoked": None,
}


class RevokeRequest(BaseModel):
    date: dt.date = Field(description="The date the revocation takes effect.")


class ImportSummary(BaseModel):
    created: int
    updated: int
    unchanged: int
    errors: list[str]


@router.get("", response_model=list[DenialNotification])
def list_denials(
    destination: str | None = None,
    in_force_on: dt.date | None = None,
    _: Principal = Depends(reader),
    db: Database = Depends(get_db),
) -> list[DenialNotification]:
    """All notifications, or those for a destination and/or in force on a date."""
    return denials.list_notifications(db, destination=destination, in_force_on=in_force_on)


@router.get("/{ident}", response_model=DenialNotification)
def get_denial(ident: str, _: Principal = Depends(reader), db: Database = Depends(get_db)) -> DenialNotification:
    return denials.get(db, ident)


@router.post("", response_model=DenialNotification, status_code=201)
def create_denial(
    body: dict[str, Any] = Body(..., examples=[EXAMPLE]),
    principal: Principal = Depends(writer),
    db: Database = Depends(get_db),
) -> DenialNotification:
    return denials.create(db, body, principal.actor)


@router.put("/{ident}", response_model=DenialNotification)
def replace_denial(
    ident: str,
    body: dict[str, Any] = Body(..., examples=[EXAMPLE]),
    principal: Principal = Depends(writer),
    db: Database = Depends(get_db),
) -> DenialNotification:
    return denials.replace(db, ident, body, principal.actor)


@router.post("/{ident}/revoke", response_model=DenialNotification)
def revoke_denial(
    ident: str, body: RevokeRequest, principal: Principal = Depends(writer), db: Database = Depends(get_db)
) -> DenialNotification:
    """Record that the notifying state revoked the denial (it is no longer in force from that date)."""
    return denials.revoke(db, ident, body.date, principal.actor)


@router.delete("/{ident}", status_code=204)
def delete_denial(ident: str, principal: Principal = Depends(writer), db: Database = Depends(get_db)) -> Response:
    """Delete a record entered in error (a withdrawn denial is revoked, not deleted)."""
    denials.delete(db, ident, principal.actor)
    return Response(status_code=204)


@router.post("/import", response_model=ImportSummary)
async def import_denials(
    file: UploadFile, principal: Principal = Depends(writer), db: Database = Depends(get_db)
) -> ImportSummary:
    """Import JSON lines of notifications: new ids are added, known ids updated; bad lines are reported."""
    limit = get_settings().max_upload_bytes
    raw = await file.read(limit + 1)
    if len(raw) > limit:
        raise TooLarge(f"{file.filename}: larger than {limit} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{file.filename}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    result = denials.import_jsonl(db, io.StringIO(text), file.filename or "upload", principal.actor)
    return ImportSummary(**result.summary())
