"""Assessment of a reported transfer against the commitments of the supplier state in force on its date.

Rules (see docs/compliance.md):

- MTCR partnership, unilateral adherence to the Guidelines, or a pledge to abide by the guidelines and
  parameters (effect ``guidelines``) precludes the transfer of Category I production facilities (always)
  and of other Category I items unless made with binding government-to-government undertakings.
  Category II and unlisted items are not precluded (case by case).
- A pledge of effect ``no_assistance_cat1_ballistic`` (China, 21 November 2000) precludes any transfer,
  listed or not, to a ballistic missile programme of Category I class (500 kg / 300 km).
- A pledge of effect ``no_cat1_complete_missiles`` (US-China joint statement, 1994) precludes the export
  of complete Category I class missiles.
- Finding: ``contrary`` if at least one commitment in force precludes the transfer; ``not_precluded`` if
  commitments were in force but none precludes it; ``no_commitment`` if none was in force.

Transfers by an entity count against the commitments of the supplier state it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catchall.model.reason import Reason
from catchall.model.registry import Commitment
from catchall.model.transfer import CommitmentAssessment, Finding, FindingKind, Transfer
from catchall.registry.commitments import CommitmentBook
from catchall.registry.states import state_name

GUIDELINES_REF = "MTCR Guidelines para 2"
_PRODUCTION_FACILITY = re.compile(r"production\s+(facilit|plant)", re.I)
_COMPLETE_SYSTEM_KINDS = {"rocket_system", "uav_system"}

Classifier = Callable[[Any], Any]


@dataclass(frozen=True)
class ItemFacts:
    """What the assessment needs to know about the transferred item, and how it was established."""

    category: str | None
    production_facility: bool
    complete_system: bool
    entries: tuple[str, ...]
    reasons: tuple[Reason, ...]


def _default_classifier() -> Classifier | None:
    """The control-list classifier (another engine, imported lazily: assessment works without it)."""
    try:
        from catchall.controllist import classify
        from catchall.model.item import parse_item
    except ImportError:
        return None

    def run(item: dict[str, Any]) -> Any:
        return classify(parse_item(item))

    return run


def _classified_category(result: Any) -> tuple[str | None, tuple[str, ...]]:
    """Category and entry codes from a classification result (tolerant of its exact shape)."""
    category = getattr(result, "category", None)
    if category is None and isinstance(result, dict):
        category = result.get("category")
    raw_entries = getattr(result, "entries", None)
    if raw_entries is None and isinstance(result, dict):
        raw_entries = result.get("entries")
    codes: list[str] = []
    for e in raw_entries or []:
        code = e if isinstance(e, str) else getattr(e, "code", None) or (e.get("code") if isinstance(e, dict) else None)
        if code:
            codes.append(str(code))
    if category is not None:
        category = str(getattr(category, "value", category))
        category = {"1": "I", "2": "II", "CAT I": "I", "CAT II": "II"}.get(category.upper(), category.upper())
        if category not in ("I", "II"):
            category = None
    return category, tuple(codes)


def item_facts(transfer: Transfer, classifier: Classifier | None = None) -> ItemFacts:
    """Category, production-facility and complete-system facts of the item, from the report and the classifier."""
    reasons: list[Reason] = []
    category: str | None = transfer.item_category
    entries: tuple[str, ...] = ()
    item = transfer.item or {}
    if item:
        explicit = item.get("entries")
        if isinstance(explicit, list) and explicit:
            entries = tuple(str(e) for e in explicit)
        clf = classifier or _default_classifier()
        if clf is None:
            reasons.append(
                Reason(
                    rule="compliance.item.unclassified",
                    text="The control-list engine is not available; the reported item category is used.",
                )
            )
        else:
            try:
                result = clf({"id": f"{transfer.id}/item", **item})
                got, codes = _classified_category(result)
            except Exception as exc:  # a classifier error must not lose the assessment; it is reported
                reasons.append(
                    Reason(rule="compliance.item.classification_failed", text=f"Item could not be classified: {exc}")
                )
                got, codes = None, ()
            entries = entries or codes
            if category is None and got is not None:
                category = got
                reasons.append(
                    Reason(
                        rule="compliance.item.classified",
                        text=f"Item classified as Category {got}" + (f" ({', '.join(codes)})" if codes else "") + ".",
                        ref="MTCR Annex",
                        data={"entries": list(codes)},
                    )
                )
            elif got is not None and got != category:
                reasons.append(
                    Reason(
                        rule="compliance.item.category_differs",
                        text=f"The item classifies as Category {got} but was reported as Category {category}; "
                        "the reported category is used.",
                        data={"reported": category, "classified": got},
                    )
                )
    kind = str(item.get("kind", "")) if item else ""
    production = (
        transfer.production_facility
        or kind == "production_facility"
        or any(re.match(r"^[12]\.B\.1\b", e) for e in entries)
        or bool(_PRODUCTION_FACILITY.search(transfer.item_description or ""))
    )
    if production and not transfer.production_facility:
        reasons.append(
            Reason(
                rule="compliance.item.production_facility",
                text="The item is a production facility (from its description or classification).",
            )
        )
    complete = kind in _COMPLETE_SYSTEM_KINDS or any(re.match(r"^1\.A\.", e) for e in entries)
    return ItemFacts(category, production, complete, entries, tuple(reasons))


def _uncertainty_note(c: Commitment, transfer: Transfer) -> str:
    if c.since_is_ambiguous_for(transfer.date):
        return (
            f" The start date is known only to the {c.precision} ({c.since_text()}) and the transfer falls in that "
            f"{c.precision}: treated as in force."
        )
    if c.uncertain:
        return " (The start date of this commitment is uncertain.)"
    return ""


def judge(c: Commitment, transfer: Transfer, facts: ItemFacts) -> tuple[bool, str]:
    """Whether commitment ``c`` precludes the transfer, and why."""
    program = transfer.recipient_program
    cat = facts.category
    if c.effect == "guidelines":
        basis = {
            "mtcr_partnership": "As an MTCR partner",
            "mtcr_adherence": "As an adherent to the MTCR Guidelines",
        }.get(c.kind, "Under a pledge to abide by the MTCR guidelines and parameters (treated as adherence)")
        if cat == "I" and facts.production_facility:
            return (
                True,
                f"{basis}, the state may not transfer Category I production facilities (MTCR Guidelines para 2).",
            )
        if cat == "I" and not transfer.government_to_government_undertakings:
            return True, (
                f"{basis}, Category I items may be transferred only on rare occasions with binding "
                "government-to-government undertakings; none were given (MTCR Guidelines para 2)."
            )
        if cat == "I":
            return False, (
                f"{basis}: a Category I transfer made with binding government-to-government undertakings is not "
                "precluded (rare occasions; MTCR Guidelines para 2)."
            )
        if cat == "II":
            return (
                False,
                f"{basis}: Category II items are decided case by case; not precluded (MTCR Guidelines para 2).",
            )
        return False, f"{basis}: unlisted items are not precluded (case by case; catch-all, MTCR Guidelines para 7)."
    if c.effect == "no_assistance_cat1_ballistic":
        if program.kind == "ballistic_missile" and program.category == "I":
            return True, (
                "The pledge not to assist, in any way, any country in developing ballistic missiles capable of "
                "delivering nuclear weapons (500 kg / 300 km) precludes any transfer, listed or not, to a Category I "
                "class ballistic missile programme."
            )
        if program.kind == "ballistic_missile" and program.category is None:
            return False, (
                "Precludes assistance to Category I class ballistic missile programmes; the class of this programme "
                "is not reported, so it is not found precluded."
            )
        return (
            False,
            "Covers only Category I class (500 kg / 300 km) ballistic missile programmes; this recipient is not one.",
        )
    if c.effect == "no_cat1_complete_missiles":
        if cat == "I" and facts.complete_system and program.kind in ("ballistic_missile", "cruise_missile"):
            return (
                True,
                "The pledge not to export ground-to-ground missiles of MTCR Category I class precludes this complete system.",
            )
        return False, "Covers exports of complete Category I class missiles only; this item is not one."
    return False, "A political commitment to restraint and transparency; it does not by itself preclude transfers."


def _concerns(transfer: Transfer, facts: ItemFacts) -> list[str]:
    out: list[str] = []
    program = transfer.recipient_program
    label = program.name or program.kind.replace("_", " ")
    if program.category == "I":
        out.append(f"The recipient ({label}) is a Category I class programme (500 kg / 300 km).")
    if program.kind == "ballistic_missile":
        out.append("The recipient is a ballistic missile programme.")
    if facts.category == "I" and transfer.government_to_government_undertakings:
        out.append("Category I item transferred under government-to-government undertakings (rare occasions only).")
    if facts.category == "II" and program.category == "I":
        out.append(
            "Category II item contributing to a Category I class programme (strong presumption of denial if intended for WMD delivery)."
        )
    if facts.category is None:
        out.append("Unlisted item: case-by-case, catch-all controls apply if it is intended for a WMD delivery system.")
    return out


def assess(
    transfer: Transfer,
    book: CommitmentBook,
    *,
    classifier: Classifier | None = None,
) -> Finding:
    """The finding on one transfer, with the supplier state's commitments in force on its date."""
    facts = item_facts(transfer, classifier)
    supplier = transfer.supplier_state
    sname = state_name(supplier)
    reasons: list[Reason] = list(facts.reasons)
    if transfer.supplier_entity:
        reasons.append(
            Reason(
                rule="compliance.entity_counts_against_state",
                text=f"The transfer by {transfer.supplier_entity}, an entity of {sname}, counts against the "
                f"commitments of {sname}.",
                data={"entity": transfer.supplier_entity, "state": supplier},
            )
        )
    in_force = book.in_force(supplier, transfer.date)
    transfer_commitments = [c for c in in_force if c.transfer_commitment]
    other = [c for c in in_force if not c.transfer_commitment]
    assessed: list[CommitmentAssessment] = []
    for c in transfer_commitments:
        precludes, why = judge(c, transfer, facts)
        assessed.append(
            CommitmentAssessment(
                id=c.id,
                instrument=c.instrument,
                in_force_since=c.since_text(),
                precludes=precludes,
                why=why + _uncertainty_note(c, transfer),
            )
        )
    for c in other:
        reasons.append(
            Reason(
                rule="compliance.context_commitment",
                text=f"{c.instrument} in force since {c.since_text()}: not a missile-transfer commitment; "
                "considered as context only.",
                data={"commitment": c.id},
            )
        )
    concerns = _concerns(transfer, facts)
    finding: FindingKind
    if not transfer_commitments:
        later = [c for c in book.of_state(supplier) if c.transfer_commitment and c.since > transfer.date]
        text = f"{sname} had no missile-transfer commitment in force on {transfer.date.isoformat()}."
        if later:
            text += " Later: " + "; ".join(f"{c.instrument} from {c.since_text()}" for c in later) + "."
        reasons.append(Reason(rule="compliance.no_commitment", text=text, data={"later": [c.id for c in later]}))
        finding = "no_commitment"
    elif any(a.precludes for a in assessed):
        bad = [a for a in assessed if a.precludes]
        reasons.append(
            Reason(
                rule="compliance.contrary",
                text=f"Contrary to {len(bad)} commitment(s) of {sname} in force on {transfer.date.isoformat()}: "
                + "; ".join(a.instrument for a in bad)
                + ".",
                ref=GUIDELINES_REF if any("MTCR Guidelines" in a.why for a in bad) else None,
                data={"commitments": [a.id for a in bad]},
            )
        )
        finding = "contrary"
    else:
        reasons.append(
            Reason(
                rule="compliance.not_precluded",
                text=f"{sname} had {len(assessed)} missile-transfer commitment(s) in force; none precludes this "
                "transfer." + (" Concerns: " + " ".join(concerns) if concerns else ""),
                data={"commitments": [a.id for a in assessed]},
            )
        )
        finding = "not_precluded"
    return Finding(
        id=transfer.id,
        finding=finding,
        supplier_state=supplier,
        date=transfer.date,
        item_category=facts.category,
        commitments=assessed,
        reasons=reasons,
        concerns=concerns,
    )
