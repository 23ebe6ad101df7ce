"""Attach the web pages to the FastAPI application: routes under ``/ui``, static files, HTML error pages,
security headers, and the principal resolver shared with the API."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from catchall.errors import CatchallError, NotAuthenticated
from catchall.web.render import STATIC, render
from catchall.web.security import UI_PREFIX, PageUser, resolve_principal

Handler = Callable[[Request, Exception], Awaitable[Response]]
Original = Callable[[Request, Any], Response | Awaitable[Response]]

# Scripts and styles only from this server; htmx's inline indicator style is switched off in the page head.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
)


def _is_page(request: Request) -> bool:
    path = request.url.path
    return path == UI_PREFIX or path.startswith(UI_PREFIX + "/")


def _page_user(request: Request) -> PageUser | None:
    principal = getattr(request.state, "principal", None)
    session = getattr(request.state, "web_session", None)
    if principal is None:
        return None
    return PageUser(principal, session.csrf_token if session is not None else "")


def _error_page(request: Request, status: int, title: str, message: str) -> Response:
    return render(request, "error.html", _page_user(request), status_code=status, title=title, message=message)


def _wrap(original: Original | None, kind: str) -> Handler:
    async def handler(request: Request, exc: Exception) -> Response:
        if not _is_page(request):
            if original is None:
                raise exc
            answer = original(request, exc)
            return await answer if inspect.isawaitable(answer) else answer
        if isinstance(exc, NotAuthenticated):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            login = f"{UI_PREFIX}/login?next={quote(target, safe='')}"
            if request.headers.get("hx-request") == "true":
                return Response(status_code=401, headers={"HX-Redirect": login})
            return RedirectResponse(login, status_code=303)
        if isinstance(exc, CatchallError):
            return _error_page(request, exc.status, exc.title, exc.message)
        if isinstance(exc, StarletteHTTPException):
            titles = {404: "Page not found", 405: "Method not allowed"}
            return _error_page(request, exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail))
        if isinstance(exc, RequestValidationError):
            fields = "; ".join(
                f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'form'}: {e.get('msg', '')}" for e in exc.errors()
            )
            return _error_page(request, 422, "The form has errors", fields)
        raise exc

    handler.__name__ = f"web_{kind}"
    return handler


def _include_routes(app: FastAPI) -> None:
    import catchall.web.routes as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"catchall.web.routes.{info.name}")
        router = getattr(module, "router", None)
        if router is not None:
            app.include_router(router, include_in_schema=False)


def mount(app: FastAPI) -> None:
    app.state.resolve_principal = resolve_principal
    for exc_type, kind in (
        (CatchallError, "catchall"),
        (StarletteHTTPException, "http"),
        (RequestValidationError, "validation"),
    ):
        app.add_exception_handler(exc_type, _wrap(app.exception_handlers.get(exc_type), kind))

    @app.middleware("http")
    async def _page_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        if _is_page(request):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Referrer-Policy", "same-origin")
            if not request.url.path.startswith(UI_PREFIX + "/static/"):
                response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.mount(f"{UI_PREFIX}/static", StaticFiles(directory=str(STATIC)), name="ui-static")
    _include_routes(app)

    @app.get("/", include_in_schema=False)
    def _root() -> RedirectResponse:
        return RedirectResponse(f"{UI_PREFIX}/", status_code=307)
