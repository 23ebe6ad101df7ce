"""Builders for HCOC records used across the HCOC tests, and the path of the development dataset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from catchall.model.hcoc import Launch, PreLaunchNotification, Subscription, VehicleClass

HCOC_DEV = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "hcoc-dev"

BM = VehicleClass.ballistic_missile
SLV = VehicleClass.space_launch_vehicle


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def pln(
    id: str = "p1",
    *,
    state: str = "FR",
    submitted: str = "2020-05-01",
    start: str = "2020-06-10",
    end: str = "2020-06-20",
    vehicle_class: VehicleClass = BM,
) -> PreLaunchNotification:
    return PreLaunchNotification(
        id=id,
        state=state,
        submitted=d(submitted),
        vehicle_class=vehicle_class,
        window_start=d(start),
        window_end=d(end),
        launch_area="test range",
        direction="north",
    )


def launch(
    on: str, *, id: str = "l1", state: str = "FR", vehicle_class: VehicleClass = BM, vehicle: str = "test"
) -> Launch:
    return Launch(id=id, state=state, date=d(on), vehicle_class=vehicle_class, vehicle=vehicle)


def lookup_of(**subscribed: str):  # type: ignore[no-untyped-def]
    """A subscription lookup from ``STATE="YYYY-MM-DD"`` pairs (dates certain)."""
    subs = {
        s: Subscription(state=s, subscribed=d(on), uncertain=False, source="test fixture")
        for s, on in subscribed.items()
    }
    return subs.get
