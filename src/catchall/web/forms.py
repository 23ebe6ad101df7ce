"""Turning HTML form fields into the JSON contracts of the services (items, applications), with errors per field.

The forms are plain HTML so that they work without JavaScript; repeated rows (items, parties) are numbered
fields (``item-1-kind``, ``party-2-name`` ...). Checks here are only about the form's shape (a number is a
number); the services validate the contract itself and their messages are shown as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

ITEM_ROWS = 3
PARTY_ROWS = 4
_SPLIT = re.compile(r"[;\n,]+")


@dataclass
class FormResult:
    value: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def parse_number(raw: str) -> float | int | None:
    try:
        number = float(raw)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() and "." not in raw and "e" not in raw.lower() else number


def parse_parameters(raw: str) -> tuple[dict[str, Any], str | None]:
    """``range_km=350; payload_kg=600, civil_certified=yes`` -> dict, or an error naming the bad part."""
    params: dict[str, Any] = {}
    for part in _SPLIT.split(raw):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            return params, f"{part!r} is not name=value"
        name, _, val = (p.strip() for p in part.partition("="))
        if not name:
            return params, f"{part!r} has no parameter name"
        if val.lower() in {"true", "yes", "y"}:
            params[name] = True
        elif val.lower() in {"false", "no", "n"}:
            params[name] = False
        else:
            number = parse_number(val)
            if number is None:
                return params, f"{name}: {val!r} is not a number (or yes/no)"
            params[name] = number
    return params, None


def codes(raw: str) -> list[str]:
    return [c.strip() for c in re.split(r"[\s,;]+", raw) if c.strip()]


def item_from_form(form: Mapping[str, Any], prefix: str = "") -> FormResult:
    """One item from ``{prefix}id``, ``description``, ``kind``, ``parameters``, ``entries`` ... fields."""
    errors: dict[str, str] = {}
    item: dict[str, Any] = {"id": _text(form, f"{prefix}id") or "item"}
    desc = _text(form, f"{prefix}description")
    if desc:
        item["description"] = desc
    kind = _text(form, f"{prefix}kind")
    if kind:
        item["kind"] = kind
    params, problem = parse_parameters(_text(form, f"{prefix}parameters"))
    # Individual parameter fields (the classification form) add to the free-text ones.
    for key, raw in form.items():
        if isinstance(raw, str) and key.startswith(f"{prefix}param-") and raw.strip():
            name = key[len(prefix) + 6 :]
            if raw.strip().lower() in {"yes", "no", "true", "false", "on"}:
                params[name] = raw.strip().lower() in {"yes", "true", "on"}
                continue
            number = parse_number(raw.strip())
            if number is None:
                errors[f"{prefix}param-{name}"] = f"{raw.strip()!r} is not a number"
            else:
                params[name] = number
    if problem:
        errors[f"{prefix}parameters"] = problem
    if params:
        item["parameters"] = params
    for name in ("usable_in", "designed_for", "entries"):
        values = codes(_text(form, f"{prefix}{name}"))
        if values:
            item[name] = values
    return FormResult(item, errors)


def _row_used(form: Mapping[str, Any], prefix: str, names: tuple[str, ...]) -> bool:
    return any(_text(form, f"{prefix}{n}") for n in names)


def application_from_form(form: Mapping[str, Any]) -> FormResult:
    """The application JSON from the exporter's form (or from its JSON text area when that is filled in)."""
    raw_json = _text(form, "application_json")
    if raw_json:
        try:
            value = json.loads(raw_json)
        except json.JSONDecodeError as exc:
            return FormResult({}, {"application_json": f"not valid JSON: {exc.msg} (line {exc.lineno})"})
        if not isinstance(value, dict):
            return FormResult({}, {"application_json": "expected a JSON object"})
        return FormResult(value)
    errors: dict[str, str] = {}
    app: dict[str, Any] = {
        "id": _text(form, "id"),
        "date": _text(form, "date") or date.today().isoformat(),
        "destination": _text(form, "destination").upper(),
        "end_use": _text(form, "end_use"),
        "items": [],
        "parties": [],
        "information": {
            "wmd_delivery": bool(form.get("wmd_delivery")),
            "terrorism_risk": bool(form.get("terrorism_risk")),
        },
        "assurances": {
            "government_to_government": bool(form.get("government_to_government")),
            "end_use": bool(form.get("assurance_end_use")),
            "no_retransfer": bool(form.get("no_retransfer")),
        },
    }
    if not app["id"]:
        errors["id"] = "Give the application a reference."
    if not re.fullmatch(r"[A-Za-z]{2}", app["destination"]):
        errors["destination"] = "Two-letter ISO country code, e.g. AE."
    for n in range(1, ITEM_ROWS + 1):
        prefix = f"item-{n}-"
        if not _row_used(form, prefix, ("description", "kind", "parameters", "entries")):
            continue
        result = item_from_form(form, prefix)
        if not _text(form, f"{prefix}id"):
            result.value["id"] = f"item{n}"
        errors.update(result.errors)
        app["items"].append(result.value)
    if not app["items"]:
        errors["item-1-description"] = "Describe at least one item."
    for n in range(1, PARTY_ROWS + 1):
        prefix = f"party-{n}-"
        if not _row_used(form, prefix, ("name",)):
            continue
        party = {"role": _text(form, f"{prefix}role") or "end_user", "name": _text(form, f"{prefix}name")}
        country = _text(form, f"{prefix}country").upper()
        if country:
            party["country"] = country
        app["parties"].append(party)
    return FormResult(app, errors)
