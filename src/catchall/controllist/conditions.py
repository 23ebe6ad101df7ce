"""Criteria of Annex entries, compiled once from the data into small objects the classifier calls.

A condition is a tree: leaves compare one item parameter with a threshold (``parameter``, ``op``, ``value``,
``unit``), test the item's kind, or test the Annex codes the item is usable in / designed for; ``all``,
``any`` and ``not`` combine them. A leaf whose parameter the item does not give is *false* (unknown is
never a match), so ``not`` of it is true: exclusions apply only when the item states the excluding fact.

Each node answers ``test(ctx)`` on the hot path and, only for entries that matched, ``explain(ctx)``
with the sentences a reader needs (which criterion held, with the item's value and the threshold).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catchall.model.item import PARAMETERS

OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}
OP_WORDS = {">": "above", ">=": "at least", "<": "below", "<=": "at most", "==": "is", "!=": "is not"}

# Parameters the classifier derives from the item before evaluating criteria (see capability.py).
DERIVED: dict[str, tuple[str, str]] = {
    "cat1_capable": ("bool", "able to deliver at least 500 kg to at least 300 km"),
    "max_range_km": ("km", "maximum range (any payload)"),
}


def parameter_unit(name: str) -> str | None:
    """The unit a parameter is stated in, or None for an unknown parameter."""
    if name in DERIVED:
        return DERIVED[name][0]
    spec = PARAMETERS.get(name)
    return spec.unit if spec is not None else None


def parameter_label(name: str) -> str:
    if name in DERIVED:
        return DERIVED[name][1]
    spec = PARAMETERS.get(name)
    return spec.text if spec is not None and spec.text else name.replace("_", " ")


def fmt_value(value: Any, unit: str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        text = f"{int(value)}"
    elif isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = str(value)
    return f"{text} {unit}" if unit and unit != "bool" else text


class Context:
    """What the criteria look at: the item's kind, parameters (plus derived ones) and related codes."""

    __slots__ = ("description", "designed_for", "kind", "params", "related")

    def __init__(
        self,
        kind: str,
        params: dict[str, Any],
        usable_in: tuple[str, ...],
        designed_for: tuple[str, ...],
        description: str = "",
    ) -> None:
        self.kind = kind
        self.description = description
        self.params = params
        self.designed_for = designed_for
        # "usable in" is satisfied by either list: an item specially designed for a system is usable in it.
        self.related = usable_in + designed_for if designed_for else usable_in


class Condition:
    def test(self, ctx: Context) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def explain(self, ctx: Context) -> list[str]:
        """Sentences saying why the condition holds for ctx (only called when test() is true)."""
        return []

    def leaves(self) -> list[Criterion]:
        return []


@dataclass(frozen=True, slots=True)
class Criterion:
    """One measurable criterion: parameter, comparison, threshold and unit."""

    parameter: str
    op: str
    value: Any
    unit: str

    def to_json(self) -> dict[str, Any]:
        return {"parameter": self.parameter, "op": self.op, "value": self.value, "unit": self.unit}

    def describe(self) -> str:
        label = parameter_label(self.parameter)
        if self.unit == "bool":
            positive = self.value if self.op == "==" else not self.value
            return label if positive else f"not {label}"
        return f"{label} {OP_WORDS[self.op]} {fmt_value(self.value, self.unit)}"


class Leaf(Condition):
    __slots__ = ("criterion", "fn", "name", "value")

    def __init__(self, criterion: Criterion) -> None:
        self.criterion = criterion
        self.name = criterion.parameter
        self.value = criterion.value
        self.fn = OPS[criterion.op]

    def test(self, ctx: Context) -> bool:
        got = ctx.params.get(self.name)
        return got is not None and self.fn(got, self.value)

    def explain(self, ctx: Context) -> list[str]:
        c = self.criterion
        got = ctx.params.get(self.name)
        if c.unit == "bool":
            return [f"{parameter_label(c.parameter)}: {fmt_value(got, c.unit)}"]
        return [
            f"{parameter_label(c.parameter)}: {fmt_value(got, c.unit)} is {OP_WORDS[c.op]} {fmt_value(c.value, c.unit)}"
        ]

    def leaves(self) -> list[Criterion]:
        return [self.criterion]


