"""FollowTheMoney-shaped entities: the unit of every watch list and every screening query.

``{"id", "schema", "properties": {prop: [values]}, "datasets": [...]}`` exactly as FtM / OpenSanctions
JSON lines carry them, so lists and clients from that ecosystem work unchanged.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMATA = frozenset(
    {"Thing", "LegalEntity", "Person", "Organization", "Company", "PublicBody", "Vessel", "Airplane", "Address"}
)
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")


class Entity(BaseModel):
    model_config = ConfigDict(populate_by_name=True, frozen=False)

    id: str = Field(min_length=1)
    schema_: str = Field(alias="schema", default="LegalEntity")
    properties: dict[str, list[str]] = Field(default_factory=dict)
    datasets: list[str] = Field(default_factory=list)
    # FtM extras kept as published (first_seen, last_seen, target, referents, caption ...)
    extra: dict[str, Any] = Field(default_factory=dict, exclude=True)

    @field_validator("properties", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> dict[str, list[str]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ValueError("properties must be an object of {property: [values]}")
        out: dict[str, list[str]] = {}
        for key, vals in value.items():
            if vals is None:
                continue
            if isinstance(vals, str | int | float):
                vals = [vals]
            if not isinstance(vals, list):
                raise ValueError(f"property {key!r} must be a list of values")
            clean = [str(v).strip() for v in vals if v is not None and str(v).strip()]
            if clean:
                out[key] = clean
        return out

    def get(self, prop: str) -> list[str]:
        return self.properties.get(prop, [])

    def first(self, prop: str) -> str | None:
        vals = self.properties.get(prop)
        return vals[0] if vals else None

    @property
    def names(self) -> list[str]:
        """Strong names (name, alias, previousName); weak aliases are separate."""
        return [n for p in ("name", "alias", "previousName") for n in self.get(p)]

    @property
    def caption(self) -> str:
        return self.first("name") or (self.names[0] if self.names else self.id)

    @property
    def countries(self) -> list[str]:
        vals = self.get("country") + self.get("nationality") + self.get("jurisdiction")
        return sorted({v.lower() for v in vals})

    def to_ftm(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "schema": self.schema_, "properties": self.properties}
        if self.datasets:
            data["datasets"] = self.datasets
        data.update(self.extra)
        return data

    @classmethod
    def from_ftm(cls, data: dict[str, Any]) -> Entity:
        known = {"id", "schema", "properties", "datasets"}
        extra = {k: v for k, v in data.items() if k not in known}
        return cls.model_validate({**{k: data[k] for k in known if k in data}, "extra": extra})
