"""The report toolkit renders the same document as HTML, Markdown and PDF, each with its chart."""

from __future__ import annotations

import pytest

from catchall.reports import (
    BarChart,
    Document,
    KeyValues,
    Paragraph,
    Section,
    Series,
    Table,
    bar_svg,
    pdf_text,
    to_html,
    to_markdown,
    to_pdf,
)


def _doc() -> Document:
    return Document(
        title="Compliance report: Ruritania",
        subtitle="Transfers 2001-2003",
        meta=[("Generated", "2026-11-23")],
        sections=[
            Section("Summary", [Paragraph("Two transfers were contrary <to> commitments & pledges.", "emphasis")]),
            Section(
                "Commitments",
                [
                    KeyValues([("MTCR partner", "since 1995-01-01")], title="Status"),
                    Table(columns=["Instrument", "Since"], rows=[["Pledge | 1992", "1992-02-01"]], caption="History"),
                ],
            ),
            Section(
                "Transfers",
                [
                    BarChart(
                        categories=["2001", "2002", "2003"],
                        series=[Series("contrary", [1, 2, 0]), Series("not_precluded", [0, 1, 3])],
                        stacked=True,
                        title="Transfers by year and finding",
                    ),
                    Section("Detail", [Paragraph("Zürich and 北京 are places.", "note")]),
                ],
            ),
        ],
        footer="made by catchall",
    )


def test_html_is_self_contained_and_escaped() -> None:
    html = to_html(_doc())
    assert html.startswith("<!DOCTYPE html>")
    assert "Compliance report: Ruritania" in html
    assert "contrary &lt;to&gt; commitments &amp; pledges" in html
    assert "<svg" in html and "Transfers by year and finding" in html
    assert "<h3>Detail</h3>" in html
    # nothing is fetched from elsewhere
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<script" not in html


def test_stacked_chart_draws_one_rect_per_nonzero_value() -> None:
    svg = bar_svg(["a", "b"], [("x", [1, 0]), ("y", [2, 3])], stacked=True, title="T")
    assert svg.count("<rect") == 2 + 3  # 2 legend swatches + 3 non-zero bars
    assert "<title>b: y 3</title>" in svg


def test_grouped_chart_draws_every_bar() -> None:
    svg = bar_svg(["a", "b", "c"], [("x", [1, 0, 2]), ("y", [2, 3, 1])])
    assert svg.count("<rect") == 2 + 6


def test_markdown_has_headings_tables_and_chart_values() -> None:
    md = to_markdown(_doc())
    assert md.startswith("# Compliance report: Ruritania\n")
    assert "## Commitments" in md and "### Detail" in md
    assert "Pledge \\| 1992" in md  # pipes escaped inside table cells
    assert "| 2003 | 0 | 3 | 3 |" in md


@pytest.mark.parametrize("compress", [True, False])
def test_pdf_contains_the_text_and_a_chart(compress: bool) -> None:
    data = to_pdf(_doc(), compress=compress)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for phrase in ("Compliance report: Ruritania", "Commitments", "Transfers by year and finding", "contrary"):
        assert phrase in text
    assert "Bei Jing" in text or "BeiJing" in text  # transliterated, not dropped
    if not compress:
        assert b"Compliance report: Ruritania" in data


def test_table_rejects_rows_of_the_wrong_width() -> None:
    with pytest.raises(ValueError, match="row 1 has 1 cells"):
        Table(columns=["a", "b"], rows=[["x"]])


@pytest.mark.parametrize(
    ("value", "integer", "expected"),
    [
        (1, True, (1.0, 1.0)),
        (3, True, (3.0, 1.0)),
        (0.7, False, (0.8, 0.2)),
        (47, True, (50.0, 10.0)),
        (0, True, (1.0, 1.0)),
    ],
)
def test_axis_ceiling_is_round_and_counts_never_get_fractional_ticks(
    value: float, integer: bool, expected: tuple[float, float]
) -> None:
    from catchall.reports.document import nice_ceiling

    top, step = nice_ceiling(value, integer=integer)
    assert (round(top, 6), round(step, 6)) == expected


def test_empty_chart_renders() -> None:
    svg = bar_svg([], [])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    data = to_pdf(Document(title="t", sections=[Section("s", [BarChart(categories=[], series=[])])]))
    assert data.startswith(b"%PDF")
