"""Liveness, readiness and version."""

from __future__ import annotations

from fastapi import APIRouter, Depends

import catchall
from catchall.api.deps import get_db
from catchall.store.db import Database
from catchall.store.migrate import current_revision

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(db: Database = Depends(get_db)) -> dict[str, str | None]:
    """The database is reachable (503 problem otherwise)."""
    db.ping()
    return {"status": "ready", "database": db.dialect, "schema": current_revision(db)}


@router.get("/version")
def version() -> dict[str, str]:
    return {"name": "catchall", "version": catchall.__version__}
