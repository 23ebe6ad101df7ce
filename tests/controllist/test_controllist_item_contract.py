"""The item contract: valid items parse; every mistake names the item id and the field."""

from __future__ import annotations

import pytest

from catchall.errors import InvalidInput
from catchall.model.item import Item, parse_item


def test_full_item_parses_with_units_in_names() -> None:
    item = parse_item(
        {
            "id": "m1",
            "description": "Motor",
            "kind": "rocket_motor",
            "parameters": {"total_impulse_ns": 1_200_000, "vacuum_thrust_n": 400.5},
            "usable_in": ["1.A.1"],
            "designed_for": [],
        }
    )
    assert isinstance(item, Item)
    assert item.parameters == {"total_impulse_ns": 1_200_000.0, "vacuum_thrust_n": 400.5}
    assert item.usable_in == ("1.A.1",)
    assert not item.pre_classified


def test_entries_only_is_pre_classified() -> None:
    item = parse_item({"id": "e1", "kind": "other", "description": "Prepreg", "entries": ["6.C.1"]})
    assert item.pre_classified
    assert item.entries == ("6.C.1",)


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        ({"id": "a", "kind": "spaceship"}, "kind"),
        ({"id": "a", "kind": "rocket_system", "parameters": {"range_miles": 3}}, "parameters.range_miles"),
        ({"id": "a", "kind": "rocket_system", "parameters": {"range_km": -1}}, "parameters.range_km"),
        ({"id": "a", "kind": "rocket_system", "parameters": {"range_km": "far"}}, "parameters.range_km"),
        ({"id": "a", "kind": "rocket_system", "parameters": {"range_km": True}}, "parameters.range_km"),
        (
            {"id": "a", "kind": "guidance_set", "parameters": {"accuracy_pct_of_range": 140}},
            "parameters.accuracy_pct_of_range",
        ),
        (
            {"id": "a", "kind": "uav_system", "parameters": {"beyond_line_of_sight": "yes"}},
            "parameters.beyond_line_of_sight",
        ),
        (
            {"id": "a", "kind": "rocket_system", "parameters": {"payload_range_curve": [[500]]}},
            "parameters.payload_range_curve[0]",
        ),
        (
            {"id": "a", "kind": "rocket_system", "parameters": {"payload_range_curve": [[500, -3]]}},
            "parameters.payload_range_curve[0][1]",
        ),
        (
            {"id": "a", "kind": "rocket_system", "parameters": {"payload_range_curve": []}},
            "parameters.payload_range_curve",
        ),
        ({"id": "a", "kind": "rocket_stage", "usable_in": ["1.Z.9"]}, "usable_in[0]"),
        ({"id": "a", "kind": "other", "entries": ["banana"]}, "entries[0]"),
        ({"id": "a", "kind": "other", "colour": "red"}, "colour"),
        (
            {
                "id": "a",
                "kind": "rocket_system",
                "parameters": {"stages": [{"propellant_mass_kg": 1, "dry_mass_kg": 1}]},
            },
            "parameters.stages[0].isp_s",
        ),
        (
            {
                "id": "a",
                "kind": "rocket_system",
                "parameters": {"stages": [{"propellant_mass_kg": 1, "dry_mass_kg": 1, "isp_s": 0}]},
            },
            "parameters.stages[0].isp_s",
        ),
    ],
)
def test_errors_name_item_and_field(obj: dict, field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_item(obj)
    assert err.value.message.startswith(f"item a: {field}:")
    assert err.value.detail == {"id": "a", "field": field}


def test_missing_id_is_reported() -> None:
    with pytest.raises(InvalidInput, match="id: is required"):
        parse_item({"kind": "other"})


def test_negative_temperatures_are_allowed_but_not_below_absolute_zero() -> None:
    assert parse_item({"id": "t", "kind": "environmental_chamber", "parameters": {"min_temperature_c": -60}})
    with pytest.raises(InvalidInput, match="min_temperature_c"):
        parse_item({"id": "t", "kind": "environmental_chamber", "parameters": {"min_temperature_c": -300}})


def test_fast_construction_equals_validated_model() -> None:
    obj = {
        "id": "f1",
        "description": "d",
        "kind": "guidance_set",
        "parameters": {"accuracy_pct_of_range": 2.0},
        "usable_in": ["1.A.1"],
        "designed_for": ["1.A.1"],
        "entries": ["2.A.1.d"],
    }
    fast = parse_item(obj)
    assert fast == Item(**obj)
    assert fast.model_dump() == Item(**obj).model_dump()
    assert Item.model_validate(fast.model_dump()) == fast
