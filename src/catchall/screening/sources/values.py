"""Value cleaning shared by the importers: dates to ISO prefixes, country names to ISO codes, joined text.

Lists publish dates as "05 Jan 1962", "circa 1962", "00/00/1962", "1962-01-05"; FtM wants ISO 8601
prefixes ("1962", "1962-01", "1962-01-05"), so a partial date stays partial instead of inventing a day.
Country properties carry lower-case ISO 3166-1 alpha-2 codes; a name that cannot be resolved is kept
as published (lower-cased) rather than dropped, so no information is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pycountry

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?$")
_DMY_TEXT = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?\s+(\d{4})$")
_DMY_NUM = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*(?:-|to)\s*(\d{4})$")
_CIRCA = re.compile(r"^(?:circa|ca\.?|approximately|approx\.?|about|c\.)\s+", re.IGNORECASE)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if not month:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return f"{year:04d}"
    if not day:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= 31:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(raw: str | None) -> list[str]:
    """ISO prefixes for one published date text; a year range yields both ends; unparseable -> []."""
    if raw is None:
        return []
    value = _CIRCA.sub("", raw.strip()).strip().rstrip(".")
    if not value:
        return []
    if m := _ISO.match(value):
        out = _iso(int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0))
        return [out] if out else []
    if m := _DMY_NUM.match(value):  # UK/EU style day/month/year; 00 marks an unknown part
        out = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return [out] if out else []
    if m := _DMY_TEXT.match(value):
        month = MONTHS.get(m.group(2).lower())
        if month is None:
            return []
        out = _iso(int(m.group(3)), month, int(m.group(1) or 0))
        return [out] if out else []
    if m := _YEAR_RANGE.match(value):
        return [y for y in (_iso(int(m.group(1))), _iso(int(m.group(2)))) if y]
    if m := _YEAR.match(value):
        out = _iso(int(m.group(1)))
        return [out] if out else []
    return []


# Spellings used by OFAC, the UN, the EU and OFSI that pycountry's lookup does not know.
COUNTRY_ALIASES = {
    "russia": "ru",
    "iran": "ir",
    "syria": "sy",
    "north korea": "kp",
    "korea, north": "kp",
    "korea, south": "kr",
    "south korea": "kr",
    "democratic people's republic of korea": "kp",
    "burma": "mm",
    "venezuela": "ve",
    "bolivia": "bo",
    "tanzania": "tz",
    "laos": "la",
    "vietnam": "vn",
    "moldova": "md",
    "czech republic": "cz",
    "turkey": "tr",
    "türkiye": "tr",
    "congo, democratic republic of the": "cd",
    "democratic republic of the congo": "cd",
    "congo, republic of the": "cg",
    "palestinian": "ps",
    "west bank": "ps",
    "gaza": "ps",
    "kosovo": "xk",
    "ivory coast": "ci",
    "cote d'ivoire": "ci",
    "côte d'ivoire": "ci",
    "taiwan": "tw",
    "macau": "mo",
    "hong kong": "hk",
    "united kingdom": "gb",
    "uk": "gb",
    "united states": "us",
    "usa": "us",
    "uae": "ae",
    "region: gaza": "ps",
    "undetermined": "",
}


@lru_cache(maxsize=4096)
def country_code(raw: str | None) -> str | None:
    """Lower-case ISO alpha-2 code for a country name or code; None when unknown or empty."""
    if raw is None:
        return None
    value = " ".join(raw.strip().split())
    if not value:
        return None
    key = value.lower()
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key] or None
    try:
        found = pycountry.countries.lookup(value)
    except LookupError:
        # "Iran (Islamic Republic of)" and friends: try the part before a parenthesis
        head = value.split("(", 1)[0].strip()
        if head and head != value:
            return country_code(head)
        return None
    return str(found.alpha_2).lower()


def countries(values: Iterable[str | None]) -> list[str]:
    """Codes where resolvable, the lower-cased text otherwise (kept so nothing published is lost)."""
    out: list[str] = []
    for raw in values:
        if raw is None or not raw.strip():
            continue
        code = country_code(raw)
        value = code if code else " ".join(raw.strip().split()).lower()
        if value not in out:
            out.append(value)
    return out


def join(*parts: str | None, sep: str = " ") -> str | None:
    """Non-empty parts joined; None when nothing is left."""
    kept = [p.strip() for p in parts if p is not None and p.strip()]
    return sep.join(kept) if kept else None


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
