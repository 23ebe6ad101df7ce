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
    value = value.strip().upper()
    if len(value) != 2 or not value.isalpha():
        raise ValueError(f"not an ISO 3166 alpha-2 code: {value!r}")
    return value


class RecipientProgram(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = ""
    kind: ProgramKind
    category: Category | None = None


class Transfer(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=200)
    date: date
    supplier_state: str
    supplier_entity: str | None = None
    recipient_state: str | None = None
    recipient_program: RecipientProgram
    item_category: Category | None = None
    item: dict[str, Any] | None = None
    item_description: str = ""
    production_facility: bool = False
    government_to_government_undertakings: bool = False
    sources: list[str] = Field(default_factory=list)
    confidence: str | float | None = None

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
