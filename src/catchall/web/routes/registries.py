"""Registries (analyst): states and their regime memberships, commitments with their history, sanctions
determinations, and partner denial notifications — each as of a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from catchall.web.render import optional_module, render
from catchall.web.security import PageUser, require

router = APIRouter(prefix="/ui/registries")
SERVICE = "catchall.services.registry"
TABS = (
    ("states", "States"),
    ("commitments", "Commitments"),
    ("determinations", "Sanctions determinations"),
    ("denials", "Denial notifications"),
)


@router.get("", response_class=HTMLResponse)
def registries(
    request: Request,
    tab: str = "states",
    q: str = "",
    as_of: date | None = None,
    regime: str = "",
    kind: str = "",
    user: PageUser = require("analyst"),
) -> Response:
    registry = optional_module(SERVICE)
    if registry is None:
        return render(request, "unavailable.html", user, title="Registries", missing=SERVICE)
    db = request.app.state.db
    tab = tab if tab in dict(TABS) else "states"
    needle = q.strip().lower()
    context: dict[str, Any] = {}
    if tab == "states":
        states = registry.list_states(db, as_of=as_of, regime=regime or None)
        if needle:
            states = [s for s in states if needle in s.name.lower() or needle == s.code.lower()]
        elif not regime:
            # Without a filter, the states with at least one membership come first (the rest are many).
            states = sorted(states, key=lambda s: (not s.memberships, s.name))
        regimes = sorted({m.regime for s in registry.list_states(db) for m in s.memberships})
        context.update(states=states, regimes=regimes)
    elif tab == "commitments":
        items = registry.list_commitments(db, as_of=as_of)
        kinds = sorted({c.kind for c in items})
        if kind:
            items = [c for c in items if c.kind == kind]
        context.update(kinds=kinds)
        if needle:
            items = [c for c in items if needle in f"{c.state} {c.instrument} {c.summary} {c.kind}".lower()]
        context.update(commitments=sorted(items, key=lambda c: (c.state, c.since)))
    elif tab == "determinations":
        items = registry.list_determinations(db, as_of=as_of)
        if needle:
            items = [
                d for d in items if needle in f"{d.entity.name} {' '.join(d.entity.aliases)} {d.entity.country}".lower()
            ]
        context.update(determinations=sorted(items, key=lambda d: d.effective_date, reverse=True))
    else:
        denials = optional_module("catchall.services.denials")
        items = denials.list_notifications(db, in_force_on=as_of) if denials is not None else []
        if needle:
            items = [n for n in items if needle in f"{n.end_user.name} {n.destination} {n.notifying_state}".lower()]
        context.update(denials=items, denials_available=denials is not None)
    return render(
        request,
        "registries.html",
        user,
        title="Registries",
        tab=tab,
        tabs=TABS,
        q=q,
        as_of=as_of,
        regime=regime,
        kind=kind,
        **context,
    )


@router.get("/states/{code}", response_class=HTMLResponse)
def state_detail(request: Request, code: str, user: PageUser = require("analyst")) -> Response:
    registry = optional_module(SERVICE)
    if registry is None:
        return render(request, "unavailable.html", user, title="Registries", missing=SERVICE)
    db = request.app.state.db
    state = registry.get_state(db, code)
    return render(
        request,
        "registry_state.html",
        user,
        title=state.name,
        state=state,
        commitments=sorted(registry.list_commitments(db, state=state.code), key=lambda c: c.since),
        facts=registry.list_facts(state.code),
        determinations=registry.list_determinations(db, state=state.code),
    )
