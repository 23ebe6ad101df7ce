"""Charts for the pages: server-side SVG from ``catchall.reports.charts`` (no script, works air-gapped),
with a plain fallback when that module is missing from the build."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from catchall.web.render import optional_module


def bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    colors: Sequence[str | None] | None = None,
    stacked: bool = False,
    y_label: str | None = None,
    width: int = 640,
    height: int = 300,
) -> str:
    """An ``<svg>`` bar chart (``role="img"`` with a label); empty string when there is nothing to draw."""
    if not categories or not series:
        return ""
    charts = optional_module("catchall.reports.charts")
    document = optional_module("catchall.reports.document")
    if charts is not None and document is not None:
        # Colours carry meaning here (red: a problem, green: in order), so they are chosen per series.
        shades = list(colors or [None] * len(series))
        norm = [
            document.Series(name=name, values=[float(v) for v in values], color=shades[i] if i < len(shades) else None)
            for i, (name, values) in enumerate(series)
        ]
        svg: str = charts.bar_svg(
            list(categories), norm, stacked=stacked, title=title, y_label=y_label, width=width, height=height
        )
        return svg
    return _table_fallback(categories, series, title)


# Colours for meanings, from the reports palette (distinct for the common colour-vision deficiencies).
GOOD, BAD, WARN, INFO, NEUTRAL = "#4d9221", "#b2182b", "#e08214", "#2166ac", "#666666"


def _table_fallback(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], title: str) -> str:
    head = "".join(f"<th scope='col'>{escape(c)}</th>" for c in categories)
    rows = "".join(
        f"<tr><th scope='row'>{escape(name)}</th>" + "".join(f"<td class='num'>{v:g}</td>" for v in values) + "</tr>"
        for name, values in series
    )
    return (
        f"<table><caption>{escape(title)}</caption><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
