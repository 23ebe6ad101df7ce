"""Sanctions determinations: the 2003 missile determinations and the built-in watch list over time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from catchall.registry import sanctions
from catchall.registry.sanctions import DATASET, entity_key

NAMES_2003 = {
    "Changgwang Sinyong Corporation": "KP",
    "Cuanta S.A.": "MD",
    "Computer & Communicatii SRL": "MD",
    "Mikhail Vladov": "MD",
    "China North Industries Corporation": "CN",
}


def _determinations_2003() -> list[sanctions.SanctionsDetermination]:
    return [
        d for d in sanctions.shipped_book().all() if d.determination_date.year == 2003 and d.entity.name in NAMES_2003
    ]


def test_the_2003_missile_determinations_are_shipped() -> None:
    found = _determinations_2003()
    assert {d.entity.name for d in found} == set(NAMES_2003)
    for d in found:
        assert d.entity.country == NAMES_2003[d.entity.name]
        assert d.authorities and d.penalties and d.source
        # two years under AECA sec. 73 / EAA sec. 11B / EO 12938: last day is the day before the anniversary
        assert d.end == d.effective_date.replace(year=d.effective_date.year + 2) - timedelta(days=1)


def test_norinco_has_both_2003_determinations() -> None:
    norinco = [d for d in sanctions.shipped_book().against_state("CN") if "NORINCO" in d.entity.aliases]
    assert {(d.determination_date, d.effective_date) for d in norinco} >= {
        (date(2003, 5, 9), date(2003, 5, 9)),
        (date(2003, 8, 29), date(2003, 9, 19)),
    }


def test_watchlist_entities_are_ftm_with_aliases_country_and_dataset() -> None:
    entities = {e.caption: e for e in sanctions.watchlist_entities(date(2004, 1, 1))}
    assert set(NAMES_2003) <= set(entities)
    norinco = entities["China North Industries Corporation"]
    assert norinco.datasets == [DATASET]
    assert "NORINCO" in norinco.get("alias")
    assert norinco.countries == ["cn"]
    assert entities["Mikhail Vladov"].schema_ == "Person"
    # both NORINCO determinations in force on 1 Jan 2004 are merged into one entity
    assert set(norinco.get("recordId")) == {"us-2003-05-norinco-eo12938", "us-2003-09-norinco-sec73"}


@pytest.mark.parametrize("determination", _determinations_2003(), ids=lambda d: d.id)
def test_each_2003_party_leaves_the_list_when_its_determinations_end(
    determination: sanctions.SanctionsDetermination,
) -> None:
    book = sanctions.shipped_book()
    key = entity_key(determination.entity)
    end = max(
        d.end for d in book.all() if entity_key(d.entity) == key and d.end is not None and d.end >= determination.end
    )  # type: ignore[operator]
    assert key in {e.id for e in sanctions.watchlist_entities(end)}
    assert key not in {e.id for e in sanctions.watchlist_entities(end + timedelta(days=1))}


def test_indefinite_designations_stay_in_force() -> None:
    komid = sanctions.shipped_book().get("us-2005-06-komid-eo13382")
    assert komid is not None
    assert komid.end is None and komid.in_force(date(2030, 1, 1))
