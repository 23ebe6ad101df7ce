"""Builders for applications and classified items, so each test states only what it is about."""

from __future__ import annotations

from typing import Any

from catchall.model.application import Application, parse_application
from catchall.policy import ClassifiedItem


def application(**overrides: Any) -> Application:
    base: dict[str, Any] = {
        "id": "A1",
        "date": "2011-01-01",
        "destination": "AE",
        "items": [{"id": "i1", "kind": "other", "description": "test item"}],
        "parties": [{"role": "end_user", "name": "Gulf Composite Structures FZE", "country": "AE"}],
        "end_use": "civil",
        "information": {"wmd_delivery": False, "terrorism_risk": False},
        "assurances": {"government_to_government": False, "end_use": True, "no_retransfer": True},
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return parse_application(base)


def item(category: str | None, *entries: str, ident: str = "i1", **kw: Any) -> ClassifiedItem:
    return ClassifiedItem(id=ident, category=category, entries=tuple(entries), **kw)  # type: ignore[arg-type]


def exact_names(a: str, b: str) -> float:
    """A deliberately strict scorer: the policy tests are about the rule, not about fuzzy matching."""
    return 1.0 if a.casefold().split() == b.casefold().split() else 0.0
