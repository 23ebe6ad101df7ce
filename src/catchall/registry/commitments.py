"""Commitments of states as of a date: MTCR partnership, unilateral adherence, pledges, HCOC subscription.

HCOC subscriptions come from :mod:`catchall.registry.hcoc_subscriptions` (owned by the HCOC registry); they
are listed as commitments but are not missile-*transfer* commitments (the Code asks for restraint and
transparency; it precludes no particular transfer), so they never by themselves make a finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from catchall.model.registry import Commitment
from catchall.registry import data

HCOC_LAUNCH = date(2002, 11, 25)


def hcoc_commitments() -> list[Commitment]:
    """One ``hcoc_subscription`` commitment per subscribing state (empty if the HCOC registry is absent)."""
    try:
        from catchall.registry.hcoc_subscriptions import subscribers
    except ImportError:  # the HCOC registry ships separately; without it there is simply nothing to list
        return []
    out: list[Commitment] = []
    for sub in subscribers(None):
        out.append(
            Commitment(
                id=f"{sub.state.lower()}-hcoc-subscription",
                state=sub.state,
                kind="hcoc_subscription",
                instrument="Hague Code of Conduct against Ballistic Missile Proliferation (subscription)",
                effect="restraint",
                since=sub.subscribed,
                uncertain=bool(sub.uncertain),
                transfer_commitment=False,
                summary="Subscribing state of the HCOC (launched 25 November 2002): restraint, annual "
                "declarations, pre-launch notifications.",
                source=sub.source,
            )
        )
    return out


class CommitmentBook:
    """An indexed set of commitments, queried by state and date."""

    def __init__(self, commitments: Iterable[Commitment]) -> None:
        by_id: dict[str, Commitment] = {}
        for c in commitments:
            by_id[c.id] = c  # later records (e.g. stored edits) replace shipped ones with the same id
        self._by_id = by_id
        self._by_state: dict[str, list[Commitment]] = defaultdict(list)
        for c in by_id.values():
            self._by_state[c.state].append(c)
        for lst in self._by_state.values():
            lst.sort(key=lambda c: (c.since, c.id))

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, commitment_id: str) -> Commitment | None:
        return self._by_id.get(commitment_id)

    def all(self) -> list[Commitment]:
        return sorted(self._by_id.values(), key=lambda c: (c.state, c.since, c.id))

    def of_state(self, state: str) -> list[Commitment]:
        """Every commitment of ``state`` ever made, oldest first."""
        return list(self._by_state.get(state.upper(), []))

    def in_force(self, state: str, on: date) -> list[Commitment]:
        return [c for c in self._by_state.get(state.upper(), []) if c.in_force(on)]

    def as_of(self, on: date) -> list[Commitment]:
        return [c for c in self.all() if c.in_force(on)]

    def states(self) -> list[str]:
        return sorted(self._by_state)


@lru_cache(maxsize=1)
def shipped_book() -> CommitmentBook:
    """The commitments shipped with catchall."""
    return CommitmentBook([*data.mtcr_partnerships(), *data.listed_commitments(), *hcoc_commitments()])


def commitments_in_force(state: str, on: date) -> list[Commitment]:
    return shipped_book().in_force(state, on)


def mtcr_partners(on: date) -> list[str]:
    """ISO codes of the MTCR partners on ``on``."""
    return sorted({c.state for c in shipped_book().as_of(on) if c.kind == "mtcr_partnership"})
