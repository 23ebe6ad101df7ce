"""A rough range ESTIMATE from design data, for sanity-checking a declared range. Not a classification.

Ideal velocity from the rocket equation, stage by stage (each stage lifts the stages above it and the
payload), less a flat fraction for gravity and drag losses; then the maximum ground range of a ballistic
flight from the surface of a spherical, non-rotating Earth without atmosphere at that burnout speed.
Real trajectories, burnout altitude, Earth rotation and lofted or depressed profiles are ignored, so the
answer is an order-of-magnitude check (typically within some tens of percent), never a capability finding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from catchall.errors import InvalidInput

G0 = 9.80665  # m/s², standard gravity (defines specific impulse in seconds)
EARTH_RADIUS_M = 6_371_000.0
DEFAULT_LOSS_FRACTION = 0.2  # gravity + drag losses of short- and medium-range missiles are roughly 15-25 %

LABEL = "ESTIMATE (rocket equation + simple ballistic model); not a capability determination"


@dataclass(frozen=True, slots=True)
class Stage:
    propellant_mass_kg: float
    dry_mass_kg: float
    isp_s: float


@dataclass(frozen=True, slots=True)
class RangeEstimate:
    payload_kg: float
    ideal_delta_v_m_s: float
    burnout_velocity_m_s: float
    loss_fraction: float
    range_km: float | None  # None when the burnout speed reaches orbital speed
    orbital: bool
    assumptions: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "label": LABEL,
            "payload_kg": self.payload_kg,
            "ideal_delta_v_m_s": round(self.ideal_delta_v_m_s, 1),
            "burnout_velocity_m_s": round(self.burnout_velocity_m_s, 1),
            "loss_fraction": self.loss_fraction,
            "estimated_range_km": None if self.range_km is None else round(self.range_km, 1),
            "reaches_orbital_speed": self.orbital,
            "assumptions": list(self.assumptions),
        }


def stages_from(raw: Sequence[dict[str, float]]) -> list[Stage]:
    return [Stage(s["propellant_mass_kg"], s["dry_mass_kg"], s["isp_s"]) for s in raw]


def ideal_delta_v(stages: Sequence[Stage], payload_kg: float) -> float:
    """Sum of g0·Isp·ln(m_start/m_end) over the stages, first stage first."""
    if not stages:
        raise InvalidInput("estimate: at least one stage is needed")
    if payload_kg < 0:
        raise InvalidInput(f"estimate: payload_kg must not be negative, got {payload_kg}")
    total = 0.0
    above = payload_kg + sum(s.propellant_mass_kg + s.dry_mass_kg for s in stages)
    for i, s in enumerate(stages):
        if s.isp_s <= 0:
            raise InvalidInput(f"estimate: stages[{i}].isp_s must be positive")
        start = above
        end = above - s.propellant_mass_kg
        if end <= 0:
            raise InvalidInput(f"estimate: stages[{i}] leaves no mass after burnout")
        total += G0 * s.isp_s * math.log(start / end)
        above -= s.propellant_mass_kg + s.dry_mass_kg
    return total


def ballistic_range_m(velocity_m_s: float) -> float | None:
    """Maximum ground range on a spherical Earth for a burnout speed at the surface (None if orbital)."""
    nu = velocity_m_s**2 / (G0 * EARTH_RADIUS_M)
    if nu >= 1.0:
        return None
    half_angle = math.asin(nu / (2.0 - nu))
    return 2.0 * half_angle * EARTH_RADIUS_M


def estimate_range(
    stages: Sequence[Stage], payload_kg: float, *, loss_fraction: float = DEFAULT_LOSS_FRACTION
) -> RangeEstimate:
    if not 0.0 <= loss_fraction < 1.0:
        raise InvalidInput(f"estimate: loss_fraction must be in [0, 1), got {loss_fraction}")
    dv = ideal_delta_v(stages, payload_kg)
    v = dv * (1.0 - loss_fraction)
    rng = ballistic_range_m(v)
    return RangeEstimate(
        payload_kg=payload_kg,
        ideal_delta_v_m_s=dv,
        burnout_velocity_m_s=v,
        loss_fraction=loss_fraction,
        range_km=None if rng is None else rng / 1000.0,
        orbital=rng is None,
        assumptions=(
            "ideal rocket equation per stage with the given specific impulses",
            f"gravity and drag losses taken as {loss_fraction:.0%} of the ideal velocity",
            "burnout at the surface, optimum flight path angle, spherical non-rotating Earth, no atmosphere",
        ),
    )
