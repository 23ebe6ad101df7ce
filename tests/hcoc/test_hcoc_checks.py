"""Launch statuses: each rule, their precedence, and the date boundaries (windows inclusive, 30-day near miss)."""

from __future__ import annotations

import pytest

from catchall.hcoc.checks import NEAR_MISS_DAYS, check_launch, check_launches
from catchall.model.hcoc import LaunchStatus, Subscription

from .hcoc_builders import BM, SLV, launch, lookup_of, pln

FR = lookup_of(FR="2002-11-25", IN="2016-06-01")
WINDOW = pln("p1", submitted="2020-05-01", start="2020-06-10", end="2020-06-20")


def status(on: str, plns=(WINDOW,), lookup=FR, **kw):  # type: ignore[no-untyped-def]
    return check_launch(launch(on, **kw), list(plns), lookup)


# --- notified ---------------------------------------------------------------------------------------


def test_launch_inside_window_of_timely_pln_is_notified() -> None:
    r = status("2020-06-15")
    assert r.status is LaunchStatus.notified and r.notification == "p1"
    assert r.reasons[0].rule == "hcoc.pln.notified" and "2020-06-10" in r.reasons[0].text


@pytest.mark.parametrize("day", ["2020-06-10", "2020-06-20"])
def test_window_includes_its_first_and_last_day(day: str) -> None:
    assert status(day).status is LaunchStatus.notified


def test_pln_submitted_the_day_before_the_window_is_timely() -> None:
    p = pln(submitted="2020-06-09", start="2020-06-10", end="2020-06-20")
    assert status("2020-06-10", [p]).status is LaunchStatus.notified


def test_one_day_window_contains_its_day() -> None:
    p = pln(submitted="2020-06-01", start="2020-06-10", end="2020-06-10")
    assert status("2020-06-10", [p]).status is LaunchStatus.notified


# --- late_notification ------------------------------------------------------------------------------


def test_pln_submitted_on_the_first_day_of_its_window_is_late() -> None:
    # The window has begun at the start of its first day: a PLN sent that day was not sent before it.
    p = pln(submitted="2020-06-10", start="2020-06-10", end="2020-06-20")
    r = status("2020-06-12", [p])
    assert r.status is LaunchStatus.late_notification and r.notification == "p1"
    assert "first day of its window" in r.reasons[0].text


def test_pln_submitted_after_window_began_but_before_launch_is_late() -> None:
    p = pln(submitted="2020-06-12", start="2020-06-10", end="2020-06-20")
    r = status("2020-06-15", [p])
    assert r.status is LaunchStatus.late_notification
    assert "2 day(s) after its window began" in r.reasons[0].text


def test_pln_submitted_after_the_launch_is_late() -> None:
    p = pln(submitted="2020-06-18", start="2020-06-10", end="2020-06-20")
    r = status("2020-06-15", [p])
    assert r.status is LaunchStatus.late_notification
    assert "after the launch" in r.reasons[0].text


def test_late_pln_on_window_boundary_day_is_still_late_not_outside() -> None:
    p = pln(submitted="2020-06-25", start="2020-06-10", end="2020-06-20")
    assert status("2020-06-20", [p]).status is LaunchStatus.late_notification


# --- outside_window (near miss) ---------------------------------------------------------------------


def test_day_after_window_end_is_outside_window() -> None:
    r = status("2020-06-21")
    assert r.status is LaunchStatus.outside_window and r.notification == "p1"
    assert r.reasons[0].data["days_outside"] == 1


def test_day_before_window_start_is_outside_window() -> None:
    r = status("2020-06-09")
    assert r.status is LaunchStatus.outside_window
    assert "before its window began" in r.reasons[0].text


def test_near_miss_30_days_after_window_end_counts_31_does_not() -> None:
    assert NEAR_MISS_DAYS == 30
    assert status("2020-07-20").status is LaunchStatus.outside_window  # 20 Jun + 30 days
    assert status("2020-07-21").status is LaunchStatus.not_notified  # + 31 days


def test_near_miss_30_days_before_window_start_counts_31_does_not() -> None:
    assert status("2020-05-11").status is LaunchStatus.outside_window  # 10 Jun - 30 days
    assert status("2020-05-10").status is LaunchStatus.not_notified  # - 31 days


def test_near_miss_does_not_depend_on_when_the_pln_was_submitted() -> None:
    p = pln(submitted="2020-07-01", start="2020-06-10", end="2020-06-20")
    assert status("2020-06-25", [p]).status is LaunchStatus.outside_window


def test_nearest_window_is_named_for_a_near_miss() -> None:
    far = pln("far", start="2020-06-01", end="2020-06-05")
    near = pln("near", start="2020-06-10", end="2020-06-20")
    r = status("2020-06-23", [far, near])
    assert r.status is LaunchStatus.outside_window and r.notification == "near"


# --- not_notified ------------------------------------------------------------------------------------


def test_no_pln_at_all_is_not_notified() -> None:
    r = status("2020-06-15", [])
    assert r.status is LaunchStatus.not_notified and r.notification is None
    assert r.reasons[0].rule == "hcoc.pln.none"


def test_pln_of_another_class_does_not_count() -> None:
    p = pln(vehicle_class=SLV)
    assert status("2020-06-15", [p], vehicle_class=BM).status is LaunchStatus.not_notified


def test_pln_of_another_state_does_not_count() -> None:
    p = pln(state="DE")
    lookup = lookup_of(FR="2002-11-25", DE="2002-11-25")
    assert status("2020-06-15", [p], lookup).status is LaunchStatus.not_notified


