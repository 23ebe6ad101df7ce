"""The built-in watch list works with the screening engine: the 2003 determinations are found as of 2004
and no longer once they have expired."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from catchall.registry import sanctions

index_mod = pytest.importorskip("catchall.screening.index")

CASES_2003 = [
    ("Cuanta SA", "md", "Cuanta S.A."),
    ("Computer and Communicatii S.R.L.", "md", "Computer & Communicatii SRL"),
    ("Mikhail Vladov", "md", "Mikhail Vladov"),
    ("NORINCO", "cn", "China North Industries Corporation"),
    ("Changgwang Sinyong Corp", "kp", "Changgwang Sinyong Corporation"),
]


def _index(as_of: date):  # type: ignore[no-untyped-def]
    return index_mod.ScreeningIndex.build(
        sanctions.watchlist_entities(as_of), version=as_of.isoformat(), name=sanctions.DATASET
    )


def _last_day(caption: str) -> date:
    ends = [
        d.end for d in sanctions.shipped_book().all() if d.entity.name == caption and d.determination_date.year == 2003
    ]
    return max(e for e in ends if e is not None)


@pytest.mark.parametrize(("query", "country", "caption"), CASES_2003)
def test_found_as_of_2004(query: str, country: str, caption: str) -> None:
    index = _index(date(2004, 6, 1))
    hits = [m for m in index.match_name(query, country=country) if m.match]
    expected = [e.id for e in sanctions.watchlist_entities(date(2004, 6, 1)) if e.caption == caption]
    assert expected and expected[0] in [m.id for m in hits]


@pytest.mark.parametrize(("query", "country", "caption"), CASES_2003)
def test_not_found_after_expiry(query: str, country: str, caption: str) -> None:
    after = _last_day(caption) + timedelta(days=1)
    index = _index(after)
    hit_ids = {m.id for m in index.match_name(query, country=country) if m.match}
    gone = {e.id for e in sanctions.watchlist_entities(date(2004, 6, 1)) if e.caption == caption}
    assert not (hit_ids & gone)
