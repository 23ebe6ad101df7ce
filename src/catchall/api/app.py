"""The FastAPI application: routers from ``catchall.api.routers`` (and the web pages), one database."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

import catchall
from catchall.api import problem
from catchall.errors import CatchallError
from catchall.store.db import Database, get_database
from catchall.store.migrate import upgrade


def _include_routers(app: FastAPI) -> None:
    import catchall.api.routers as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"catchall.api.routers.{info.name}")
        router = getattr(module, "router", None)
        if router is not None:
            app.include_router(router)


def create_app(database_url: str | None = None, *, migrate: bool = True) -> FastAPI:
    db: Database = get_database(database_url)
    if migrate:
        upgrade(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield

    app = FastAPI(
        title="catchall",
        version=catchall.__version__,
        description="MTCR Annex classification, licensing decisions, sanctions screening, compliance and HCOC.",
        lifespan=lifespan,
    )
    app.state.db = db
    app.add_exception_handler(CatchallError, problem.catchall_error)
    app.add_exception_handler(RequestValidationError, problem.validation_error)
    app.add_exception_handler(StarletteHTTPException, problem.http_error)
    _include_routers(app)
    web = importlib.import_module("catchall.web")
    mount = getattr(web, "mount", None)  # the web pages are a face of their own
    if mount is not None:
        mount(app)
    return app
