"""A per-state compliance report, in the manner of a government adherence and compliance report.

``build_report`` assembles a :class:`catchall.reports.Document` (render it with ``catchall.reports``) from:
the state's commitments and their history, national implementation facts, the findings on transfers by
the state's entities in the period (a table and a chart by year and finding), the sanctions determinations
against the state's entities, and a summary finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from catchall.model.registry import Commitment, ImplementationFact, SanctionsDetermination, State
from catchall.model.transfer import FINDINGS, Finding, Transfer
from catchall.reports import BarChart, Block, Document, KeyValues, Paragraph, Section, Series, Table

FINDING_LABEL = {
    "contrary": "contrary to commitments",
    "not_precluded": "not precluded",
    "no_commitment": "no commitment in force",
}
FINDING_COLOR = {"contrary": "#b2182b", "not_precluded": "#e08214", "no_commitment": "#888888"}

KIND_LABEL = {
    "mtcr_partnership": "MTCR partnership",
    "mtcr_adherence": "Unilateral adherence to the MTCR Guidelines",
    "pledge": "Missile pledge",
    "hcoc_subscription": "HCOC subscription",
}


@dataclass(frozen=True)
class Summary:
    verdict: str
    text: str


def summarise(state: State, findings: Sequence[Finding], determinations: Sequence[SanctionsDetermination]) -> Summary:
    """The overall finding for the period, from the transfer findings and the determinations."""
    counts = Counter(f.finding for f in findings)
    name = state.name
    if counts["contrary"]:
        years = sorted({f.date.year for f in findings if f.finding == "contrary"})
        span = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
        return Summary(
            "not_adhering",
            f"Not adhering: {counts['contrary']} reported transfer(s) by entities of {name} ({span}) were contrary "
            f"to commitments of {name} in force at the time.",
        )
    if counts["not_precluded"]:
        concerned = sum(1 for f in findings if f.finding == "not_precluded" and f.concerns)
        text = (
            f"Consistent with commitments: no reported transfer was contrary to commitments in force; "
            f"{counts['not_precluded']} transfer(s) were not precluded"
        )
        text += f", {concerned} of them raising concerns." if concerned else "."
        return Summary("concerns" if concerned else "consistent", text)
    if counts["no_commitment"]:
        return Summary(
            "no_commitment",
            f"No commitment: {name} had no missile-transfer commitment in force when the "
            f"{counts['no_commitment']} reported transfer(s) took place.",
        )
    extra = f" {len(determinations)} sanctions determination(s) concern its entities." if determinations else ""
    return Summary(
        "no_information", f"Insufficient information: no reported transfers by entities of {name} in the period.{extra}"
    )


def _commitment_rows(commitments: Sequence[Commitment], as_of: date) -> list[list[str]]:
    rows = []
    for c in commitments:
        status = "in force" if c.in_force(as_of) else ("ended " + c.until.isoformat() if c.until else "not yet")
        rows.append(
            [
                c.instrument,
                KIND_LABEL.get(c.kind, c.kind),
                c.since_text() + (" (uncertain)" if c.uncertain else ""),
                status,
                c.source,
            ]
        )
    return rows


def _chronology(
    commitments: Sequence[Commitment],
    facts: Sequence[ImplementationFact],
    determinations: Sequence[SanctionsDetermination],
) -> list[list[str]]:
    """Dated events of the state's record, oldest first: commitments made/ended, measures, determinations."""
    events: list[tuple[date, str, str]] = []
    for c in commitments:
        events.append(
            (c.since, f"{c.since_text()}{' (uncertain)' if c.uncertain else ''}", f"Commitment: {c.instrument}")
        )
        if c.until:
            events.append((c.until, c.until.isoformat(), f"Commitment ended: {c.instrument}"))
    for f in facts:
        events.append((f.since, f.since.isoformat() + (" (uncertain)" if f.uncertain else ""), f"Measure: {f.title}"))
    for d in determinations:
        events.append(
            (
                d.effective_date,
                d.effective_date.isoformat() + (" (uncertain)" if d.uncertain else ""),
                f"Sanctions on {d.entity.name} ({'; '.join(d.authorities)})"
                + (f", in force until {d.end.isoformat()}" if d.end else ", until revoked"),
            )
        )
    return [[shown, text] for _, shown, text in sorted(events, key=lambda e: (e[0], e[2]))]


def _by_year_chart(findings: Sequence[Finding], years: list[int]) -> BarChart:
    counts = Counter((f.date.year, f.finding) for f in findings)
    series = [
        Series(FINDING_LABEL[k], [float(counts[(y, k)]) for y in years], color=FINDING_COLOR[k]) for k in FINDINGS
    ]
    return BarChart(
        categories=[str(y) for y in years],
        series=series,
        stacked=True,
        title="Reported transfers by year and finding",
        y_label="transfers",
        x_label="year",
    )


