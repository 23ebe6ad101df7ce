"""Use cases of the control list for the faces: classify items, look up, search and browse the Annex,
estimate a range from design data. Classification itself stores nothing; the API's runs are audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from catchall.controllist import Annex, Classification, classify, load_annex
from catchall.controllist.estimate import RangeEstimate, Stage, estimate_range
from catchall.errors import InvalidInput
from catchall.model.item import parse_item
from catchall.services import audit
from catchall.store.db import Database


def annex_for(edition: str | None = None, as_of: date | None = None) -> Annex:
    return load_annex(edition=edition, as_of=as_of)


def classify_one(obj: Any, annex: Annex | None = None) -> Classification:
    """Parse one item object of the contract and classify it (InvalidInput names the id and field)."""
    return classify(parse_item(obj), annex or load_annex())


def classify_many(
    objs: Iterable[tuple[int, dict[str, Any] | InvalidInput]], annex: Annex | None = None, source: str = "input"
) -> Iterator[tuple[int, Classification | InvalidInput]]:
    """Classify (line number, object) pairs; a bad line yields its error, naming the line, and processing goes on."""
    annex = annex or load_annex()
    for lineno, obj in objs:
        if isinstance(obj, InvalidInput):
            yield lineno, obj
            continue
        try:
            yield lineno, classify(parse_item(obj), annex)
        except InvalidInput as exc:
            yield lineno, InvalidInput(f"{source} line {lineno}: {exc.message}", detail=exc.detail)


def classify_recorded(db: Database, actor: str, objs: list[Any], annex: Annex | None = None) -> list[Classification]:
    """Classify a batch for a person (API) and append one audit record naming the items and their results."""
    annex = annex or load_annex()
    results: list[Classification] = []
    for i, obj in enumerate(objs):
        try:
            results.append(classify(parse_item(obj), annex))
        except InvalidInput as exc:
            raise InvalidInput(f"items[{i}]: {exc.message}", detail={**exc.detail, "index": i}) from exc
    with db.session() as s:
        audit.append(
            s,
            actor=actor,
            action="annex.classify",
            subject=",".join(r.id for r in results)[:200] or "-",
            payload={
                "edition": annex.edition,
                "results": [{"id": r.id, "category": r.category, "entries": r.entries} for r in results],
            },
        )
    return results


def tree(annex: Annex, code: str | None = None, depth: int | None = None) -> list[dict[str, Any]]:
    """The hierarchy below ``code`` (all items when None) as nested dicts."""

    def node(entry_code: str, level: int) -> dict[str, Any]:
        e = annex.get(entry_code)
        out: dict[str, Any] = {"code": e.code, "title": e.title, "category": e.category}
        if depth is None or level < depth:
            kids = annex.children(e.code)
            if kids:
                out["children"] = [node(k.code, level + 1) for k in kids]
        return out

    roots = [code] if code else [e.code for e in annex.items()]
    return [node(c, 1) for c in roots]


def entry_view(annex: Annex, code: str) -> dict[str, Any]:
    """An entry with its children, its item's category and its EU/US correlations."""
    entry = annex.get(code)
    out = entry.to_json()
    out["edition"] = annex.edition
    out["children"] = [{"code": c.code, "title": c.title} for c in annex.children(code)]
    corr = annex.correlations(code)
    out["correlations"] = corr.to_json() if corr else None
    return out


def parse_stages(raw: Any) -> list[Stage]:
    """Stages for the estimate, validated with the item contract's rules (field names in errors)."""
    item = parse_item({"id": "estimate", "kind": "rocket_system", "parameters": {"stages": raw}})
    return [Stage(s["propellant_mass_kg"], s["dry_mass_kg"], s["isp_s"]) for s in item.parameters["stages"]]


def estimate(stages: list[Stage], payload_kg: float, loss_fraction: float | None = None) -> RangeEstimate:
    if loss_fraction is None:
        return estimate_range(stages, payload_kg)
    return estimate_range(stages, payload_kg, loss_fraction=loss_fraction)
