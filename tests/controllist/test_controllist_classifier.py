"""The classifier, entry by entry: which criterion decides, the category, and the reasons it gives."""

from __future__ import annotations

from typing import Any

import pytest

from catchall.controllist import classify, load_annex
from catchall.errors import InvalidInput
from catchall.model.item import parse_item
from catchall.model.reason import Reason


def run(kind: str, params: dict[str, Any] | None = None, **extra: Any) -> Any:
    obj: dict[str, Any] = {"id": "t", "kind": kind, "parameters": params or {}, **extra}
    return classify(parse_item(obj))


# --- complete systems -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "params", "category", "entries"),
    [
        ("rocket_system", {"range_km": 300, "payload_kg": 500}, "I", ["1.A.1"]),
        ("rocket_system", {"range_km": 299, "payload_kg": 5000}, None, []),
        ("rocket_system", {"range_km": 1770, "payload_kg": 400}, "II", ["19.A.1"]),
        ("rocket_system", {"range_km": 450}, "II", ["19.A.1"]),
        ("rocket_system", {"design_range_km": 600, "payload_kg": 700}, "I", ["1.A.1"]),
        ("uav_system", {"range_km": 1852, "payload_kg": 1700}, "I", ["1.A.2"]),
        ("uav_system", {"range_km": 1100, "payload_kg": 204}, "II", ["19.A.2"]),
        ("uav_system", {"range_km": 250, "payload_kg": 450}, None, []),
    ],
)
def test_complete_systems(kind: str, params: dict, category: str | None, entries: list[str]) -> None:
    result = run(kind, params)
    assert (result.category, result.entries) == (category, entries)
    assert result.reasons[0].rule == "annex.capability"


def test_cat1_reason_carries_capability_numbers() -> None:
    result = run("rocket_system", {"payload_range_curve": [[1000, 200], [400, 400]]})
    assert result.entries == ["1.A.1"]
    cap = result.to_json()["capability"]
    assert cap["range_at_500kg_km"] == 366.7 and cap["capable_500kg_300km"] is True
    assert "366.7 km" in result.reasons[0].text


def test_range_without_payload_says_cat1_not_assessed() -> None:
    result = run("rocket_system", {"range_km": 450})
    assert "no payload given" in result.reasons[0].text


# --- 19.A.3 aerosol UAVs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "matched"),
    [
        ({"aerosol_capacity_l": 25, "autonomous_navigation": True}, True),
        ({"aerosol_capacity_l": 25, "beyond_line_of_sight": True}, True),
        ({"aerosol_capacity_l": 20, "beyond_line_of_sight": True}, False),  # more than 20 L needed
        ({"aerosol_capacity_l": 25, "autonomous_navigation": False, "beyond_line_of_sight": False}, False),
        ({"aerosol_capacity_l": 25, "autonomous_navigation": True, "model_aircraft": True}, False),
    ],
)
def test_aerosol_uav(params: dict, matched: bool) -> None:
    result = run("uav_system", {"range_km": 10, "payload_kg": 30, **params})
    assert ("19.A.3" in result.entries) is matched
    assert result.category == ("II" if matched else None)


def test_long_range_aerosol_uav_is_19a2_not_19a3() -> None:
    result = run(
        "uav_system", {"range_km": 400, "payload_kg": 50, "aerosol_capacity_l": 60, "autonomous_navigation": True}
    )
    assert result.entries == ["19.A.2"]


# --- Item 2 / Item 20 subsystems -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("impulse", "entries", "category"),
    [
        (1_100_000, ["2.A.1.c"], "I"),
        (1_099_999, ["20.A.1.b"], "II"),
        (841_000, ["20.A.1.b"], "II"),
        (840_999, [], None),
    ],
)
def test_motor_impulse_bands(impulse: float, entries: list[str], category: str | None) -> None:
    result = run("rocket_motor", {"total_impulse_ns": impulse})
    assert (result.entries, result.category) == (entries, category)


