"""Fixtures for the list importer tests: the hand-written sample files under ``fixtures/``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from catchall.model.entity import Entity
from catchall.screening.sources import SOURCES, ParseReport

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def parse() -> Callable[..., dict[str, Entity]]:
    """``parse(source, file)`` -> {entity id: entity} (the report is attached as ``parse.report``)."""

    def run(
        source: str, file: str | Path, dataset: str = "test", report: ParseReport | None = None
    ) -> dict[str, Entity]:
        path = file if isinstance(file, Path) else FIXTURES / file
        out: dict[str, Entity] = {}
        for e in SOURCES[source].parse(path, dataset, report):
            assert e.id not in out, f"duplicate id {e.id}"
            out[e.id] = e
        return out

    return run
