"""Screening (officer): screen one name with per-feature explanations, mark each alert a false positive or a
true match, the queue of open alerts with a chart of alerts over time, and batch screening of an uploaded
file with progress."""

from __future__ import annotations

import secrets
from collections import Counter
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from catchall.config import get_settings
from catchall.errors import CatchallError, InvalidInput, NotFound, TooLarge
from catchall.web import batch_jobs
from catchall.web.charts import BAD, GOOD, WARN, bar_chart
from catchall.web.render import is_htmx, optional_module, render
from catchall.web.security import PageUser, require

router = APIRouter(prefix="/ui/screening")
SERVICE = "catchall.services.screening"
STATUS_BADGE = {"open": "warn", "false_positive": "ok", "true_match": "bad"}


def _service() -> Any:
    return optional_module(SERVICE)


def _unavailable(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "unavailable.html", user, title="Screening", missing=SERVICE)


def _index(db: Any) -> Any:
    """The index of every current list; NotFound (shown on the page) when no list has been imported."""
    return _service().get_index(db, "default")


def _safe_back(target: str) -> str:
    return target if target.startswith("/ui/screening") and not target.startswith("//") else "/ui/screening/alerts"


def alerts_chart(alerts: list[Any]) -> str:
    """Alerts raised per month, stacked by their current status."""
    months = sorted({a.created.strftime("%Y-%m") for a in alerts})
    counts = Counter((a.created.strftime("%Y-%m"), a.status) for a in alerts)
    shown = [s for s in STATUS_BADGE if any(counts[(m, s)] for m in months)]
    series = [(s.replace("_", " "), [counts[(m, s)] for m in months]) for s in shown]
    colors = {"open": WARN, "false_positive": GOOD, "true_match": BAD}
    return bar_chart(
        months, series, title="Screening alerts raised per month", stacked=True, colors=[colors[s] for s in shown]
    )


@router.get("", response_class=HTMLResponse)
def screening_home(request: Request, user: PageUser = require("officer")) -> Response:
    screening = _service()
    if screening is None:
        return _unavailable(request, user)
    lists = optional_module("catchall.services.lists")
    current = lists.current_versions(request.app.state.db) if lists is not None else []
    return render(
        request,
        "screening/index.html",
        user,
        title="Screening",
        current=current,
        form={},
        errors={},
        schemas=batch_jobs.SCHEMAS,
        threshold=get_settings().screening_threshold,
    )


@router.post("", response_class=HTMLResponse)
def screen_one(
    request: Request,
    name: str = Form(""),
    entity_type: str = Form("LegalEntity"),
    country: str = Form(""),
    birth_date: str = Form(""),
    identifier: str = Form(""),
    user: PageUser = require("officer"),
) -> Response:
    screening = _service()
    if screening is None:
        return _unavailable(request, user)
    form = {
        "name": name,
        "entity_type": entity_type,
        "country": country,
        "birth_date": birth_date,
        "identifier": identifier,
    }
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Enter the name to screen."
    if entity_type not in batch_jobs.SCHEMAS:
        errors["entity_type"] = "Choose a type."
    if country.strip() and len(country.strip()) != 2:
        errors["country"] = "Two-letter ISO code, e.g. IR."
    db = request.app.state.db
    if not errors:
        row = batch_jobs.BatchRow(0, name.strip(), country.strip(), birth_date.strip(), identifier.strip(), entity_type)
        subject = f"web:{user.username}:{secrets.token_hex(4)}"
        try:
            index = _index(db)
            party = screening.query_entity(row.entity(), "the form")
            with db.session() as s:
                screening.screen_and_record(
                    s,
                    subject=subject,
                    party=party,
                    index=index,
                    actor=user.actor,
                    threshold=get_settings().screening_threshold,
                )
        except CatchallError as exc:
            errors["form"] = exc.message
        else:
            return RedirectResponse(
                f"/ui/screening/result?subject={quote(subject)}&name={quote(name.strip())}", status_code=303
            )
    lists = optional_module("catchall.services.lists")
    return render(
        request,
        "screening/index.html",
        user,
        status_code=422,
        title="Screening",
        current=lists.current_versions(db) if lists is not None else [],
        form=form,
        errors=errors,
        schemas=batch_jobs.SCHEMAS,
        threshold=get_settings().screening_threshold,
    )


