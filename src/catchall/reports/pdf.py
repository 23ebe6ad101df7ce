"""Render a :class:`Document` as PDF with reportlab (platypus for flow, reportlab.graphics for charts).

Uses only the 14 standard PDF fonts, so nothing needs to be installed or embedded; text outside the
Windows-1252 repertoire those fonts cover is transliterated to ASCII (anyascii) rather than lost.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from anyascii import anyascii
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from catchall.reports.document import (
    BarChart,
    Block,
    Document,
    KeyValues,
    Paragraph,
    Section,
    Table,
    nice_ceiling,
    series_color,
)


def _latin(text: str) -> str:
    """Keep what the standard fonts can show; transliterate the rest."""
    try:
        text.encode("cp1252")
        return text
    except UnicodeEncodeError:
        return "".join(c if _in_cp1252(c) else anyascii(c) for c in text)


def _in_cp1252(char: str) -> bool:
    try:
        char.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def _p(text: str, style: ParagraphStyle) -> RLParagraph:
    return RLParagraph(xml_escape(_latin(text)), style)


def _styles() -> StyleSheet1:
    ss = getSampleStyleSheet()
    ss.add(ParagraphStyle("Cell", parent=ss["BodyText"], fontSize=8, leading=10, alignment=TA_LEFT))
    ss.add(ParagraphStyle("CellHead", parent=ss["Cell"], fontName="Helvetica-Bold"))
    ss.add(ParagraphStyle("Note", parent=ss["BodyText"], fontSize=8, leading=10, textColor=colors.HexColor("#555555")))
    ss.add(ParagraphStyle("Emph", parent=ss["BodyText"], fontName="Helvetica-Bold"))
    ss.add(ParagraphStyle("Subtitle", parent=ss["BodyText"], fontSize=11, textColor=colors.HexColor("#555555")))
    return ss


_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
)


def _table(block: Table, ss: StyleSheet1, width: float) -> list[Flowable]:
    data = [[_p(c, ss["CellHead"]) for c in block.columns]]
    rows = block.rows or [["(none)"] + [""] * (len(block.columns) - 1)]
    data += [[_p(c, ss["Cell"]) for c in row] for row in rows]
    out: list[Flowable] = []
    if block.caption:
        out.append(_p(block.caption, ss["Emph"]))
    t = RLTable(data, colWidths=[width / len(block.columns)] * len(block.columns), repeatRows=1)
    t.setStyle(_GRID)
    out.append(t)
    return out


def _kv(block: KeyValues, ss: StyleSheet1, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    if block.title:
        out.append(_p(block.title, ss["Emph"]))
    data = [[_p(k, ss["CellHead"]), _p(v, ss["Cell"])] for k, v in block.items]
    if data:
        t = RLTable(data, colWidths=[width * 0.3, width * 0.7])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(t)
    return out


def chart_drawing(chart: BarChart, width: float = 160 * mm, height: float = 75 * mm) -> Drawing:
    """The chart as a reportlab Drawing (usable on its own in other reportlab documents)."""
    d = Drawing(width, height)
    title_h = 16 if chart.title else 0
    legend_h = 14 if chart.series else 0
    if chart.title:
        d.add(
            String(
                width / 2, height - 12, _latin(chart.title), textAnchor="middle", fontName="Helvetica-Bold", fontSize=10
            )
        )
    bc = VerticalBarChart()
    bc.x, bc.y = 36, 28
    bc.width = width - 48
    bc.height = height - 28 - title_h - legend_h - 8
    data = [list(s.values) for s in chart.series] or [[0.0] * max(len(chart.categories), 1)]
    bc.data = data
    bc.categoryAxis.categoryNames = [_latin(c) for c in chart.categories] or [""]
    bc.categoryAxis.labels.fontSize = 7
    bc.categoryAxis.labels.fontName = "Helvetica"
    bc.valueAxis.labels.fontName = "Helvetica"
    bc.categoryAxis.labels.boxAnchor = "n"
    if len(chart.categories) > 12:
        bc.categoryAxis.labels.angle = 45
        bc.categoryAxis.labels.boxAnchor = "ne"
    top, step = nice_ceiling(chart.max_value(), integer=chart.integer_valued())
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = top
    bc.valueAxis.valueStep = step
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.labelTextFormat = "%g"
    if chart.stacked:
        bc.categoryAxis.style = "stacked"
    bc.barSpacing = 0 if chart.stacked else 1
    for i in range(len(chart.series)):
        bc.bars[i].fillColor = colors.HexColor(series_color(chart, i))
        bc.bars[i].strokeColor = None
    d.add(bc)
    # legend drawn by hand: one swatch and name per series, left to right, sized to the text
    lx = 36.0
    ly = height - title_h - 10
    for i, s in enumerate(chart.series):
        name = _latin(s.name)
        d.add(Rect(lx, ly, 7, 7, fillColor=colors.HexColor(series_color(chart, i)), strokeColor=None))
        d.add(String(lx + 10, ly + 0.5, name, fontName="Helvetica", fontSize=7))
        lx += 10 + stringWidth(name, "Helvetica", 7) + 14
    if chart.y_label:
        label = Group(String(0, 0, _latin(chart.y_label), textAnchor="middle", fontName="Helvetica", fontSize=7))
        label.translate(10, bc.y + bc.height / 2)
        label.rotate(90)
        d.add(label)
    return d


def _block(block: Block, ss: StyleSheet1, width: float, level: int) -> list[Flowable]:
    if isinstance(block, Paragraph):
        style = {"note": ss["Note"], "emphasis": ss["Emph"]}.get(block.style, ss["BodyText"])
        return [_p(block.text, style)]
    if isinstance(block, KeyValues):
        return _kv(block, ss, width)
    if isinstance(block, Table):
        return _table(block, ss, width)
    if isinstance(block, BarChart):
        return [KeepTogether([chart_drawing(block, width=width)]), Spacer(1, 4)]
    if isinstance(block, Section):
        return _section(block, ss, width, level + 1)
    raise TypeError(f"unknown report block {type(block).__name__}")


def _section(section: Section, ss: StyleSheet1, width: float, level: int) -> list[Flowable]:
    style = ss[f"Heading{min(level, 4)}"]
    out: list[Flowable] = [_p(section.heading, style)]
    for b in section.blocks:
        out += _block(b, ss, width, level)
        out.append(Spacer(1, 3))
    return out


def to_pdf(doc: Document, *, compress: bool = True) -> bytes:
    """The document as PDF bytes (A4). ``compress=False`` leaves page streams readable (for tests/diffs)."""
    buf = io.BytesIO()
    template = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_latin(doc.title),
        subject=_latin(doc.subtitle or ""),
        creator="catchall",
        pageCompression=1 if compress else 0,
        invariant=1,
    )
    ss = _styles()
    width = template.width
    story: list[Flowable] = [_p(doc.title, ss["Title"])]
    if doc.subtitle:
        story.append(_p(doc.subtitle, ss["Subtitle"]))
    if doc.meta:
        story += _kv(KeyValues(items=list(doc.meta)), ss, width)
    story.append(Spacer(1, 6))
    for s in doc.sections:
        story += _section(s, ss, width, 1)
    footer = _latin(doc.footer or doc.title)

    def _page(canvas: Any, tmpl: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(tmpl.leftMargin, 9 * mm, footer[:150])
        canvas.drawRightString(A4[0] - tmpl.rightMargin, 9 * mm, f"page {canvas.getPageNumber()}")
        canvas.restoreState()

    template.build(story, onFirstPage=_page, onLaterPages=_page)
    return buf.getvalue()


def pdf_text(data: bytes) -> str:
    """Rough text of a PDF made by :func:`to_pdf`: the literal strings of its (inflated) page streams.

    Good enough to check that a report says what it should, without a PDF library.
    """
    import base64
    import contextlib
    import re
    import zlib

    chunks: list[bytes] = []
    for m in re.finditer(rb"stream\r?\n(.*?)\s*endstream", data, re.S):
        raw = m.group(1).strip()
        if raw.endswith(b"~>"):  # reportlab wraps compressed streams in ASCII85
            with contextlib.suppress(ValueError):
                raw = base64.a85decode(raw.removeprefix(b"<~")[:-2])
        with contextlib.suppress(zlib.error):
            raw = zlib.decompress(raw)
        chunks.append(raw)
    text: list[str] = []
    for chunk in chunks:
        for s in re.finditer(rb"\((.*?)(?<!\\)\)\s*Tj", chunk, re.S):
            lit = s.group(1)
            lit = re.sub(rb"\\([()\\])", rb"\1", lit)
            text.append(lit.decode("cp1252", errors="replace"))
    return "\n".join(text)