def test_apogee_engine_exception_is_treated_as_category_ii() -> None:
    result = run("liquid_engine", {"total_impulse_ns": 1_300_000, "vacuum_thrust_n": 400})
    assert result.entries == ["2.A.1.c"] and result.category == "II"
    assert result.treated_as == {"2.A.1.c": "II"}
    assert "Treated as Category II" in result.reasons[0].text


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("liquid_engine", {"total_impulse_ns": 1_300_000, "vacuum_thrust_n": 1001}),
        ("liquid_engine", {"total_impulse_ns": 1_300_000, "vacuum_thrust_n": 400, "satellite_use": False}),
        ("rocket_motor", {"total_impulse_ns": 1_300_000, "vacuum_thrust_n": 400}),  # the note is for liquid engines
    ],
)
def test_apogee_exception_does_not_apply(kind: str, params: dict) -> None:
    result = run(kind, params)
    assert result.category == "I" and not result.treated_as


@pytest.mark.parametrize(
    ("params", "category"),
    [
        ({"accuracy_pct_of_range": 3.33, "design_range_km": 300}, "I"),
        ({"accuracy_pct_of_range": 3.0, "design_range_km": 150}, "II"),
        ({"accuracy_pct_of_range": 1.0, "manned_aircraft": True}, "II"),
        ({"accuracy_pct_of_range": 3.34}, None),
    ],
)
def test_guidance_sets(params: dict, category: str | None) -> None:
    result = run("guidance_set", params)
    assert result.category == category
    assert ("2.A.1.d" in result.entries) is (category is not None)


@pytest.mark.parametrize(
    ("usable_in", "entries"),
    [(["1.A.1"], ["2.A.1.a"]), (["19.A.1"], ["20.A.1.a"]), (["1.A.1", "19.A.1"], ["2.A.1.a"]), ([], ["2.A.1.a"])],
)
def test_rocket_stages(usable_in: list[str], entries: list[str]) -> None:
    result = run("rocket_stage", usable_in=usable_in)
    assert result.entries == entries


def test_stage_presumed_usable_says_so() -> None:
    result = run("rocket_stage")
    assert "presumed usable in 1.A" in result.reasons[0].text


@pytest.mark.parametrize(
    ("kind", "extra", "category"),
    [
        ("thrust_vector_control", {"usable_in": ["1.A.1"]}, "I"),
        ("thrust_vector_control", {"usable_in": ["19.A.1"]}, "II"),
        ("safing_arming_fuzing_firing", {"usable_in": ["1.A.2"]}, "I"),
        ("safing_arming_fuzing_firing", {"usable_in": ["19.A.2"]}, "II"),
        ("reentry_vehicle", {"parameters": {"non_weapon_payload": True}}, "II"),
        ("reentry_vehicle", {}, "I"),
    ],
)
def test_other_item2_subsystems(kind: str, extra: dict, category: str) -> None:
    obj = {"id": "t", "kind": kind, **extra}
    assert classify(parse_item(obj)).category == category


# --- production, software, technology --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "designed_for", "entries", "category"),
    [
        ("production_facility", ["1.A.1"], ["1.B.1"], "I"),
        ("production_facility", ["2.A.1.c"], ["2.B.1"], "I"),
        ("production_equipment", ["2.A.1.c"], ["2.B.2"], "I"),
        ("production_facility", ["19.A.2"], ["19.B.1"], "II"),
        ("production_facility", ["20.A.1.b"], ["20.B.1"], "II"),
        ("software", ["1.B.1"], ["1.D.1"], "I"),
        ("software", ["1.A.2"], ["1.D.2"], "I"),
        ("software", ["2.A.1.d"], ["2.D.3"], "I"),
        ("software", ["9.A.7"], ["9.D.1", "9.D.4"], "II"),
        ("software", ["20.A.1.b"], ["20.D.2"], "II"),
        ("technology", ["1.A.1"], ["1.E.1"], "I"),
        ("technology", ["3.A.1"], ["3.E.1"], "II"),
        ("technology", ["3.A.7"], [], None),  # bearings have no technology entry
        ("technology", ["19.A.3"], [], None),
    ],
)
def test_production_software_technology(
    kind: str, designed_for: list[str], entries: list[str], category: str | None
) -> None:
    result = run(kind, designed_for=designed_for)
    assert (result.entries, result.category) == (entries, category)


