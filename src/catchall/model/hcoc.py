"""The vocabulary of the Hague Code of Conduct (HCOC): subscriptions, annual declarations,
pre-launch notifications (PLNs), observed launches, and the results of checking them.

All dates are calendar dates (no time of day): a PLN window ``[window_start, window_end]`` includes
both of its dates.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from catchall.model.reason import Reason


class VehicleClass(StrEnum):
    """The two generic classes of vehicle the Code asks subscribers to notify and declare."""

    ballistic_missile = "ballistic_missile"
    space_launch_vehicle = "space_launch_vehicle"


class LaunchStatus(StrEnum):
    """Outcome of checking one launch; listed in order of precedence (first that applies wins)."""

    not_subscribed = "not_subscribed"
    notified = "notified"
    late_notification = "late_notification"
    outside_window = "outside_window"
    not_notified = "not_notified"


def normalise_state(value: Any) -> str:
    """ISO 3166-1 alpha-2, upper case. Accepts alpha-3 too (``FRA`` -> ``FR``)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("state must be an ISO 3166-1 country code such as 'FR'")
    code = value.strip().upper()
    if len(code) == 3 and code.isalpha():
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            raise ValueError(f"unknown ISO 3166-1 alpha-3 code {value!r}")
        return str(country.alpha_2)
    if len(code) != 2 or not code.isalpha():
        raise ValueError(f"state must be a two-letter ISO 3166-1 code, got {value!r}")
    # The Holy See (VA) and the Cook Islands (CK) subscribe; both are in ISO 3166-1. Codes outside it
    # (e.g. the user-assigned XK) are accepted as given rather than refused: the registry decides.
    return code


_CLASS_ALIASES = {
    "bm": VehicleClass.ballistic_missile,
    "ballistic": VehicleClass.ballistic_missile,
    "slv": VehicleClass.space_launch_vehicle,
    "space": VehicleClass.space_launch_vehicle,
}


def normalise_vehicle_class(value: Any) -> Any:
    """``ballistic_missile`` / ``space_launch_vehicle``; also accepts "Ballistic missile", "SLV", "space-launch vehicle"."""
    if not isinstance(value, str):
        return value
    key = "_".join(value.strip().lower().replace("-", " ").split())
    return _CLASS_ALIASES.get(key, key)


class _Record(BaseModel):
    # Unknown fields are ignored rather than refused: records come from other systems that add their own
    # (notes, sources); a misspelt required field is still caught as missing.
    model_config = ConfigDict(extra="ignore", frozen=True)

    @field_validator("state", mode="before", check_fields=False)
    @classmethod
    def _state(cls, value: Any) -> str:
        return normalise_state(value)

    @field_validator("vehicle_class", mode="before", check_fields=False)
    @classmethod
    def _vehicle_class(cls, value: Any) -> Any:
        return normalise_vehicle_class(value)

    @field_validator("id", mode="before", check_fields=False)
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        # Numeric ids from other systems are kept as their text.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Subscription(_Record):
    """A state's subscription to the Code, from the shipped registry data."""

    state: str
    subscribed: dt.date
    uncertain: bool = False
    source: str = Field(min_length=1)
    name: str | None = None
    note: str | None = None


class PreLaunchNotification(_Record):
    """A pre-launch notification: class, window (inclusive), launch area and planned direction."""

    id: str = Field(min_length=1, max_length=200)
    state: str
    submitted: dt.date
    vehicle_class: VehicleClass
    window_start: dt.date
    window_end: dt.date
    launch_area: str | None = Field(default=None, max_length=500)
    direction: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _window_in_order(self) -> PreLaunchNotification:
        if self.window_end < self.window_start:
            raise ValueError(
                f"window_end {self.window_end.isoformat()} is before window_start {self.window_start.isoformat()}"
            )
        return self

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` lies in the window, both ends included."""
        return self.window_start <= day <= self.window_end

    def days_from(self, day: dt.date) -> int:
        """Whole days between ``day`` and the nearest end of the window (0 when inside it)."""
        if day < self.window_start:
            return (self.window_start - day).days
        if day > self.window_end:
            return (day - self.window_end).days
        return 0


class Launch(_Record):
    """An observed ballistic-missile or space-launch-vehicle launch or test flight."""

    id: str = Field(min_length=1, max_length=200)
    state: str
    date: dt.date
    vehicle_class: VehicleClass
    vehicle: str | None = Field(default=None, max_length=200)


class AnnualDeclaration(_Record):
    """A subscriber's annual declaration.

    ``year`` is the calendar year the declaration covers: ``launches`` counts the launches of each
    class during that year. The declaration itself is usually submitted in the following year.
    """

    state: str
    year: int = Field(ge=2002, le=2100)
    submitted: dt.date
    policies: str = Field(default="", max_length=100_000)
    launches: dict[VehicleClass, int] = Field(default_factory=dict)

    @field_validator("launches", mode="before")
    @classmethod
    def _class_keys(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {normalise_vehicle_class(k): v for k, v in value.items()}
        return value

    @field_validator("launches")
    @classmethod
    def _counts_not_negative(cls, value: dict[VehicleClass, int]) -> dict[VehicleClass, int]:
        for cls_, n in value.items():
            if n < 0:
                raise ValueError(f"launches.{cls_.value} must not be negative, got {n}")
        return value

    @property
    def key(self) -> str:
        return f"{self.state}-{self.year}"


class LaunchCheck(BaseModel):
    """The result of checking one launch against the notifications and the subscription registry."""

    model_config = ConfigDict(frozen=True)

    id: str
    status: LaunchStatus
    notification: str | None = None
    reasons: list[Reason] = Field(default_factory=list)
    state: str | None = None
    date: dt.date | None = None
    vehicle_class: VehicleClass | None = None

    def to_line(self) -> dict[str, Any]:
        """The JSON-lines shape of ``catchall hcoc check``."""
        return {
            "id": self.id,
            "status": self.status.value,
            "notification": self.notification,
            "reasons": [r.model_dump(mode="json") for r in self.reasons],
        }


class ClassCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    vehicle_class: VehicleClass
    declared: int | None
    observed: int

    @property
    def agrees(self) -> bool | None:
        return None if self.declared is None else self.declared == self.observed


class DeclarationCheck(BaseModel):
    """For one subscriber and one year: was the declaration submitted, and do its counts agree?

    ``launches_agree`` is ``None`` when there is nothing to compare (no declaration received).
    """

    model_config = ConfigDict(frozen=True)

    state: str
    year: int
    subscriber: bool
    submitted: bool
    submitted_on: dt.date | None = None
    launches_agree: bool | None = None
    counts: list[ClassCount] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list)
