"""Watch lists: current versions, history, diff and export for any user; import by upload for admins."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import StreamingResponse

from catchall.api.deps import Principal, any_user, get_db, require_role
from catchall.config import get_settings
from catchall.errors import InvalidInput, TooLarge
from catchall.screening.sources import SOURCES
from catchall.services import lists as lists_service
from catchall.store.db import Database

router = APIRouter(prefix="/lists", tags=["lists"])
CHUNK = 1 << 20


@router.get("")
def current(db: Database = Depends(get_db), _: Principal = Depends(any_user)) -> dict[str, Any]:
    """The current version of every list (name, source, version, entities, imported at, checksum)."""
    return {"lists": [v.as_dict() for v in lists_service.current_versions(db)]}


@router.get("/sources")
def sources(_: Principal = Depends(any_user)) -> dict[str, Any]:
    """The list formats ``POST /lists/import`` understands."""
    return {"sources": [{"name": f.name, "title": f.title, "default_list": f.default_list} for f in SOURCES.values()]}


@router.post("/import")
def import_list(
    request: Request,
    source: str = Form(..., description="Format of the file, e.g. ofac-xml, un-xml, eu-xml, uk-csv, ftm."),
    file: UploadFile = File(..., description="The published list file (ofac-csv: a zip of sdn/add/alt.csv)."),
    name: str | None = Form(None, description="List name (default: the source's usual list)."),
    db: Database = Depends(get_db),
    principal: Principal = Depends(require_role("admin")),
) -> dict[str, Any]:
    """Import an uploaded file as a new version (admin only). 413 when over CATCHALL_MAX_UPLOAD_BYTES."""
    limit = get_settings().max_upload_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise TooLarge(f"upload of {declared} bytes is over the limit of {limit} bytes (CATCHALL_MAX_UPLOAD_BYTES)")
    filename = Path(file.filename or "upload").name
    if source not in SOURCES:
        raise InvalidInput(f"unknown list source {source!r}: use one of {', '.join(SOURCES)}")
    tmp = Path(tempfile.mkdtemp(prefix="catchall-list-"))
    try:
        target = tmp / filename
        size = 0
        with target.open("wb") as out:
            while chunk := file.file.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TooLarge(f"{filename}: over the upload limit of {limit} bytes (CATCHALL_MAX_UPLOAD_BYTES)")
                out.write(chunk)
        version = lists_service.import_file(
            db, source, target, name or None, principal.actor, label=filename, max_bytes=limit
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return version.as_dict()


@router.get("/{name}")
def versions(name: str, db: Database = Depends(get_db), _: Principal = Depends(any_user)) -> dict[str, Any]:
    """Every version of one list, newest first (also failed imports, with their error)."""
    return {"name": name, "versions": [v.as_dict() for v in lists_service.versions(db, name)]}


@router.get("/{name}/diff")
def diff(
    name: str,
    from_v: int | None = Query(None, alias="from", description="Older version (default: the one before 'to')."),
    to_v: int | None = Query(None, alias="to", description="Newer version (default: current)."),
    db: Database = Depends(get_db),
    _: Principal = Depends(any_user),
) -> dict[str, Any]:
    """Entities added, removed and changed between two versions."""
    return lists_service.diff(db, name, from_v, to_v).as_dict()


@router.get("/{name}/export")
def export(
    name: str,
    version: int | None = Query(None, description="Version number (default: current)."),
    format: str = Query("ftm", description="Only 'ftm' (FollowTheMoney JSON lines)."),
    db: Database = Depends(get_db),
    _: Principal = Depends(any_user),
) -> StreamingResponse:
    """The entities of a version as FtM JSON lines (importable again with source ``ftm``)."""
    if format != "ftm":
        raise InvalidInput(f"format {format!r}: only 'ftm' is supported")
    lines = lists_service.export_lines(db, name, version)
    first = next(lines, None)  # resolve NotFound before the response starts streaming

    def body() -> Iterator[bytes]:
        if first is not None:
            yield (first + "\n").encode("utf-8")
        for line in lines:
            yield (line + "\n").encode("utf-8")

    filename = f"{name}-{'current' if version is None else f'v{version}'}.ftm.json"
    return StreamingResponse(
        body(),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
