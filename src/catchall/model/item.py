"""An item to classify: the input contract shared by the CLI, the API and licensing.

``{"id", "description", "kind", "parameters": {...}, "usable_in": [codes], "designed_for": [codes],
"entries": [codes]}``. Parameter names carry their unit (``range_km``, ``total_impulse_ns`` ...); the
vocabulary below is the one place that says which parameters exist, their unit and their type.

``parse_item`` validates by hand (not through pydantic) because classification runs over millions of
items and the hand-written checks are an order of magnitude faster; it builds the model with
``model_construct`` once the values are known to be good. Every error names the item id and the field.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from catchall.errors import InvalidInput

KINDS: frozenset[str] = frozenset(
    {
        # complete systems
        "rocket_system",
        "uav_system",
        # complete subsystems
        "rocket_stage",
        "reentry_vehicle",
        "rocket_motor",
        "liquid_engine",
        "guidance_set",
        "thrust_vector_control",
        "safing_arming_fuzing_firing",
        # production
        "production_facility",
        "production_equipment",
        # intangibles
        "software",
        "technology",
        # propulsion components
        "turbojet_engine",
        "turbofan_engine",
        "turboprop_engine",
        "ramjet_engine",
        # navigation and avionics
        "gyroscope",
        "accelerometer",
        "inertial_navigation",
        "integrated_navigation",
        "gnss_receiver",
        "magnetic_heading_sensor",
        # launch support, test, protection
        "thermal_battery",
        "gravity_meter",
        "vibration_test_system",
        "wind_tunnel",
        "test_stand",
        "environmental_chamber",
        "microcircuit",
        "material",
        "other",
    }
)


@dataclass(frozen=True, slots=True)
class ParameterSpec:
    """One parameter of the item contract: its unit and what values are possible."""

    name: str
    unit: str
    type: str  # "number" | "bool" | "curve" | "stages"
    minimum: float = 0.0
    maximum: float = math.inf
    exclusive_minimum: bool = False
    text: str = ""


def _num(name: str, unit: str, text: str, *, minimum: float = 0.0, maximum: float = math.inf) -> ParameterSpec:
    return ParameterSpec(name, unit, "number", minimum, maximum, False, text)


def _flag(name: str, text: str) -> ParameterSpec:
    return ParameterSpec(name, "bool", "bool", text=text)


PARAMETERS: dict[str, ParameterSpec] = {
    p.name: p
    for p in (
        _num("range_km", "km", "maximum range of the system"),
        _num("payload_kg", "kg", "payload carried to range_km"),
        ParameterSpec("payload_range_curve", "kg,km", "curve", text="list of [payload_kg, range_km] points"),
        ParameterSpec("stages", "stage", "stages", text="design data for the rocket-equation estimate"),
        _num("total_impulse_ns", "N*s", "total impulse capacity"),
        _num("accuracy_pct_of_range", "%", "system accuracy (CEP) as a percentage of range", maximum=100),
        _num("design_range_km", "km", "range of the system the item is designed for"),
        _num("aerosol_capacity_l", "L", "capacity of the aerosol dispensing system"),
        _flag("autonomous_navigation", "autonomous flight control and navigation"),
        _flag("beyond_line_of_sight", "controlled flight beyond the operator's direct view"),
        _num("max_thrust_n", "N", "maximum thrust"),
        _num("sfc_kg_per_n_h", "kg/(N*h)", "specific fuel consumption at maximum continuous power"),
        _num("dry_weight_kg", "kg", "engine dry weight"),
        _num("first_stage_rotor_diameter_m", "m", "first-stage rotor diameter"),
        _flag("civil_certified", "certified for use in civil aircraft"),
        _num("max_power_kw", "kW", "maximum power (turboprop systems)"),
        _num("drift_rate_deg_per_h", "deg/h", "rated drift-rate stability (1 sigma or rms, 1 g)"),
        _num("scale_factor_repeatability_ppm", "ppm", "scale-factor repeatability"),
        _num("bias_repeatability_micro_g", "micro-g", "bias repeatability"),
        _num("rated_acceleration_g", "g", "acceleration level the sensor is specified to function at"),
        _num("navigation_cep_m", "m", "navigation accuracy (CEP)"),
        _num("azimuth_accuracy_deg_rms", "deg", "azimuthal accuracy (rms)"),
        _num("vacuum_thrust_n", "N", "thrust in vacuum"),
        _flag("satellite_use", "designed or modified for satellite applications"),
        _flag("non_weapon_payload", "designed for non-weapon payloads"),
        _flag("manned_aircraft", "designed for manned aircraft"),
        _flag("airborne", "designed or modified for airborne use"),
        _num("max_velocity_m_s", "m/s", "maximum velocity at which navigation information is provided"),
        _flag("military_decryption", "decrypts military or governmental secure signals"),
        _flag("anti_jam", "anti-jam features (null steering, electronically steerable antenna)"),
        _flag("civil_service_only", "designed only for commercial, civil or Safety-of-Life services"),
        _num("gravity_accuracy_mgal", "mgal", "static or operational accuracy"),
        _num("steady_state_time_min", "min", "time to steady-state registration"),
        _num("vibration_g_rms", "g", "vibration level (rms, 20 Hz to 2 kHz)"),
        _num("bare_table_force_kn", "kN", "force measured bare table"),
        _num("max_mach", "Mach", "maximum test speed"),
        _num("test_section_mm", "mm", "test cross-section size"),
        _flag("three_component_thrust", "measures the three axial thrust components simultaneously"),
        # temperatures may be negative: their lower bound is absolute zero
        _num("min_temperature_c", "degC", "lowest rated temperature", minimum=-273.15),
        _num("max_temperature_c", "degC", "highest rated temperature", minimum=-273.15),
        _num("simulated_altitude_km", "km", "simulated altitude"),
        _num("acoustic_level_db", "dB", "overall sound pressure level"),
        _num("total_dose_rad_si", "rad(Si)", "total ionising dose withstood"),
        _flag("model_aircraft", "recreational or competition model aircraft"),
    )
}

STAGE_FIELDS = {"propellant_mass_kg": True, "dry_mass_kg": True, "isp_s": True}

_CODE = re.compile(r"^(?:[1-9]|1[0-9]|20)(?:\.[A-E](?:\.[0-9]{1,2}(?:\.[a-z](?:\.[0-9]{1,2})?)?)?)?$")


def is_annex_code(code: str) -> bool:
    """True when ``code`` is shaped like an MTCR Annex code (``2``, ``2.A``, ``2.A.1``, ``2.A.1.c``, ``2.A.1.c.1``)."""
    return bool(_CODE.match(code))


class Item(BaseModel):
    """An item (equipment, material, software or technology) described for classification."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    description: str = ""
    kind: str = "other"
    parameters: dict[str, Any] = Field(default_factory=dict)
    usable_in: tuple[str, ...] = ()
    designed_for: tuple[str, ...] = ()
    entries: tuple[str, ...] = ()

    @property
    def pre_classified(self) -> bool:
        """The applicant gave the Annex entries and no data to classify from."""
        return bool(self.entries) and not self.parameters and not self.usable_in and not self.designed_for


