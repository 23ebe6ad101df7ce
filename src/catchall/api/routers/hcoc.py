"""HCOC endpoints: subscribers, notifications / launches / declarations (CRUD), checks, the yearly report.

Reading is open to any logged-in user; changing records needs the analyst role (admin always admitted).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Body, Depends, Query, Request, Response

from catchall.api.deps import Principal, any_user, get_db, require_role
from catchall.config import get_settings
from catchall.errors import InvalidInput, TooLarge
from catchall.hcoc.records import RecordKind, jsonl_rows, parse_batch, parse_record
from catchall.hcoc.report import MEDIA_TYPES, ReportFormat
from catchall.model.hcoc import Launch, PreLaunchNotification
from catchall.services import hcoc as service
from catchall.store.db import Database

router = APIRouter(prefix="/hcoc", tags=["hcoc"])
writer = require_role("analyst")

MAX_CHECK_RECORDS = 100_000


@router.get("/subscribers")
def list_subscribers(
    as_of: dt.date | None = Query(None, description="Only states subscribed on or before this date."),
    _: Principal = Depends(any_user),
) -> dict[str, Any]:
    subs = service.subscribers(as_of)
    return {
        "as_of": as_of.isoformat() if as_of else None,
        "count": len(subs),
        "subscribers": [s.model_dump(mode="json", exclude_none=True) for s in subs],
    }


@router.get("/subscribers/{state}")
def get_subscriber(state: str, _: Principal = Depends(any_user)) -> dict[str, Any]:
    return service.subscription(state).model_dump(mode="json", exclude_none=True)


@router.post("/check")
def check(
    body: dict[str, Any] = Body(
        ...,
        examples=[
            {
                "notifications": [
                    {
                        "id": "pln-1",
                        "state": "FR",
                        "submitted": "2016-06-20",
                        "vehicle_class": "ballistic_missile",
                        "window_start": "2016-07-01",
                        "window_end": "2016-07-03",
                    }
                ],
                "launches": [{"id": "l1", "state": "FR", "date": "2016-07-01", "vehicle_class": "ballistic_missile"}],
            }
        ],
    ),
    _: Principal = Depends(any_user),
) -> dict[str, Any]:
    """Check the launches given against the notifications given (nothing is stored)."""
    plns_raw = body.get("notifications", [])
    launches_raw = body.get("launches", [])
    if not isinstance(plns_raw, list) or not isinstance(launches_raw, list):
        raise InvalidInput("body must be {'notifications': [...], 'launches': [...]}")
    if len(plns_raw) + len(launches_raw) > MAX_CHECK_RECORDS:
        raise InvalidInput(f"at most {MAX_CHECK_RECORDS} records per request; use the CLI for more")
    plns = [parse_record(RecordKind.notifications, o, f"notifications[{i}]") for i, o in enumerate(plns_raw)]
    launches = [parse_record(RecordKind.launches, o, f"launches[{i}]") for i, o in enumerate(launches_raw)]
    results = service.check_records(
        [x for x in launches if isinstance(x, Launch)], [x for x in plns if isinstance(x, PreLaunchNotification)]
    )
    return {"results": [r.model_dump(mode="json") for r in results]}


@router.get("/checks/launches")
def check_stored_launches(
    year: int | None = Query(None),
    state: str | None = Query(None),
    db: Database = Depends(get_db),
    _: Principal = Depends(any_user),
) -> dict[str, Any]:
    """The stored launches checked against the stored notifications."""
    return {"results": [r.model_dump(mode="json") for r in service.check_stored_launches(db, year=year, state=state)]}


@router.get("/checks/declarations")
def check_stored_declarations(
    year: int = Query(...), db: Database = Depends(get_db), _: Principal = Depends(any_user)
) -> dict[str, Any]:
    """Per subscriber: declaration for ``year`` submitted, and do its launch counts agree?"""
    return {"year": year, "results": [r.model_dump(mode="json") for r in service.check_stored_declarations(db, year)]}


@router.get("/report")
def report(
    year: int = Query(...),
    format: ReportFormat = Query(ReportFormat.html),
    db: Database = Depends(get_db),
    _: Principal = Depends(any_user),
) -> Response:
    data = service.report(db, year, format)
    media = MEDIA_TYPES[format]
    if format is not ReportFormat.pdf:
        media += "; charset=utf-8"
    headers = {"Content-Disposition": f'inline; filename="hcoc-{year}.{format.value}"'}
    return Response(content=data, media_type=media, headers=headers)


@router.post("/import/{kind}")
async def import_jsonl(
    kind: RecordKind,
    request: Request,
    db: Database = Depends(get_db),
    who: Principal = Depends(writer),
) -> dict[str, Any]:
    """Import a JSON-lines body (one record a line): all or nothing, errors name the line."""
    limit = get_settings().max_upload_bytes
    raw = await request.body()
    if len(raw) > limit:
        raise TooLarge(f"body of {len(raw)} bytes exceeds the limit of {limit} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"body is not UTF-8 text (byte {exc.start})") from exc
    records = parse_batch(kind, jsonl_rows(text.splitlines(), "body"), "body")
    result = service.import_records(db, kind, records, actor=who.actor, source="api")
    return {"kind": kind.value, "created": result.created, "updated": result.updated}


def _crud(kind: RecordKind, path: str) -> None:
    """GET list, POST create, GET/PUT/DELETE one: the same five endpoints for each record kind."""
    singular = service.SINGULAR[kind]

    @router.get(f"/{path}", name=f"list_{kind.value}")
    def list_(
        state: str | None = Query(None),
        year: int | None = Query(None),
        limit: int = Query(1000, ge=1, le=10_000),
        offset: int = Query(0, ge=0),
        db: Database = Depends(get_db),
        _: Principal = Depends(any_user),
    ) -> dict[str, Any]:
        items = service.list_records(db, kind, state=state, year=year, limit=limit, offset=offset)
        return {"items": [i.model_dump(mode="json") for i in items], "limit": limit, "offset": offset}

    @router.post(f"/{path}", status_code=201, name=f"create_{singular}")
    def create(
        body: dict[str, Any] = Body(...),
        db: Database = Depends(get_db),
        who: Principal = Depends(writer),
    ) -> dict[str, Any]:
        return service.create_record(db, kind, body, actor=who.actor).model_dump(mode="json")

    @router.get(f"/{path}/{{key}}", name=f"get_{singular}")
    def get(key: str, db: Database = Depends(get_db), _: Principal = Depends(any_user)) -> dict[str, Any]:
        return service.get_record(db, kind, key).model_dump(mode="json")

    @router.put(f"/{path}/{{key}}", name=f"update_{singular}")
    def update(
        key: str,
        body: dict[str, Any] = Body(...),
        db: Database = Depends(get_db),
        who: Principal = Depends(writer),
    ) -> dict[str, Any]:
        return service.update_record(db, kind, key, body, actor=who.actor).model_dump(mode="json")

    @router.delete(f"/{path}/{{key}}", status_code=204, name=f"delete_{singular}")
    def delete(key: str, db: Database = Depends(get_db), who: Principal = Depends(writer)) -> Response:
        service.delete_record(db, kind, key, actor=who.actor)
        return Response(status_code=204)


# Declarations are addressed as STATE-YEAR (e.g. /hcoc/declarations/FR-2019).
_crud(RecordKind.notifications, "notifications")
_crud(RecordKind.launches, "launches")
_crud(RecordKind.declarations, "declarations")