def test_far_window_is_reported_with_its_distance() -> None:
    r = status("2020-09-01")
    assert r.status is LaunchStatus.not_notified
    assert r.reasons[0].data["nearest"] == "p1" and r.reasons[0].data["days_away"] == 73


# --- not_subscribed and precedence -----------------------------------------------------------------------


def test_state_absent_from_registry_is_not_subscribed_even_with_a_timely_pln() -> None:
    p = pln(state="PK")
    r = status("2020-06-15", [p], state="PK")
    assert r.status is LaunchStatus.not_subscribed and r.notification is None
    assert r.reasons[0].rule == "hcoc.subscription.none"


def test_launch_before_subscription_is_not_subscribed() -> None:
    p = pln(state="IN", submitted="2016-05-01", start="2016-05-20", end="2016-05-31")
    r = status("2016-05-31", [p], state="IN")
    assert r.status is LaunchStatus.not_subscribed
    assert "2016-06-01" in r.reasons[0].text


def test_launch_on_the_subscription_day_is_checked_as_a_subscriber() -> None:
    p = pln(state="IN", submitted="2016-05-01", start="2016-05-20", end="2016-06-05")
    assert status("2016-06-01", [p], state="IN").status is LaunchStatus.notified


def test_timely_pln_wins_over_a_late_one_for_the_same_launch() -> None:
    late = pln("late", submitted="2020-06-12", start="2020-06-10", end="2020-06-20")
    timely = pln("timely", submitted="2020-06-01", start="2020-06-14", end="2020-06-16")
    r = status("2020-06-15", [late, timely])
    assert r.status is LaunchStatus.notified and r.notification == "timely"


def test_covering_late_pln_wins_over_a_near_miss() -> None:
    late = pln("late", submitted="2020-06-16", start="2020-06-15", end="2020-06-15")
    near = pln("near", submitted="2020-05-01", start="2020-06-01", end="2020-06-14")
    r = status("2020-06-15", [near, late])
    assert r.status is LaunchStatus.late_notification and r.notification == "late"


def test_uncertain_subscription_date_near_the_launch_is_mentioned() -> None:
    sub = Subscription(state="LS", subscribed="2018-06-30", uncertain=True, source="test")  # type: ignore[arg-type]
    r = status("2018-09-01", [], {"LS": sub}.get, state="LS")
    assert r.status is LaunchStatus.not_notified
    assert any(x.rule == "hcoc.subscription.uncertain" for x in r.reasons)


def test_check_launches_keeps_input_order_and_uses_the_shipped_registry() -> None:
    results = check_launches(
        [launch("2019-08-29", id="a", state="PK"), launch("2020-06-15", id="b", state="FR")], [WINDOW]
    )
    assert [(r.id, r.status) for r in results] == [("a", LaunchStatus.not_subscribed), ("b", LaunchStatus.notified)]


def test_output_line_has_the_contract_shape() -> None:
    line = status("2020-06-15").to_line()
    assert set(line) == {"id", "status", "notification", "reasons"}
    assert line["status"] == "notified" and line["notification"] == "p1"
    assert isinstance(line["reasons"][0]["text"], str) and line["reasons"][0]["rule"].startswith("hcoc.")


def _reference_status(obs, plns, subscribed):  # type: ignore[no-untyped-def]
    """The issue's rules written out literally, without any index: the oracle for the randomized test."""
    if subscribed is None or subscribed > obs.date:
        return LaunchStatus.not_subscribed
    same = [p for p in plns if p.state == obs.state and p.vehicle_class == obs.vehicle_class]
    covering = [p for p in same if p.window_start <= obs.date <= p.window_end]
    if any(p.submitted < p.window_start for p in covering):
        return LaunchStatus.notified
    if covering:
        return LaunchStatus.late_notification
    if any(0 <= (obs.date - p.window_end).days <= 30 or 0 <= (p.window_start - obs.date).days <= 30 for p in same):
        return LaunchStatus.outside_window
    return LaunchStatus.not_notified


def test_indexed_checks_agree_with_the_literal_rules_on_random_cases() -> None:
    import datetime as dt
    import random

    rng = random.Random(20021125)
    base = dt.date(2016, 1, 1)
    subs = {"FR": base, "IN": base + dt.timedelta(days=200)}
    lookup = {s: Subscription(state=s, subscribed=on, source="t") for s, on in subs.items()}.get
    plns = []
    for i in range(300):
        start = base + dt.timedelta(days=rng.randrange(0, 700))
        plns.append(
            pln(
                f"p{i}",
                state=rng.choice(["FR", "IN", "PK"]),
                submitted=(start + dt.timedelta(days=rng.randrange(-10, 5))).isoformat(),
                start=start.isoformat(),
                end=(start + dt.timedelta(days=rng.randrange(0, 40))).isoformat(),
                vehicle_class=rng.choice([BM, SLV]),
            )
        )
    launches = [
        launch(
            (base + dt.timedelta(days=rng.randrange(-30, 760))).isoformat(),
            id=f"l{i}",
            state=rng.choice(["FR", "IN", "PK"]),
            vehicle_class=rng.choice([BM, SLV]),
        )
        for i in range(2000)
    ]
    got = check_launches(launches, plns, lookup)
    expected = [_reference_status(x, plns, subs.get(x.state)) for x in launches]
    assert [r.status for r in got] == expected
    assert len(set(expected)) == len(LaunchStatus)  # every status occurs, so the comparison is not vacuous
