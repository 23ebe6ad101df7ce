"""Ranked full-text search over the Annex."""

from __future__ import annotations

import pytest

from catchall.controllist import load_annex


@pytest.mark.parametrize(
    ("query", "top"),
    [
        ("gyro", "9.A.4"),
        ("fibre optic gyro", "9.A.4"),
        ("maraging steel", "6.C.8"),
        ("hydrazine", "4.C.2.a"),
        ("aerosol spraying drone", "19.A.3"),
        ("thrust vector control", "2.A.1.e"),
        ("7A117", "2.A.1.d"),
        ("isostatic presses", "6.B.3"),
        ("wind tunnels", "15.B.2"),
    ],
)
def test_best_hit(query: str, top: str) -> None:
    hits = load_annex().search(query, limit=5)
    assert hits and hits[0].entry.code == top, [h.entry.code for h in hits]


def test_code_query_lists_entry_then_descendants() -> None:
    hits = load_annex().search("2.A.1", limit=50)
    codes = [h.entry.code for h in hits]
    assert codes[0] == "2.A.1" and "2.A.1.c.2" in codes and all(c.startswith("2.A.1") for c in codes)


def test_scores_are_ranked_and_limited() -> None:
    hits = load_annex().search("rocket motor", limit=4)
    assert len(hits) == 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_nothing_found() -> None:
    assert load_annex().search("zzzzqqq") == []
    assert load_annex().search("   ") == []
