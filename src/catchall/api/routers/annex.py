"""MTCR Annex endpoints: look up, search and browse the Annex, classify items, estimate a range.

Readable by any logged-in user. ``POST /classify`` appends an audit record of what was classified.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Body, Depends, Query

from catchall.api.deps import Principal, any_user, get_db
from catchall.controllist import Annex, editions
from catchall.errors import InvalidInput, TooLarge
from catchall.services import classification as service
from catchall.store.db import Database

router = APIRouter(tags=["annex"])

MAX_CLASSIFY_ITEMS = 10_000

EditionQ = Query(None, description="Annex edition id (default: the latest).")
AsOfQ = Query(None, description="Use the edition in force on this date.")


def _annex(edition: str | None, as_of: dt.date | None) -> Annex:
    return service.annex_for(edition, as_of)


@router.get("/annex/editions")
def list_editions(_: Principal = Depends(any_user)) -> dict[str, Any]:
    return {"editions": [e.to_json() for e in editions()]}


@router.get("/annex/search")
def search(
    q: str = Query(..., min_length=1, description="Words or an Annex code."),
    limit: int = Query(10, ge=1, le=200),
    edition: str | None = EditionQ,
    as_of: dt.date | None = AsOfQ,
    _: Principal = Depends(any_user),
) -> dict[str, Any]:
    annex = _annex(edition, as_of)
    return {"query": q, "edition": annex.edition, "results": [h.to_json() for h in annex.search(q, limit)]}


@router.get("/annex/tree")
def tree(
    code: str | None = Query(None, description="Start here (default: all items)."),
    depth: int | None = Query(None, ge=1),
    edition: str | None = EditionQ,
    as_of: dt.date | None = AsOfQ,
    _: Principal = Depends(any_user),
) -> dict[str, Any]:
    annex = _annex(edition, as_of)
    return {"edition": annex.edition, "tree": service.tree(annex, code, depth)}


@router.get("/annex/{code}")
def show(
    code: str, edition: str | None = EditionQ, as_of: dt.date | None = AsOfQ, _: Principal = Depends(any_user)
) -> dict[str, Any]:
    return service.entry_view(_annex(edition, as_of), code)


@router.post("/annex/estimate-range")
def estimate_range(
    body: dict[str, Any] = Body(
        ...,
        examples=[{"stages": [{"propellant_mass_kg": 3770, "dry_mass_kg": 1130, "isp_s": 226}], "payload_kg": 985}],
    ),
    _: Principal = Depends(any_user),
) -> dict[str, Any]:
    """A rough ESTIMATE of range from design data (rocket equation + simple ballistic model)."""
    payload = body.get("payload_kg")
    if isinstance(payload, bool) or not isinstance(payload, int | float) or payload < 0:
        raise InvalidInput("payload_kg: must be a non-negative number")
    loss = body.get("loss_fraction")
    if loss is not None and (isinstance(loss, bool) or not isinstance(loss, int | float)):
        raise InvalidInput("loss_fraction: must be a number in [0, 1)")
    stages = service.parse_stages(body.get("stages"))
    return service.estimate(stages, float(payload), None if loss is None else float(loss)).to_json()


@router.post("/classify")
def classify(
    body: Any = Body(
        ...,
        examples=[
            {
                "id": "x1",
                "description": "Hybrid rocket motor",
                "kind": "rocket_motor",
                "parameters": {"total_impulse_ns": 1200000},
            }
        ],
        description="One item of the item contract, a list of items, or {'items': [...]}.",
    ),
    edition: str | None = EditionQ,
    as_of: dt.date | None = AsOfQ,
    db: Database = Depends(get_db),
    principal: Principal = Depends(any_user),
) -> Any:
    """Classify one item (answers its classification) or many (answers {"edition", "results"})."""
    annex = _annex(edition, as_of)
    single = isinstance(body, dict) and "items" not in body
    items = [body] if single else body.get("items") if isinstance(body, dict) else body
    if not isinstance(items, list):
        raise InvalidInput("body: expected an item object, a list of items or {'items': [...]}")
    if len(items) > MAX_CLASSIFY_ITEMS:
        raise TooLarge(f"at most {MAX_CLASSIFY_ITEMS} items per request (got {len(items)}); use the CLI for batches")
    results = service.classify_recorded(db, principal.actor, items, annex)
    if single:
        return results[0].to_json()
    return {"edition": annex.edition, "results": [r.to_json() for r in results]}