class KindIs(Condition):
    __slots__ = ("kinds",)

    def __init__(self, kinds: frozenset[str]) -> None:
        self.kinds = kinds

    def test(self, ctx: Context) -> bool:
        return ctx.kind in self.kinds

    def explain(self, ctx: Context) -> list[str]:
        return [f"kind is {ctx.kind}"]


def code_within(code: str, scopes: tuple[str, ...], dotted: tuple[str, ...]) -> bool:
    return code in scopes or code.startswith(dotted)


class Related(Condition):
    """The item is usable in (or, with ``designed_only``, specially designed for) a system of the given codes."""

    __slots__ = ("designed_only", "dotted", "presume", "scopes")

    def __init__(self, scopes: tuple[str, ...], *, designed_only: bool, presume_if_unknown: bool) -> None:
        self.scopes = scopes
        self.dotted = tuple(s + "." for s in scopes)
        self.designed_only = designed_only
        self.presume = presume_if_unknown

    def _codes(self, ctx: Context) -> tuple[str, ...]:
        return ctx.designed_for if self.designed_only else ctx.related

    def test(self, ctx: Context) -> bool:
        codes = self._codes(ctx)
        if not codes:
            return self.presume
        dotted = self.dotted
        scopes = self.scopes
        return any(c in scopes or c.startswith(dotted) for c in codes)

    def explain(self, ctx: Context) -> list[str]:
        codes = self._codes(ctx)
        verb = "specially designed for" if self.designed_only else "usable in"
        if not codes:
            return [f"presumed {verb} {' / '.join(self.scopes)} systems: the item names no system it is meant for"]
        hits = [c for c in codes if code_within(c, self.scopes, self.dotted)]
        return [f"{verb} {', '.join(hits)} (within {' / '.join(self.scopes)})"]

    @property
    def codes(self) -> tuple[str, ...]:
        return self.scopes


class Mentions(Condition):
    """The item's description names the function (for entries told apart only by what the item does)."""

    __slots__ = ("phrases",)

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.phrases = tuple(p.lower() for p in phrases)

    def test(self, ctx: Context) -> bool:
        text = ctx.description.lower()
        return any(p in text for p in self.phrases)

    def explain(self, ctx: Context) -> list[str]:
        text = ctx.description.lower()
        return [f"description mentions {', '.join(repr(p) for p in self.phrases if p in text)}"]


class AllOf(Condition):
    __slots__ = ("parts",)

    def __init__(self, parts: list[Condition]) -> None:
        self.parts = tuple(parts)

    def test(self, ctx: Context) -> bool:
        return all(p.test(ctx) for p in self.parts)

    def explain(self, ctx: Context) -> list[str]:
        return [s for p in self.parts for s in p.explain(ctx)]

    def leaves(self) -> list[Criterion]:
        return [c for p in self.parts for c in p.leaves()]


class AnyOf(Condition):
    __slots__ = ("parts",)

    def __init__(self, parts: list[Condition]) -> None:
        self.parts = tuple(parts)

    def test(self, ctx: Context) -> bool:
        return any(p.test(ctx) for p in self.parts)

    def explain(self, ctx: Context) -> list[str]:
        for p in self.parts:
            if p.test(ctx):
                return p.explain(ctx)
        return []

    def leaves(self) -> list[Criterion]:
        return [c for p in self.parts for c in p.leaves()]


class NotOf(Condition):
    __slots__ = ("part",)

    def __init__(self, part: Condition) -> None:
        self.part = part

    def test(self, ctx: Context) -> bool:
        return not self.part.test(ctx)

    def explain(self, ctx: Context) -> list[str]:
        leaves = self.part.leaves()
        if leaves:
            return [f"not excluded (not shown: {' and '.join(c.describe() for c in leaves)})"]
        return []

    def leaves(self) -> list[Criterion]:
        return self.part.leaves()


