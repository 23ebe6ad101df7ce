"""What every importer shares: the entity builder, the change record of delta files, file checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from catchall.errors import InvalidInput
from catchall.model.entity import Entity

Op = Literal["ADD", "MOD", "DEL"]


@dataclass(frozen=True)
class Change:
    """One line of a FtM delta file: add, modify (replace) or delete an entity of the current version."""

    op: Op
    entity: Entity


@dataclass
class EntityBuilder:
    """Collects property values in published order without duplicates, then checks the entity has a name."""

    id: str
    schema: str
    dataset: str
    properties: dict[str, list[str]] = field(default_factory=dict)

    def add(self, prop: str, value: str | Iterable[str | None] | None) -> None:
        if value is None:
            return
        values = [value] if isinstance(value, str) else value
        for raw in values:
            if raw is None:
                continue
            text = " ".join(str(raw).split())
            if not text:
                continue
            bucket = self.properties.setdefault(prop, [])
            if text not in bucket:
                bucket.append(text)

    def has(self, prop: str) -> bool:
        return bool(self.properties.get(prop))

    def build(self, where: str) -> Entity:
        """The entity; ``where`` names the record (file, line, element) for the error when it has no name."""
        if not self.properties.get("name"):
            # a record whose only names are aliases is still screenable: promote the first strong alias
            for prop in ("alias", "previousName"):
                if self.properties.get(prop):
                    self.properties["name"] = [self.properties[prop].pop(0)]
                    if not self.properties[prop]:
                        del self.properties[prop]
                    break
        if not self.properties.get("name"):
            raise InvalidInput(f"{where}: record {self.id!r} has no name")
        # de-duplicate names across name props: the primary name is not also an alias
        primary = set(self.properties["name"])
        for prop in ("alias", "weakAlias", "previousName"):
            if prop in self.properties:
                kept = [v for v in self.properties[prop] if v not in primary]
                if kept:
                    self.properties[prop] = kept
                else:
                    del self.properties[prop]
        return Entity(id=self.id, schema=self.schema, properties=self.properties, datasets=[self.dataset])


def check_file(path: Path, label: str | None = None) -> None:
    """A readable, non-empty regular file, or InvalidInput naming it."""
    name = label or path.name
    if not path.exists():
        raise InvalidInput(f"{name}: no such file")
    if path.is_dir():
        raise InvalidInput(f"{name}: is a directory, expected a file")
    if path.stat().st_size == 0:
        raise InvalidInput(f"{name}: the file is empty")


# FtM schemata that describe a screenable party or object; the others (Sanction, Ownership, Address,
# Identification ...) are details or relations and are counted as skipped, not imported.
SCREENABLE = frozenset(
    {"Thing", "LegalEntity", "Person", "Organization", "Company", "PublicBody", "Vessel", "Airplane", "Asset"}
)


@dataclass
class ParseReport:
    """What an importer noticed besides the entities: records skipped (by reason) and warnings."""

    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def warn(self, message: str) -> None:
        if len(self.warnings) < 100:  # a summary, not a log: keep the first hundred
            self.warnings.append(message)
