"""Compliance endpoints: stored transfers (CRUD, JSON-lines import/export), assessment and per-state
reports. Reading and assessing are open to every logged-in user; changing transfers needs the analyst role."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from catchall.api.deps import Principal, any_user, get_db, require_role
from catchall.api.routers.registry import ndjson_response, read_ndjson_body
from catchall.errors import InvalidInput
from catchall.jsonl import jsonl_objects as read_jsonl
from catchall.services import compliance as service
from catchall.store.db import Database

router = APIRouter(prefix="/compliance", tags=["compliance"])
writer = require_role("analyst")
MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}
MAX_ASSESS = 10_000


@router.post("/assess")
def assess(
    body: dict[str, Any] | list[dict[str, Any]] = Body(...),
    db: Database = Depends(get_db),
    who: Principal = Depends(any_user),
) -> list[dict[str, Any]]:
    """Assess one transfer (an object) or several (an array); answers one finding per transfer."""
    items = body if isinstance(body, list) else [body]
    if len(items) > MAX_ASSESS:
        raise InvalidInput(f"at most {MAX_ASSESS} transfers per request; got {len(items)}")
    transfers = [service.parse_transfer(obj, f"transfer #{i}") for i, obj in enumerate(items, start=1)]
    return [f.to_line() for f in service.assess_transfers(transfers, db=db, actor=who.actor)]


@router.get("/transfers")
def list_transfers(
    state: str | None = Query(None),
    date_from: dt.date | None = Query(None, alias="from"),
    date_to: dt.date | None = Query(None, alias="to"),
    limit: int = Query(500, ge=1, le=10_000),
    offset: int = Query(0, ge=0),
    db: Database = Depends(get_db),
    _: Principal = Depends(any_user),
) -> list[dict[str, Any]]:
    found = service.list_transfers(db, state=state, date_from=date_from, date_to=date_to, limit=limit, offset=offset)
    return [t.model_dump(mode="json") for t in found]


@router.get("/transfers/export")
def export_transfers(db: Database = Depends(get_db), _: Principal = Depends(any_user)) -> StreamingResponse:
    return ndjson_response(service.export_transfers(db), "transfers.jsonl")


@router.post("/transfers/import")
async def import_transfers(
    request: Request, db: Database = Depends(get_db), who: Principal = Depends(writer)
) -> dict[str, Any]:
    """JSON-lines body, all or nothing; errors name the line."""
    body = await read_ndjson_body(request)
    return service.import_transfers(db, read_jsonl(body, "body"), actor=who.actor, source="body").as_dict()


@router.post("/transfers", status_code=201)
def create_transfer(
    body: dict[str, Any] = Body(...), db: Database = Depends(get_db), who: Principal = Depends(writer)
) -> dict[str, Any]:
    t = service.parse_transfer(body)
    service.put_transfer(db, t, actor=who.actor)
    return t.model_dump(mode="json")


@router.get("/transfers/{transfer_id}")
def get_transfer(transfer_id: str, db: Database = Depends(get_db), _: Principal = Depends(any_user)) -> dict[str, Any]:
    return service.get_transfer(db, transfer_id).model_dump(mode="json")


@router.put("/transfers/{transfer_id}")
def put_transfer(
    transfer_id: str,
    body: dict[str, Any] = Body(...),
    db: Database = Depends(get_db),
    who: Principal = Depends(writer),
) -> dict[str, Any]:
    t = service.parse_transfer({**body, "id": body.get("id", transfer_id)})
    if t.id != transfer_id:
        raise InvalidInput(f"id in the body ({t.id!r}) differs from the path ({transfer_id!r})")
    service.put_transfer(db, t, actor=who.actor)
    return t.model_dump(mode="json")


@router.delete("/transfers/{transfer_id}", status_code=204)
def delete_transfer(transfer_id: str, db: Database = Depends(get_db), who: Principal = Depends(writer)) -> Response:
    service.delete_transfer(db, transfer_id, actor=who.actor)
    return Response(status_code=204)


@router.get("/transfers/{transfer_id}/finding")
def transfer_finding(
    transfer_id: str, db: Database = Depends(get_db), who: Principal = Depends(any_user)
) -> dict[str, Any]:
    return service.assess_stored(db, transfer_id, actor=who.actor).to_line()


@router.get("/reports/{state}")
def report(
    state: str,
    format: Literal["html", "md", "pdf"] = Query("html"),
    date_from: dt.date | None = Query(None, alias="from"),
    date_to: dt.date | None = Query(None, alias="to"),
    db: Database = Depends(get_db),
    who: Principal = Depends(any_user),
) -> Response:
    """The per-state compliance report over the stored transfers."""
    data = service.report(db, state, fmt=format, date_from=date_from, date_to=date_to, actor=who.actor)
    headers = {"Content-Disposition": f'inline; filename="compliance-{state.upper()}.{format}"'}
    return Response(content=data, media_type=MEDIA[format], headers=headers)
