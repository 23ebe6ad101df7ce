"""Annual declaration checks: submitted or not, and declared launch counts against observed ones."""

from __future__ import annotations

import datetime as dt

from catchall.hcoc.declarations import check_declarations
from catchall.model.hcoc import AnnualDeclaration, Subscription

from .hcoc_builders import BM, SLV, launch

SUBS = [
    Subscription(state="FR", subscribed=dt.date(2002, 11, 25), source="t"),
    Subscription(state="GB", subscribed=dt.date(2002, 11, 25), source="t"),
    Subscription(state="IN", subscribed=dt.date(2016, 6, 1), source="t"),
]


def decl(state: str, year: int, **launches: int) -> AnnualDeclaration:
    return AnnualDeclaration(state=state, year=year, submitted=dt.date(year + 1, 3, 1), policies="p", launches=launches)  # type: ignore[arg-type]


def by_state(year: int, declarations, launches):  # type: ignore[no-untyped-def]
    return {c.state: c for c in check_declarations(year, declarations, launches, SUBS)}


def test_missing_declaration_is_reported_for_each_expected_subscriber() -> None:
    r = by_state(2019, [decl("FR", 2019)], [])
    assert r["GB"].submitted is False and r["GB"].launches_agree is None
    assert r["GB"].reasons[-1].rule == "hcoc.declaration.missing"
    assert r["FR"].submitted is True and r["FR"].submitted_on == dt.date(2020, 3, 1)


def test_declared_counts_agreeing_with_observed_launches() -> None:
    launches = [launch("2019-03-01", id="a", vehicle_class=BM), launch("2019-09-01", id="b", vehicle_class=SLV)]
    r = by_state(2019, [decl("FR", 2019, ballistic_missile=1, space_launch_vehicle=1)], launches)
    assert r["FR"].launches_agree is True
    assert r["FR"].reasons[-1].rule == "hcoc.declaration.counts_agree"


def test_count_mismatch_names_class_declared_and_observed() -> None:
    launches = [launch("2019-03-01", id="a"), launch("2019-04-01", id="b")]
    r = by_state(2019, [decl("FR", 2019, ballistic_missile=1)], launches)
    assert r["FR"].launches_agree is False
    (mismatch,) = [x for x in r["FR"].reasons if x.rule == "hcoc.declaration.count_mismatch"]
    assert mismatch.data == {"state": "FR", "year": 2019, "class": "ballistic_missile", "declared": 1, "observed": 2}


def test_omitted_class_declares_zero_and_launches_of_other_years_do_not_count() -> None:
    launches = [
        launch("2018-12-31", id="a"),
        launch("2020-01-01", id="b"),
        launch("2019-05-05", id="c", vehicle_class=SLV),
    ]
    r = by_state(2019, [decl("FR", 2019)], launches)
    assert r["FR"].launches_agree is False
    counts = {c.vehicle_class: (c.declared, c.observed) for c in r["FR"].counts}
    assert counts == {BM: (0, 0), SLV: (0, 1)}


def test_state_subscribing_after_the_year_is_not_expected_but_a_voluntary_declaration_is_shown() -> None:
    r = by_state(2015, [decl("IN", 2015)], [])
    assert r["IN"].subscriber is False and r["IN"].submitted is True
    assert r["IN"].reasons[0].rule == "hcoc.declaration.not_subscriber"
    assert "IN" in by_state(2016, [], [])  # subscribed 1 June 2016: expected to declare for 2016
