"""The report document model: what a report says, independent of how it is rendered.

A :class:`Document` is a title, an optional subtitle, optional key facts shown under the title, and a
list of :class:`Section`. A section holds blocks in order: :class:`Paragraph`, :class:`KeyValues`,
:class:`Table`, :class:`BarChart`, or a nested :class:`Section`. Every renderer (HTML, Markdown, PDF)
walks the same structure, so a report is assembled once and rendered in any format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias


@dataclass(frozen=True)
class Paragraph:
    """Plain text (no markup). ``style`` is ``"normal"``, ``"note"`` (smaller, muted) or ``"emphasis"``."""

    text: str
    style: str = "normal"


@dataclass(frozen=True)
class KeyValues:
    """A list of labelled values, e.g. ``[("State", "China"), ("Finding", "contrary")]``."""

    items: list[tuple[str, str]]
    title: str | None = None


@dataclass(frozen=True)
class Table:
    """A table of text cells. ``rows`` must each have ``len(columns)`` cells (checked at construction)."""

    columns: list[str]
    rows: list[list[str]]
    caption: str | None = None

    def __post_init__(self) -> None:
        for i, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(f"table row {i} has {len(row)} cells, expected {len(self.columns)}")


@dataclass(frozen=True)
class Series:
    """One named series of values, one value per chart category. ``color`` is a CSS hex colour or None."""

    name: str
    values: list[float]
    color: str | None = None


@dataclass(frozen=True)
class BarChart:
    """A vertical bar chart: one group of bars per category, one bar per series (side by side),
    or one stacked bar per category when ``stacked`` is true."""

    categories: list[str]
    series: list[Series]
    title: str | None = None
    stacked: bool = False
    y_label: str | None = None
    x_label: str | None = None

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(f"chart series {s.name!r} has {len(s.values)} values, expected {len(self.categories)}")

    def max_value(self) -> float:
        """The height of the tallest bar (stacked: of the tallest stack)."""
        if not self.categories or not self.series:
            return 0.0
        if self.stacked:
            return max(sum(s.values[i] for s in self.series) for i in range(len(self.categories)))
        return max(max(s.values) for s in self.series)

    def integer_valued(self) -> bool:
        return all(float(v).is_integer() for s in self.series for v in s.values)


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


Block: TypeAlias = Paragraph | KeyValues | Table | BarChart | Section


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str | None = None
    sections: list[Section] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    footer: str | None = None


PALETTE = ("#b2182b", "#2166ac", "#4d9221", "#e08214", "#762a83", "#35978f", "#8c510a", "#666666")
"""Default series colours, chosen to stay distinct in print and for the common colour-vision deficiencies."""


def series_color(chart: BarChart, index: int) -> str:
    """The colour of series ``index``: its own if given, else the palette's."""
    own = chart.series[index].color
    return own if own else PALETTE[index % len(PALETTE)]


def nice_ceiling(value: float, *, integer: bool = False) -> tuple[float, float]:
    """A round axis maximum >= value and a tick step (1, 2 or 5 times a power of ten), at most ~6 ticks.

    ``integer``: the data are counts, so the step is never below 1 (no "0.2 transfers" ticks).
    """
    if value <= 0:
        return 1.0, 1.0
    import math

    raw = value / 5
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        step = mult * power
        if step >= raw:
            break
    if integer:
        step = max(step, 1.0)
    top = math.ceil(value / step) * step
    return float(top), float(step)
