"""Item -> matching Annex entries, overall category (I over II over none) and the reasons.

Pure: reads the Annex (loaded once) and the item, nothing else. The entries that carry a rule are indexed
by item kind when the Annex is built, so an item is only tested against the few entries that can apply
to its kind. Explanations are built only for entries that matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catchall.controllist import capability as cap_mod
from catchall.controllist.annex import CATEGORY_RANK, Annex, Entry
from catchall.controllist.conditions import Context, fmt_value
from catchall.controllist.estimate import RangeEstimate, estimate_range, stages_from
from catchall.controllist.loader import load_annex
from catchall.errors import InvalidInput
from catchall.model.item import Item
from catchall.model.reason import Reason

SYSTEM_KINDS = frozenset({"rocket_system", "uav_system"})


RawReason = tuple[str, str, str | None, dict[str, Any]]


def _reason(rule: str, text: str, ref: str | None = None, data: dict[str, Any] | None = None) -> RawReason:
    # Reasons are kept as plain tuples on the hot path and become Reason models only when asked for:
    # building a pydantic model per reason costs more than the whole classification.
    return (rule, text, ref, data or {})


@dataclass(slots=True)
class Classification:
    """The answer for one item; ``reasons`` gives the explanation as ``Reason`` models."""

    id: str
    category: str | None
    entries: list[str]
    raw_reasons: list[RawReason] | None
    edition: str
    treated_as: dict[str, str] = field(default_factory=dict)
    capability: cap_mod.Capability | None = None
    estimates: list[RangeEstimate] = field(default_factory=list)
    declared: bool = False
    # What the explanation is rendered from, until it is (see classify()).
    pending: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)

    def _raw(self) -> list[RawReason]:
        if self.raw_reasons is None:
            assert self.pending is not None
            self.raw_reasons = _explain(self, *self.pending)
            self.pending = None
        return self.raw_reasons

    @property
    def reasons(self) -> list[Reason]:
        return [Reason.model_construct(rule=r, text=t, ref=ref, data=d) for r, t, ref, d in self._raw()]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "category": self.category,
            "entries": self.entries,
            "reasons": [{"rule": r, "text": t, "ref": ref, "data": d} for r, t, ref, d in self._raw()],
            "edition": self.edition,
        }
        if self.treated_as:
            out["treated_as"] = self.treated_as
        if self.declared:
            out["rating"] = "applicant"
        if self.capability is not None:
            out["capability"] = self.capability.to_json()
        if self.estimates:
            out["estimate"] = [e.to_json() for e in self.estimates]
        return out


def _highest(categories: list[str | None]) -> str | None:
    best: str | None = None
    for c in categories:
        if CATEGORY_RANK[c] > CATEGORY_RANK[best]:
            best = c
    return best


def _values(entry: Entry, ctx: Context) -> dict[str, Any]:
    return {c.parameter: ctx.params[c.parameter] for c in entry.criteria if c.parameter in ctx.params}


def _check_declared(item: Item, annex: Annex) -> list[str | None]:
    cats: list[str | None] = []
    for i, code in enumerate(item.entries):
        if code not in annex:
            raise InvalidInput(
                f"item {item.id}: entries[{i}]: no entry {code!r} in the MTCR Annex edition {annex.edition}",
                detail={"id": item.id, "field": f"entries[{i}]"},
            )
        cats.append(annex.category_of(code))
    return cats


def _capability_text(c: cap_mod.Capability) -> str:
    if c.capable is None:
        rng = fmt_value(c.max_range_km, "km") if c.max_range_km is not None else "not given"
        return f"range {rng} but no payload given: Category I capability (500 kg to 300 km) cannot be assessed"
    parts = []
    if c.range_at_threshold_payload_km is not None:
        parts.append(f"range with {c.payload_threshold_kg:g} kg is {c.range_at_threshold_payload_km:.1f} km")
    if c.payload_at_threshold_range_kg is not None:
        parts.append(f"payload at {c.range_threshold_km:g} km is {c.payload_at_threshold_range_kg:.1f} kg")
    if not parts:
        pts = ", ".join(f"{p:g} kg/{r:g} km" for p, r in c.points)
        parts.append(f"declared points {pts}")
    verdict = "can" if c.capable else "cannot"
    return (
        f"{'; '.join(parts)}: the system {verdict} deliver {c.payload_threshold_kg:g} kg to "
        f"{c.range_threshold_km:g} km (points joined linearly, no extrapolation, thresholds inclusive)"
    )


def classify(item: Item, annex: Annex | None = None) -> Classification:
    """Classify one item against the Annex (the latest edition unless one is given).

    The decision (entries, category) is made here; the sentences of the explanation are rendered when
    ``reasons`` or ``to_json()`` is first asked for, so callers that need only the category (batch
    statistics, licensing pre-checks) do not pay for text they never read.
    """
    if annex is None:
        annex = load_annex()
    if item.entries and not item.parameters and not item.usable_in and not item.designed_for:
        return _pre_classified(item, annex)

    params = item.parameters
    kind = item.kind
    capability: cap_mod.Capability | None = None
    if kind in SYSTEM_KINDS:
        info = annex.edition_info
        capability = cap_mod.from_parameters(
            params, payload_kg=info.payload_threshold_kg, range_km=info.range_threshold_km
        )
        params = dict(params)
        if capability.capable is not None:
            params["cat1_capable"] = capability.capable
        if capability.max_range_km is not None:
            params["max_range_km"] = capability.max_range_km
    ctx = Context(kind, params, item.usable_in, item.designed_for, item.description)

    matched: list[Entry] = [e for e in annex.rules_by_kind.get(kind, ()) if e.rule.match.test(ctx)]  # type: ignore[union-attr]
    if len(matched) > 1:
        codes_hit = {e.code for e in matched}
        matched = [e for e in matched if not any(u in codes_hit for u in e.rule.unless)]  # type: ignore[union-attr]

    entries: list[str] = []
    cats: list[str | None] = []
    treated: dict[str, str] = {}
    for entry in matched:
        treat = entry.rule.treat_as  # type: ignore[union-attr]
        if treat is not None and treat.when.test(ctx):
            treated[entry.code] = treat.category
            cats.append(treat.category)
        else:
            cats.append(entry.category)
        entries.append(entry.code)

    extra: list[str] = []
    if item.entries:
        declared_cats = _check_declared(item, annex)
        for code, cat in zip(item.entries, declared_cats, strict=True):
            if code not in entries and code not in extra:
                extra.append(code)
                cats.append(cat)
        entries.extend(extra)

    return Classification(
        id=item.id,
        category=_highest(cats),
        entries=entries,
        raw_reasons=None,
        edition=annex.edition,
        treated_as=treated,
        capability=capability,
        estimates=_estimates(item, annex) if "stages" in item.parameters else [],
        pending=(item, annex, ctx, matched, extra),
    )


def _pre_classified(item: Item, annex: Annex) -> Classification:
    declared_cats = _check_declared(item, annex)
    category = _highest(declared_cats)
    codes = list(dict.fromkeys(item.entries))
    text = (
        f"Category {category}" if category else "No category"
    ) + f" from the applicant's rating {', '.join(codes)}: entries declared, not derived from parameters"
    return Classification(
        id=item.id,
        category=category,
        entries=codes,
        raw_reasons=[
            _reason(
                "annex.declared",
                text,
                f"MTCR Annex {', '.join(codes)}",
                {"declared": codes, "categories": dict(zip(item.entries, declared_cats, strict=True))},
            )
        ],
        edition=annex.edition,
        declared=True,
    )


def _explain(
    c: Classification, item: Item, annex: Annex, ctx: Context, matched: list[Entry], extra: list[str]
) -> list[RawReason]:
    """The sentences behind a classification: capability, each matched entry with its values, the rest."""
    reasons: list[RawReason] = []
    capability = c.capability
    if capability is not None:
        reasons.append(
            _reason(
                "annex.capability",
                _capability_text(capability),
                "MTCR Annex 1.A",
                # the full curve is in the output's "capability"; the reason keeps the deciding numbers
                {
                    "capable_500kg_300km": capability.capable,
                    "range_at_500kg_km": cap_mod.rounded(capability.range_at_threshold_payload_km),
                    "payload_at_300km_kg": cap_mod.rounded(capability.payload_at_threshold_range_kg),
                },
            )
        )
    for entry in matched:
        rule = entry.rule
        assert rule is not None
        why = "; ".join(rule.match.explain(ctx))
        text = f"{entry.code} ({entry.title}), Category {entry.category}: {why}"
        data: dict[str, Any] = {"category": entry.category, "values": _values(entry, ctx)}
        treated = c.treated_as.get(entry.code)
        if treated is not None and rule.treat_as is not None:
            text += (
                f". Treated as Category {treated}: {rule.treat_as.text} ({'; '.join(rule.treat_as.when.explain(ctx))})"
            )
            data["treated_as"] = treated
        reasons.append(_reason(f"annex.{entry.code}", text, f"MTCR Annex {entry.code}", data))
    if extra:
        reasons.append(
            _reason(
                "annex.declared",
                f"applicant also rates the item {', '.join(extra)}; kept (not confirmed by the parameters)",
                f"MTCR Annex {', '.join(extra)}",
                {"declared": list(item.entries)},
            )
        )
    if not c.entries:
        reasons.append(_no_match_reason(item, annex, capability))
    if c.estimates and capability is not None and capability.max_range_km is not None:
        first = c.estimates[0]
        if first.range_km is not None:
            reasons.append(
                _reason(
                    "annex.estimate.check",
                    f"ESTIMATE from design data: about {first.range_km:.0f} km with {first.payload_kg:g} kg "
                    f"(declared maximum range {capability.max_range_km:g} km); a sanity check only, not a finding",
                    None,
                    {"estimated_range_km": round(first.range_km, 1), "declared_range_km": capability.max_range_km},
                )
            )
    return reasons


def _estimates(item: Item, annex: Annex) -> list[RangeEstimate]:
    raw = item.parameters.get("stages")
    if not raw:
        return []
    stages = stages_from(raw)
    threshold = annex.edition_info.payload_threshold_kg
    payloads = [item.parameters["payload_kg"]] if "payload_kg" in item.parameters else []
    if threshold not in payloads:
        payloads.append(threshold)
    return [estimate_range(stages, p) for p in payloads]


def _no_match_reason(item: Item, annex: Annex, capability: cap_mod.Capability | None) -> RawReason:
    if capability is not None and capability.max_range_km is not None:
        threshold = annex.edition_info.range_threshold_km
        if capability.max_range_km < threshold:
            return _reason(
                "annex.no_match",
                f"maximum range {capability.max_range_km:g} km is below {threshold:g} km: not a complete "
                "delivery system of 1.A or 19.A.1/19.A.2, and no other entry's criteria matched",
                "MTCR Annex 1.A, 19.A",
                {"max_range_km": capability.max_range_km},
            )
    if item.kind not in annex.rules_by_kind:
        return _reason(
            "annex.no_match",
            f"no Annex entry has measurable criteria for kind {item.kind!r}; search the Annex text "
            "(catchall annex search) to rate it by hand",
            None,
            {"kind": item.kind},
        )
    given = ", ".join(sorted(item.parameters)) or "none"
    return _reason(
        "annex.no_match",
        f"no Annex entry's criteria for kind {item.kind!r} are met by the data given (parameters: {given}; "
        f"usable_in: {', '.join(item.usable_in) or 'none'}; designed_for: {', '.join(item.designed_for) or 'none'})",
        None,
        {"kind": item.kind},
    )
