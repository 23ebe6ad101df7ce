"""Rendering pages: the Jinja2 environment (autoescaped), the navigation per role, and small filters."""

from __future__ import annotations

import importlib
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

import catchall
from catchall.web.security import PageUser

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

# (path, label, roles that see it; admin sees everything)
NAV: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("/ui/", "Dashboard", ("exporter", "officer", "analyst")),
    ("/ui/classify", "Classification", ("exporter", "officer", "analyst")),
    ("/ui/screening", "Screening", ("officer",)),
    ("/ui/cases", "Cases", ("exporter", "officer")),
    ("/ui/registries", "Registries", ("analyst",)),
    ("/ui/compliance", "Compliance", ("analyst",)),
    ("/ui/hcoc", "HCOC", ("analyst",)),
    ("/ui/lists", "Lists", ()),
    ("/ui/users", "Users", ()),
)


def _fmt_dt(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC" if value.tzinfo else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _pct(value: Any) -> str:
    try:
        return f"{float(value) * 100:.0f} %"
    except (TypeError, ValueError):
        return str(value)


def _label(value: Any) -> str:
    """``presumption_of_denial`` -> ``presumption of denial``."""
    return str(value).replace("_", " ") if value is not None else "—"


def _sentence(value: Any) -> str:
    """First letter upper-case, the rest untouched (``capitalize`` would turn "CEP" into "cep")."""
    text = str(value)
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "svg", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dt"] = _fmt_dt
    env.filters["pct"] = _pct
    env.filters["label"] = _label
    env.filters["sentence"] = _sentence
    env.globals["version"] = catchall.__version__
    return env


def nav_for(user: PageUser | None) -> list[tuple[str, str]]:
    if user is None:
        return []
    return [(path, label) for path, label, roles in NAV if user.can(*roles)]


def render(
    request: Request, template: str, user: PageUser | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render a page; htmx requests for a fragment pass the fragment's template name instead."""
    path = request.url.path
    html = (
        environment()
        .get_template(template)
        .render(
            request=request,
            user=user,
            nav=nav_for(user),
            current_path=path,
            csrf_token=user.csrf_token if user is not None else "",
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def optional_module(name: str) -> ModuleType | None:
    """A service module if this build has it (the pages say so when it does not)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
