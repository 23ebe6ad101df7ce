"""Subscribing states of the Hague Code of Conduct, from ``data/registry/hcoc_subscribers.yaml``.

Loaded once, validated at load (a bad record is a ``DataError`` naming it), and queried as of a date:
a state is a subscriber on day D when it subscribed on or before D (no state has withdrawn).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from catchall.errors import DataError
from catchall.model.hcoc import Subscription, normalise_state

DATA_FILE = "hcoc_subscribers.yaml"
DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "registry" / DATA_FILE


def parse_subscriptions(doc: Any, origin: str = DATA_FILE) -> dict[str, Subscription]:
    """Validate a loaded YAML document into {state: Subscription}; raises DataError naming the record."""
    if not isinstance(doc, dict) or not isinstance(doc.get("subscribers"), list):
        raise DataError(f"{origin}: expected a mapping with a 'subscribers' list")
    out: dict[str, Subscription] = {}
    for n, raw in enumerate(doc["subscribers"], start=1):
        try:
            sub = Subscription.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "record"
            raise DataError(f"{origin}: subscriber #{n} ({raw!r:.60}): {where}: {first['msg']}") from exc
        if sub.state in out:
            raise DataError(f"{origin}: subscriber #{n}: {sub.state} is listed twice")
        out[sub.state] = sub
    return out


@lru_cache(maxsize=1)
def _load() -> dict[str, Subscription]:
    text = DATA_PATH.read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(f"{DATA_FILE}: not valid YAML ({exc})") from exc
    return parse_subscriptions(doc)


def subscribers(as_of: dt.date | None = None) -> list[Subscription]:
    """Every subscriber (``as_of=None``) or those subscribed on or before ``as_of``; ordered by date, state."""
    subs = _load().values()
    chosen = subs if as_of is None else [s for s in subs if s.subscribed <= as_of]
    return sorted(chosen, key=lambda s: (s.subscribed, s.state))


def subscription(state: str) -> Subscription | None:
    """The subscription record of ``state`` (ISO alpha-2 or alpha-3, any case), or None."""
    try:
        code = normalise_state(state)
    except ValueError:
        return None
    return _load().get(code)


def is_subscriber(state: str, on: dt.date) -> bool:
    """True when ``state`` had subscribed on or before ``on``."""
    sub = subscription(state)
    return sub is not None and sub.subscribed <= on


def count(as_of: dt.date | None = None) -> int:
    return len(subscribers(as_of))
