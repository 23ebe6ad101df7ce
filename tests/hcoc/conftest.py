"""Fixtures for the HCOC tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .hcoc_builders import HCOC_DEV


@pytest.fixture
def hcoc_dev() -> Path:
    if not HCOC_DEV.is_dir():
        pytest.skip(f"development dataset not found at {HCOC_DEV}")
    return HCOC_DEV
