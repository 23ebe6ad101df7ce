"""HCOC (analyst): pre-launch notifications, observed launches with their notification status, annual
declarations checked for a year, a chart of notification status by year, and the yearly report."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from catchall.config import get_settings
from catchall.errors import CatchallError, InvalidInput, TooLarge
from catchall.jsonl import jsonl_objects, parse_all_or_nothing
from catchall.web.charts import BAD, GOOD, INFO, NEUTRAL, WARN, bar_chart
from catchall.web.render import optional_module, render
from catchall.web.security import PageUser, require

router = APIRouter(prefix="/ui/hcoc")
SERVICE = "catchall.services.hcoc"
STATUS_BADGE = {
    "notified": "ok",
    "late_notification": "warn",
    "outside_window": "warn",
    "not_notified": "bad",
    "not_subscribed": "info",
}

STATUS_COLOR = {
    "notified": GOOD,
    "late_notification": WARN,
    "outside_window": INFO,
    "not_notified": BAD,
    "not_subscribed": NEUTRAL,
}


def status_chart(checks: list[Any]) -> str:
    """Launches per year, stacked by notification status."""
    order = list(STATUS_BADGE)
    years = sorted({c.date.year for c in checks if c.date is not None})
    counts = Counter((c.date.year, str(c.status)) for c in checks if c.date is not None)
    shown = [s for s in order if any(counts[(y, s)] for y in years)]
    series = [(s.replace("_", " "), [counts[(y, s)] for y in years]) for s in shown]
    return bar_chart(
        [str(y) for y in years],
        series,
        title="Launches by notification status",
        stacked=True,
        colors=[STATUS_COLOR[s] for s in shown],
    )


@router.get("", response_class=HTMLResponse)
def hcoc_page(request: Request, year: int | None = None, user: PageUser = require("analyst")) -> Response:
    return _page(request, user, year)


def _page(
    request: Request,
    user: PageUser,
    year: int | None,
    *,
    flashes: list[tuple[str, str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    hcoc = optional_module(SERVICE)
    if hcoc is None:
        return render(request, "unavailable.html", user, title="HCOC", missing=SERVICE)
    from catchall.hcoc.records import RecordKind

    db = request.app.state.db
    if year is not None and not 2002 <= year <= 2100:
        raise InvalidInput(f"year must be between 2002 and 2100, got {year}")
    all_checks = hcoc.check_stored_launches(db)
    checks = [c for c in all_checks if year is None or (c.date is not None and c.date.year == year)]
    notifications = hcoc.list_records(db, RecordKind.notifications, year=year, limit=500)
    declarations = hcoc.check_stored_declarations(db, year) if year is not None else []
    years = sorted({c.date.year for c in all_checks if c.date is not None} | {date.today().year}, reverse=True)
    return render(
        request,
        "hcoc.html",
        user,
        status_code=status_code,
        flashes=flashes or [],
        kinds=[k.value for k in RecordKind],
        title="HCOC",
        year=year,
        years=years,
        checks=checks,
        notifications=notifications,
        declarations=[d for d in declarations if d.submitted or d.subscriber][:300],
        chart=status_chart(all_checks) if all_checks else "",
        subscribers=len(hcoc.subscribers(date.today())),
        badges=STATUS_BADGE,
        status_counts=Counter(str(c.status) for c in checks),
    )


@router.get("/report")
def hcoc_report(request: Request, year: int, format: str = "pdf", user: PageUser = require("analyst")) -> Response:
    hcoc = optional_module(SERVICE)
    if hcoc is None:
        return render(request, "unavailable.html", user, title="HCOC", missing=SERVICE)
    from catchall.hcoc.report import MEDIA_TYPES, ReportFormat

    try:
        fmt = ReportFormat(format)
    except ValueError:
        raise InvalidInput(f"report format must be html, md or pdf, got {format!r}") from None
    body = hcoc.report(request.app.state.db, year, fmt)
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="hcoc-report-{year}.{fmt.value}"'},
    )


@router.post("/import", response_class=HTMLResponse)
async def hcoc_import(
    request: Request,
    kind: str = Form(""),
    upload: UploadFile | None = File(None),
    user: PageUser = require("analyst"),
) -> Response:
    """Import notifications, launches or declarations from JSON lines (all or nothing; bad lines named)."""
    hcoc = optional_module(SERVICE)
    if hcoc is None:
        return render(request, "unavailable.html", user, title="HCOC", missing=SERVICE)
    from catchall.hcoc.records import RecordKind, parse_record

    limit = get_settings().max_upload_bytes
    try:
        try:
            record_kind = RecordKind(kind)
        except ValueError:
            raise InvalidInput("choose what the file holds: notifications, launches or declarations") from None
        if upload is None or not upload.filename:
            raise InvalidInput("choose a JSON-lines file")
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"{upload.filename}: over the upload limit of {limit} bytes")
        lines = data.decode("utf-8", errors="replace").splitlines()
        records = parse_all_or_nothing(
            jsonl_objects(lines, upload.filename),
            lambda obj, where: parse_record(record_kind, obj, where),
            upload.filename,
            "line",
        )
        if not records:
            raise InvalidInput(f"{upload.filename}: no records")
        result = await run_in_threadpool(
            hcoc.import_records, request.app.state.db, record_kind, records, actor=user.actor, source=upload.filename
        )
    except CatchallError as exc:
        return _page(request, user, None, flashes=[("error", exc.message)], status_code=exc.status)
    text = f"{upload.filename}: {result.created} {record_kind.value} added, {result.updated} replaced."
    return _page(request, user, None, flashes=[("ok", text)])
