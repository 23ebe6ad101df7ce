"""Loading of the shipped registry data (``catchall/data/registry/*.yaml``): read once, validated, cached.

A bad record is a ``DataError`` that names the file and the record.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from catchall.errors import DataError
from catchall.model.registry import Commitment, ImplementationFact, SanctionsDetermination

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "registry"

M = TypeVar("M", bound=BaseModel)


def read_yaml(name: str) -> Any:
    path = DATA_DIR / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(f"registry data file missing: {path}") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: not valid YAML ({exc})") from exc


def validate_records(
    name: str, records: Any, model: type[M], *, label: Callable[[Any], str] = lambda r: str(r)[:60]
) -> list[M]:
    if not isinstance(records, list):
        raise DataError(f"{name}: expected a list of records")
    out: list[M] = []
    seen: set[str] = set()
    for n, raw in enumerate(records, start=1):
        try:
            rec = model.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "record"
            raise DataError(f"{name}: record #{n} ({label(raw)}): {where}: {first['msg']}") from exc
        rid = getattr(rec, "id", None)
        if isinstance(rid, str):
            if rid in seen:
                raise DataError(f"{name}: record #{n}: id {rid!r} is used twice")
            seen.add(rid)
        out.append(rec)
    return out


@lru_cache(maxsize=1)
def mtcr_partnerships() -> tuple[Commitment, ...]:
    """One ``mtcr_partnership`` commitment per MTCR partner, from ``mtcr_partners.yaml``."""
    doc = read_yaml("mtcr_partners.yaml")
    default_source = doc.get("source_default", "mtcr_partners.yaml")
    records = []
    for raw in doc.get("partners", []):
        state = str(raw.get("state", "")).upper()
        note = raw.get("note")
        records.append(
            {
                "id": f"{state.lower()}-mtcr-partnership",
                "state": state,
                "kind": "mtcr_partnership",
                "instrument": "MTCR partnership",
                "effect": "guidelines",
                "since": raw.get("since"),
                "until": raw.get("until"),
                "precision": raw.get("precision", "day"),
                "uncertain": bool(raw.get("uncertain", False)),
                "summary": "Partner of the Missile Technology Control Regime; applies the MTCR Guidelines and Annex."
                + (f" Note: {note}." if note else ""),
                "source": raw.get("source", default_source),
            }
        )
    return tuple(validate_records("mtcr_partners.yaml", records, Commitment))


@lru_cache(maxsize=1)
def listed_commitments() -> tuple[Commitment, ...]:
    """Adherence and pledges from ``commitments.yaml``."""
    doc = read_yaml("commitments.yaml")
    return tuple(validate_records("commitments.yaml", doc.get("commitments", []), Commitment))


@lru_cache(maxsize=1)
def implementation_facts() -> tuple[ImplementationFact, ...]:
    doc = read_yaml("implementation.yaml")
    return tuple(validate_records("implementation.yaml", doc.get("facts", []), ImplementationFact))


@lru_cache(maxsize=1)
def determinations() -> tuple[SanctionsDetermination, ...]:
    doc = read_yaml("sanctions.yaml")
    return tuple(
        validate_records(
            "sanctions.yaml", doc.get("determinations", []), SanctionsDetermination, label=lambda r: str(r.get("id"))
        )
    )