def test_simulation_software_is_told_apart_by_its_description() -> None:
    obj = {"id": "s", "kind": "software", "description": "Trajectory simulation suite", "designed_for": ["1.A.1"]}
    result = classify(parse_item(obj))
    assert result.entries == ["1.D.2", "16.D.1"]
    assert "description mentions 'simulation'" in result.reasons[1].text


def test_usable_in_is_not_specially_designed_for() -> None:
    assert run("software", usable_in=["1.B.1"]).entries == []


# --- parametric Category II entries ----------------------------------------------------------------

ENGINE = {"max_thrust_n": 3000, "sfc_kg_per_n_h": 0.07, "dry_weight_kg": 60, "first_stage_rotor_diameter_m": 0.3}


@pytest.mark.parametrize(
    ("changes", "matched"),
    [
        ({}, True),
        ({"max_thrust_n": 400}, False),
        ({"sfc_kg_per_n_h": 0.16}, False),
        ({"dry_weight_kg": 750}, False),
        ({"first_stage_rotor_diameter_m": 1.0}, False),
        ({"max_thrust_n": 9000, "civil_certified": True}, False),
        ({"max_thrust_n": 8000, "civil_certified": True}, True),
    ],
)
def test_turbine_engine_3a1(changes: dict, matched: bool) -> None:
    result = run("turbojet_engine", {**ENGINE, **changes})
    assert ("3.A.1" in result.entries) is matched


def test_engine_designed_for_cruise_missile_is_3a1_whatever_its_numbers() -> None:
    result = run("turbofan_engine", {"max_thrust_n": 50_000, "sfc_kg_per_n_h": 0.5}, designed_for=["19.A.2"])
    assert result.entries == ["3.A.1"]


@pytest.mark.parametrize(
    ("kind", "params", "entries"),
    [
        ("gyroscope", {"drift_rate_deg_per_h": 0.49}, ["9.A.4"]),
        ("gyroscope", {"drift_rate_deg_per_h": 0.5}, []),
        ("gyroscope", {"drift_rate_deg_per_h": 2.0, "rated_acceleration_g": 150}, ["9.A.5"]),
        ("accelerometer", {"scale_factor_repeatability_ppm": 100, "bias_repeatability_micro_g": 100}, ["9.A.3"]),
        ("accelerometer", {"scale_factor_repeatability_ppm": 100, "bias_repeatability_micro_g": 1250}, []),
        ("inertial_navigation", {"drift_rate_deg_per_h": 0.01}, ["9.A.6"]),
        ("magnetic_heading_sensor", {"azimuth_accuracy_deg_rms": 0.3}, ["9.A.8"]),
        ("gnss_receiver", {"airborne": True, "max_velocity_m_s": 700}, ["11.A.3"]),
        ("gnss_receiver", {"airborne": True, "anti_jam": True, "civil_service_only": True}, []),
        ("gnss_receiver", {"airborne": False, "anti_jam": True}, []),
        ("gravity_meter", {"gravity_accuracy_mgal": 0.5, "steady_state_time_min": 1}, ["12.A.3"]),
        ("vibration_test_system", {"vibration_g_rms": 10, "bare_table_force_kn": 50}, ["15.B.1.a"]),
        ("vibration_test_system", {"vibration_g_rms": 10, "bare_table_force_kn": 49}, []),
        ("wind_tunnel", {"max_mach": 2.5, "test_section_mm": 200}, []),
        ("wind_tunnel", {"max_mach": 2.5, "test_section_mm": 400}, ["15.B.2"]),
        ("test_stand", {"max_thrust_n": 70_000}, ["15.B.3"]),
        ("environmental_chamber", {"simulated_altitude_km": 20, "acoustic_level_db": 145}, ["15.B.4"]),
        ("microcircuit", {"total_dose_rad_si": 1_000_000}, ["18.A.1"]),
        ("turboprop_engine", {"max_power_kw": 50}, []),
    ],
)
def test_parametric_category_ii(kind: str, params: dict, entries: list[str]) -> None:
    result = run(kind, params)
    assert result.entries == entries
    assert result.category == ("II" if entries else None)


