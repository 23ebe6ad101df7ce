"""The packaged Annex: every entry of the 2024 edition present, hierarchy sound, validation at load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from catchall.controllist import load_annex
from catchall.controllist.loader import load_annex_from, read_editions
from catchall.errors import DataError, NotFound

# Entry codes per item as listed in the source (MTCR/TEM/2024/Annex, cross-checked against the third-party
# paraphrase cited in editions.yaml). Typed here independently of the data files, so a lost or invented
# entry in the data shows up as a difference.
SOURCE_CODES: dict[int, str] = {
    1: "1.A.1 1.A.2 1.B.1 1.D.1 1.D.2 1.E.1",
    2: "2.A.1 2.A.1.a 2.A.1.b 2.A.1.b.1 2.A.1.b.2 2.A.1.b.3 2.A.1.c 2.A.1.c.1 2.A.1.c.2 2.A.1.d 2.A.1.e 2.A.1.f "
    "2.B.1 2.B.2 2.D.1 2.D.2 2.D.3 2.D.4 2.D.5 2.D.6 2.E.1",
    3: "3.A.1 3.A.2 3.A.3 3.A.4 3.A.5 3.A.6 3.A.7 3.A.8 3.A.9 3.A.10 3.B.1 3.B.2 3.B.3 3.C.1 3.C.2 "
    "3.D.1 3.D.2 3.D.3 3.E.1",
    4: "4.B.1 4.B.2 4.B.3 4.B.3.a 4.B.3.b 4.B.3.c 4.B.3.d 4.C.1 4.C.2 4.C.2.a 4.C.2.b 4.C.2.c 4.C.2.d 4.C.2.e "
    "4.C.2.f 4.C.2.g 4.C.3 4.C.3.a 4.C.3.b 4.C.4 4.C.4.a 4.C.4.b 4.C.5 4.C.6 4.C.6.a 4.C.6.b 4.C.6.c 4.C.6.d "
    "4.C.6.e 4.C.7 4.D.1 4.E.1",
    6: "6.A.1 6.A.2 6.B.1 6.B.1.a 6.B.1.b 6.B.1.c 6.B.1.d 6.B.1.e 6.B.2 6.B.3 6.B.4 6.B.5 6.C.1 6.C.2 6.C.3 "
    "6.C.4 6.C.5 6.C.6 6.C.7 6.C.8 6.C.9 6.D.1 6.D.2 6.E.1 6.E.2 6.E.3",
    9: "9.A.1 9.A.2 9.A.3 9.A.4 9.A.5 9.A.6 9.A.7 9.A.8 9.B.1 9.B.2 9.B.2.a 9.B.2.b 9.B.2.c 9.B.2.d 9.B.2.e "
    "9.D.1 9.D.2 9.D.3 9.D.4 9.E.1",
    10: "10.A.1 10.A.2 10.A.3 10.B.1 10.D.1 10.E.1 10.E.2 10.E.3",
    11: "11.A.1 11.A.2 11.A.3 11.A.4 11.A.5 11.D.1 11.D.2 11.E.1 11.E.2",
    12: "12.A.1 12.A.2 12.A.3 12.A.4 12.A.5 12.A.5.a 12.A.5.b 12.A.6 12.D.1 12.D.2 12.D.3 12.E.1",
    13: "13.A.1 13.E.1",
    14: "14.A.1 14.E.1",
    15: "15.B.1 15.B.1.a 15.B.1.b 15.B.1.c 15.B.1.d 15.B.2 15.B.3 15.B.4 15.B.5 15.B.6 15.D.1 15.E.1",
    16: "16.A.1 16.D.1 16.E.1",
    17: "17.A.1 17.B.1 17.C.1 17.D.1 17.E.1",
    18: "18.A.1 18.A.2 18.A.3 18.E.1",
    19: "19.A.1 19.A.2 19.A.3 19.B.1 19.D.1 19.E.1",
    20: "20.A.1 20.A.1.a 20.A.1.b 20.A.1.b.1 20.A.1.b.2 20.B.1 20.B.2 20.D.1 20.D.2 20.E.1",
}


def test_every_entry_of_the_source_is_present_per_item() -> None:
    annex = load_annex()
    for item in range(1, 21):
        got = sorted(e.code for e in annex if e.item == item and not e.is_header)
        expected = sorted(SOURCE_CODES.get(item, "").split())
        assert got == expected, f"item {item}"
    assert annex.counts_by_item() == {i: len(c.split()) for i, c in SOURCE_CODES.items()}


def test_reserved_items_exist_without_entries() -> None:
    annex = load_annex()
    for n in ("5", "7", "8"):
        entry = annex.get(n)
        assert entry.reserved and annex.children(n) == []
        assert annex.category_of(n) is None


def test_categories_follow_items_and_headers_have_none() -> None:
    annex = load_annex()
    for e in annex:
        if e.is_header:
            assert e.category is None, e.code
        else:
            assert e.category == ("I" if e.item <= 2 else "II"), e.code
    assert annex.category_of("2.A") == "I"
    assert annex.category_of("19") == "II"


def test_hierarchy_and_letters() -> None:
    annex = load_annex()
    entry = annex.get("2.A.1.c")
    assert (entry.parent, entry.item, entry.kind_letter) == ("2.A.1", 2, "A")
    assert [c.code for c in annex.children("2.A.1")] == [f"2.A.1.{x}" for x in "abcdef"]
    assert [c.code for c in annex.children("3.A")][-1] == "3.A.10"  # numeric, not text, order
    assert [e.code for e in annex.items()] == [str(n) for n in range(1, 21)]
    assert all(e.source for e in annex)


def test_production_facility_flags() -> None:
    annex = load_annex()
    flagged = sorted(e.code for e in annex if e.is_production_facility)
    assert flagged == ["1.B.1", "19.B.1", "2.B.1", "20.B.1", "3.B.1"]
    assert not annex.get("2.B.2").is_production_facility


def test_criteria_are_structured() -> None:
    crit = load_annex().get("2.A.1.c").criteria
    assert [c.to_json() for c in crit] == [
        {"parameter": "total_impulse_ns", "op": ">=", "value": 1_100_000.0, "unit": "N*s"}
    ]
    units = {c.unit for c in load_annex().get("3.A.1").criteria}
    assert units == {"N", "kg/(N*h)", "kg", "m", "bool"}


def test_unknown_code_is_not_found() -> None:
    with pytest.raises(NotFound, match=r"9\.Z\.9"):
        load_annex().get("9.Z.9")


def test_correlations_own_and_inherited() -> None:
    annex = load_annex()
    own = annex.correlations("2.A.1.d")
    assert own is not None and own.eu == ("7A117",) and own.inherited_from is None
    inherited = annex.correlations("2.A.1.c.1")
    assert inherited is not None and inherited.inherited_from == "2.A.1.c" and "9A005" in inherited.eu
    assert annex.correlations("19.A.3").eu == ("9A112.b",)  # type: ignore[union-attr]


def test_edition_selection_by_date() -> None:
    latest = load_annex()
    assert latest.edition == "MTCR/TEM/2024/Annex" and latest.note is None
    assert load_annex(as_of=date(2025, 1, 1)) is latest
    early = load_annex(as_of=date(2011, 1, 1))
    assert early.edition == latest.edition and early.note and "2011-01-01" in early.note
    with pytest.raises(NotFound):
        load_annex(edition="MTCR/TEM/1999/Annex")


def _load(root: Path):  # type: ignore[no-untyped-def]
    editions, units = read_editions(root)
    return load_annex_from(root, editions[-1], units)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_copy_of_data_loads(annex_copy: Path) -> None:
    assert len(_load(annex_copy)) == len(load_annex())


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("item-09.yaml", "  - code: 9.A.5\n", "  - code: 9.A.4\n", "duplicate code 9.A.4"),
        ("item-09.yaml", "  - code: 9.A.5\n", "  - code: 9.C.5\n", "entry 9.C.5 has no parent 9.C"),
        ("item-09.yaml", "unit: deg/h}", "unit: furlongs}", "unknown unit 'furlongs'"),
        ("item-09.yaml", "unit: deg/h}", "unit: ppm}", "parameter 'drift_rate_deg_per_h' is stated in 'deg/h'"),
        ("item-09.yaml", "{parameter: drift_rate_deg_per_h,", "{parameter: drift_per_fortnight,", "unknown parameter"),
        ("item-09.yaml", "kinds: [gyroscope]", "kinds: [gyro]", "unknown kind 'gyro'"),
        ("item-02.yaml", 'match: {designed_for: ["2.B.1"]}', 'match: {designed_for: ["2.B.7"]}', "unknown code 2.B.7"),
        ("item-02.yaml", "  - code: 2.A.1.e\n", "  - code: 3.A.1.e\n", "does not belong to item 2"),
        ("item-02.yaml", "category: I\n", "category: II\n", "must have category 'I'"),
        ("item-09.yaml", "entries:\n", "entries: [\n", "not valid YAML"),
    ],
)
def test_broken_data_gives_a_clear_data_error(annex_copy: Path, file: str, old: str, new: str, message: str) -> None:
    directory = annex_copy / "2024-03-14"
    _edit(directory / file, old, new)
    with pytest.raises(DataError) as err:
        _load(annex_copy)
    assert message in err.value.message
    assert file in err.value.message


def test_missing_item_file_is_reported(annex_copy: Path) -> None:
    (annex_copy / "2024-03-14" / "item-07.yaml").unlink()
    with pytest.raises(DataError, match="item 7 missing"):
        _load(annex_copy)


def test_correlation_to_unknown_code_is_reported(annex_copy: Path) -> None:
    _edit(annex_copy / "correlation.yaml", "{mtcr: 3.A.7,", "{mtcr: 3.A.77,")
    with pytest.raises(DataError, match=r"unknown MTCR code '3\.A\.77'"):
        _load(annex_copy)
