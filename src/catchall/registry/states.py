"""States: every ISO 3166-1 country (pycountry) with its regime memberships and their dates."""

from __future__ import annotations

from datetime import date

import pycountry

from catchall.errors import InvalidInput, NotFound
from catchall.model.registry import Commitment, Membership, State
from catchall.registry.commitments import CommitmentBook, shipped_book

# commitment kind -> regime name of the membership it constitutes
MEMBERSHIP_KINDS = {"mtcr_partnership": "MTCR", "hcoc_subscription": "HCOC"}


def normalise_state(value: str) -> str:
    """An ISO alpha-2 code from alpha-2, alpha-3 or an exact/common country name; InvalidInput otherwise."""
    text = (value or "").strip()
    if not text:
        raise InvalidInput("state: empty; give an ISO 3166 code such as CN")
    found = None
    if len(text) == 2:
        found = pycountry.countries.get(alpha_2=text.upper())
    elif len(text) == 3:
        found = pycountry.countries.get(alpha_3=text.upper())
    if found is None:
        try:
            found = pycountry.countries.lookup(text)
        except LookupError:
            found = None
    if found is None:
        raise InvalidInput(f"state {value!r}: not an ISO 3166 country code or name")
    return str(found.alpha_2)


def _membership(c: Commitment) -> Membership:
    return Membership(
        regime=MEMBERSHIP_KINDS[c.kind],
        since=c.since,
        until=c.until,
        precision=c.precision,
        uncertain=c.uncertain,
        source=c.source,
    )


def state(code: str, book: CommitmentBook | None = None) -> State:
    """The state with ``code`` (alpha-2/alpha-3/name) and its memberships."""
    alpha2 = normalise_state(code)
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:  # pragma: no cover - normalise_state only returns known codes
        raise NotFound(f"state {code!r} not found")
    return _build(country, book or shipped_book())


def _build(country: object, book: CommitmentBook) -> State:
    alpha2 = str(getattr(country, "alpha_2"))  # noqa: B009 - pycountry records are dynamic
    members = [_membership(c) for c in book.of_state(alpha2) if c.kind in MEMBERSHIP_KINDS]
    return State(
        code=alpha2,
        alpha3=str(getattr(country, "alpha_3")),  # noqa: B009
        name=str(getattr(country, "common_name", None) or getattr(country, "name")),  # noqa: B009
        official_name=getattr(country, "official_name", None),
        memberships=members,
    )


def all_states(
    book: CommitmentBook | None = None, *, as_of: date | None = None, regime: str | None = None
) -> list[State]:
    """Every ISO 3166 country; with ``regime`` only those members of it (on ``as_of`` if given)."""
    book = book or shipped_book()
    out = []
    for country in pycountry.countries:
        st = _build(country, book)
        if regime is not None:
            ms = [m for m in st.memberships if m.regime == regime.upper()]
            if not ms or (as_of is not None and not any(m.in_force(as_of) for m in ms)):
                continue
        out.append(st)
    return sorted(out, key=lambda s: s.code)


def state_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)
