"""Application + classifications + screening results + denials in force -> Decision.

Pure: no I/O. The service (``catchall.services.licensing``) loads the Annex edition, the watch lists and
the notifications in force on the assessment date, and passes in what they produced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from catchall.model.application import (
    Application,
    Decision,
    DenialMatch,
    DenialNotification,
    ItemResult,
    PartyScreening,
)
from catchall.model.reason import Reason
from catchall.policy.denials import NameScorer, match_denials
from catchall.policy.guidelines import FACTOR_LETTERS, load_guidelines
from catchall.policy.items import ClassifiedItem, judge_item, most_restrictive

# Above this similarity a denial's end user is taken to be the application's end user. It matches the
# screening engine's default threshold; callers may pass their own.
DEFAULT_DENIAL_NAME_THRESHOLD = 0.7


def _factor_reasons(app: Application) -> list[Reason]:
    g = load_guidelines()
    # What the application itself says about each factor, so the officer starts from the facts at hand.
    facts: dict[str, dict[str, object]] = {
        "A": {"wmd_delivery_information": app.information.wmd_delivery},
        "B": {"destination": app.destination},
        "D": {"end_use": app.end_use, "assurances": app.assurances.model_dump()},
        "E": {"destination": app.destination},
        "F": {"terrorism_risk_information": app.information.terrorism_risk},
    }
    return [
        Reason(
            rule=f"guidelines.factor.{letter}",
            text=f"evaluate: {g.factors[letter]}",
            ref=f"{g.para('3').ref}({letter})",
            data=facts.get(letter, {}),
        )
        for letter in FACTOR_LETTERS
    ]


def _assurance_reasons(app: Application, listed: list[str]) -> list[Reason]:
    g = load_guidelines()
    p5 = g.para("5").ref
    out = []
    if not app.assurances.end_use:
        out.append(
            Reason(
                rule="guidelines.assurance.end_use_missing",
                text="no end-use assurance: the recipient government has not assured that the items will be used "
                "only for the stated end use and not modified or replicated without consent",
                ref=f"{p5}(A); MTCR Annex " + ", ".join(listed),
                data={"end_use": app.end_use},
            )
        )
    if not app.assurances.no_retransfer:
        out.append(
            Reason(
                rule="guidelines.assurance.no_retransfer_missing",
                text="no no-retransfer assurance: the recipient government has not assured that the items, "
                "replicas or derivatives will not be retransferred without consent",
                ref=f"{p5}(B); MTCR Annex " + ", ".join(listed),
            )
        )
    return out


def _screening_reasons(app: Application, screening: Sequence[PartyScreening]) -> list[Reason]:
    out = []
    for ps in screening:
        for hit in ps.hits:
            where = " ".join(x for x in (hit.list_name, hit.list_version) if x) or "watch list"
            out.append(
                Reason(
                    rule="hold.screening_match",
                    text=f"{ps.role} {ps.name!r} matches {hit.caption!r} on {where} (score {hit.score:.2f}): "
                    "resolve the alert (true match or false positive) before a decision",
                    ref=f"{where}, entity {hit.entity_id}",
                    data={"party": ps.party, "entity": hit.entity_id, "score": hit.score},
                )
            )
    return out


def _denial_reasons(matches: Sequence[DenialMatch]) -> list[Reason]:
    g = load_guidelines()
    out = []
    for m in matches:
        out.append(
            Reason(
                rule="hold.denial_consultation",
                text=f"denial notification {m.notification} of {m.notifying_state} covers an essentially identical "
                f"transaction (end user {m.party_name!r} ~ {m.end_user_name!r}, score {m.score:.2f}; shared "
                f"entries {', '.join(m.shared_entries)}): consult {m.notifying_state} before any approval "
                "(no undercut)",
                ref=f"{g.para('6').ref} (no undercut); MTCR Annex {', '.join(m.shared_entries)}; "
                f"denial notification {m.notification}",
                data=m.model_dump(),
            )
        )
    return out


def decide(
    app: Application,
    items: Sequence[ClassifiedItem],
    *,
    screening: Sequence[PartyScreening] | None,
    denials: Iterable[DenialNotification],
    name_score: NameScorer,
    as_of: date | None = None,
    denial_threshold: float = DEFAULT_DENIAL_NAME_THRESHOLD,
    annex_edition: str | None = None,
    list_versions: Mapping[str, str] | None = None,
    notes: Sequence[Reason] = (),
) -> Decision:
    """The recommended outcome for ``app`` on ``as_of`` (default: the application date).

    ``screening`` holds each party's matches at or above the threshold, or ``None`` when no screening was
    possible (then the decision says so in a reason and a ``screening_not_performed`` flag; it never passes
    silently). ``denials`` may include notifications not in force: they are filtered here by date.
    """
    on = as_of or app.date
    denials = list(denials)
    verdicts = [judge_item(item, app) for item in items]
    outcome = most_restrictive([v.outcome for v in verdicts])

    flags: list[str] = []
    reasons: list[Reason] = []
    # The reasons of the items that set the outcome come first.
    for v in sorted(verdicts, key=lambda v: v.outcome != outcome):
        flags.extend(f for f in v.flags if f not in flags)
        reasons.extend(v.reasons)

    listed = sorted({e for item in items if item.category is not None for e in item.entries})
    if any(item.category == "II" for item in items) and outcome == "case_by_case":
        reasons.extend(_factor_reasons(app))
    if listed:
        missing = _assurance_reasons(app, listed)
        if missing:
            flags.append("assurances_missing")
        reasons.extend(missing)

    holds: list[str] = []
    if screening is None:
        flags.append("screening_not_performed")
        reasons.append(
            Reason(
                rule="screening.not_performed",
                text="no watch list was available, so the parties were not screened and a screening_match hold "
                "cannot be ruled out: import lists or pass --watchlist",
                ref="screening",
            )
        )
        screening = []
    elif any(ps.hits for ps in screening):
        holds.append("screening_match")
    reasons.extend(_screening_reasons(app, screening))

    in_force = [d for d in denials if d.in_force(on)]
    matches = match_denials(app, listed, in_force, on=on, name_score=name_score, threshold=denial_threshold)
    if matches:
        holds.append("denial_consultation")
    reasons.extend(_denial_reasons(matches))

    for item in items:
        reasons.extend(item.reasons)
    reasons.extend(notes)

    return Decision(
        id=app.id,
        outcome=outcome,
        holds=holds,
        flags=flags,
        items=[ItemResult(id=i.id, category=i.category, entries=list(i.entries)) for i in items],
        reasons=reasons,
        as_of=on,
        annex_edition=annex_edition,
        list_versions=dict(list_versions or {}),
        denials_in_force=sorted(d.id for d in in_force if d.destination == app.destination),
        screening=[ps for ps in screening if ps.hits],
        denial_matches=matches,
    )
