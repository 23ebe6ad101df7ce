"""Published dates become ISO prefixes (never inventing a day); country names become ISO codes."""

from __future__ import annotations

import pytest

from catchall.screening.sources.values import countries, country_code, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("05 Jan 1962", ["1962-01-05"]),
        ("Jan 1962", ["1962-01"]),
        ("circa 1962", ["1962"]),
        ("1962 to 1964", ["1962", "1964"]),
        ("1962-01-05", ["1962-01-05"]),
        ("2022-06-03T00:00:00", ["2022-06-03"]),
        ("12/03/1970", ["1970-03-12"]),  # UK/EU day/month/year
        ("00/00/1966", ["1966"]),  # OFSI unknown day and month
        ("00/04/1966", ["1966-04"]),
        ("", []),
        ("unknown", []),
        (None, []),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Russia", "ru"),
        ("RUSSIAN FEDERATION", "ru"),
        ("Iran (Islamic Republic of)", "ir"),
        ("Korea, North", "kp"),
        ("Democratic People's Republic of Korea", "kp"),
        ("Burma", "mm"),
        ("DE", "de"),
        ("undetermined", None),
        ("Atlantis", None),
    ],
)
def test_country_code(raw, code):
    assert country_code(raw) == code


def test_unknown_country_kept_as_published():
    assert countries(["Syria", "Atlantis", "syria", None, " "]) == ["sy", "atlantis"]