def build_report(
    state: State,
    *,
    commitments: Sequence[Commitment],
    facts: Sequence[ImplementationFact],
    transfers: Sequence[Transfer],
    findings: Sequence[Finding],
    determinations: Sequence[SanctionsDetermination],
    date_from: date | None,
    date_to: date | None,
    generated: date,
) -> Document:
    """The report document for ``state``; ``findings`` are those of ``transfers`` (same order or ids)."""
    as_of = date_to or generated
    period = f"{date_from.isoformat() if date_from else 'earliest record'} to {date_to.isoformat() if date_to else 'latest record'}"
    summary = summarise(state, findings, determinations)
    by_id = {t.id: t for t in transfers}

    sections: list[Section] = [
        Section(
            "Summary finding",
            [
                Paragraph(summary.text, style="emphasis"),
                KeyValues(
                    [
                        ("Verdict", summary.verdict.replace("_", " ")),
                        ("Transfers assessed", str(len(findings))),
                        *[
                            (FINDING_LABEL[k].capitalize(), str(sum(1 for f in findings if f.finding == k)))
                            for k in FINDINGS
                        ],
                        ("Sanctions determinations against entities", str(len(determinations))),
                    ]
                ),
                Paragraph(
                    "A transfer is contrary when a commitment of the supplier state in force on its date precludes it; "
                    "transfers by entities count against the state's commitments. Commitments are political; the "
                    "finding speaks of adherence, not of legal compliance.",
                    style="note",
                ),
            ],
        ),
        Section(
            "Commitments and their history",
            [
                Table(
                    columns=["Instrument", "Kind", "Since", f"Status on {as_of.isoformat()}", "Source"],
                    rows=_commitment_rows(commitments, as_of),
                ),
                *(
                    [
                        Paragraph(f"{c.instrument}: {c.summary}", style="note")
                        for c in commitments
                        if c.summary and c.kind == "pledge"
                    ]
                ),
            ],
        ),
        Section(
            "Chronology",
            [Table(columns=["Date", "Event"], rows=_chronology(commitments, facts, determinations))],
        ),
        Section(
            "National implementation",
            [
                Table(
                    columns=["Measure", "Kind", "Since", "Source"],
                    rows=[
                        [
                            f.title,
                            f.kind.replace("_", " "),
                            f.since.isoformat() + (" (uncertain)" if f.uncertain else ""),
                            f.source,
                        ]
                        for f in facts
                    ],
                )
            ],
        ),
    ]

    transfer_blocks: list[Block] = []
    if findings:
        years = list(range(min(f.date.year for f in findings), max(f.date.year for f in findings) + 1))
        transfer_blocks.append(_by_year_chart(findings, years))
        rows = []
        for f in sorted(findings, key=lambda f: (f.date, f.id)):
            t = by_id.get(f.id)
            program = t.recipient_program if t else None
            precluding = "; ".join(c.instrument for c in f.commitments if c.precludes)
            rows.append(
                [
                    f.date.isoformat(),
                    f.id,
                    (t.supplier_entity or "") if t else "",
                    ((t.recipient_state or "") + (f" - {program.name}" if program and program.name else ""))
                    if t
                    else "",
                    f.item_category or "unlisted",
                    FINDING_LABEL[f.finding],
                    precluding or (" ".join(f.concerns[:1]) if f.concerns else ""),
                ]
            )
        transfer_blocks.append(
            Table(
                columns=[
                    "Date",
                    "Transfer",
                    "Supplier entity",
                    "Recipient",
                    "Item cat.",
                    "Finding",
                    "Precluded by / concern",
                ],
                rows=rows,
            )
        )
        for f in findings:
            if f.finding == "contrary":
                for c in f.commitments:
                    if c.precludes:
                        transfer_blocks.append(Paragraph(f"{f.id} ({f.date.isoformat()}): {c.why}", style="note"))
    else:
        transfer_blocks.append(Paragraph("No reported transfers by entities of this state in the period."))
    sections.append(Section("Reported transfers", transfer_blocks))

    sections.append(
        Section(
            "Sanctions determinations against the state's entities",
            [
                Table(
                    columns=["Entity", "Authority", "Determined", "In force", "Item cat.", "Penalties", "Source"],
                    rows=[
                        [
                            d.entity.name + (f" ({', '.join(d.entity.aliases[:2])})" if d.entity.aliases else ""),
                            "; ".join(d.authorities),
                            d.determination_date.isoformat(),
                            f"{d.effective_date.isoformat()} to {d.end.isoformat() if d.end else 'until revoked'}",
                            d.item_category or "",
                            "; ".join(d.penalties),
                            d.source,
                        ]
                        for d in determinations
                    ],
                )
            ],
        )
    )
    return Document(
        title=f"Missile nonproliferation commitments and compliance: {state.name}",
        subtitle=f"Period: {period}",
        meta=[
            ("State", f"{state.name} ({state.code})"),
            ("Period", period),
            ("Generated", generated.isoformat()),
            ("Summary", summary.verdict.replace("_", " ")),
        ],
        sections=sections,
        footer=f"catchall compliance report - {state.name} - generated {generated.isoformat()}",
    )
