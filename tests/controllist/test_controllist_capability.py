"""Range/payload capability: linear interpolation, no extrapolation, inclusive thresholds."""

from __future__ import annotations

import pytest

from catchall.controllist.capability import assess, from_parameters


def test_single_point_above_both_thresholds() -> None:
    c = assess([(1000, 2500)])
    assert c.capable is True
    assert c.range_at_threshold_payload_km is None  # 500 kg is outside the given data: not extrapolated
    assert c.max_range_km == 2500


@pytest.mark.parametrize(("payload", "rng", "capable"), [(500, 300, True), (499.9, 5000, False), (5000, 299.9, False)])
def test_boundaries_are_inclusive(payload: float, rng: float, capable: bool) -> None:
    assert assess([(payload, rng)]).capable is capable


def test_curve_crossing_the_threshold_interpolates() -> None:
    c = assess([(1000, 200), (400, 400)])
    assert c.capable is True
    assert c.range_at_threshold_payload_km == pytest.approx(366.6667, abs=1e-3)
    assert c.payload_at_threshold_range_kg == pytest.approx(700.0)
    assert c.to_json()["range_at_500kg_km"] == 366.7


def test_curve_passing_below_the_corner_is_not_capable() -> None:
    # 0.75 km per kg: at 500 kg the line gives 250 km; at 300 km it gives 433.3 kg. Corner never reached.
    c = assess([(700, 100), (300, 400)])
    assert c.capable is False
    assert c.range_at_threshold_payload_km == pytest.approx(250.0)
    assert c.payload_at_threshold_range_kg == pytest.approx(433.333, abs=1e-3)


def test_curve_exactly_through_the_corner_is_capable() -> None:
    c = assess([(700, 150), (300, 450)])  # at 500 kg: exactly 300 km
    assert c.range_at_threshold_payload_km == pytest.approx(300.0)
    assert c.capable is True


def test_no_extrapolation_beyond_the_points() -> None:
    # Both points carry less than 500 kg; a straight line would reach 500 kg at a long range, but that is
    # beyond the data and must not be read.
    c = assess([(100, 2000), (400, 1000)])
    assert c.capable is False
    assert c.range_at_threshold_payload_km is None
    assert c.payload_at_threshold_range_kg is None


def test_range_without_payload_cannot_decide() -> None:
    c = from_parameters({"range_km": 800})
    assert c.capable is None
    assert c.max_range_km == 800


def test_point_and_curve_are_combined() -> None:
    c = from_parameters({"payload_range_curve": [[200, 900]], "payload_kg": 600, "range_km": 350})
    assert c.capable is True
    assert c.max_range_km == 900
    assert len(c.points) == 2
