"""Screening API in the shape of the OpenSanctions/yente match API, so existing clients work unchanged.

``POST /match/{dataset}`` takes ``{"queries": {key: entity}}`` and answers
``{"responses": {key: {"status": 200, "results": [...], "total": {...}, "query": {...}}}}``.
``GET /search?q=...&dataset=...`` screens a bare name.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Query

from catchall.api.deps import Principal, any_user, get_db
from catchall.errors import InvalidInput, TooLarge
from catchall.screening import Match
from catchall.services import screening as screening_service
from catchall.store.db import Database

router = APIRouter(tags=["screening"])

MAX_QUERIES = 500


def _result(m: Match) -> dict[str, Any]:
    return {
        "id": m.id,
        "caption": m.caption,
        "schema": m.schema,
        "properties": m.properties,
        "datasets": m.datasets,
        "referents": [],
        "target": True,
        "score": round(m.score, 4),
        "match": m.match,
        "features": {k: round(v, 4) for k, v in m.features.items()},
        "explanations": {
            k: {"detail": text, "score": round(m.features.get(k, 0.0), 4)} for k, text in m.explanation.items()
        },
        "list_name": m.list_name,
        "list_version": m.list_version,
    }


@router.post("/match/{dataset}")
def match(
    dataset: str,
    body: dict[str, Any] = Body(
        ..., examples=[{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Kim Jong Un"]}}}}]
    ),
    threshold: float | None = Query(None, ge=0.0, le=1.0, description="Decision threshold for 'match'."),
    limit: int = Query(5, ge=1, le=500, description="Results per query."),
    db: Database = Depends(get_db),
    _user: Principal = Depends(any_user),
) -> dict[str, Any]:
    """Screen several entities against one list (yente-compatible request and response)."""
    queries = body.get("queries")
    if not isinstance(queries, dict) or not queries:
        raise InvalidInput("body must be {'queries': {key: entity, ...}} with at least one query")
    if len(queries) > MAX_QUERIES:
        raise TooLarge(f"at most {MAX_QUERIES} queries per request, got {len(queries)}")
    parsed = {key: screening_service.query_entity(q, f"queries.{key}") for key, q in queries.items()}
    if threshold is None:
        threshold = screening_service.default_threshold()
    index = screening_service.get_index(db, dataset)
    responses: dict[str, Any] = {}
    for key, entity in parsed.items():
        results = index.match(entity, threshold=threshold, limit=limit)
        responses[key] = {
            "status": 200,
            "results": [_result(m) for m in results],
            "total": {"value": len(results), "relation": "eq"},
            "query": {"id": entity.id, "schema": entity.schema_, "properties": entity.properties},
        }
    return {"responses": responses, "limit": limit, "list_version": index.version, "dataset": dataset}


@router.get("/search")
def search(
    q: str = Query(..., min_length=1, max_length=500, description="The name to look for."),
    dataset: str = Query("default", description="Which stored list to search."),
    schema: str = Query("LegalEntity", description="Person, Organization, Company or LegalEntity."),
    country: str | None = Query(None, max_length=10),
    limit: int = Query(10, ge=1, le=100),
    db: Database = Depends(get_db),
    _user: Principal = Depends(any_user),
) -> dict[str, Any]:
    """Listed entities whose names resemble ``q``, best first."""
    index = screening_service.get_index(db, dataset)
    results = index.match_name(
        q, country=country, schema=schema, limit=limit, threshold=screening_service.default_threshold()
    )
    return {
        "results": [_result(m) for m in results],
        "total": {"value": len(results), "relation": "eq"},
        "dataset": dataset,
        "list_version": index.version,
    }
