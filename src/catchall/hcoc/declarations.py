"""Checking annual declarations: for each subscriber and year, was a declaration submitted, and do the
launches it declares (per vehicle class) agree with the launches observed?

A declaration for year Y covers the launches of calendar year Y. A state is expected to declare for Y
when it had subscribed by 31 December of Y. "Observed" means the launches recorded in catchall, so a
disagreement says the two records differ, not which one is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from catchall.model.hcoc import AnnualDeclaration, ClassCount, DeclarationCheck, Launch, Subscription, VehicleClass
from catchall.model.reason import Reason

REF_AD = "HCOC para 4 (transparency measures: annual declarations)"


def observed_counts(launches: Iterable[Launch], year: int) -> dict[str, Counter[VehicleClass]]:
    """{state: Counter(class -> launches in ``year``)}."""
    out: dict[str, Counter[VehicleClass]] = {}
    for launch in launches:
        if launch.date.year == year:
            out.setdefault(launch.state, Counter())[launch.vehicle_class] += 1
    return out


def check_declaration(
    state: str,
    year: int,
    declaration: AnnualDeclaration | None,
    observed: Counter[VehicleClass],
    *,
    subscriber: bool = True,
) -> DeclarationCheck:
    reasons: list[Reason] = []
    if not subscriber:
        reasons.append(
            Reason(
                rule="hcoc.declaration.not_subscriber",
                text=f"{state} was not a subscriber by the end of {year}; its declaration is voluntary.",
                ref=REF_AD,
                data={"state": state, "year": year},
            )
        )
    if declaration is None:
        counts = [ClassCount(vehicle_class=c, declared=None, observed=observed.get(c, 0)) for c in VehicleClass]
        reasons.append(
            Reason(
                rule="hcoc.declaration.missing",
                text=f"No annual declaration of {state} for {year} has been recorded.",
                ref=REF_AD,
                data={"state": state, "year": year, "observed": {c.value: observed.get(c, 0) for c in VehicleClass}},
            )
        )
        return DeclarationCheck(
            state=state, year=year, subscriber=subscriber, submitted=False, counts=counts, reasons=reasons
        )

    reasons.append(
        Reason(
            rule="hcoc.declaration.submitted",
            text=f"{state} submitted its annual declaration for {year} on {declaration.submitted.isoformat()}.",
            ref=REF_AD,
            data={"state": state, "year": year, "submitted": declaration.submitted.isoformat()},
        )
    )
    counts = []
    for cls_ in VehicleClass:
        # A class missing from the declaration is read as zero launches of that class: the Code asks for
        # the number of launches, and an omitted class declares none.
        declared = declaration.launches.get(cls_, 0)
        seen = observed.get(cls_, 0)
        counts.append(ClassCount(vehicle_class=cls_, declared=declared, observed=seen))
        if declared != seen:
            reasons.append(
                Reason(
                    rule="hcoc.declaration.count_mismatch",
                    text=(
                        f"{state} declared {declared} {cls_.value.replace('_', ' ')} launch(es) in {year}; "
                        f"{seen} are recorded as observed."
                    ),
                    ref=REF_AD,
                    data={"state": state, "year": year, "class": cls_.value, "declared": declared, "observed": seen},
                )
            )
    agree = all(c.agrees for c in counts)
    if agree:
        reasons.append(
            Reason(
                rule="hcoc.declaration.counts_agree",
                text=f"The launches {state} declared for {year} agree with those observed, class by class.",
                ref=REF_AD,
                data={"state": state, "year": year},
            )
        )
    return DeclarationCheck(
        state=state,
        year=year,
        subscriber=subscriber,
        submitted=True,
        submitted_on=declaration.submitted,
        launches_agree=agree,
        counts=counts,
        reasons=reasons,
    )


def check_declarations(
    year: int,
    declarations: Iterable[AnnualDeclaration],
    launches: Iterable[Launch],
    subscribers: Iterable[Subscription],
) -> list[DeclarationCheck]:
    """One check per state expected to declare for ``year`` (subscribed by 31 December), plus one per
    other state that declared anyway; ordered by state code."""
    year_end = dt.date(year, 12, 31)
    expected = {s.state for s in subscribers if s.subscribed <= year_end}
    by_state = {d.state: d for d in declarations if d.year == year}
    observed = observed_counts(launches, year)
    states = sorted(expected | set(by_state))
    return [
        check_declaration(
            state, year, by_state.get(state), observed.get(state, Counter()), subscriber=state in expected
        )
        for state in states
    ]
