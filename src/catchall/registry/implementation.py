"""National implementation facts (export control laws, lists, catch-all and intangible-transfer controls)."""

from __future__ import annotations

from datetime import date

from catchall.model.registry import ImplementationFact
from catchall.registry import data


def facts(state: str | None = None, as_of: date | None = None) -> list[ImplementationFact]:
    out = [
        f
        for f in data.implementation_facts()
        if (state is None or f.state == state.upper()) and (as_of is None or f.since <= as_of)
    ]
    return sorted(out, key=lambda f: (f.state, f.since, f.id))
