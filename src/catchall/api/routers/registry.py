"""Registry endpoints: states, commitments, sanctions determinations, implementation facts and the watch
list. Reading is open to every logged-in user; changes need the analyst role (admin always admitted)."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from catchall.api.deps import Principal, any_user, get_db, require_role
from catchall.config import get_settings
from catchall.errors import InvalidInput, TooLarge
from catchall.jsonl import jsonl_objects as read_jsonl
from catchall.services import registry as service
from catchall.store.db import Database

router = APIRouter(prefix="/registry", tags=["registry"])
writer = require_role("analyst")
NDJSON = "application/x-ndjson"


async def read_ndjson_body(request: Request) -> io.StringIO:
    """The request body as text, within the upload limit (shared with the compliance router)."""
    limit = get_settings().max_upload_bytes
    raw = await request.body()
    if len(raw) > limit:
        raise TooLarge(f"body of {len(raw)} bytes exceeds the limit of {limit} bytes")
    try:
        return io.StringIO(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"body is not UTF-8 text (byte {exc.start})") from exc


def ndjson_response(rows: Iterator[dict[str, Any]], filename: str) -> StreamingResponse:
    lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return StreamingResponse(
        lines, media_type=NDJSON, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.get("/states")
def list_states(
    as_of: dt.date | None = Query(None),
    regime: Literal["MTCR", "HCOC"] | None = Query(None),
    db: Database = Depends(get_db),
    _: Principal = Depends(any_user),
) -> list[dict[str, Any]]:
    return [s.model_dump(mode="json") for s in service.list_states(db, as_of=as_of, regime=regime)]


@router.get("/states/{code}")
def get_state(code: str, db: Database = Depends(get_db), _: Principal = Depends(any_user)) -> dict[str, Any]:
    return service.get_state(db, code).model_dump(mode="json")


@router.get("/commitments")
def list_commitments(
    as_of: dt.date | None = Query(None),
    state: str | None = Query(None),
    kind: str | None = Query(None),
    db: Database = Depends(get_db),
    _: Principal = Depends(any_user),
) -> list[dict[str, Any]]:
    return [c.model_dump(mode="json") for c in service.list_commitments(db, as_of=as_of, state=state, kind=kind)]


@router.get("/commitments/export")
def export_commitments(db: Database = Depends(get_db), _: Principal = Depends(any_user)) -> StreamingResponse:
    return ndjson_response(service.export_records(db, "commitments"), "commitments.jsonl")


@router.post("/commitments/import")
async def import_commitments(
    request: Request, db: Database = Depends(get_db), who: Principal = Depends(writer)
) -> dict[str, Any]:
    """JSON-lines body, all or nothing; errors name the line."""
    body = await read_ndjson_body(request)
    return service.import_records(db, "commitments", read_jsonl(body, "body"), actor=who.actor, source="body").as_dict()


@router.get("/commitments/{commitment_id}")
def get_commitment(
    commitment_id: str, db: Database = Depends(get_db), _: Principal = Depends(any_user)
) -> dict[str, Any]:
    return service.get_commitment(db, commitment_id).model_dump(mode="json")


@router.post("/commitments", status_code=201)
def create_commitment(
    body: dict[str, Any] = Body(...), db: Database = Depends(get_db), who: Principal = Depends(writer)
) -> dict[str, Any]:
    c = service.parse_commitment(body)
    service.put_commitment(db, c, actor=who.actor)
    return c.model_dump(mode="json")


@router.put("/commitments/{commitment_id}")
def put_commitment(
    commitment_id: str,
    body: dict[str, Any] = Body(...),
    db: Database = Depends(get_db),
    who: Principal = Depends(writer),
) -> dict[str, Any]:
    c = service.parse_commitment({**body, "id": body.get("id", commitment_id)})
    if c.id != commitment_id:
        raise InvalidInput(f"id in the body ({c.id!r}) differs from the path ({commitment_id!r})")
    service.put_commitment(db, c, actor=who.actor)
    return c.model_dump(mode="json")


@router.delete("/commitments/{commitment_id}", status_code=204)
def delete_commitment(commitment_id: str, db: Database = Depends(get_db), who: Principal = Depends(writer)) -> Response:
    service.delete_commitment(db, commitment_id, actor=who.actor)
    return Response(status_code=204)


@router.get("/sanctions")
def list_sanctions(
    as_of: dt.date | None = Query(None),
    state: str | None = Query(None),
    db: Database = Depends(get_db),
    _: Principal = Depends(any_user),
) -> list[dict[str, Any]]:
    return [
        d.model_dump(mode="json") | {"end": d.end.isoformat() if d.end else None}
        for d in service.list_determinations(db, as_of=as_of, state=state)
    ]


@router.get("/sanctions/watchlist")
def watchlist(
    as_of: dt.date = Query(...), db: Database = Depends(get_db), _: Principal = Depends(any_user)
) -> list[dict[str, Any]]:
    """FtM entities of the determinations in force on ``as_of`` (dataset us-missile-sanctions)."""
    return [e.to_ftm() for e in service.watchlist(db, as_of)]


@router.get("/sanctions/export")
def export_sanctions(db: Database = Depends(get_db), _: Principal = Depends(any_user)) -> StreamingResponse:
    return ndjson_response(service.export_records(db, "sanctions"), "sanctions.jsonl")


@router.post("/sanctions/import")
async def import_sanctions(
    request: Request, db: Database = Depends(get_db), who: Principal = Depends(writer)
) -> dict[str, Any]:
    body = await read_ndjson_body(request)
    return service.import_records(db, "sanctions", read_jsonl(body, "body"), actor=who.actor, source="body").as_dict()


@router.get("/sanctions/{determination_id}")
def get_determination(
    determination_id: str, db: Database = Depends(get_db), _: Principal = Depends(any_user)
) -> dict[str, Any]:
    d = service.get_determination(db, determination_id)
    return d.model_dump(mode="json") | {"end": d.end.isoformat() if d.end else None}


@router.post("/sanctions", status_code=201)
def create_determination(
    body: dict[str, Any] = Body(...), db: Database = Depends(get_db), who: Principal = Depends(writer)
) -> dict[str, Any]:
    d = service.parse_determination(body)
    service.put_determination(db, d, actor=who.actor)
    return d.model_dump(mode="json")


@router.put("/sanctions/{determination_id}")
def put_determination(
    determination_id: str,
    body: dict[str, Any] = Body(...),
    db: Database = Depends(get_db),
    who: Principal = Depends(writer),
) -> dict[str, Any]:
    d = service.parse_determination({**body, "id": body.get("id", determination_id)})
    if d.id != determination_id:
        raise InvalidInput(f"id in the body ({d.id!r}) differs from the path ({determination_id!r})")
    service.put_determination(db, d, actor=who.actor)
    return d.model_dump(mode="json")


@router.delete("/sanctions/{determination_id}", status_code=204)
def delete_determination(
    determination_id: str, db: Database = Depends(get_db), who: Principal = Depends(writer)
) -> Response:
    service.delete_determination(db, determination_id, actor=who.actor)
    return Response(status_code=204)


@router.get("/facts")
def list_facts(
    state: str | None = Query(None), as_of: dt.date | None = Query(None), _: Principal = Depends(any_user)
) -> list[dict[str, Any]]:
    return [f.model_dump(mode="json") for f in service.list_facts(state, as_of)]
