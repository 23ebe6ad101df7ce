"""A reason: one step of an explanation, naming the rule it rests on."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Reason(BaseModel):
    """Why the system decided something.

    ``rule`` is a stable machine key (e.g. ``"guidelines.cat1.no_undertakings"``, ``"annex.1.A.1"``),
    ``text`` the sentence a person reads, ``ref`` the paragraph or entry it rests on
    (e.g. ``"MTCR Guidelines para 2"``, ``"MTCR Annex 1.A.1"``), ``data`` the values involved.
    """

    model_config = ConfigDict(frozen=True)

    rule: str
    text: str
    ref: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.text} [{self.ref}]" if self.ref else self.text
