"""The yearly HCOC report as a ``catchall.reports`` document: subscribers, declarations received,
launches and their notification status, with a chart of statuses by vehicle class.

Assembly only; rendering (HTML, Markdown, PDF) is the generic toolkit's job.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum

from catchall.model.hcoc import DeclarationCheck, LaunchCheck, LaunchStatus, Subscription, VehicleClass
from catchall.reports import (
    BarChart,
    Block,
    Document,
    KeyValues,
    Paragraph,
    Section,
    Series,
    Table,
    to_html,
    to_markdown,
    to_pdf,
)


class ReportFormat(StrEnum):
    html = "html"
    md = "md"
    pdf = "pdf"


MEDIA_TYPES = {ReportFormat.html: "text/html", ReportFormat.md: "text/markdown", ReportFormat.pdf: "application/pdf"}

STATUS_COLOURS = {
    LaunchStatus.notified: "#4d9221",
    LaunchStatus.late_notification: "#e08214",
    LaunchStatus.outside_window: "#762a83",
    LaunchStatus.not_notified: "#b2182b",
    LaunchStatus.not_subscribed: "#666666",
}


def _yes_no(value: bool | None) -> str:
    return "n/a" if value is None else ("yes" if value else "no")


def _label(value: str) -> str:
    return value.replace("_", " ")


def build_report(
    year: int,
    subscribers: Sequence[Subscription],
    declarations: Sequence[DeclarationCheck],
    launches: Sequence[LaunchCheck],
    *,
    generated: dt.date | None = None,
) -> Document:
    """The report for ``year``. ``subscribers`` are those subscribed by 31 December of ``year``."""
    year_end = dt.date(year, 12, 31)
    new = [s for s in subscribers if s.subscribed.year == year]
    expected = [d for d in declarations if d.subscriber]
    received = [d for d in expected if d.submitted]
    disagree = [d for d in declarations if d.submitted and d.launches_agree is False]
    statuses = Counter(c.status for c in launches)

    summary: list[Block] = [
        Paragraph(
            f"{len(subscribers)} states subscribed to the Hague Code of Conduct by {year_end.isoformat()}"
            f" ({len(new)} joined in {year}). {len(received)} of {len(expected)} annual declarations for {year}"
            f" have been received; {len(disagree)} declare launch counts that differ from the launches observed."
            f" {len(launches)} launch(es) were observed in {year}, of which {statuses.get(LaunchStatus.notified, 0)}"
            " were notified in time.",
            style="emphasis",
        ),
        KeyValues(
            [(_label(s.value), str(statuses.get(s, 0))) for s in LaunchStatus],
            title="Launches by notification status",
        ),
    ]

    chart_classes = list(VehicleClass)
    chart = BarChart(
        categories=[_label(c.value) for c in chart_classes],
        series=[
            Series(
                _label(status.value),
                [
                    float(sum(1 for c in launches if c.status is status and c.vehicle_class is vc))
                    for vc in chart_classes
                ],
                color=STATUS_COLOURS[status],
            )
            for status in LaunchStatus
        ],
        stacked=True,
        title=f"Launches in {year} by vehicle class and notification status",
        y_label="launches",
    )

    launch_rows = [
        [
            c.id,
            c.state or "",
            c.date.isoformat() if c.date else "",
            _label(c.vehicle_class.value) if c.vehicle_class else "",
            _label(c.status.value),
            c.notification or "-",
            c.reasons[0].text if c.reasons else "",
        ]
        for c in sorted(launches, key=lambda c: (c.date or dt.date.min, c.id))
    ]

    declaration_rows = [
        [
            d.state,
            _yes_no(d.subscriber),
            d.submitted_on.isoformat() if d.submitted_on else "not received",
            *[
                f"{cc.declared if cc.declared is not None else '-'} / {cc.observed}"
                for cc in sorted(d.counts, key=lambda cc: list(VehicleClass).index(cc.vehicle_class))
            ],
            _yes_no(d.launches_agree),
        ]
        for d in declarations
    ]
    class_cols = [f"{_label(c.value)} declared / observed" for c in VehicleClass]

    subscriber_rows = [
        [s.state, s.name or "", s.subscribed.isoformat(), "yes" if s.uncertain else "no"]
        for s in sorted(subscribers, key=lambda s: s.state)
    ]

    sections = [
        Section("Summary", summary),
        Section(
            "Launches and notification status",
            [
                chart,
                Table(
                    columns=["Launch", "State", "Date", "Class", "Status", "PLN", "Why"],
                    rows=launch_rows,
                    caption=f"Observed launches in {year}",
                )
                if launch_rows
                else Paragraph(f"No launches recorded for {year}.", style="note"),
            ],
        ),
        Section(
            "Annual declarations",
            [
                Paragraph(
                    f"A declaration for {year} covers the launches of {year}. Counts are declared / observed;"
                    " 'observed' means recorded in catchall.",
                    style="note",
                ),
                Table(
                    columns=["State", "Subscriber", "Received", *class_cols, "Counts agree"],
                    rows=declaration_rows,
                    caption=f"Declarations for {year}",
                )
                if declaration_rows
                else Paragraph("No subscribers or declarations for this year.", style="note"),
            ],
        ),
        Section(
            "Subscribing states",
            [
                Table(
                    columns=["State", "Name", "Subscribed", "Date uncertain"],
                    rows=subscriber_rows,
                    caption=f"Subscribers by {year_end.isoformat()}",
                ),
                Paragraph(
                    "Subscription dates marked uncertain are the best known date; see the registry data for sources.",
                    style="note",
                ),
            ],
        ),
    ]
    return Document(
        title=f"Hague Code of Conduct: {year}",
        subtitle="Subscribers, annual declarations and pre-launch notifications",
        meta=[("Year", str(year)), ("Generated", (generated or dt.date.today()).isoformat())],
        sections=sections,
        footer="catchall: generated offline from the records held",
    )


def render(doc: Document, fmt: ReportFormat) -> bytes:
    if fmt is ReportFormat.pdf:
        return to_pdf(doc)
    if fmt is ReportFormat.md:
        return to_markdown(doc).encode("utf-8")
    return to_html(doc).encode("utf-8")
