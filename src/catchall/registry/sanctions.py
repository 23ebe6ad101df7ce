"""Missile sanctions determinations and the built-in watch list made of those in force on a date.

``watchlist_entities(as_of)`` turns the determinations in force on ``as_of`` into FollowTheMoney entities
(dataset ``us-missile-sanctions``): one entity per sanctioned party (same name and country), carrying its
aliases, country, the authorities and the window of the determinations in force, ready for
``catchall.screening.index.ScreeningIndex.build(entities, ...)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from catchall.model.entity import Entity
from catchall.model.registry import SanctionedEntity, SanctionsDetermination
from catchall.registry import data

DATASET = "us-missile-sanctions"

SCHEMA_OF_KIND = {"person": "Person", "company": "Company", "organization": "Organization", "public_body": "PublicBody"}


def entity_key(entity: SanctionedEntity) -> str:
    """A stable id for a sanctioned party: its country and a slug of its name."""
    slug = re.sub(r"[^a-z0-9]+", "-", entity.name.lower()).strip("-")
    return f"{DATASET}-{entity.country.lower()}-{slug}"


class SanctionsBook:
    """An indexed set of determinations, queried by date, state and entity."""

    def __init__(self, determinations: Iterable[SanctionsDetermination]) -> None:
        by_id: dict[str, SanctionsDetermination] = {}
        for d in determinations:
            by_id[d.id] = d
        self._all = sorted(by_id.values(), key=lambda d: (d.effective_date, d.id))
        self._by_id = by_id

    def __len__(self) -> int:
        return len(self._all)

    def get(self, determination_id: str) -> SanctionsDetermination | None:
        return self._by_id.get(determination_id)

    def all(self) -> list[SanctionsDetermination]:
        return list(self._all)

    def in_force(self, on: date) -> list[SanctionsDetermination]:
        return [d for d in self._all if d.in_force(on)]

    def against_state(self, state: str) -> list[SanctionsDetermination]:
        """Determinations against entities of ``state`` (the entity's country), oldest first."""
        code = state.upper()
        return [d for d in self._all if d.entity.country == code]

    def query(self, *, as_of: date | None = None, state: str | None = None) -> list[SanctionsDetermination]:
        out = self._all if as_of is None else self.in_force(as_of)
        if state is not None:
            out = [d for d in out if d.entity.country == state.upper()]
        return list(out)

    def watchlist(self, as_of: date) -> list[Entity]:
        """FtM entities of the parties under a determination in force on ``as_of``."""
        grouped: dict[str, list[SanctionsDetermination]] = {}
        for d in self.in_force(as_of):
            grouped.setdefault(entity_key(d.entity), []).append(d)
        out = []
        for key, dets in sorted(grouped.items()):
            out.append(_to_entity(key, dets))
        return out


def _to_entity(key: str, dets: list[SanctionsDetermination]) -> Entity:
    first = dets[0].entity
    aliases: list[str] = []
    for d in dets:
        for a in d.entity.aliases:
            if a != first.name and a not in aliases:
                aliases.append(a)
    ends = [d.end for d in dets]
    props: dict[str, list[str]] = {
        "name": [first.name],
        "alias": aliases,
        "country": [first.country.lower()],
        "topics": ["sanction"],
        "program": sorted({a for d in dets for a in d.authorities}),
        "notes": [d.summary for d in dets if d.summary],
        "sourceUrl": sorted({d.source for d in dets}),
        "startDate": [min(d.effective_date for d in dets).isoformat()],
        "recordId": [d.id for d in dets],
    }
    if all(e is not None for e in ends):
        props["endDate"] = [max(e for e in ends if e is not None).isoformat()]
    return Entity.model_validate(
        {"id": key, "schema": SCHEMA_OF_KIND.get(first.kind, "LegalEntity"), "properties": props, "datasets": [DATASET]}
    )


@lru_cache(maxsize=1)
def shipped_book() -> SanctionsBook:
    return SanctionsBook(data.determinations())


def determinations_in_force(on: date) -> list[SanctionsDetermination]:
    return shipped_book().in_force(on)


def watchlist_entities(as_of: date) -> list[Entity]:
    """The built-in watch list: the shipped determinations in force on ``as_of`` as FtM entities."""
    return shipped_book().watchlist(as_of)
