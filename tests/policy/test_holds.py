"""The screening_match and denial_consultation holds, revoked notifications, and the as-of date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from catchall.model.application import DenialNotification, PartyScreening, ScreeningHit, parse_denial
from catchall.policy import decide, match_denials, shared_entries

from .policy_builders import application, exact_names, item


def denial(**overrides: Any) -> DenialNotification:
    base: dict[str, Any] = {
        "id": "dn-1",
        "notifying_state": "IT",
        "date": "2010-04-01",
        "destination": "AE",
        "end_user": {"name": "Gulf Composite Structures FZE", "country": "AE"},
        "entries": ["6.C.1"],
        "description": "prepregs",
    }
    base.update(overrides)
    return parse_denial(base)


def assess(app: Any = None, *, items: Any = None, denials: Any = (), screening: Any = (), **kw: Any):  # type: ignore[no-untyped-def]
    return decide(
        app or application(),
        items or [item("II", "6.C.1")],
        screening=list(screening) if screening is not None else None,
        denials=list(denials),
        name_score=exact_names,
        **kw,
    )


# -- screening_match --------------------------------------------------------------------------------


def test_party_matching_a_watch_list_entity_holds_the_case() -> None:
    hit = ScreeningHit(
        entity_id="e1", caption="Orion Aerospace Trading LLC", score=0.93, list_name="dev", list_version="v1"
    )
    d = assess(items=[item(None)], screening=[PartyScreening(party=0, role="end_user", name="Orion", hits=[hit])])
    assert d.outcome == "not_controlled"  # holds are independent of the outcome
    assert d.holds == ["screening_match"]
    reason = next(r for r in d.reasons if r.rule == "hold.screening_match")
    assert "e1" in (reason.ref or "") and "dev v1" in (reason.ref or "")
    assert d.screening[0].hits[0].entity_id == "e1"


def test_no_hits_no_screening_hold() -> None:
    d = assess(screening=[PartyScreening(party=0, role="end_user", name="X", hits=[])])
    assert "screening_match" not in d.holds
    assert "screening_not_performed" not in d.flags
    assert d.screening == []


def test_screening_not_performed_is_said_not_passed_silently() -> None:
    d = assess(screening=None)
    assert "screening_match" not in d.holds
    assert "screening_not_performed" in d.flags
    assert any(r.rule == "screening.not_performed" for r in d.reasons)


# -- denial_consultation ----------------------------------------------------------------------------


def test_denial_in_force_for_same_destination_entry_and_end_user_holds() -> None:
    d = assess(denials=[denial()])
    assert d.outcome == "case_by_case"
    assert d.holds == ["denial_consultation"]
    reason = next(r for r in d.reasons if r.rule == "hold.denial_consultation")
    assert "dn-1" in (reason.ref or "") and "6.C.1" in (reason.ref or "") and "para 6" in (reason.ref or "")
    assert d.denial_matches[0].notifying_state == "IT"
    assert d.denials_in_force == ["dn-1"]


def test_revoked_denial_does_not_hold() -> None:
    d = assess(denials=[denial(revoked="2010-12-31")])
    assert "denial_consultation" not in d.holds
    assert d.denials_in_force == []


def test_denial_revoked_after_the_application_date_still_holds() -> None:
    d = assess(denials=[denial(revoked="2011-06-01")])
    assert d.holds == ["denial_consultation"]


def test_revocation_takes_effect_on_its_date() -> None:
    n = denial(revoked="2011-01-01")
    assert not n.in_force(date(2011, 1, 1))
    assert n.in_force(date(2010, 12, 31))
    assert "denial_consultation" not in assess(denials=[n]).holds


def test_denial_notified_after_the_application_date_does_not_hold() -> None:
    assert "denial_consultation" not in assess(denials=[denial(date="2011-01-02")]).holds
    # ... but it does on the day it was notified
    assert assess(denials=[denial(date="2011-01-01")]).holds == ["denial_consultation"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"destination": "QA"},
        {"entries": ["15.B.1"]},
        {"end_user": {"name": "Someone Else Ltd", "country": "AE"}},
        {"end_user": {"name": "Gulf Composite Structures FZE", "country": "OM"}},
    ],
    ids=["other-destination", "no-shared-entry", "other-end-user", "end-user-country-differs"],
)
def test_denial_of_a_different_transaction_does_not_hold(overrides: dict[str, Any]) -> None:
    assert "denial_consultation" not in assess(denials=[denial(**overrides)]).holds


def test_denial_on_a_parent_entry_covers_its_sub_entries() -> None:
    d = assess(
        application(assurances={"government_to_government": True}),
        items=[item("I", "2.A.1.c")],
        denials=[denial(entries=["2.A.1"])],
    )
    assert d.holds == ["denial_consultation"]
    assert d.denial_matches[0].shared_entries == ["2.A.1.c"]


def test_ultimate_end_user_counts_as_end_user_but_consignee_does_not() -> None:
    n = denial()
    as_ultimate = application(parties=[{"role": "ultimate_end_user", "name": "Gulf Composite Structures FZE"}])
    as_consignee = application(parties=[{"role": "consignee", "name": "Gulf Composite Structures FZE"}])
    assert assess(as_ultimate, denials=[n]).holds == ["denial_consultation"]
    assert "denial_consultation" not in assess(as_consignee, denials=[n]).holds


def test_unlisted_items_share_no_entry_with_a_denial() -> None:
    d = assess(application(information={"wmd_delivery": True}), items=[item(None)], denials=[denial()])
    assert d.outcome == "presumption_of_denial"
    assert "denial_consultation" not in d.holds


def test_fuzzy_threshold_is_applied() -> None:
    app = application()
    n = denial()
    half = match_denials(app, ["6.C.1"], [n], on=app.date, name_score=lambda a, b: 0.5, threshold=0.7)
    assert half == []
    close = match_denials(app, ["6.C.1"], [n], on=app.date, name_score=lambda a, b: 0.8, threshold=0.7)
    assert close[0].score == 0.8


def test_shared_entries() -> None:
    assert shared_entries(["6.C.1", "9.A.3"], ["6.C.1"]) == ["6.C.1"]
    assert shared_entries(["2.A.1.c"], ["2.A.1"]) == ["2.A.1.c"]
    assert shared_entries(["2.A"], ["2.A.1.c"]) == ["2.A.1.c"]
    assert shared_entries(["2.A.1"], ["2.A.10"]) == []
    assert shared_entries(["6.C.1"], ["6.C.10"]) == []


# -- as of ------------------------------------------------------------------------------------------


def test_as_of_defaults_to_the_application_date_and_is_recorded() -> None:
    d = assess(annex_edition="MTCR/TEM/2024/Annex", list_versions={"dev": "abc"})
    assert d.as_of == date(2011, 1, 1)
    out = d.output()
    assert out["as_of"] == "2011-01-01"
    assert out["annex_edition"] == "MTCR/TEM/2024/Annex"
    assert out["list_versions"] == {"dev": "abc"}


def test_as_of_decides_which_notifications_are_in_force() -> None:
    n = denial(date="2012-01-01", revoked="2013-01-01")
    assert "denial_consultation" not in assess(denials=[n]).holds
    in_2012 = assess(denials=[n], as_of=date(2012, 6, 1))
    assert in_2012.holds == ["denial_consultation"]
    assert in_2012.as_of == date(2012, 6, 1)
    assert in_2012.denials_in_force == ["dn-1"]
    assert "denial_consultation" not in assess(denials=[n], as_of=date(2013, 1, 1)).holds
