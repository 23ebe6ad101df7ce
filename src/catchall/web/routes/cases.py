"""Licensing cases: the exporter files an application and follows it; the officer works the queue, resolves
screening alerts, and records the decision with its justification. Everything goes through
``catchall.services.licensing``, which checks roles and ownership again and writes the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from catchall.errors import CatchallError
from catchall.model.application import PARTY_ROLES
from catchall.web.forms import ITEM_ROWS, PARTY_ROWS, application_from_form
from catchall.web.render import optional_module, render
from catchall.web.security import PageUser, require

router = APIRouter(prefix="/ui/cases")

SERVICE = "catchall.services.licensing"
# Messages shown after an action (looked up by key so no request text is echoed into the page).
DONE = {
    "submitted": "Application submitted and assessed.",
    "draft": "Draft saved: submit it when it is complete.",
    "review": "You are now reviewing this case.",
    "decided": "Decision recorded.",
    "alert": "Screening alert resolved.",
    "note": "Note added.",
    "withdrawn": "Case withdrawn.",
    "reassessed": "Case reassessed with the current lists and notifications.",
}
OUTCOME_BADGE = {
    "not_controlled": "ok",
    "case_by_case": "info",
    "presumption_of_denial": "warn",
    "deny": "bad",
    "prohibited": "bad",
    "approved": "ok",
    "approved_with_provisos": "info",
    "refused": "bad",
}


def _service() -> Any:
    return optional_module(SERVICE)


def _unavailable(request: Request, user: PageUser, title: str) -> HTMLResponse:
    return render(request, "unavailable.html", user, title=title, missing=SERVICE)


@router.get("", response_class=HTMLResponse)
def case_list(request: Request, state: str = "open", user: PageUser = require("exporter", "officer")) -> Response:
    licensing = _service()
    if licensing is None:
        return _unavailable(request, user, "Cases")
    db = request.app.state.db
    wanted = None if state in ("open", "all") else state
    cases = licensing.list_cases(db, user.principal, state=wanted)
    if state == "open":
        cases = [c for c in cases if c.state in licensing.OPEN_STATES]
    title = "My applications" if user.role == "exporter" else "Case queue"
    return render(
        request,
        "cases/list.html",
        user,
        title=title,
        cases=cases,
        state=state,
        states=("open", "all", *licensing.CASE_STATES),
        badges=OUTCOME_BADGE,
    )


def _new_form(
    request: Request,
    user: PageUser,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    from catchall.model.item import KINDS

    return render(
        request,
        "cases/new.html",
        user,
        status_code=status_code,
        title="New application",
        form=form or {"date": date.today().isoformat()},
        errors=errors or {},
        error=error,
        item_rows=range(1, ITEM_ROWS + 1),
        party_rows=range(1, PARTY_ROWS + 1),
        kinds=sorted(KINDS),
        party_roles=PARTY_ROLES,
    )


@router.get("/new", response_class=HTMLResponse)
def new_application(request: Request, user: PageUser = require("exporter")) -> Response:
    if _service() is None:
        return _unavailable(request, user, "New application")
    return _new_form(request, user)


@router.post("/new", response_class=HTMLResponse)
async def submit_application(request: Request, user: PageUser = require("exporter")) -> Response:
    licensing = _service()
    if licensing is None:
        return _unavailable(request, user, "New application")
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    parsed = application_from_form(form)
    if parsed.errors:
        return _new_form(request, user, form, parsed.errors, "The application has errors: see the fields marked.", 422)
    draft = form.get("action") == "draft"
    try:
        case = await _in_thread(
            licensing.submit_application, request.app.state.db, parsed.value, user.principal, draft=draft
        )
    except CatchallError as exc:
        return _new_form(request, user, form, {}, exc.message, exc.status)
    return RedirectResponse(f"/ui/cases/{case.id}?done={'draft' if draft else 'submitted'}", status_code=303)


async def _in_thread(fn: Any, *args: Any, **kwargs: Any) -> Any:
    # Services are synchronous (database, engines); keep the event loop free while they run.
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args, **kwargs)


def _timeline(licensing: Any, db: Any, case: Any, user: PageUser) -> list[dict[str, Any]]:
    if user.can("officer"):
        return list(licensing.case_history(db, case.id, user.principal))
    # Exporters see the milestones of their own case, not the internal assessment records.
    events = [{"ts": case.created_at, "action": "case.create", "actor": case.owner, "payload": {}}]
    if case.decided_at:
        events.append({"ts": case.decided_at, "action": f"case.decide: {case.decision}", "actor": "", "payload": {}})
    return events


def _case_page(
    request: Request, user: PageUser, case_id: int, *, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    licensing = _service()
    if licensing is None:
        return _unavailable(request, user, "Case")
    db = request.app.state.db
    case = licensing.get_case(db, case_id, user.principal)
    done = DONE.get(request.query_params.get("done", ""))
    flashes = [("ok", done)] if done and error is None else []
    if error:
        flashes.append(("error", error))
    return render(
        request,
        "cases/detail.html",
        user,
        status_code=status_code,
        title=f"Case {case.reference}",
        case=case,
        app=case.application,
        rec=case.recommendation,
        timeline=_timeline(licensing, db, case, user),
        decisions=licensing.CASE_DECISIONS,
        flashes=flashes,
        badges=OUTCOME_BADGE,
        is_officer=user.can("officer"),
        is_owner=case.owner == user.username,
    )


@router.get("/{case_id}", response_class=HTMLResponse)
def case_detail(request: Request, case_id: int, user: PageUser = require("exporter", "officer")) -> Response:
    return _case_page(request, user, case_id)


def _act(request: Request, user: PageUser, case_id: int, done: str, action: Any) -> Response:
    """Run a case action; on a refused action show the case again with the service's message."""
    try:
        action()
    except CatchallError as exc:
        if exc.status == 404:
            raise
        return _case_page(request, user, case_id, error=exc.message, status_code=exc.status)
    return RedirectResponse(f"/ui/cases/{case_id}?done={done}", status_code=303)


