"""Fixtures for the screening tests: the dev watch list (indexed once per session) and tiny lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from catchall.model.entity import Entity
from catchall.screening import ScreeningIndex

DEV = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "screening-dev"


def person(eid: str, name: str, **props: Any) -> Entity:
    return Entity(id=eid, schema="Person", properties={"name": [name], **{k: list(v) for k, v in props.items()}})


def org(eid: str, name: str, schema: str = "Company", **props: Any) -> Entity:
    return Entity(id=eid, schema=schema, properties={"name": [name], **{k: list(v) for k, v in props.items()}})


@pytest.fixture(scope="session")
def dev_index() -> ScreeningIndex:
    if not DEV.exists():
        pytest.skip(f"screening dev set not found at {DEV}")
    return ScreeningIndex.build_from_file(DEV / "watchlist.ftm.jsonl", version="dev", name="dev")


@pytest.fixture(scope="session")
def dev_queries() -> list[dict[str, Any]]:
    if not DEV.exists():
        pytest.skip(f"screening dev set not found at {DEV}")
    return [json.loads(line) for line in (DEV / "queries.jsonl").read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def small_index() -> ScreeningIndex:
    """A small list with the kinds of names the false-alarm tests are about."""
    return ScreeningIndex.build(
        [
            person("p-putin", "Vladimir Vladimirovich Putin", birthDate=["1952-10-07"], country=["ru"]),
            person("p-kim", "Kim Jong Un", country=["kp"], birthDate=["1984-01-08"]),
            person("p-park", "Park Chung-hee", country=["kr"]),
            person("p-xi", "Xi Jinping", country=["cn"]),
            person("p-mao", "Mao Tse-tung", country=["cn"]),
            person("p-rahman", "Mohammed Abdul Rahman", country=["iq"]),
            person("p-khamenei", "Ali Khamenei", country=["ir"]),
            person("p-soleimani", "Qasem Soleimani", country=["ir"]),
            person("p-hnatyuk", "Oleksandr Hnatyuk", country=["ua"]),
            person("p-smith", "John Robert Smith", country=["gb"], birthDate=["1970-05-01"]),
            person("p-subbotin", "Maksim Subbotin", country=["ru"]),
            person("p-zaytsev", "Vitaliy Stanislavovich Zaytsev", country=["by"]),
            person("p-passport", "Ivan Petrov", passportNumber=["AB1234567"]),
            org("o-rosob", "Rosoboronexport JSC", country=["ru"]),
            org("o-kmdtc", "Korea Mining Development Trading Corporation", country=["kp"]),
            org("o-acme", "Acme Trading Company Limited", country=["ae"]),
            org("o-nelson", "Nelson Trading GmbH", country=["de"]),
            org("o-gen", "General Trading Group LLC", country=["ae"]),
            org("o-unit7", "Machine Building Plant No. 7", country=["ru"]),
            org("o-silva", "Silvavara S.L.", country=["es"]),
            org("o-npo", "NPO Radiokholding", schema="Organization", country=["ru"]),
        ],
        version="small-1",
        name="small",
    )


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    if not DEV.exists():
        pytest.skip(f"screening dev set not found at {DEV}")
    return DEV
