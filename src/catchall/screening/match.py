"""One screening result: a listed entity that resembles the query, with its score and the reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Match:
    id: str
    score: float
    match: bool
    caption: str
    schema: str
    datasets: list[str] = field(default_factory=list)
    list_name: str = ""
    list_version: str = ""
    # feature -> human-readable sentence (name, birthDate, country, identifier, schema ...)
    explanation: dict[str, str] = field(default_factory=dict)
    # feature -> signed contribution to the score (yente's ``features``)
    features: dict[str, float] = field(default_factory=dict)
    properties: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "match": self.match,
            "caption": self.caption,
            "schema": self.schema,
            "datasets": self.datasets,
            "list_name": self.list_name,
            "list_version": self.list_version,
            "explanation": self.explanation,
            "features": {k: round(v, 4) for k, v in self.features.items()},
        }