@router.post("/{case_id}/review", response_class=HTMLResponse)
def take_for_review(request: Request, case_id: int, user: PageUser = require("officer")) -> Response:
    licensing = _service()
    db = request.app.state.db
    return _act(request, user, case_id, "review", lambda: licensing.transition(db, case_id, "review", user.principal))


@router.post("/{case_id}/reassess", response_class=HTMLResponse)
def reassess(request: Request, case_id: int, user: PageUser = require("officer")) -> Response:
    licensing = _service()
    db = request.app.state.db
    return _act(request, user, case_id, "reassessed", lambda: licensing.reassess(db, case_id, user.principal))


@router.post("/{case_id}/decide", response_class=HTMLResponse)
def decide(
    request: Request,
    case_id: int,
    decision: str = Form(""),
    justification: str = Form(""),
    provisos: str = Form(""),
    user: PageUser = require("officer"),
) -> Response:
    licensing = _service()
    db = request.app.state.db
    return _act(
        request,
        user,
        case_id,
        "decided",
        lambda: licensing.decide(
            db, case_id, user.principal, decision=decision, justification=justification, provisos=provisos
        ),
    )


@router.post("/{case_id}/alerts/{alert_id}", response_class=HTMLResponse)
def resolve_alert(
    request: Request,
    case_id: int,
    alert_id: str,
    decision: str = Form(""),
    reason: str = Form(""),
    user: PageUser = require("officer"),
) -> Response:
    licensing = _service()
    db = request.app.state.db
    key: Any = int(alert_id) if alert_id.isdigit() else alert_id
    return _act(
        request,
        user,
        case_id,
        "alert",
        lambda: licensing.resolve_alert(db, case_id, key, user.principal, decision=decision, reason=reason),
    )


@router.post("/{case_id}/notes", response_class=HTMLResponse)
def add_note(request: Request, case_id: int, text: str = Form(""), user: PageUser = require("officer")) -> Response:
    licensing = _service()
    db = request.app.state.db
    return _act(request, user, case_id, "note", lambda: licensing.add_note(db, case_id, user.principal, text))


@router.post("/{case_id}/withdraw", response_class=HTMLResponse)
def withdraw(
    request: Request, case_id: int, reason: str = Form(""), user: PageUser = require("exporter", "officer")
) -> Response:
    licensing = _service()
    db = request.app.state.db
    return _act(
        request,
        user,
        case_id,
        "withdrawn",
        lambda: licensing.transition(db, case_id, "withdraw", user.principal, reason=reason),
    )


@router.post("/{case_id}/submit", response_class=HTMLResponse)
def submit_draft(request: Request, case_id: int, user: PageUser = require("exporter")) -> Response:
    licensing = _service()
    db = request.app.state.db
    return _act(
        request, user, case_id, "submitted", lambda: licensing.transition(db, case_id, "submit", user.principal)
    )
