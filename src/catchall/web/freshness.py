"""How old a list version or record is, in words a person reads at a glance."""

from __future__ import annotations

from datetime import UTC, datetime

STALE_DAYS = 7  # a watch list not refreshed for a week is flagged on the dashboard


def _aware(ts: datetime) -> datetime:
    return ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)


def age_days(ts: datetime | None, now: datetime | None = None) -> float | None:
    if ts is None:
        return None
    return ((now or datetime.now(UTC)) - _aware(ts)).total_seconds() / 86400


def age_text(ts: datetime | None, now: datetime | None = None) -> str:
    days = age_days(ts, now)
    if days is None:
        return "never"
    if days < 1 / 24:
        return "just now"
    if days < 1:
        return f"{int(days * 24)} h ago"
    return f"{int(days)} day{'s' if int(days) != 1 else ''} ago"


def is_stale(ts: datetime | None, now: datetime | None = None) -> bool:
    days = age_days(ts, now)
    return days is None or days > STALE_DAYS
