"""What the dashboard shows for each role, gathered from the services. A panel whose service is missing from
the build says so instead of failing the whole page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from catchall.errors import CatchallError
from catchall.store.db import Database
from catchall.web.freshness import age_text, is_stale
from catchall.web.render import optional_module
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
    svg: str = ""
    link_text: str = ""


def _missing(key: str, title: str, module: str) -> Panel:
    return Panel(key, title, available=False, note=f"Not available in this build ({module} is missing).")


def cases_panel(db: Database, user: PageUser) -> Panel:
    licensing = optional_module("catchall.services.licensing")
    title = "My open applications" if user.role == "exporter" else "Open cases"
    if licensing is None:
        return _missing("cases", title, "catchall.services.licensing")
    cases = [c for c in licensing.list_cases(db, user.principal) if c.state in licensing.OPEN_STATES]
    by_state = Counter(c.state for c in cases)
    rows = [
        {
            "href": f"/ui/cases/{c.id}",
            "text": f"#{c.id} {c.reference} → {c.application.get('destination', '')}",
            "extra": c.state.replace("_", " "),
            "badge": (c.recommended or "").replace("_", " ") if user.can("officer") else "",
            "badge_kind": "warn",
        }
        for c in sorted(cases, key=lambda c: c.updated_at, reverse=True)[:6]
    ]
    label = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(by_state.items())) or "none open"
    link_text = "All my applications" if user.role == "exporter" else "Case queue"
    return Panel("cases", title, kpi=len(cases), kpi_label=label, rows=rows, link="/ui/cases", link_text=link_text)


def alerts_panel(db: Database, user: PageUser) -> Panel:
    screening = optional_module("catchall.services.screening")
    if screening is None:
        return _missing("alerts", "Alerts awaiting review", "catchall.services.screening")
    with db.session() as s:
        alerts = screening.open_alerts(s)
    rows = [
        {"text": f"{a.entity_caption}", "extra": f"{a.subject} · {a.score * 100:.0f} %", "href": _alert_href(a.subject)}
        for a in alerts[:6]
    ]
    return Panel(
        "alerts",
        "Alerts awaiting review",
        kpi=len(alerts),
        kpi_label="screening alerts open",
        rows=rows,
        link="/ui/screening/alerts",
    )


def _alert_href(subject: str) -> str:
    # Case alerts are resolved on the case page; the others in the alert queue.
    if subject.startswith("case:"):
        return f"/ui/cases/{subject.split(':')[1]}"
    return "/ui/screening/alerts"


def lists_panel(db: Database, user: PageUser) -> Panel:
    lists = optional_module("catchall.services.lists")
    if lists is None:
        return _missing("lists", "Watch lists", "catchall.services.lists")
    current = lists.current_versions(db)
    rows = []
    for v in current:
        since = v.became_current_at or v.imported_at
        stale = is_stale(since)
        rows.append(
            {
                "text": f"{v.list_name} v{v.number}",
                "extra": f"{v.entity_count} entities · updated {age_text(since)}",
                "badge": "stale" if stale else "fresh",
                "badge_kind": "warn" if stale else "ok",
                "href": f"/ui/lists/{v.list_name}" if user.role == "admin" else None,
            }
        )
    return Panel(
        "lists",
        "Watch lists",
        kpi=len(current),
        kpi_label="lists current",
        rows=rows,
        note=None if current else "No watch list imported yet: screening cannot find anyone.",
        link="/ui/lists" if user.role == "admin" else None,
    )


def compliance_panel(db: Database, user: PageUser) -> Panel:
    compliance = optional_module("catchall.services.compliance")
    registry = optional_module("catchall.services.registry")
    if compliance is None or registry is None:
        return _missing("compliance", "Transfers", "catchall.services.compliance")
    from catchall.web.routes.compliance import findings_chart

    transfers = compliance.list_transfers(db, limit=5000)
    findings = compliance.assess_transfers(transfers, book=registry.commitment_book(db)) if transfers else []
    counts = Counter(f.finding for f in findings)
    return Panel(
        "compliance",
        "Transfers",
        kpi=len(transfers),
        kpi_label=", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(counts.items())) or "none recorded",
        svg=findings_chart(findings) if findings else "",
        link="/ui/compliance",
    )


def hcoc_panel(db: Database, user: PageUser) -> Panel:
    hcoc = optional_module("catchall.services.hcoc")
    if hcoc is None:
        return _missing("hcoc", "HCOC launches", "catchall.services.hcoc")
    from catchall.web.routes.hcoc import status_chart

    checks = hcoc.check_stored_launches(db)
    counts = Counter(str(c.status) for c in checks)
    return Panel(
        "hcoc",
        "HCOC launches",
        kpi=len(checks),
        kpi_label=", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(counts.items())) or "none recorded",
        svg=status_chart(checks) if checks else "",
        link="/ui/hcoc",
    )


def annex_panel(db: Database, user: PageUser) -> Panel:
    classification = optional_module("catchall.services.classification")
    if classification is None:
        return _missing("annex", "Control list", "catchall.services.classification")
    annex = classification.annex_for()
    return Panel(
        "annex",
        "Control list",
        note=f"MTCR Annex edition {annex.edition} in force.",
        rows=[{"text": "Classify an item", "href": "/ui/classify"}, {"text": "Browse the Annex", "href": "/ui/annex"}],
    )


# Which panels each role sees, in order (admin sees all).
PANELS: tuple[tuple[Callable[[Database, PageUser], Panel], tuple[str, ...]], ...] = (
    (cases_panel, ("exporter", "officer")),
    (alerts_panel, ("officer",)),
    (lists_panel, ("officer", "analyst", "exporter")),
    (compliance_panel, ("analyst",)),
    (hcoc_panel, ("analyst",)),
    (annex_panel, ("exporter", "officer", "analyst")),
)


def dashboard(db: Database, user: PageUser) -> list[Panel]:
    out = []
    for build, roles in PANELS:
        if not user.can(*roles):
            continue
        try:
            out.append(build(db, user))
        except CatchallError as exc:  # one failing source must not hide the others
            out.append(
                Panel(
                    build.__name__.removesuffix("_panel"),
                    build.__name__.removesuffix("_panel").title(),
                    available=False,
                    note=exc.message,
                )
            )
    return out
