"""Registries pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from catchall.web.render import render
from catchall.web.security import PageUser, require

router = APIRouter(prefix="/ui")


@router.get("/registries", response_class=HTMLResponse)
def page(request: Request, user: PageUser = require("analyst")) -> Response:
    return render(request, "unavailable.html", user, title="Registries", missing="catchall.services.registry")