@router.get("/result", response_class=HTMLResponse)
def screening_result(request: Request, subject: str, name: str = "", user: PageUser = require("officer")) -> Response:
    screening = _service()
    if screening is None:
        return _unavailable(request, user)
    owner = subject.split(":")[1] if subject.startswith("web:") and subject.count(":") >= 2 else None
    if owner != user.username and user.role != "admin":
        raise NotFound("no screening result of yours with that reference")
    db = request.app.state.db
    with db.session() as s:
        alerts = screening.alerts_for(s, subject)
    return render(
        request,
        "screening/result.html",
        user,
        title="Screening result",
        subject=subject,
        alerts=alerts,
        name=name,
        badges=STATUS_BADGE,
        back=f"/ui/screening/result?subject={quote(subject)}&name={quote(name)}",
    )


@router.post("/alerts/{alert_id}", response_class=HTMLResponse)
def adjudicate(
    request: Request,
    alert_id: int,
    decision: str = Form(""),
    reason: str = Form(""),
    back: str = Form("/ui/screening/alerts"),
    user: PageUser = require("officer"),
) -> Response:
    screening = _service()
    if screening is None:
        return _unavailable(request, user)
    if decision not in ("false_positive", "true_match"):
        raise InvalidInput("choose false positive or true match")
    if not reason.strip():
        raise InvalidInput("give a reason for the decision (it is kept in the audit log)")
    db = request.app.state.db
    with db.session() as s:
        screening.adjudicate(s, alert_id, decision, reason, user.actor)
    return RedirectResponse(_safe_back(back), status_code=303)


@router.get("/alerts", response_class=HTMLResponse)
def alert_queue(request: Request, user: PageUser = require("officer")) -> Response:
    screening = _service()
    if screening is None:
        return _unavailable(request, user)
    db = request.app.state.db
    with db.session() as s:
        all_alerts = screening.alerts_for(s, "")
    open_ = [a for a in all_alerts if a.status == "open"]
    return render(
        request,
        "screening/alerts.html",
        user,
        title="Screening alerts",
        alerts=open_,
        decided=[a for a in reversed(all_alerts) if a.status != "open"][:50],
        chart=alerts_chart(all_alerts) if all_alerts else "",
        badges=STATUS_BADGE,
        back="/ui/screening/alerts",
    )


@router.get("/batch", response_class=HTMLResponse)
def batch_form(request: Request, user: PageUser = require("officer")) -> Response:
    if _service() is None:
        return _unavailable(request, user)
    return render(request, "screening/batch.html", user, title="Batch screening", job=None, error=None)


@router.post("/batch", response_class=HTMLResponse)
async def batch_start(
    request: Request, upload: UploadFile | None = File(None), user: PageUser = require("officer")
) -> Response:
    if _service() is None:
        return _unavailable(request, user)
    settings = get_settings()
    try:
        if upload is None or not upload.filename:
            raise InvalidInput("choose a CSV or JSON-lines file of names")
        data = await upload.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise TooLarge(f"{upload.filename}: over the upload limit of {settings.max_upload_bytes} bytes")
        rows, errors = batch_jobs.parse_upload(upload.filename, data)
        index = await run_in_threadpool(_index, request.app.state.db)
    except CatchallError as exc:
        return render(
            request,
            "screening/batch.html",
            user,
            status_code=exc.status,
            title="Batch screening",
            job=None,
            error=exc.message,
        )
    job = batch_jobs.start(user.username, upload.filename, rows, errors, index, settings.screening_threshold)
    return RedirectResponse(f"/ui/screening/batch/{job.id}", status_code=303)


@router.get("/batch/{job_id}", response_class=HTMLResponse)
def batch_status(request: Request, job_id: str, user: PageUser = require("officer")) -> Response:
    job = batch_jobs.get(job_id, user.username, user.role == "admin")
    template = "screening/batch_progress.html" if is_htmx(request) else "screening/batch.html"
    return render(request, template, user, title="Batch screening", job=job, error=None)


@router.get("/batch/{job_id}/results.csv")
def batch_csv(job_id: str, user: PageUser = require("officer")) -> Response:
    job = batch_jobs.get(job_id, user.username, user.role == "admin")
    return PlainTextResponse(
        batch_jobs.results_csv(job),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="screening-{job.id}.csv"'},
    )
