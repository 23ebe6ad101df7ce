"""The rocket-equation range estimate (a sanity check, clearly labelled, never a classification)."""

from __future__ import annotations

import math

import pytest

from catchall.controllist.estimate import G0, LABEL, Stage, ballistic_range_m, estimate_range, ideal_delta_v
from catchall.errors import InvalidInput


def test_single_stage_rocket_equation() -> None:
    stage = Stage(propellant_mass_kg=3000, dry_mass_kg=1000, isp_s=250)
    expected = G0 * 250 * math.log((3000 + 1000 + 1000) / (1000 + 1000))
    assert ideal_delta_v([stage], payload_kg=1000) == pytest.approx(expected)


def test_two_stages_carry_the_upper_stage_as_payload_of_the_first() -> None:
    s1, s2 = Stage(10_000, 1_500, 260), Stage(2_000, 400, 290)
    dv = ideal_delta_v([s1, s2], 500)
    first = G0 * 260 * math.log((11_500 + 2_400 + 500) / (1_500 + 2_400 + 500))
    second = G0 * 290 * math.log((2_400 + 500) / (400 + 500))
    assert dv == pytest.approx(first + second)


def test_ballistic_range_near_flat_earth_for_low_speed() -> None:
    v = 1000.0
    assert ballistic_range_m(v) == pytest.approx(v * v / G0, rel=0.02)
    assert ballistic_range_m(8000.0) is None  # orbital


def test_scud_class_estimate_is_in_the_published_range_band() -> None:
    est = estimate_range([Stage(3770, 1130, 226)], payload_kg=985)
    assert est.range_km is not None and 250 < est.range_km < 450
    out = est.to_json()
    assert out["label"] == LABEL and "ESTIMATE" in out["label"]
    assert out["reaches_orbital_speed"] is False


def test_more_payload_means_less_range() -> None:
    stages = [Stage(3770, 1130, 226)]
    light = estimate_range(stages, 500).range_km
    heavy = estimate_range(stages, 1500).range_km
    assert light is not None and heavy is not None and light > heavy


@pytest.mark.parametrize("loss", [-0.1, 1.0])
def test_bad_loss_fraction(loss: float) -> None:
    with pytest.raises(InvalidInput, match="loss_fraction"):
        estimate_range([Stage(1, 1, 200)], 1, loss_fraction=loss)
