"""Fixtures for the list store/service tests: the importer fixture files and a writer for generated lists."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "sources" / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _fresh_index_cache():
    from catchall.services import lists

    lists.clear_index_cache()
    yield
    lists.clear_index_cache()


def make_person(i: int, name: str | None = None, **props: list[str]) -> dict:
    return {
        "id": f"gen-{i}",
        "schema": "Person",
        "properties": {"name": [name or f"Generated Person {i}"], **props},
        "datasets": ["gen"],
    }


@pytest.fixture
def person() -> Callable[..., dict]:
    """``person(i, name=None, **props)`` -> a FtM Person dict with id ``gen-<i>``."""
    return make_person


@pytest.fixture
def ftm_file(tmp_path: Path) -> Callable[..., Path]:
    """``ftm_file(entities, name=...)`` writes FtM JSON lines and returns the path."""

    def write(entities: list[dict], name: str = "gen.ftm.json") -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8") as fh:
            for e in entities:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        return path

    return write
