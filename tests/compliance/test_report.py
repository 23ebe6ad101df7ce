"""Per-state reports: commitments, transfers by year and finding with a chart, sanctions, summary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from catchall.reports import pdf_text
from catchall.services import compliance as service


@pytest.fixture
def transfers(dev_cases: list[dict[str, Any]]) -> list[Any]:
    return [service.parse_transfer(c) for c in dev_cases]


def _report(fmt: str, transfers: list[Any], **kw: Any) -> bytes:
    return service.report(None, "CN", fmt=fmt, transfers=transfers, today=dt.date(2026, 1, 1), **kw)  # type: ignore[arg-type]


def test_html_report_has_commitments_chart_transfers_sanctions_and_summary(transfers: list[Any]) -> None:
    html = _report("html", transfers).decode("utf-8")
    assert "Missile nonproliferation commitments and compliance: China" in html
    assert "China&#x27;s February 1992 pledge" in html and "21 November 2000" in html
    assert "Regulations of the PRC on Export Control of Missiles" in html
    assert "<svg" in html and "Reported transfers by year and finding" in html
    assert "v01" in html and "v02" in html and "v04" not in html  # only China's transfers
    assert "China North Industries Corporation" in html and "Executive Order 12938" in html
    assert "Not adhering: 1 reported transfer(s)" in html


def test_markdown_report_counts_by_year(transfers: list[Any]) -> None:
    md = _report("md", transfers).decode("utf-8")
    assert "| 2002 | 1 | 0 | 0 | 1 |" in md  # v01: contrary in 2002
    assert "| 2000 | 0 | 1 | 0 | 1 |" in md  # v02: not precluded in 2000


def test_pdf_report_has_the_same_content(transfers: list[Any]) -> None:
    data = _report("pdf", transfers)
    assert data.startswith(b"%PDF")
    text = " ".join(pdf_text(data).split())  # titles may wrap across lines
    for phrase in (
        "compliance: China",
        "Summary finding",
        "Reported transfers by year and finding",
        "China North Industries Corporation",
        "Not adhering",
    ):
        assert phrase in text, phrase


def test_period_filters_transfers_and_determinations(transfers: list[Any]) -> None:
    md = _report("md", transfers, date_from=dt.date(2001, 1, 1), date_to=dt.date(2001, 12, 31)).decode("utf-8")
    assert "No reported transfers" in md
    assert "China North Industries" not in md  # its determinations start in 2003
    assert "Insufficient information" in md


def test_a_state_with_nothing_reported_still_gets_a_report() -> None:
    md = service.report(None, "NZ", fmt="md", transfers=[], today=dt.date(2026, 1, 1)).decode("utf-8")
    assert "MTCR partnership" in md and "New Zealand" in md


def test_reversed_period_is_refused() -> None:
    from catchall.errors import InvalidInput

    with pytest.raises(InvalidInput, match="after"):
        service.report(None, "CN", fmt="md", transfers=[], date_from=dt.date(2005, 1, 1), date_to=dt.date(2004, 1, 1))


def test_chronology_orders_commitments_measures_and_sanctions(transfers: list[Any]) -> None:
    md = _report("md", transfers).decode("utf-8")
    chronology = md.split("## Chronology", 1)[1].split("## ", 1)[0]
    order = [
        chronology.index("Sanctions on China Great Wall Industry Corporation"),  # June 1991
        chronology.index("Commitment: China's February 1992 pledge"),
        chronology.index("Commitment: China's 21 November 2000 statement"),
        chronology.index("Measure: Regulations of the PRC on Export Control of Missiles"),
        chronology.index("Sanctions on China North Industries Corporation"),
    ]
    assert order == sorted(order)
