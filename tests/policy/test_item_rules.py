"""Each MTCR Guidelines rule on a single item, and the most-restrictive combination over items."""

from __future__ import annotations

from typing import Any

import pytest

from catchall.model.application import OUTCOMES
from catchall.policy import ClassifiedItem, decide, most_restrictive

from .policy_builders import application, exact_names, item


def run(app: Any, *items: ClassifiedItem, **kw: Any):  # type: ignore[no-untyped-def]
    kw.setdefault("screening", [])
    kw.setdefault("denials", [])
    return decide(app, list(items), name_score=exact_names, **kw)


def rules(decision) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.rule for r in decision.reasons]


@pytest.mark.parametrize("code", ["1.B.1", "2.B.1", "2.B.2"])
def test_category_i_production_facility_is_prohibited(code: str) -> None:
    d = run(application(assurances={"government_to_government": True}), item("I", code))
    assert d.outcome == "prohibited"
    first = d.reasons[0]
    assert first.rule == "guidelines.cat1.production_facility"
    assert "para 2" in (first.ref or "") and code in (first.ref or "")


def test_production_facility_marked_by_the_annex_is_prohibited() -> None:
    marked = item("I", "1.E.1", production_facility_entries=("1.E.1",))
    assert run(application(), marked).outcome == "prohibited"


def test_category_i_without_government_undertakings_is_denied() -> None:
    d = run(application(assurances={"government_to_government": False}), item("I", "1.A.2"))
    assert d.outcome == "deny"
    assert d.reasons[0].rule == "guidelines.cat1.no_undertakings"
    assert "1.A.2" in (d.reasons[0].ref or "")
    assert "category_i" in d.flags


def test_category_i_with_government_undertakings_is_presumption_of_denial_for_senior_review() -> None:
    d = run(application(assurances={"government_to_government": True}), item("I", "2.A.1.c"))
    assert d.outcome == "presumption_of_denial"
    assert d.reasons[0].rule == "guidelines.cat1.rare_occasions"
    assert {"category_i", "senior_review"} <= set(d.flags)


def test_category_ii_is_case_by_case_with_the_six_factors() -> None:
    d = run(application(), item("II", "6.C.1"))
    assert d.outcome == "case_by_case"
    factors = [r for r in d.reasons if r.rule.startswith("guidelines.factor.")]
    assert [r.rule[-1] for r in factors] == ["A", "B", "C", "D", "E", "F"]
    assert all(r.ref == f"MTCR Guidelines para 3({r.rule[-1]})" for r in factors)
    assert "catch_all" not in d.flags


@pytest.mark.parametrize("info", ["wmd_delivery", "terrorism_risk"])
def test_category_ii_with_adverse_information_is_presumption_of_denial(info: str) -> None:
    d = run(application(information={info: True}), item("II", "9.A.3"))
    assert d.outcome == "presumption_of_denial"
    assert d.reasons[0].rule == f"guidelines.{info}.listed"
    assert "catch_all" not in d.flags
    assert info in d.flags


@pytest.mark.parametrize("info", ["wmd_delivery", "terrorism_risk"])
def test_unlisted_item_with_adverse_information_is_caught_all(info: str) -> None:
    d = run(application(information={info: True}), item(None))
    assert d.outcome == "presumption_of_denial"
    assert "catch_all" in d.flags
    assert d.reasons[0].rule == f"guidelines.{info}.catch_all"
    assert "para 7" in (d.reasons[0].ref or "")


def test_unlisted_item_without_information_is_not_controlled() -> None:
    d = run(application(assurances={"end_use": False, "no_retransfer": False}), item(None))
    assert d.outcome == "not_controlled"
    assert d.flags == []
    assert "guidelines.not_listed" in rules(d)
    # assurances are not asked for when nothing is listed
    assert not any(r.startswith("guidelines.assurance") for r in rules(d))


def test_category_i_without_undertakings_stays_denied_when_wmd_information_exists() -> None:
    d = run(application(information={"wmd_delivery": True}), item("I", "1.A.1"))
    assert d.outcome == "deny"
    assert "guidelines.wmd_delivery.listed" in rules(d)


@pytest.mark.parametrize(
    ("missing", "rule"),
    [
        ("end_use", "guidelines.assurance.end_use_missing"),
        ("no_retransfer", "guidelines.assurance.no_retransfer_missing"),
    ],
)
def test_missing_assurance_gives_a_reason(missing: str, rule: str) -> None:
    d = run(application(assurances={missing: False}), item("II", "15.B.1"))
    assert d.outcome == "case_by_case"
    found = [r for r in d.reasons if r.rule == rule]
    assert len(found) == 1
    assert "para 5" in (found[0].ref or "") and "15.B.1" in (found[0].ref or "")
    assert "assurances_missing" in d.flags


def test_no_assurance_reason_when_both_are_given() -> None:
    d = run(application(), item("II", "15.B.1"))
    assert not any(r.startswith("guidelines.assurance") for r in rules(d))
    assert "assurances_missing" not in d.flags


def test_most_restrictive_outcome_over_items_wins_in_any_order() -> None:
    a = item("II", "6.C.1", ident="a")
    b = item("I", "2.B.1", ident="b")
    c = item(None, ident="c")
    for order in ([a, b, c], [c, b, a], [b, a, c]):
        d = run(application(), *order)
        assert d.outcome == "prohibited"
        assert d.reasons[0].rule == "guidelines.cat1.production_facility"
        assert [i.id for i in d.items] == [i.id for i in order]
    assert run(application(), c, a).outcome == "case_by_case"


def test_outcome_order() -> None:
    assert OUTCOMES == ("not_controlled", "case_by_case", "presumption_of_denial", "deny", "prohibited")
    assert most_restrictive(["case_by_case", "deny", "presumption_of_denial"]) == "deny"
    assert most_restrictive([]) == "not_controlled"


@pytest.mark.parametrize(
    "case",
    [
        (item("I", "2.B.1"), {}),
        (item("I", "1.A.1"), {}),
        (item("I", "1.A.1"), {"assurances": {"government_to_government": True}}),
        (item("II", "3.A.1"), {"assurances": {"end_use": False, "no_retransfer": False}}),
        (item(None), {"information": {"wmd_delivery": True, "terrorism_risk": True}}),
        (item(None), {}),
    ],
)
def test_every_reason_names_its_rule_and_reference(case: tuple[ClassifiedItem, dict[str, Any]]) -> None:
    it, overrides = case
    d = run(application(**overrides), it)
    assert d.reasons
    for r in d.reasons:
        assert r.rule and r.text
        assert r.ref and ("MTCR Guidelines para" in r.ref or "MTCR Annex" in r.ref), r


def test_items_in_the_decision_carry_category_and_entries() -> None:
    d = run(application(), item("II", "6.C.1", "6.C.2", ident="x"))
    assert d.output()["items"] == [{"id": "x", "category": "II", "entries": ["6.C.1", "6.C.2"]}]
