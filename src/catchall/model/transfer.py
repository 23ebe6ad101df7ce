"""Reported transfers and the findings made on them.

Transfer contract (one JSON object per transfer)::

    {"id", "date", "supplier_state", "supplier_entity", "recipient_state",
     "recipient_program": {"name", "kind": ballistic_missile|cruise_missile|space_launch_vehicle|uav,
                           "category": "I"|"II"|null},
     "item_category": "I"|"II"|null, "item": {...} (optional, classified if given), "item_description",
     "production_facility": bool (optional; also inferred from a classified item),
     "government_to_government_undertakings": bool, "sources": [...], "confidence"}

Finding: ``contrary`` | ``not_precluded`` | ``no_commitment`` with the commitments in force and reasons.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from catchall.model.reason import Reason

ProgramKind = Literal["ballistic_missile", "cruise_missile", "space_launch_vehicle", "uav"]
Category = Literal["I", "II"]
FindingKind = Literal["contrary", "not_precluded", "no_commitment"]
FINDINGS: tuple[FindingKind, ...] = ("contrary", "not_precluded", "no_commitment")


def _iso2(value: str) -> str:
    """ISO alpha-2 from alpha-2 or alpha-3 (any case); reporters use both."""
    text = value.strip().upper()
    if len(text) == 3 and text.isalpha():
        import pycountry

        found = pycountry.countries.get(alpha_3=text)
        if found is not None:
            return str(found.alpha_2)
    if len(text) != 2 or not text.isalpha():
        raise ValueError(f"not an ISO 3166 country code: {value!r}")
    return text


_CATEGORY_ALIASES = {
    "I": "I",
    "1": "I",
    "CAT I": "I",
    "CATEGORY I": "I",
    "II": "II",
    "2": "II",
    "CAT II": "II",
    "CATEGORY II": "II",
}
_KIND_ALIASES = {
    "slv": "space_launch_vehicle",
    "space_launcher": "space_launch_vehicle",
    "space_launch": "space_launch_vehicle",
    "ballistic": "ballistic_missile",
    "cruise": "cruise_missile",
    "drone": "uav",
    "unmanned_aerial_vehicle": "uav",
}


def _category(value: Any) -> Any:
    """Accept "I"/"II", 1/2, "Cat I", "category ii"; empty or "unlisted" means no category."""
    if value is None:
        return None
    text = str(value).strip().upper()
    if text in ("", "NONE", "NULL", "UNLISTED", "-"):
        return None
    return _CATEGORY_ALIASES.get(text, value)


class RecipientProgram(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str | None = ""
    kind: ProgramKind
    category: Category | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        if isinstance(value, str):
            key = value.strip().lower().replace(" ", "_").replace("-", "_")
            return _KIND_ALIASES.get(key, key)
        return value

    @field_validator("category", mode="before")
    @classmethod
    def _cat(cls, value: Any) -> Any:
        return _category(value)


class Transfer(BaseModel):
    # unknown fields are ignored: reports come from many sources with their own extra fields
    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1, max_length=200)
    date: date
    supplier_state: str
    supplier_entity: str | None = None
    recipient_state: str | None = None
    recipient_program: RecipientProgram
    item_category: Category | None = None
    item: dict[str, Any] | None = None
    item_description: str | None = ""
    production_facility: bool = False
    government_to_government_undertakings: bool = False
    sources: list[Any] = Field(default_factory=list)
    confidence: str | float | None = None

    @field_validator("item_category", mode="before")
    @classmethod
    def _item_cat(cls, value: Any) -> Any:
        return _category(value)

    @field_validator("production_facility", "government_to_government_undertakings", mode="before")
    @classmethod
    def _flag(cls, value: Any) -> Any:
        return False if value is None else value

    @field_validator("sources", mode="before")
    @classmethod
    def _sources(cls, value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, str | dict) else value

    @field_validator("supplier_state")
    @classmethod
    def _supplier(cls, value: str) -> str:
        return _iso2(value)

    @field_validator("recipient_state")
    @classmethod
    def _recipient(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else _iso2(value)


class CommitmentAssessment(BaseModel):
    """One commitment in force on the transfer date and whether it precludes the transfer."""

    model_config = ConfigDict(frozen=True)

    id: str
    instrument: str
    in_force_since: str
    precludes: bool
    why: str


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    finding: FindingKind
    supplier_state: str
    date: date
    item_category: Category | None = None
    commitments: list[CommitmentAssessment] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list)
    concerns: list[str] = Field(default_factory=list)

    def to_line(self) -> dict[str, Any]:
        """The JSON-lines answer of ``catchall compliance assess``."""
        return {
            "id": self.id,
            "finding": self.finding,
            "supplier_state": self.supplier_state,
            "date": self.date.isoformat(),
            "item_category": self.item_category,
            "commitments": [c.model_dump() for c in self.commitments],
            "concerns": self.concerns,
            "reasons": [r.model_dump() for r in self.reasons],
        }
