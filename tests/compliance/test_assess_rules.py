"""The assessment rules, each on its own, and the dev dataset end to end."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from catchall.compliance.assess import assess
from catchall.model.registry import Commitment
from catchall.model.transfer import Transfer
from catchall.registry.commitments import CommitmentBook, shipped_book


def transfer(**over: Any) -> Transfer:
    base: dict[str, Any] = {
        "id": "t1",
        "date": "2004-01-01",
        "supplier_state": "IT",
        "supplier_entity": "Example SpA",
        "recipient_state": "EG",
        "recipient_program": {"name": "Missile programme", "kind": "ballistic_missile", "category": "I"},
        "item_category": "I",
        "government_to_government_undertakings": False,
    }
    base.update(over)
    return Transfer.model_validate(base)


def check(finding: Any, truth: dict[str, Any]) -> list[str]:
    errs = []
    if finding.finding != truth["finding"]:
        errs.append(f"{truth['id']}: {finding.finding} != {truth['finding']}")
    text = " ".join(str(c.model_dump()) for c in finding.commitments).lower()
    errs += [f"{truth['id']}: no mention of {w}" for w in truth.get("commitments_mention", []) if w.lower() not in text]
    return errs


def test_dev_dataset(dev_cases: list[dict[str, Any]], dev_truth: dict[str, dict[str, Any]]) -> None:
    errors = []
    for case in dev_cases:
        errors += check(assess(Transfer.model_validate(case), shipped_book()), dev_truth[case["id"]])
    assert errors == []


def test_partner_category_one_without_undertakings_is_contrary() -> None:
    f = assess(transfer(), shipped_book())
    assert f.finding == "contrary"
    assert f.commitments[0].precludes and "government-to-government" in f.commitments[0].why


def test_partner_category_one_with_undertakings_is_not_precluded() -> None:
    f = assess(transfer(government_to_government_undertakings=True), shipped_book())
    assert f.finding == "not_precluded"
    assert any("government-to-government" in c for c in f.concerns)


def test_category_one_production_facility_is_precluded_even_with_undertakings() -> None:
    f = assess(transfer(government_to_government_undertakings=True, production_facility=True), shipped_book())
    assert f.finding == "contrary" and "production facilities" in f.commitments[0].why


def test_production_facility_is_recognised_in_the_description() -> None:
    t = transfer(government_to_government_undertakings=True, item_description="Solid motor production facility")
    assert assess(t, shipped_book()).finding == "contrary"


@pytest.mark.parametrize("category", ["II", None])
def test_category_two_and_unlisted_are_not_precluded_for_a_partner(category: str | None) -> None:
    f = assess(transfer(item_category=category), shipped_book())
    assert f.finding == "not_precluded"
    assert f.reasons[-1].rule == "compliance.not_precluded"


def test_before_joining_the_mtcr_there_is_no_commitment() -> None:
    f = assess(transfer(supplier_state="BG", date="2003-06-01"), shipped_book())
    assert f.finding == "no_commitment"
    assert "2004-06" in f.reasons[-1].text  # says when the commitment came


def test_join_date_known_only_to_the_year_is_flagged() -> None:
    f = assess(transfer(supplier_state="BE", date="1990-06-01"), shipped_book())
    assert f.finding == "contrary"
    assert "known only to the year" in f.commitments[0].why


def test_china_1992_pledge_is_treated_as_adherence() -> None:
    f = assess(transfer(supplier_state="CN", date="1995-01-01", item_category="I"), shipped_book())
    assert f.finding == "contrary"
    assert any(c.id == "cn-1992-mtcr-pledge" and c.precludes for c in f.commitments)


def test_china_2000_pledge_precludes_even_unlisted_items_to_category_one_ballistic_programmes() -> None:
    before = assess(transfer(supplier_state="CN", date="2000-11-20", item_category=None), shipped_book())
    after = assess(transfer(supplier_state="CN", date="2000-11-21", item_category=None), shipped_book())
    assert before.finding == "not_precluded"
    assert after.finding == "contrary"
    assert [c.id for c in after.commitments if c.precludes] == ["cn-2000-no-assistance-pledge"]


def test_china_2000_pledge_does_not_cover_space_launch_or_category_two_programmes() -> None:
    slv = {"name": "SLV", "kind": "space_launch_vehicle", "category": "I"}
    srbm = {"name": "SRBM", "kind": "ballistic_missile", "category": "II"}
    for program in (slv, srbm):
        f = assess(
            transfer(supplier_state="CN", date="2005-01-01", item_category="II", recipient_program=program),
            shipped_book(),
        )
        assert f.finding == "not_precluded", program


def test_1994_statement_precludes_complete_category_one_missiles() -> None:
    t = transfer(
        supplier_state="CN",
        date="1996-01-01",
        government_to_government_undertakings=True,
        item={"kind": "rocket_system", "entries": ["1.A.1"]},
    )
    f = assess(t, shipped_book(), classifier=lambda item: {"category": "I", "entries": ["1.A.1"]})
    assert f.finding == "contrary"
    assert [c.id for c in f.commitments if c.precludes] == ["cn-1994-us-china-joint-statement"]


def test_state_without_commitments() -> None:
    f = assess(transfer(supplier_state="KP", date="2003-01-01"), shipped_book())
    assert f.finding == "no_commitment" and f.commitments == []


def test_entity_transfer_counts_against_its_state() -> None:
    f = assess(transfer(supplier_entity="Some Firm"), shipped_book())
    assert f.reasons[0].rule == "compliance.entity_counts_against_state"
    assert "Some Firm" in f.reasons[0].text and "Italy" in f.reasons[0].text


def test_hcoc_alone_is_context_not_a_transfer_commitment() -> None:
    hcoc = Commitment(
        id="zz-hcoc",
        state="RS",
        kind="hcoc_subscription",
        instrument="HCOC",
        effect="restraint",
        since=date(2002, 11, 25),
        transfer_commitment=False,
        source="test",
    )
    f = assess(transfer(supplier_state="RS", date="2005-01-01"), CommitmentBook([hcoc]))
    assert f.finding == "no_commitment"
    assert any(r.rule == "compliance.context_commitment" for r in f.reasons)


def test_item_category_from_the_classifier_when_not_reported() -> None:
    t = transfer(item_category=None, item={"kind": "guidance_set"})
    f = assess(t, shipped_book(), classifier=lambda item: {"category": "I", "entries": ["2.A.1.d"]})
    assert f.item_category == "I" and f.finding == "contrary"
    assert any(r.rule == "compliance.item.classified" for r in f.reasons)


def test_classifier_errors_are_reported_not_fatal() -> None:
    def broken(item: Any) -> Any:
        raise ValueError("bad item")

    f = assess(transfer(item_category="II", item={"kind": "other"}), shipped_book(), classifier=broken)
    assert f.finding == "not_precluded"
    assert any("bad item" in r.text for r in f.reasons)


def test_real_classifier_is_used_lazily() -> None:
    pytest.importorskip("catchall.controllist.classifier")
    item = {
        "kind": "rocket_system",
        "description": "complete ballistic missile",
        "parameters": {"range_km": 1300, "payload_kg": 800},
    }
    f = assess(transfer(item_category=None, item=item), shipped_book())
    assert f.item_category == "I"
    assert f.finding == "contrary"


def test_bad_transfers_are_rejected_with_the_field_named() -> None:
    from catchall.errors import InvalidInput
    from catchall.services.compliance import parse_transfer

    with pytest.raises(InvalidInput, match="supplier_state"):
        parse_transfer(
            {"id": "x", "date": "2004-01-01", "supplier_state": "Italy", "recipient_program": {"kind": "uav"}}
        )
    with pytest.raises(InvalidInput, match=r"recipient_program\.kind"):
        parse_transfer({"id": "x", "date": "2004-01-01", "supplier_state": "IT", "recipient_program": {"kind": "tank"}})


def test_russia_1993_mou_counts_before_partnership() -> None:
    assert assess(transfer(supplier_state="RU", date="1993-09-01"), shipped_book()).finding == "no_commitment"
    f = assess(transfer(supplier_state="RU", date="1994-06-01"), shipped_book())
    assert f.finding == "contrary" and f.commitments[0].id == "ru-1993-us-russia-mtcr-mou"


def test_reports_in_other_spellings_are_understood() -> None:
    t = transfer(
        supplier_state="deu",
        item_category="Cat I",
        recipient_program={"name": "x", "kind": "SLV", "category": 1},
        sources=[{"title": "press report", "url": "https://example.org"}],
        government_to_government_undertakings=None,
        notes="extra fields are ignored",
    )
    assert (t.supplier_state, t.item_category, t.recipient_program.kind, t.recipient_program.category) == (
        "DE",
        "I",
        "space_launch_vehicle",
        "I",
    )
    assert assess(t, shipped_book()).finding == "contrary"
