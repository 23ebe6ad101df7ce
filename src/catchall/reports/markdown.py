"""Render a :class:`Document` as GitHub-flavoured Markdown. Charts become a value table plus text bars."""

from __future__ import annotations

from catchall.reports.document import BarChart, Block, Document, KeyValues, Paragraph, Section, Table

BAR_WIDTH = 30  # characters of the longest text bar


def _cell(text: str) -> str:
    # a pipe or newline would break the table row
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(columns: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    if not rows:
        lines.append("| " + " | ".join(["(none)"] + [""] * (len(columns) - 1)) + " |")
    return lines


def _chart(chart: BarChart) -> list[str]:
    lines: list[str] = []
    if chart.title:
        lines.append(f"**{chart.title}**")
        lines.append("")
    cols = [chart.x_label or "", *[s.name for s in chart.series]]
    if chart.stacked or len(chart.series) > 1:
        cols.append("Total")
    rows: list[list[str]] = []
    for i, cat in enumerate(chart.categories):
        vals = [s.values[i] for s in chart.series]
        row = [cat, *[f"{v:g}" for v in vals]]
        if len(cols) > len(row):
            row.append(f"{sum(vals):g}")
        rows.append(row)
    lines += _table(cols, rows)
    top = chart.max_value()
    if top > 0:
        lines.append("")
        lines.append("```text")
        width = max((len(c) for c in chart.categories), default=0)
        for i, cat in enumerate(chart.categories):
            total = sum(s.values[i] for s in chart.series) if chart.stacked else max(s.values[i] for s in chart.series)
            bar = "#" * round(total / top * BAR_WIDTH)
            lines.append(f"{cat.rjust(width)} | {bar} {total:g}")
        lines.append("```")
    return lines


def _block(block: Block, level: int) -> list[str]:
    if isinstance(block, Paragraph):
        text = block.text
        if block.style == "emphasis":
            text = f"**{text}**"
        elif block.style == "note":
            text = f"_{text}_"
        return [text]
    if isinstance(block, KeyValues):
        lines = [f"**{block.title}**", ""] if block.title else []
        return lines + [f"- **{k}:** {v}" for k, v in block.items]
    if isinstance(block, Table):
        lines = [f"*{block.caption}*", ""] if block.caption else []
        return lines + _table(block.columns, block.rows)
    if isinstance(block, BarChart):
        return _chart(block)
    if isinstance(block, Section):
        return _section(block, level + 1)
    raise TypeError(f"unknown report block {type(block).__name__}")


def _section(section: Section, level: int) -> list[str]:
    lines = ["#" * min(level, 6) + " " + section.heading]
    for b in section.blocks:
        lines.append("")
        lines += _block(b, level)
    return lines


def to_markdown(doc: Document) -> str:
    lines = [f"# {doc.title}"]
    if doc.subtitle:
        lines += ["", f"_{doc.subtitle}_"]
    if doc.meta:
        lines.append("")
        lines += [f"- **{k}:** {v}" for k, v in doc.meta]
    for s in doc.sections:
        lines.append("")
        lines += _section(s, 2)
    if doc.footer:
        lines += ["", "---", "", doc.footer]
    return "\n".join(lines) + "\n"
