"""Parsing JSON-lines records: errors name the line and field; a batch is all or nothing."""

from __future__ import annotations

import pytest

from catchall.errors import InvalidInput
from catchall.hcoc.records import RecordKind, jsonl_rows, parse_batch, parse_record
from catchall.model.hcoc import AnnualDeclaration, Launch, VehicleClass

GOOD_PLN = (
    '{"id": "p1", "state": "FR", "submitted": "2020-05-01", "vehicle_class": "ballistic_missile",'
    ' "window_start": "2020-06-10", "window_end": "2020-06-20", "launch_area": "Biscay", "direction": "west"}'
)


def batch(kind: RecordKind, *lines: str) -> list:  # type: ignore[type-arg]
    return parse_batch(kind, jsonl_rows(lines, "f.jsonl"), "f.jsonl")


def test_valid_notification_parses() -> None:
    (p,) = batch(RecordKind.notifications, GOOD_PLN)
    assert p.id == "p1" and p.vehicle_class is VehicleClass.ballistic_missile


def test_window_end_before_start_is_refused_with_the_line() -> None:
    bad = GOOD_PLN.replace('"window_end": "2020-06-20"', '"window_end": "2020-06-01"')
    with pytest.raises(InvalidInput, match=r"f.jsonl line 2: window_end 2020-06-01 is before window_start"):
        batch(RecordKind.notifications, GOOD_PLN.replace("p1", "p0"), bad)


def test_unknown_vehicle_class_and_bad_date_name_their_fields() -> None:
    with pytest.raises(InvalidInput) as err:
        batch(
            RecordKind.launches,
            '{"id": "l1", "state": "FR", "date": "2020-13-01", "vehicle_class": "ballistic_missile"}',
            '{"id": "l2", "state": "FR", "date": "2020-01-01", "vehicle_class": "cruise_missile"}',
        )
    msg = err.value.message
    assert "2 invalid launches" in msg and "line 1: date" in msg and "line 2: vehicle_class" in msg


def test_bad_json_unknown_field_and_duplicate_id_are_all_reported() -> None:
    with pytest.raises(InvalidInput) as err:
        batch(
            RecordKind.launches,
            '{"id": "l1", "state": "FR", "date": "2020-01-01", "vehicle_class": "ballistic_missile"}',
            "{not json",
            '{"id": "l1", "state": "FR", "date": "2020-01-02", "vehicle_class": "ballistic_missile"}',
            '{"id": "l3", "state": "FR", "date_": "2020-01-02", "vehicle_class": "ballistic_missile"}',
        )
    msg = err.value.message
    assert (
        "line 2: not valid JSON" in msg and "line 3: l1 repeats line 1" in msg and "line 4: date: Field required" in msg
    )
    assert len(err.value.detail["errors"]) == 3


def test_state_codes_are_normalised_and_checked() -> None:
    rec = parse_record(
        RecordKind.launches, {"id": "x", "state": "fra", "date": "2020-01-01", "vehicle_class": "space_launch_vehicle"}
    )
    assert isinstance(rec, Launch) and rec.state == "FR"
    with pytest.raises(InvalidInput, match="state"):
        parse_record(
            RecordKind.launches,
            {"id": "x", "state": "France", "date": "2020-01-01", "vehicle_class": "space_launch_vehicle"},
        )


def test_declaration_accepts_launches_by_class_and_refuses_negative_counts() -> None:
    rec = parse_record(
        RecordKind.declarations,
        {"state": "FR", "year": 2019, "submitted": "2020-02-01", "launches_by_class": {"ballistic_missile": 2}},
    )
    assert isinstance(rec, AnnualDeclaration) and rec.launches == {VehicleClass.ballistic_missile: 2}
    assert rec.key == "FR-2019"
    with pytest.raises(InvalidInput, match="must not be negative"):
        parse_record(
            RecordKind.declarations,
            {"state": "FR", "year": 2019, "submitted": "2020-02-01", "launches": {"ballistic_missile": -1}},
        )


def test_other_systems_spellings_are_accepted() -> None:
    rec = parse_record(
        RecordKind.launches,
        {"id": 17, "state": "in", "date": "2020-01-01", "vehicle_class": "Space launch vehicle", "source": "press"},
    )
    assert isinstance(rec, Launch) and rec.id == "17" and rec.vehicle_class is VehicleClass.space_launch_vehicle
    decl = parse_record(
        RecordKind.declarations,
        {"state": "FR", "year": 2019, "submitted": "2020-02-01", "launches": {"BM": 1, "SLV": 0}},
    )
    assert isinstance(decl, AnnualDeclaration) and decl.launches[VehicleClass.ballistic_missile] == 1
