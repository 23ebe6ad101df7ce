"""Fixtures of the control-list tests: the dev datasets and a copy of the Annex data to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catchall.controllist.loader import DATA_DIR

DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"


@pytest.fixture
def classify_dev() -> Path:
    path = DATASETS / "classify-dev"
    if not (path / "cases.jsonl").exists():
        pytest.skip(f"dev dataset not found at {path}")
    return path


@pytest.fixture
def annex_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged Annex data directory."""
    target = tmp_path / "mtcr_annex"
    shutil.copytree(DATA_DIR, target)
    return target
