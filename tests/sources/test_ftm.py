"""FollowTheMoney JSON lines: plain entity files keep entities as published; delta files yield changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from catchall.errors import InvalidInput
from catchall.screening.sources import SOURCES, ParseReport


def test_plain_file_keeps_extra_keys_and_skips_non_screenable(parse):
    report = ParseReport()
    ents = parse("ftm", "entities.ftm.json", report=report)
    assert set(ents) == {"os-ab12", "os-cd34", "os-ef56"}
    p = ents["os-ab12"]
    assert p.get("alias") == ["Николай Орлов"]
    assert p.get("weakAlias") == ["Kolya"]
    assert p.datasets == ["ext_sanctions"]  # as published, not the import's dataset
    assert p.extra["first_seen"] == "2022-03-01T00:00:00" and p.extra["target"] is True
    assert report.skipped == {"schema Sanction": 1}


def test_delta_file(fixtures: Path):
    changes = list(SOURCES["ftm-delta"].parse(fixtures / "entities.delta.json", "x"))
    assert [(c.op, c.entity.id) for c in changes] == [("MOD", "os-ab12"), ("DEL", "os-ef56"), ("ADD", "os-gh78")]


def test_delta_line_in_plain_import_is_named(fixtures: Path):
    with pytest.raises(InvalidInput, match=r"line 1: this is a delta file.*ftm-delta"):
        list(SOURCES["ftm"].parse(fixtures / "entities.delta.json", "x"))


def test_plain_line_in_delta_import_is_named(fixtures: Path):
    with pytest.raises(InvalidInput, match=r"line 1: this is a plain entity file"):
        list(SOURCES["ftm-delta"].parse(fixtures / "entities.ftm.json", "x"))
