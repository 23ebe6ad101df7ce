"""Bar and stacked-bar charts as inline SVG: no script, no external resource, readable without colour.

``bar_svg`` takes plain lists (for the web app); ``chart_svg`` takes a :class:`BarChart` (for reports).
Each bar carries a ``<title>`` (tooltip with the exact value) and the legend names every series, so the
chart is usable in an air-gapped browser and by screen readers (``role="img"`` with an ``aria-label``).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from catchall.reports.document import BarChart, Series, nice_ceiling, series_color


def _fmt(value: float) -> str:
    return f"{value:g}"


def bar_svg(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]] | Sequence[Series],
    *,
    stacked: bool = False,
    title: str | None = None,
    y_label: str | None = None,
    width: int = 640,
    height: int = 320,
) -> str:
    """Render a bar chart as an SVG string.

    ``series`` is a list of ``(name, values)`` pairs or :class:`Series`, one value per category.
    """
    norm = [s if isinstance(s, Series) else Series(name=s[0], values=[float(v) for v in s[1]]) for s in series]
    chart = BarChart(categories=list(categories), series=norm, title=title, stacked=stacked, y_label=y_label)
    return chart_svg(chart, width=width, height=height)


def chart_svg(chart: BarChart, *, width: int = 640, height: int = 320) -> str:
    """Render a :class:`BarChart` as a self-contained ``<svg>`` element."""
    label = chart.title or "bar chart"
    legend_h = 22 if chart.series else 0
    title_h = 24 if chart.title else 6
    left, right, bottom = 48, 12, 44
    top = title_h + legend_h + 6
    plot_w = max(width - left - right, 10)
    plot_h = max(height - top - bottom, 10)
    ymax, step = nice_ceiling(chart.max_value(), integer=chart.integer_valued())

    def y_of(v: float) -> float:
        return top + plot_h - (v / ymax) * plot_h

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}" '
        'font-family="Helvetica, Arial, sans-serif" font-size="11">'
    ]
    if chart.title:
        out.append(f'<text x="{width / 2:.1f}" y="16" text-anchor="middle" font-size="13" font-weight="bold">')
        out.append(f"{escape(chart.title)}</text>")
    # legend: one swatch + name per series, laid out left to right
    lx = left
    for i, s in enumerate(chart.series):
        ly = title_h + 4
        out.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{series_color(chart, i)}"/>')
        out.append(f'<text x="{lx + 14}" y="{ly + 9}">{escape(s.name)}</text>')
        lx += 24 + 7 * len(s.name)
    # grid and y axis ticks
    tick = 0.0
    while tick <= ymax + 1e-9:
        y = y_of(tick)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(tick)}</text>')
        tick += step
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333333"/>')
    if chart.y_label:
        cy = top + plot_h / 2
        out.append(
            f'<text x="12" y="{cy:.1f}" text-anchor="middle" transform="rotate(-90 12 {cy:.1f})">'
            f"{escape(chart.y_label)}</text>"
        )
    n = len(chart.categories)
    if n and chart.series:
        band = plot_w / n
        # label every k-th category so that labels (~40 px each) never overlap
        every = max(1, -(-n * 40 // int(plot_w)))
        group_w = band * 0.7
        for ci, cat in enumerate(chart.categories):
            x0 = left + ci * band + (band - group_w) / 2
            if chart.stacked:
                base = 0.0
                for si, s in enumerate(chart.series):
                    v = s.values[ci]
                    if v > 0:
                        y1, y2 = y_of(base + v), y_of(base)
                        out.append(
                            f'<rect x="{x0:.1f}" y="{y1:.1f}" width="{group_w:.1f}" height="{y2 - y1:.1f}" '
                            f'fill="{series_color(chart, si)}"><title>{escape(cat)}: {escape(s.name)} '
                            f"{_fmt(v)}</title></rect>"
                        )
                    base += v
            else:
                bw = group_w / len(chart.series)
                for si, s in enumerate(chart.series):
                    v = s.values[ci]
                    y1 = y_of(v)
                    out.append(
                        f'<rect x="{x0 + si * bw:.1f}" y="{y1:.1f}" width="{max(bw - 1, 1):.1f}" '
                        f'height="{top + plot_h - y1:.1f}" fill="{series_color(chart, si)}">'
                        f"<title>{escape(cat)}: {escape(s.name)} {_fmt(v)}</title></rect>"
                    )
            if ci % every:
                continue
            cx = left + ci * band + band / 2
            out.append(f'<text x="{cx:.1f}" y="{top + plot_h + 14}" text-anchor="middle">{escape(cat)}</text>')
    if chart.x_label:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">{escape(chart.x_label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
