"""The MTCR Guidelines applied to one classified item: outcome, flags and reasons.

Rules (the application's outcome is the most restrictive over its items):
1. a Category I production facility (Annex 1.B / 2.B) -> ``prohibited`` (para 2);
2. a Category I item without binding government-to-government undertakings -> ``deny`` (para 2);
3. a Category I item with those undertakings -> ``presumption_of_denial`` (para 2, rare occasions);
4. any item, listed or not, with information of intended WMD delivery or of a terrorism risk
   -> ``presumption_of_denial``; unlisted items are flagged ``catch_all`` (paras 2, 7; 1, 3(F));
5. other Category II items -> ``case_by_case`` (paras 1, 3);
6. unlisted items without such information -> ``not_controlled``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from catchall.model.application import OUTCOMES, Application, Outcome
from catchall.model.reason import Reason
from catchall.policy.guidelines import load_guidelines

# Item 1 and 2 sub-letter B holds the production facilities and equipment of Category I (Annex structure).
_CAT1_PRODUCTION = re.compile(r"^[12]\.B(\.|$)")


@dataclass(frozen=True)
class ClassifiedItem:
    """An item with its classification (from ``catchall.controllist.classify`` or the applicant's rating).

    ``production_facility_entries`` lets the caller add entries the Annex marks as production facilities
    beyond 1.B/2.B (which are always treated as such).
    """

    id: str
    category: Literal["I", "II"] | None
    entries: tuple[str, ...] = ()
    production_facility_entries: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    description: str = ""

    @property
    def cat1_production_entries(self) -> list[str]:
        marked = set(self.production_facility_entries)
        return [e for e in self.entries if _CAT1_PRODUCTION.match(e) or e in marked]


@dataclass
class ItemVerdict:
    item: ClassifiedItem
    outcome: Outcome
    flags: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)


def most_restrictive(outcomes: Sequence[Outcome]) -> Outcome:
    return max(outcomes, key=OUTCOMES.index, default="not_controlled")


def _annex_ref(entries: Sequence[str]) -> str:
    return "MTCR Annex " + ", ".join(entries) if entries else "MTCR Annex (not listed)"


def _label(item: ClassifiedItem) -> str:
    return f"item {item.id!r}" + (f" ({item.description})" if item.description else "")


def _cat1_entries(item: ClassifiedItem) -> list[str]:
    cat1 = [e for e in item.entries if e.split(".")[0] in {"1", "2"}]
    return cat1 or list(item.entries)


def judge_item(item: ClassifiedItem, app: Application) -> ItemVerdict:
    """Apply the Guidelines to one item; every reason names its rule, paragraph and Annex entries."""
    g = load_guidelines()
    p2, p3, p7 = g.para("2").ref, g.para("3").ref, g.para("7").ref
    info = app.information
    candidates: list[tuple[Outcome, Reason, list[str]]] = []
    data = {"item": item.id, "entries": list(item.entries)}

    if item.category == "I":
        production = item.cat1_production_entries
        cat1 = _cat1_entries(item)
        if production:
            candidates.append(
                (
                    "prohibited",
                    Reason(
                        rule="guidelines.cat1.production_facility",
                        text=f"{_label(item)} is a Category I production facility ({', '.join(production)}): "
                        "transfers of Category I production facilities are not authorised",
                        ref=f"{p2}; {_annex_ref(production)}",
                        data=data,
                    ),
                    ["category_i"],
                )
            )
        elif not app.assurances.government_to_government:
            candidates.append(
                (
                    "deny",
                    Reason(
                        rule="guidelines.cat1.no_undertakings",
                        text=f"{_label(item)} is Category I ({', '.join(cat1)}) and no binding "
                        "government-to-government undertakings were obtained: Category I transfers may be "
                        "authorised only on rare occasions and only with such undertakings",
                        ref=f"{p2}; {_annex_ref(cat1)}",
                        data=data,
                    ),
                    ["category_i"],
                )
            )
        else:
            candidates.append(
                (
                    "presumption_of_denial",
                    Reason(
                        rule="guidelines.cat1.rare_occasions",
                        text=f"{_label(item)} is Category I ({', '.join(cat1)}): strong presumption of denial; "
                        "government-to-government undertakings were obtained, so a transfer is possible only on a "
                        "rare occasion after senior review, with the supplier government responsible for "
                        "ensuring the stated end use",
                        ref=f"{p2}; {_annex_ref(cat1)}",
                        data=data,
                    ),
                    ["category_i", "senior_review"],
                )
            )

    listed = item.category is not None
    if info.wmd_delivery:
        if listed:
            reason = Reason(
                rule="guidelines.wmd_delivery.listed",
                text=f"the authorities have information that {_label(item)} is or may be intended for a WMD "
                "delivery system: strong presumption of denial",
                ref=f"{p2}; {_annex_ref(item.entries)}",
                data=data,
            )
            candidates.append(("presumption_of_denial", reason, ["wmd_delivery"]))
        else:
            reason = Reason(
                rule="guidelines.wmd_delivery.catch_all",
                text=f"{_label(item)} is not on the Annex, but the authorities have information that it is or may "
                "be intended for a WMD delivery system: a licence is required (catch-all) and there is a strong "
                "presumption of denial",
                ref=f"{p7}; {p2}",
                data=data,
            )
            candidates.append(("presumption_of_denial", reason, ["catch_all", "wmd_delivery"]))
    if info.terrorism_risk:
        p1, f_ref = g.para("1").ref, f"{p3}(F)"
        if listed:
            reason = Reason(
                rule="guidelines.terrorism_risk.listed",
                text=f"there is information of a risk that {_label(item)} reaches terrorist groups or individuals: "
                "presumption of denial",
                ref=f"{p1}; {f_ref}; {_annex_ref(item.entries)}",
                data=data,
            )
            candidates.append(("presumption_of_denial", reason, ["terrorism_risk"]))
        else:
            reason = Reason(
                rule="guidelines.terrorism_risk.catch_all",
                text=f"{_label(item)} is not on the Annex, but there is information of a risk that it reaches "
                "terrorist groups or individuals: a licence is required (catch-all) and there is a presumption "
                "of denial",
                ref=f"{p1}; {f_ref}; {p7}",
                data=data,
            )
            candidates.append(("presumption_of_denial", reason, ["catch_all", "terrorism_risk"]))

    if item.category == "II":
        candidates.append(
            (
                "case_by_case",
                Reason(
                    rule="guidelines.cat2.case_by_case",
                    text=f"{_label(item)} is Category II ({', '.join(item.entries)}): restraint, evaluated case by "
                    "case against the paragraph 3 factors",
                    ref=f"{g.para('1').ref}; {p3}; {_annex_ref(item.entries)}",
                    data=data,
                ),
                [],
            )
        )
    if not candidates:
        candidates.append(
            (
                "not_controlled",
                Reason(
                    rule="guidelines.not_listed",
                    text=f"{_label(item)} is not on the MTCR Annex and there is no information of a WMD delivery "
                    "or terrorism risk: not controlled under the Guidelines",
                    ref=f"{g.para('1').ref}; {p7}; MTCR Annex",
                    data=data,
                ),
                [],
            )
        )

    outcome = most_restrictive([c[0] for c in candidates])
    flags: list[str] = []
    for _, _, fl in candidates:
        flags.extend(f for f in fl if f not in flags)
    # The deciding reason first, then the others (they matter if the deciding rule is set aside).
    ordered = sorted(candidates, key=lambda c: -OUTCOMES.index(c[0]))
    return ItemVerdict(item=item, outcome=outcome, flags=flags, reasons=[c[1] for c in ordered])
