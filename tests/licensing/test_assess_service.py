"""The assessment service against stored data: list versions and notifications as of a date, the built-in
sanctions list, and the fuzzy end-user comparison of denial notifications."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from catchall.model.application import parse_application, parse_denial
from catchall.services import denials, licensing


def app(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "S1",
        "date": "2011-01-01",
        "destination": "AE",
        "items": [{"id": "s1-1", "kind": "other", "entries": ["6.C.1"]}],
        "parties": [{"role": "end_user", "name": "Gulf Composite Structures FZE", "country": "AE"}],
        "assurances": {"end_use": True, "no_retransfer": True},
    }
    base.update(overrides)
    return base


NOTE = {
    "id": "IT-9",
    "notifying_state": "IT",
    "date": "2010-04-01",
    "destination": "AE",
    "end_user": {"name": "Gulf Composite Structures FZE", "country": "AE"},
    "entries": ["6.C.1"],
}


@pytest.mark.parametrize(
    "spelling",
    ["GULF COMPOSITE STRUCTURES F.Z.E.", "Gulf Composite Structures", "Structures Gulf Composite FZE"],
)
def test_denial_end_user_matches_under_other_spellings(spelling: str) -> None:
    a = parse_application(app(parties=[{"role": "end_user", "name": spelling, "country": "AE"}]))
    d = licensing.assess(a, licensing.Resources(watchlists=[], denials=[parse_denial(NOTE)]))
    assert d.holds == ["denial_consultation"], spelling


@pytest.mark.parametrize("other", ["Gulf Aviation Services FZE", "Composite Materials Trading LLC"])
def test_denial_end_user_does_not_match_a_different_company(other: str) -> None:
    a = parse_application(app(parties=[{"role": "end_user", "name": other, "country": "AE"}]))
    d = licensing.assess(a, licensing.Resources(watchlists=[], denials=[parse_denial(NOTE)]))
    assert "denial_consultation" not in d.holds, other


def test_built_in_sanctions_list_is_screened_as_of_the_date(db: Any) -> None:
    party = {"role": "end_user", "name": "China North Industries Corp.", "country": "CN"}
    a = app(destination="IR", parties=[party], date="2003-09-01")
    d = licensing.assess_application(db, a)
    assert "us-missile-sanctions" in d.list_versions
    assert d.holds == ["screening_match"]
    hit = d.screening[0].hits[0]
    assert hit.list_name == "us-missile-sanctions" and "China North Industries" in hit.caption
    assert "screening_not_performed" not in d.flags


def test_stored_lists_and_notifications_as_of_the_date(db: Any, assess_dev: Path) -> None:
    from catchall.services import lists

    lists.import_file(db, "ftm", assess_dev / "watchlist.ftm.jsonl", name="dev", actor="admin:t", rescreen=False)
    denials.create(db, NOTE, "officer:t")
    denials.revoke(db, "IT-9", date(2015, 1, 1), "officer:t")
    party = {"role": "end_user", "name": "Orion Aerospace Trading L.L.C.", "country": "AE"}
    today = datetime.now(UTC).date()
    try:
        now = licensing.assess_application(db, app(parties=[party]), as_of=today)
        assert "dev" in now.list_versions and now.holds == ["screening_match"]
        assert now.as_of == today and now.annex_edition
        assert now.denials_in_force == []  # revoked in 2015

        # in 2011 the list had not been imported, but the denial was in force (for the other end user)
        then = licensing.assess_application(db, app(parties=[party]))
        assert "dev" not in then.list_versions
        assert "screening_match" not in then.holds
        assert then.denials_in_force == ["IT-9"]
        gulf = licensing.assess_application(db, app())
        assert gulf.holds == ["denial_consultation"]
    finally:
        lists.clear_index_cache()


def test_without_imported_lists_the_decision_says_only_the_built_in_list_was_used(db: Any) -> None:
    for _ in range(2):  # the second run must not carry the first one's reasons along
        d = licensing.assess_application(db, app(date="2012-05-05"))
        assert list(d.list_versions) == ["us-missile-sanctions"]
        assert [r.rule for r in d.reasons].count("screening.builtin_only") == 1
        assert [r.rule for r in d.reasons].count("annex.edition") == 1
