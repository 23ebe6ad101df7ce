"""Watch lists (admin): current versions and their freshness, import by upload, versions of a list, diff."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from catchall.config import get_settings
from catchall.errors import CatchallError, TooLarge
from catchall.web.freshness import age_text
from catchall.web.render import optional_module, render
from catchall.web.security import PageUser, require

router = APIRouter(prefix="/ui/lists")
SERVICE = "catchall.services.lists"


def _sources() -> list[tuple[str, str]]:
    mod = optional_module("catchall.screening.sources")
    table: dict[str, Any] = getattr(mod, "SOURCES", {}) if mod is not None else {}
    return [(name, getattr(fmt, "title", name)) for name, fmt in table.items()]


def _overview(
    request: Request,
    user: PageUser,
    *,
    flashes: list[tuple[str, str]] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    lists = optional_module(SERVICE)
    if lists is None:
        return render(request, "unavailable.html", user, title="Watch lists", missing=SERVICE)
    current = lists.current_versions(request.app.state.db)
    return render(
        request,
        "lists/index.html",
        user,
        status_code=status_code,
        title="Watch lists",
        current=current,
        ages={v.list_name: age_text(v.became_current_at or v.imported_at) for v in current},
        sources=_sources(),
        flashes=flashes or [],
        form=form or {},
    )


@router.get("", response_class=HTMLResponse)
def overview(request: Request, user: PageUser = require()) -> Response:
    return _overview(request, user)


@router.post("", response_class=HTMLResponse)
async def import_list(
    request: Request,
    source: str = Form(""),
    name: str = Form(""),
    upload: UploadFile | None = File(None),
    user: PageUser = require(),
) -> Response:
    lists = optional_module(SERVICE)
    if lists is None:
        return render(request, "unavailable.html", user, title="Watch lists", missing=SERVICE)
    form = {"source": source, "name": name}
    if upload is None or not upload.filename:
        return _overview(request, user, flashes=[("error", "Choose a file to import.")], form=form, status_code=422)
    limit = get_settings().max_upload_bytes
    tmp = Path(tempfile.mkdtemp(prefix="catchall-upload-"))
    try:
        target = tmp / Path(upload.filename).name
        with target.open("wb") as out:
            await run_in_threadpool(shutil.copyfileobj, upload.file, out, 1 << 20)
        if target.stat().st_size > limit:
            raise TooLarge(f"{upload.filename}: over the upload limit of {limit} bytes (CATCHALL_MAX_UPLOAD_BYTES)")
        version = await run_in_threadpool(
            lists.import_file,
            request.app.state.db,
            source,
            target,
            name or None,
            user.actor,
            label=upload.filename,
        )
    except CatchallError as exc:
        return _overview(request, user, flashes=[("error", exc.message)], form=form, status_code=exc.status)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if version.unchanged:
        text = f"{upload.filename} is identical to version {version.number} of {version.list_name}: nothing changed."
    else:
        changes = ", ".join(f"{v} {k}" for k, v in version.changes.items()) if version.changes else "first version"
        text = (
            f"Imported {version.entity_count} entities from {upload.filename} as version {version.number} "
            f"of {version.list_name} ({changes})."
        )
    return _overview(request, user, flashes=[("ok", text)])


@router.get("/{name}", response_class=HTMLResponse)
def list_versions(request: Request, name: str, user: PageUser = require()) -> Response:
    lists = optional_module(SERVICE)
    if lists is None:
        return render(request, "unavailable.html", user, title="Watch lists", missing=SERVICE)
    versions = lists.versions(request.app.state.db, name)
    return render(request, "lists/versions.html", user, title=f"List {name}", name=name, versions=versions)


@router.get("/{name}/diff", response_class=HTMLResponse)
def list_diff(
    request: Request,
    name: str,
    from_version: int | None = None,
    to_version: int | None = None,
    user: PageUser = require(),
) -> Response:
    lists = optional_module(SERVICE)
    if lists is None:
        return render(request, "unavailable.html", user, title="Watch lists", missing=SERVICE)
    db = request.app.state.db
    versions = lists.versions(db, name)
    result = lists.diff(db, name, from_version, to_version)
    return render(
        request, "lists/diff.html", user, title=f"Changes in {name}", name=name, diff=result, versions=versions
    )
