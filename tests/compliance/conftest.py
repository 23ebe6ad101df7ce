from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DEV = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "compliance-dev"


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def dev_cases() -> list[dict[str, Any]]:
    if not DEV.exists():
        pytest.skip(f"dev dataset not found at {DEV}")
    return _load(DEV / "cases.jsonl")


@pytest.fixture(scope="session")
def dev_truth() -> dict[str, dict[str, Any]]:
    if not DEV.exists():
        pytest.skip(f"dev dataset not found at {DEV}")
    return {t["id"]: t for t in _load(DEV / "truth.jsonl")}


@pytest.fixture(scope="session")
def dev_file() -> Path:
    if not DEV.exists():
        pytest.skip(f"dev dataset not found at {DEV}")
    return DEV / "cases.jsonl"
