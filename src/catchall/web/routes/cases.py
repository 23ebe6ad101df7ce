"""Cases pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from catchall.web.render import render
from catchall.web.security import PageUser, require

router = APIRouter(prefix="/ui")


@router.get("/cases", response_class=HTMLResponse)
def cases(request: Request, user: PageUser = require("exporter", "officer")) -> Response:
    return render(request, "unavailable.html", user, title="Cases", missing="catchall.services.licensing")


@router.get("/cases/new", response_class=HTMLResponse)
def new_case(request: Request, user: PageUser = require("exporter")) -> Response:
    return render(request, "unavailable.html", user, title="New application", missing="catchall.services.licensing")
