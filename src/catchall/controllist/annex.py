"""The Annex in memory: entries by code, the hierarchy, correlations and the rules the classifier runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from catchall.controllist.conditions import Condition, Criterion
from catchall.errors import NotFound

if TYPE_CHECKING:
    from catchall.controllist.search import SearchHit, SearchIndex

CATEGORY_RANK = {None: 0, "II": 1, "I": 2}


def parent_code(code: str) -> str | None:
    """``2.A.1.c`` -> ``2.A.1``; an item number has no parent."""
    return code.rsplit(".", 1)[0] if "." in code else None


def code_sort_key(code: str) -> tuple[Any, ...]:
    """Order codes as the Annex does: numbers numerically, letters alphabetically."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


@dataclass(frozen=True, slots=True)
class TreatAs:
    """A note that lets an otherwise Category I entry be treated as Category II when its condition holds."""

    category: str
    when: Condition
    text: str


@dataclass(frozen=True, slots=True)
class Rule:
    """How the classifier recognises an entry: item kinds, a condition, entries that pre-empt it, a treat-as."""

    kinds: frozenset[str]
    match: Condition
    unless: tuple[str, ...] = ()
    treat_as: TreatAs | None = None


@dataclass(frozen=True, slots=True)
class Correlation:
    mtcr: str
    eu: tuple[str, ...]
    us: tuple[str, ...]
    confidence: str
    source: str
    inherited_from: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "eu": list(self.eu),
            "us": list(self.us),
            "confidence": self.confidence,
            "source": self.source,
        }
        if self.inherited_from:
            out["inherited_from"] = self.inherited_from
        return out


@dataclass(frozen=True, slots=True)
class Entry:
    """One Annex record: an item (``2``), a letter group (``2.A``) or an entry (``2.A.1.c``)."""

    code: str
    parent: str | None
    item: int
    category: str | None  # "I" | "II" | None for item and letter headers (and reserved items)
    title: str
    source: str
    notes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    is_production_facility: bool = False
    reserved: bool = False
    item_category: str | None = None  # the category of the entry's item (None for reserved items)
    rule: Rule | None = field(default=None, compare=False, repr=False)

    @property
    def kind_letter(self) -> str | None:
        """A equipment, B test/production equipment, C materials, D software, E technology."""
        parts = self.code.split(".")
        return parts[1] if len(parts) > 1 else None

    @property
    def is_header(self) -> bool:
        return self.code.count(".") < 2

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "parent": self.parent,
            "item": self.item,
            "category": self.category,
            "item_category": self.item_category,
            "kind_letter": self.kind_letter,
            "title": self.title,
            "notes": list(self.notes),
            "criteria": [c.to_json() for c in self.criteria],
            "is_production_facility": self.is_production_facility,
            "source": self.source,
        }
        if self.reserved:
            out["reserved"] = True
        if self.rule is not None and self.rule.treat_as is not None:
            out["may_be_treated_as"] = {"category": self.rule.treat_as.category, "when": self.rule.treat_as.text}
        return out


@dataclass(frozen=True)
class Edition:
    id: str
    title: str
    date: dt.date
    valid_from: dt.date
    directory: str
    source: str
    list: str = "mtcr"
    changes: str = ""
    definitions: dict[str, dict[str, str]] = field(default_factory=dict)
    payload_threshold_kg: float = 500.0
    range_threshold_km: float = 300.0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat(),
            "valid_from": self.valid_from.isoformat(),
            "list": self.list,
            "source": self.source,
            "changes": self.changes,
            "thresholds": {"payload_kg": self.payload_threshold_kg, "range_km": self.range_threshold_km},
            "definitions": self.definitions,
        }


class Annex:
    """One edition of the Annex: lookup, hierarchy, search, correlations; immutable once built."""

    def __init__(
        self,
        edition: Edition,
        entries: list[Entry],
        correlations: dict[str, Correlation] | None = None,
        note: str | None = None,
    ) -> None:
        self.edition_info = edition
        self.note = note
        self._entries: dict[str, Entry] = {e.code: e for e in entries}
        self._order = sorted(self._entries, key=code_sort_key)
        children: dict[str | None, list[str]] = {}
        for code in self._order:
            children.setdefault(self._entries[code].parent, []).append(code)
        self._children = children
        self._correlations = correlations or {}
        self._search: SearchIndex | None = None
        # The classifier's index: rules per item kind, in Annex order.
        by_kind: dict[str, list[Entry]] = {}
        for code in self._order:
            e = self._entries[code]
            if e.rule is not None:
                for k in e.rule.kinds:
                    by_kind.setdefault(k, []).append(e)
        self.rules_by_kind: dict[str, tuple[Entry, ...]] = {k: tuple(v) for k, v in by_kind.items()}

    def with_note(self, note: str) -> Annex:
        """The same entries with a note explaining how this edition was chosen."""
        return Annex(self.edition_info, list(self), self._correlations, note=note)

    @property
    def edition(self) -> str:
        return self.edition_info.id

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __iter__(self) -> Iterator[Entry]:
        return (self._entries[c] for c in self._order)

    def get(self, code: str) -> Entry:
        entry = self._entries.get(code.strip())
        if entry is None:
            raise NotFound(f"no entry {code!r} in the MTCR Annex edition {self.edition}")
        return entry

    def find(self, code: str) -> Entry | None:
        return self._entries.get(code)

    def children(self, code: str | None = None) -> list[Entry]:
        """Direct children of ``code``; the items (1..20) when code is None."""
        if code is not None:
            self.get(code)
        return [self._entries[c] for c in self._children.get(code, [])]

    def items(self) -> list[Entry]:
        return self.children(None)

    def category_of(self, code: str) -> str | None:
        """The category of an entry; for a header, the category of its item (None for reserved items)."""
        entry = self.get(code)
        return entry.category if entry.category is not None else entry.item_category

    def correlations(self, code: str) -> Correlation | None:
        """EU and US codes for an entry, from its own row or the nearest ancestor's row."""
        self.get(code)
        current: str | None = code
        while current is not None:
            row = self._correlations.get(current)
            if row is not None:
                if current == code:
                    return row
                return Correlation(row.mtcr, row.eu, row.us, row.confidence, row.source, inherited_from=current)
            current = parent_code(current)
        return None

    def search(self, text: str, limit: int = 10) -> list[SearchHit]:
        """Ranked full-text search over codes, titles, notes, keywords and correlated codes."""
        from catchall.controllist.search import SearchIndex

        if self._search is None:
            self._search = SearchIndex(self, list(self))
        return self._search.search(text, limit)

    def counts_by_item(self) -> dict[int, int]:
        """Number of non-header entries per item (the test compares these with the source)."""
        out: dict[int, int] = {}
        for e in self:
            if not e.is_header:
                out[e.item] = out.get(e.item, 0) + 1
        return out
