"""The dashboard: open cases, alerts awaiting review, watch-list versions and their freshness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from catchall.web import panels
from catchall.web.render import render
from catchall.web.security import ALL_ROLES, PageUser, require

router = APIRouter(prefix="/ui")


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, user: PageUser = require(*ALL_ROLES)) -> Response:
    db = request.app.state.db
    return render(request, "dashboard.html", user, title="Dashboard", panels=panels.dashboard(db, user))