def test_gnss_designed_for_missiles() -> None:
    assert run("gnss_receiver", designed_for=["1.A.1"]).entries == ["11.A.3"]


def test_thermal_battery_range_exclusion() -> None:
    assert run("thermal_battery", designed_for=["19.A.1"]).entries == ["12.A.6"]
    assert run("thermal_battery", {"design_range_km": 120}, designed_for=["19.A.1"]).entries == []


# --- reasons, pre-classified items, output shape ---------------------------------------------------


def test_reasons_name_criterion_and_values() -> None:
    result = run("gyroscope", {"drift_rate_deg_per_h": 0.3})
    (reason,) = result.reasons
    assert isinstance(reason, Reason)
    assert reason.rule == "annex.9.A.4" and reason.ref == "MTCR Annex 9.A.4"
    assert "0.3 deg/h is below 0.5 deg/h" in reason.text
    assert reason.data["values"] == {"drift_rate_deg_per_h": 0.3}


def test_no_match_explains_what_was_given() -> None:
    (reason,) = run("gyroscope", {"drift_rate_deg_per_h": 1.0}).reasons
    assert reason.rule == "annex.no_match" and "drift_rate_deg_per_h" in reason.text


def test_pre_classified_item_takes_the_applicants_rating() -> None:
    result = classify(parse_item({"id": "p", "kind": "other", "entries": ["6.C.1", "2.A.1.c"]}))
    assert result.category == "I" and result.entries == ["6.C.1", "2.A.1.c"]
    assert result.reasons[0].rule == "annex.declared" and "applicant" in result.reasons[0].text
    assert result.to_json()["rating"] == "applicant"


def test_pre_classified_unknown_code_names_item_and_field() -> None:
    with pytest.raises(InvalidInput, match=r"item p: entries\[1\]: no entry '6.C.99'"):
        classify(parse_item({"id": "p", "kind": "other", "entries": ["6.C.1", "6.C.99"]}))


def test_declared_entries_are_kept_next_to_derived_ones() -> None:
    result = run("gyroscope", {"drift_rate_deg_per_h": 0.3}, entries=["9.A.6"])
    assert result.entries == ["9.A.4", "9.A.6"]
    assert result.reasons[-1].rule == "annex.declared"


def test_json_shape() -> None:
    out = run("rocket_motor", {"total_impulse_ns": 1_200_000}, usable_in=["1.A.1"]).to_json()
    assert {"id", "category", "entries", "reasons", "edition"} <= set(out)
    assert out["reasons"][0]["rule"] == "annex.2.A.1.c"


def test_estimate_is_attached_and_labelled() -> None:
    params = {
        "range_km": 300,
        "payload_kg": 985,
        "stages": [{"propellant_mass_kg": 3770, "dry_mass_kg": 1130, "isp_s": 226}],
    }
    out = run("rocket_system", params).to_json()
    assert out["category"] == "I"
    assert [e["payload_kg"] for e in out["estimate"]] == [985, 500]
    assert all(e["label"].startswith("ESTIMATE") for e in out["estimate"])
    assert any(r["rule"] == "annex.estimate.check" for r in out["reasons"])


def test_explicit_annex_is_used() -> None:
    annex = load_annex()
    assert run("gyroscope", {"drift_rate_deg_per_h": 0.1}).edition == annex.edition