def related_codes(cond: Condition) -> list[str]:
    """Every Annex code a condition tree refers to (for validation at load)."""
    if isinstance(cond, Related):
        return list(cond.scopes)
    if isinstance(cond, AllOf | AnyOf):
        return [c for p in cond.parts for c in related_codes(p)]
    if isinstance(cond, NotOf):
        return related_codes(cond.part)
    return []


class ConditionError(ValueError):
    """A condition in the data is malformed; the loader turns it into a DataError naming file and entry."""


def compile_condition(raw: Any, units: frozenset[str], kinds: frozenset[str]) -> Condition:
    """Build a condition tree from its data form, checking parameters, operators, units and kinds."""
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(f"a condition must be a non-empty mapping, got {raw!r}")
    if "all" in raw or "any" in raw:
        key = "all" if "all" in raw else "any"
        parts = raw[key]
        if set(raw) != {key} or not isinstance(parts, list) or not parts:
            raise ConditionError(f"'{key}' takes a non-empty list and nothing else: {raw!r}")
        compiled = [compile_condition(p, units, kinds) for p in parts]
        return AllOf(compiled) if key == "all" else AnyOf(compiled)
    if "not" in raw:
        if set(raw) != {"not"}:
            raise ConditionError(f"'not' takes one condition and nothing else: {raw!r}")
        return NotOf(compile_condition(raw["not"], units, kinds))
    if "kind" in raw:
        values = raw["kind"]
        if set(raw) != {"kind"} or not isinstance(values, list) or not values:
            raise ConditionError(f"'kind' takes a non-empty list: {raw!r}")
        unknown = [k for k in values if k not in kinds]
        if unknown:
            raise ConditionError(f"unknown kind {unknown[0]!r}")
        return KindIs(frozenset(values))
    if "mentions" in raw:
        phrases = raw["mentions"]
        if set(raw) != {"mentions"} or not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise ConditionError(f"'mentions' takes a non-empty list of phrases: {raw!r}")
        return Mentions(tuple(phrases))
    if "usable_in" in raw or "designed_for" in raw:
        key = "usable_in" if "usable_in" in raw else "designed_for"
        allowed = {key, "presume_if_unknown"}
        if set(raw) - allowed:
            raise ConditionError(f"unexpected keys {sorted(set(raw) - allowed)} in {raw!r}")
        codes = raw[key]
        if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
            raise ConditionError(f"'{key}' takes a non-empty list of Annex codes: {raw!r}")
        return Related(
            tuple(codes), designed_only=key == "designed_for", presume_if_unknown=bool(raw.get("presume_if_unknown"))
        )
    if "parameter" in raw:
        extra = set(raw) - {"parameter", "op", "value", "unit"}
        if extra:
            raise ConditionError(f"unexpected keys {sorted(extra)} in criterion {raw!r}")
        name = raw["parameter"]
        op = raw.get("op")
        unit = raw.get("unit")
        if "value" not in raw:
            raise ConditionError(f"criterion on {name!r} has no value")
        value = raw["value"]
        expected = parameter_unit(name)
        if expected is None:
            raise ConditionError(f"unknown parameter {name!r}")
        if op not in OPS:
            raise ConditionError(f"unknown comparison {op!r} for {name!r} (one of {', '.join(OPS)})")
        if unit not in units:
            raise ConditionError(f"unknown unit {unit!r} for {name!r}")
        if unit != expected:
            raise ConditionError(f"parameter {name!r} is stated in {expected!r}, criterion uses {unit!r}")
        if unit == "bool":
            if not isinstance(value, bool):
                raise ConditionError(f"criterion on {name!r} needs true or false, got {value!r}")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise ConditionError(f"criterion on {name!r} needs a number, got {value!r}")
        else:
            value = float(value)
        return Leaf(Criterion(name, op, value, unit))
    raise ConditionError(f"not a condition: {raw!r}")
