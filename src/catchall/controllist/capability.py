"""Range/payload capability: can the system deliver the threshold payload to the threshold range?

Input is a set of (payload_kg, range_km) points: one declared point, or a payload-range curve. Points are
joined in order of payload by straight lines; nothing is read beyond the first and last points (no
extrapolation). Boundaries are inclusive: exactly 500 kg to exactly 300 km is capable.

On a straight segment the best place to look is at an end, or where the payload equals the threshold,
so checking the given points and the interpolated range at the threshold payload decides the question.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Guards against binary floating point turning an exact boundary (e.g. 299.99999999999994) into a miss.
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Capability:
    """What the payload-range data says about the Category I threshold."""

    points: tuple[tuple[float, float], ...]
    payload_threshold_kg: float
    range_threshold_km: float
    capable: bool | None  # None: no payload given, so the question cannot be answered
    range_at_threshold_payload_km: float | None
    payload_at_threshold_range_kg: float | None
    max_range_km: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "capable_500kg_300km": self.capable,
            "range_at_500kg_km": rounded(self.range_at_threshold_payload_km),
            "payload_at_300km_kg": rounded(self.payload_at_threshold_range_kg),
            "max_range_km": rounded(self.max_range_km),
            "points": [list(p) for p in self.points],
            "method": "linear interpolation between given points, no extrapolation, inclusive thresholds",
        }


def rounded(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def _ge(a: float, b: float) -> bool:
    return a >= b - _EPS * max(1.0, abs(b))


def assess(
    points: Iterable[tuple[float, float]],
    *,
    payload_kg: float = 500.0,
    range_km: float = 300.0,
    range_only: float | None = None,
) -> Capability:
    """Decide capability from (payload, range) points; ``range_only`` is a range declared without payload."""
    pts = tuple(sorted((float(p), float(r)) for p, r in points))
    max_range = max((r for _, r in pts), default=None)
    if range_only is not None:
        max_range = range_only if max_range is None else max(max_range, range_only)
    if not pts:
        return Capability(pts, payload_kg, range_km, None, None, None, max_range)

    at_payload: float | None = None
    at_range: float | None = None
    capable = any(_ge(p, payload_kg) and _ge(r, range_km) for p, r in pts)
    for p, r in pts:
        if abs(p - payload_kg) <= _EPS * max(1.0, payload_kg):
            at_payload = r if at_payload is None else max(at_payload, r)
        if abs(r - range_km) <= _EPS * max(1.0, range_km):
            at_range = p if at_range is None else max(at_range, p)
    for (p1, r1), (p2, r2) in itertools.pairwise(pts):
        if p1 < payload_kg < p2:
            r = r1 + (payload_kg - p1) * (r2 - r1) / (p2 - p1)
            at_payload = r if at_payload is None else max(at_payload, r)
            if _ge(r, range_km):
                capable = True
        if min(r1, r2) < range_km < max(r1, r2):
            p = p1 + (range_km - r1) * (p2 - p1) / (r2 - r1)
            at_range = p if at_range is None else max(at_range, p)
    return Capability(pts, payload_kg, range_km, capable, at_payload, at_range, max_range)


def from_parameters(params: dict[str, Any], *, payload_kg: float = 500.0, range_km: float = 300.0) -> Capability:
    """Capability from an item's parameters: ``payload_range_curve`` and/or the ``payload_kg``/``range_km`` point
    (``design_range_km`` stands in for ``range_km`` when only it is given)."""
    points: list[tuple[float, float]] = [(p, r) for p, r in params.get("payload_range_curve") or ()]
    declared_range = params.get("range_km")
    if declared_range is None:
        # A complete system described only by its design range is judged on that range.
        declared_range = params.get("design_range_km")
    declared_payload = params.get("payload_kg")
    range_only = None
    if declared_range is not None and declared_payload is not None:
        points.append((declared_payload, declared_range))
    elif declared_range is not None:
        range_only = declared_range
    return assess(points, payload_kg=payload_kg, range_km=range_km, range_only=range_only)
