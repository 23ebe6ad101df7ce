"""Render a :class:`Document` as one self-contained HTML page (inline CSS, inline SVG charts, no script)."""

from __future__ import annotations

from html import escape

from catchall.reports.charts import chart_svg
from catchall.reports.document import BarChart, Block, Document, KeyValues, Paragraph, Section, Table

CSS = """
body{font-family:Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;
margin-top:2rem}h3{font-size:1.05rem;margin-top:1.4rem}
.subtitle{color:#555;margin-top:0}
table{border-collapse:collapse;margin:.6rem 0;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f1f1f1}caption{text-align:left;font-weight:bold;padding:.3rem 0}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.6rem 0}
dl.kv dt{font-weight:bold}dl.kv dd{margin:0}
p.note{color:#555;font-size:.85rem}p.emphasis{font-weight:bold}
figure{margin:1rem 0}footer{margin-top:2rem;color:#666;font-size:.8rem;border-top:1px solid #ddd;
padding-top:.5rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}}
"""


def _kv(block: KeyValues) -> str:
    head = f"<h4>{escape(block.title)}</h4>" if block.title else ""
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in block.items)
    return f'{head}<dl class="kv">{items}</dl>'


def _table(block: Table) -> str:
    cap = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in block.columns)
    if block.rows:
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
    else:
        body = f'<tr><td colspan="{len(block.columns)}">(none)</td></tr>'
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block(block: Block, level: int) -> str:
    if isinstance(block, Paragraph):
        cls = f' class="{escape(block.style)}"' if block.style != "normal" else ""
        return f"<p{cls}>{escape(block.text)}</p>"
    if isinstance(block, KeyValues):
        return _kv(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, BarChart):
        cap = f"<figcaption>{escape(block.title)}</figcaption>" if block.title else ""
        return f"<figure>{chart_svg(block)}{cap}</figure>"
    if isinstance(block, Section):
        return _section(block, level + 1)
    raise TypeError(f"unknown report block {type(block).__name__}")


def _section(section: Section, level: int) -> str:
    h = min(level, 6)
    inner = "".join(_block(b, level) for b in section.blocks)
    return f"<section><h{h}>{escape(section.heading)}</h{h}>{inner}</section>"


def to_html(doc: Document) -> str:
    """The whole page as a string; safe to write to a file and open offline."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{escape(doc.title)}</h1>",
    ]
    if doc.subtitle:
        parts.append(f'<p class="subtitle">{escape(doc.subtitle)}</p>')
    if doc.meta:
        parts.append(_kv(KeyValues(items=list(doc.meta))))
    parts.append("</header><main>")
    parts.extend(_section(s, 2) for s in doc.sections)
    parts.append("</main>")
    if doc.footer:
        parts.append(f"<footer>{escape(doc.footer)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts)
