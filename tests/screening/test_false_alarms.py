"""False-alarm regressions: generic words, numerals, initials, shared surnames or given names."""

from __future__ import annotations

import pytest

from catchall.screening import ScreeningIndex


def matched(
    index: ScreeningIndex,
    name: str,
    schema: str = "LegalEntity",
    country: str | None = None,
    birth_date: str | None = None,
) -> list[str]:
    results = index.match_name(name, schema=schema, country=country, birth_date=birth_date)
    return [m.id for m in results if m.match]


@pytest.mark.parametrize(
    "query",
    [
        "CORP",
        "Trading Corp",
        "Trading Company Limited",
        "International Trading Group",
        "General Trading LLC",
        "Global Group Holding Co., Ltd.",
        "Korea Trading Corporation",
    ],
)
def test_generic_business_words_alone_never_match(small_index: ScreeningIndex, query: str) -> None:
    assert matched(small_index, query, schema="Company") == []


def test_organisations_sharing_only_generic_words_do_not_match(small_index: ScreeningIndex) -> None:
    assert matched(small_index, "Zenith Trading Company Limited", schema="Company") == []
    assert matched(small_index, "Korea Textile Development Trading Corporation", schema="Company") == []


def test_a_different_business_line_is_a_different_firm(small_index: ScreeningIndex) -> None:
    assert matched(small_index, "Nelson Industries Corporation", schema="Company") == []


def test_an_added_generic_word_still_matches(small_index: ScreeningIndex) -> None:
    assert matched(small_index, "Acme Global Trading Co Ltd", schema="Company") == ["o-acme"]


@pytest.mark.parametrize("query", ["Machine Building Plant No. 8", "Machine Building Plant 17"])
def test_numerals_must_agree(small_index: ScreeningIndex, query: str) -> None:
    assert matched(small_index, query, schema="Company") == []
    assert matched(small_index, "Machine Building Plant No 7", schema="Company") == ["o-unit7"]


@pytest.mark.parametrize("query", ["J.", "J. R.", "J. R. S.", "K. J. U.", "V. V. P."])
def test_initials_only_names_never_match(small_index: ScreeningIndex, query: str) -> None:
    assert matched(small_index, query, schema="Person") == []


def test_same_surname_only_does_not_match(small_index: ScreeningIndex) -> None:
    assert matched(small_index, "Peter Smith", schema="Person") == []
    assert matched(small_index, "Kim Yong Chol", schema="Person") == []
    assert matched(small_index, "Smith", schema="Person") == []


def test_same_given_name_only_does_not_match(small_index: ScreeningIndex) -> None:
    assert matched(small_index, "Vladimir Ivanov", schema="Person") == []
    assert matched(small_index, "Qasem Rahimi", schema="Person") == []


def test_contradicting_birth_date_and_country_prevent_a_match(small_index: ScreeningIndex) -> None:
    assert matched(small_index, "John Robert Smith", schema="Person", country="us", birth_date="1999-02-03") == []
    assert matched(small_index, "John Robert Smith", schema="Person", country="gb", birth_date="1970-05-01") == [
        "p-smith"
    ]


def test_feminine_form_of_a_surname_does_not_match_the_man(small_index: ScreeningIndex) -> None:
    assert matched(small_index, "Subbotina M.", schema="Person") == []
