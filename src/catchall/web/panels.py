"""What the dashboard shows, gathered from the services (each panel says when its service is missing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catchall.store.db import Database
from catchall.web.security import PageUser


@dataclass
class Panel:
    key: str
    title: str
    available: bool = True
    kpi: int | None = None
    kpi_label: str = ""
    rows: list[dict[str, Any]] = field(default_factory=list)
    link: str | None = None
    note: str | None = None


def dashboard(db: Database, user: PageUser) -> list[Panel]:
    return []
