"""catchall.reports — a small, generic report toolkit: one document model, three renderers, SVG charts.

Build a :class:`Document` once and render it as HTML, Markdown or PDF::

    from catchall.reports import (
        BarChart, Document, KeyValues, Paragraph, Section, Series, Table, to_html, to_markdown, to_pdf,
    )

    doc = Document(
        title="Compliance report: China",
        subtitle="Transfers 1995-2005",
        meta=[("Generated", "2026-11-23"), ("As of", "2005-12-31")],      # key facts under the title
        sections=[
            Section("Summary", [Paragraph("Two transfers were contrary to commitments.", style="emphasis")]),
            Section("Commitments", [
                KeyValues([("MTCR partner", "no"), ("Pledge", "1992-02-01")], title="Status"),
                Table(columns=["Instrument", "Since"], rows=[["1992 pledge", "1992-02-01"]], caption="History"),
            ]),
            Section("Transfers by year", [
                BarChart(
                    categories=["2001", "2002"],
                    series=[Series("contrary", [1, 2]), Series("not_precluded", [0, 1], color="#2166ac")],
                    stacked=True, title="Transfers by year and finding", y_label="transfers",
                ),
                Section("Details", [Paragraph("Nested sections become lower-level headings.", style="note")]),
            ]),
        ],
        footer="catchall — generated offline",
    )
    html: str = to_html(doc)        # self-contained page: inline CSS, inline SVG chart, no script, no CDN
    md: str = to_markdown(doc)      # GitHub Markdown; charts become a value table and text bars
    pdf: bytes = to_pdf(doc)        # A4 PDF via reportlab; charts drawn with reportlab.graphics

Blocks (in ``Section.blocks``, in order): ``Paragraph(text, style="normal"|"note"|"emphasis")``,
``KeyValues(items=[(label, value)], title=None)``, ``Table(columns, rows, caption=None)`` (rows checked
against the column count), ``BarChart(categories, series=[Series(name, values, color=None)], title=None,
stacked=False, y_label=None, x_label=None)`` and nested ``Section(heading, blocks)``. All text is plain
text; renderers escape it.

Charts for the web app: ``charts.bar_svg(categories, [(name, values), ...], stacked=False, title=None,
y_label=None, width=640, height=320) -> str`` returns an ``<svg>`` element to embed in a page;
``charts.chart_svg(chart: BarChart, width=..., height=...)`` does the same for a model object, and
``pdf.chart_drawing(chart, width, height)`` gives a reportlab ``Drawing``.

Testing aids: ``to_pdf(doc, compress=False)`` leaves page streams uncompressed, and
``pdf.pdf_text(pdf_bytes)`` extracts the literal text strings of a PDF made by ``to_pdf`` (either way).
The PDF uses the standard fonts only; characters outside Windows-1252 are transliterated to ASCII.
"""

from __future__ import annotations

from catchall.reports.charts import bar_svg, chart_svg
from catchall.reports.document import BarChart, Block, Document, KeyValues, Paragraph, Section, Series, Table
from catchall.reports.html import to_html
from catchall.reports.markdown import to_markdown
from catchall.reports.pdf import pdf_text, to_pdf

__all__ = [
    "BarChart",
    "Block",
    "Document",
    "KeyValues",
    "Paragraph",
    "Section",
    "Series",
    "Table",
    "bar_svg",
    "chart_svg",
    "pdf_text",
    "to_html",
    "to_markdown",
    "to_pdf",
]
