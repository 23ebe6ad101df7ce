"""The shipped subscription registry: counts over time, notable non-subscribers, sources, as-of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from catchall.errors import DataError
from catchall.registry import hcoc_subscriptions as reg

LAUNCH = dt.date(2002, 11, 25)


def test_145_subscribers_as_of_2024_and_93_at_the_launch() -> None:
    assert reg.count() == 145
    assert reg.count(dt.date(2024, 3, 11)) == 145
    assert reg.count(dt.date(2024, 3, 10)) == 144  # Qatar, the 145th, joined on 11 March 2024
    assert reg.count(LAUNCH) == 93
    assert reg.count(LAUNCH - dt.timedelta(days=1)) == 0


def test_counts_grow_through_the_documented_milestones() -> None:
    assert reg.count(dt.date(2016, 5, 31)) == 137
    assert reg.count(dt.date(2016, 6, 1)) == 138  # India
    assert reg.count(dt.date(2020, 2, 19)) == 143  # Somalia


@pytest.mark.parametrize("state", ["CN", "PK", "IR", "KP", "IL", "EG", "SY", "SA", "ID", "BR", "AE", "VN"])
def test_notable_non_subscribers_are_not_subscribers(state: str) -> None:
    assert reg.subscription(state) is None
    assert not reg.is_subscriber(state, dt.date(2030, 1, 1))


def test_india_subscribed_on_1_june_2016() -> None:
    sub = reg.subscription("IN")
    assert sub is not None and sub.subscribed == dt.date(2016, 6, 1) and not sub.uncertain
    assert not reg.is_subscriber("IN", dt.date(2016, 5, 31))
    assert reg.is_subscriber("IN", dt.date(2016, 6, 1))


def test_as_of_list_is_ordered_and_excludes_later_subscribers() -> None:
    subs = reg.subscribers(dt.date(2016, 6, 1))
    assert subs == sorted(subs, key=lambda s: (s.subscribed, s.state))
    states = {s.state for s in subs}
    assert "IN" in states and "SO" not in states and "QA" not in states


def test_every_record_has_a_source_and_uncertain_dates_are_marked() -> None:
    subs = reg.subscribers()
    assert all(s.source.strip() for s in subs)
    assert {s.state for s in subs if not s.uncertain} >= {"IN", "SO", "ST", "QA"}
    founding = [s for s in subs if s.subscribed == LAUNCH]
    assert founding and all(s.uncertain for s in founding)  # only "founding subscriber" is known


def test_lookup_accepts_alpha3_and_any_case() -> None:
    assert reg.subscription("fra") == reg.subscription("FR")
    assert reg.subscription("gb") is not None
    assert reg.subscription("not a code") is None


def test_bad_registry_data_names_the_record() -> None:
    with pytest.raises(DataError, match=r"subscriber #2.*source"):
        reg.parse_subscriptions(
            {
                "subscribers": [
                    {"state": "FR", "subscribed": "2002-11-25", "source": "x"},
                    {"state": "DE", "subscribed": "2002-11-25"},
                ]
            }
        )
    with pytest.raises(DataError, match="FR is listed twice"):
        reg.parse_subscriptions({"subscribers": [{"state": "FR", "subscribed": "2002-11-25", "source": "x"}] * 2})
