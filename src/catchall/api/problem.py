"""RFC 9457 problem details for every error the API returns."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from catchall.errors import CatchallError

PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, type_slug: str, instance: str, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"https://catchall.invalid/problems/{type_slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


async def catchall_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CatchallError)
    extra = {"errors": exc.detail["errors"]} if "errors" in exc.detail else {}
    return problem(exc.status, exc.title, exc.message, exc.type_slug, request.url.path, **extra)


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"), "message": e.get("msg", "")}
        for e in exc.errors()
    ]
    detail = "; ".join(f"{e['field'] or 'body'}: {e['message']}" for e in errors[:5])
    return problem(422, "Invalid input", detail, "invalid-input", request.url.path, errors=errors)


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    titles = {404: "Not found", 405: "Method not allowed", 401: "Not authenticated", 403: "Forbidden"}
    return problem(
        exc.status_code,
        titles.get(exc.status_code, "Error"),
        str(exc.detail),
        f"http-{exc.status_code}",
        request.url.path,
    )
