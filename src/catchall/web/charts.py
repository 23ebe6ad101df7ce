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
    stacked: bool = False,
    y_label: str | None = None,
    width: int = 640,
    height: int = 300,
) -> str:
    """An ``<svg>`` bar chart (``role="img"`` with a label); empty string when there is nothing to draw."""
    if not categories or not series:
        return ""
    charts = optional_module("catchall.reports.charts")
    if charts is not None:
        svg: str = charts.bar_svg(
            list(categories), list(series), stacked=stacked, title=title, y_label=y_label, width=width, height=height
        )
        return svg
    return _table_fallback(categories, series, title)


def _table_fallback(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], title: str) -> str:
    head = "".join(f"<th scope='col'>{escape(c)}</th>" for c in categories)
    rows = "".join(
        f"<tr><th scope='row'>{escape(name)}</th>" + "".join(f"<td class='num'>{v:g}</td>" for v in values) + "</tr>"
        for name, values in series
    )
    return (
        f"<table><caption>{escape(title)}</caption><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