_FIELDS = ("id", "description", "kind", "parameters", "usable_in", "designed_for", "entries")


def _fail(item_id: str, field: str, problem: str) -> InvalidInput:
    return InvalidInput(f"item {item_id}: {field}: {problem}", detail={"id": item_id, "field": field})


def _check_number(item_id: str, field: str, spec: ParameterSpec, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(item_id, field, f"must be a number ({spec.unit}), got {type(value).__name__} {value!r}")
    v = float(value)
    if not math.isfinite(v):
        raise _fail(item_id, field, f"must be a finite number, got {value!r}")
    if v < spec.minimum or (spec.exclusive_minimum and v == spec.minimum):
        raise _fail(item_id, field, f"must not be below {spec.minimum:g} {spec.unit}, got {value!r}")
    if v > spec.maximum:
        raise _fail(item_id, field, f"must not exceed {spec.maximum:g} {spec.unit}, got {value!r}")
    return v


def _check_curve(item_id: str, field: str, value: Any) -> list[list[float]]:
    if not isinstance(value, list) or not value:
        raise _fail(item_id, field, "must be a non-empty list of [payload_kg, range_km] points")
    pay = PARAMETERS["payload_kg"]
    rng = PARAMETERS["range_km"]
    out: list[list[float]] = []
    for i, point in enumerate(value):
        if not isinstance(point, list | tuple) or len(point) != 2:
            raise _fail(item_id, f"{field}[{i}]", f"must be a [payload_kg, range_km] pair, got {point!r}")
        out.append(
            [
                _check_number(item_id, f"{field}[{i}][0]", pay, point[0]),
                _check_number(item_id, f"{field}[{i}][1]", rng, point[1]),
            ]
        )
    return out


def _check_stages(item_id: str, field: str, value: Any) -> list[dict[str, float]]:
    if not isinstance(value, list) or not value:
        raise _fail(item_id, field, "must be a non-empty list of stages, first stage first")
    out: list[dict[str, float]] = []
    for i, stage in enumerate(value):
        where = f"{field}[{i}]"
        if not isinstance(stage, dict):
            raise _fail(item_id, where, "must be an object with propellant_mass_kg, dry_mass_kg, isp_s")
        unknown = set(stage) - set(STAGE_FIELDS)
        if unknown:
            raise _fail(item_id, f"{where}.{sorted(unknown)[0]}", "unknown stage field")
        clean: dict[str, float] = {}
        for key in STAGE_FIELDS:
            if key not in stage:
                raise _fail(item_id, f"{where}.{key}", "is required")
            spec = ParameterSpec(key, key.rsplit("_", 1)[-1], "number", 0.0, math.inf, key == "isp_s")
            clean[key] = _check_number(item_id, f"{where}.{key}", spec, stage[key])
        if clean["propellant_mass_kg"] + clean["dry_mass_kg"] <= 0:
            raise _fail(item_id, where, "stage mass must be positive")
        out.append(clean)
    return out


def _check_codes(item_id: str, field: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise _fail(item_id, field, f"must be a list of Annex codes, got {type(value).__name__}")
    out: list[str] = []
    for i, code in enumerate(value):
        if not isinstance(code, str) or not is_annex_code(code.strip()):
            raise _fail(item_id, f"{field}[{i}]", f"not an MTCR Annex code: {code!r}")
        out.append(code.strip())
    return tuple(out)


def parse_item(obj: Any) -> Item:
    """Validate one item object of the contract; raise InvalidInput naming the item id and field."""
    if not isinstance(obj, dict):
        raise InvalidInput(f"item: expected a JSON object, got {type(obj).__name__}")
    raw_id = obj.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)
    if not isinstance(raw_id, str) or not raw_id.strip():
        raise InvalidInput("item: id: is required (a non-empty string)", detail={"field": "id"})
    item_id = raw_id.strip()
    for key in obj:
        if key not in _FIELDS:
            raise _fail(item_id, key, f"unknown field (allowed: {', '.join(_FIELDS)})")
    description = obj.get("description", "")
    if description is None:
        description = ""
    if not isinstance(description, str):
        raise _fail(item_id, "description", f"must be a string, got {type(description).__name__}")
    kind = obj.get("kind") or "other"
    if not isinstance(kind, str) or kind not in KINDS:
        raise _fail(item_id, "kind", f"unknown kind {kind!r} (one of: {', '.join(sorted(KINDS))})")
    params_in = obj.get("parameters") or {}
    if not isinstance(params_in, dict):
        raise _fail(item_id, "parameters", f"must be an object, got {type(params_in).__name__}")
    params: dict[str, Any] = {}
    for name, value in params_in.items():
        field = f"parameters.{name}"
        spec = PARAMETERS.get(name)
        if spec is None:
            raise _fail(item_id, field, "unknown parameter (names carry their unit, e.g. range_km)")
        if value is None:
            continue
        if spec.type == "number":
            params[name] = _check_number(item_id, field, spec, value)
        elif spec.type == "bool":
            if not isinstance(value, bool):
                raise _fail(item_id, field, f"must be true or false, got {value!r}")
            params[name] = value
        elif spec.type == "curve":
            params[name] = _check_curve(item_id, field, value)
        else:
            params[name] = _check_stages(item_id, field, value)
    return _build(
        {
            "id": item_id,
            "description": description,
            "kind": kind,
            "parameters": params,
            "usable_in": _check_codes(item_id, "usable_in", obj.get("usable_in")),
            "designed_for": _check_codes(item_id, "designed_for", obj.get("designed_for")),
            "entries": _check_codes(item_id, "entries", obj.get("entries")),
        }
    )


_ALL_FIELDS = frozenset(_FIELDS)
_set = object.__setattr__


def _build(values: dict[str, Any]) -> Item:
    """An Item from values already validated above, as ``model_construct`` would build it but without its
    per-field default handling (every field is given), which costs more than the whole validation.
    A test checks that the result equals a fully validated ``Item(**values)``."""
    item = Item.__new__(Item)
    _set(item, "__dict__", values)
    _set(item, "__pydantic_fields_set__", set(_ALL_FIELDS))
    _set(item, "__pydantic_extra__", None)
    _set(item, "__pydantic_private__", None)
    return item
