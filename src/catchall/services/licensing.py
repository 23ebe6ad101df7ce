"""Licensing: assess export-licence applications and carry cases through review to a recorded decision.

Assessment (``assess`` for in-memory resources, ``assess_application`` for the stored ones) classifies every
item with the Annex edition in force on the assessment date, screens every party, checks the denial
notifications in force on that date, and applies the MTCR Guidelines (``catchall.policy``).

Case workflow: draft -> submitted -> under_review -> decided (approved / approved_with_provisos / refused),
or withdrawn from any open state. Every transition is appended to the audit log (``case.*`` verbs).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from catchall import policy
from catchall.controllist import Annex, classify, load_annex
from catchall.errors import Conflict, InvalidInput, NotFound, PermissionDenied, StoreError
from catchall.model.application import (
    Application,
    Case,
    CaseNote,
    Decision,
    DenialNotification,
    PartyScreening,
    ScreeningHit,
    parse_application,
)
from catchall.model.entity import Entity
from catchall.model.item import parse_item
from catchall.model.reason import Reason
from catchall.registry.sanctions import watchlist_entities
from catchall.screening import DEFAULT_THRESHOLD, ScreeningIndex, load_ftm_file
from catchall.services import audit
from catchall.services import denials as denial_service
from catchall.services import screening as screening_service
from catchall.services.lists import index_for
from catchall.store.db import Database
from catchall.store.tables.licensing import LicensingCase, LicensingCaseNote

CASE_STATES = ("draft", "submitted", "under_review", "decided", "withdrawn")
CASE_DECISIONS = ("approved", "approved_with_provisos", "refused")
OPEN_STATES = ("draft", "submitted", "under_review")
OFFICERS = ("officer", "admin")

# Which recorded decisions agree with which recommended outcome. Anything else needs a written justification.
_CONSISTENT: dict[str, set[str]] = {
    "not_controlled": {"approved", "approved_with_provisos"},
    "case_by_case": {"approved", "approved_with_provisos", "refused"},
    "presumption_of_denial": {"refused"},
    "deny": {"refused"},
    "prohibited": {"refused"},
}
MIN_JUSTIFICATION = 10


class Principal(Protocol):
    """Who acts: the API's Principal, the web session's user, or a CLI operator."""

    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...

    @property
    def actor(self) -> str: ...


# -- assessment -------------------------------------------------------------------------------------


@dataclass
class Watchlist:
    """One screening index and the list it was built from."""

    name: str
    version: str
    index: Any  # a ScreeningIndex or MultiIndex: anything with match(), get(), name, version
    builtin: bool = False  # the shipped US missile-sanctions list, not an imported one


@dataclass
class Resources:
    """What an assessment checks against. ``watchlists`` is None when no list is available at all."""

    watchlists: list[Watchlist] | None
    denials: list[DenialNotification] = field(default_factory=list)
    threshold: float | None = None
    # End-user name scorers per destination, built on first use and reused for every application.
    _scorers: dict[str, policy.NameScorer] = field(default_factory=dict, repr=False)

    def name_scorer(self, destination: str) -> policy.NameScorer:
        if destination not in self._scorers:
            notes = [d for d in self.denials if d.destination == destination]
            self._scorers[destination] = denial_service.name_scorer(notes)
        return self._scorers[destination]


@lru_cache(maxsize=512)
def _annex_for(on: date) -> tuple[Annex, tuple[Reason, ...]]:
    """The Annex edition in force on ``on``; when none was yet, the loader picks the earliest and says so."""
    annex = load_annex(as_of=on)
    if not annex.note:
        return annex, ()
    ref = f"MTCR Annex {annex.edition}"
    return annex, (Reason(rule="annex.edition", text=annex.note, ref=ref, data={"as_of": on.isoformat()}),)


def classify_items(app: Application, annex: Annex) -> list[policy.ClassifiedItem]:
    """Classify every item with ``annex``; a bad item raises InvalidInput naming the application and item."""
    out: list[policy.ClassifiedItem] = []
    for raw in app.items:
        try:
            item = parse_item(raw)
        except InvalidInput as exc:
            raise InvalidInput(f"application {app.id!r}: {exc.message}", detail=exc.detail) from exc
        result = classify(item, annex=annex)
        entries = tuple(str(e) for e in result.entries)
        production: list[str] = []
        for code in entries:
            entry = annex.find(code)
            if entry is not None and entry.is_production_facility and entry.category == "I":
                production.append(code)
        out.append(
            policy.ClassifiedItem(
                id=str(raw["id"]),
                category="I" if result.category == "I" else "II" if result.category == "II" else None,
                entries=entries,
                production_facility_entries=tuple(production),
                reasons=tuple(_with_ref(r, annex) for r in result.reasons if isinstance(r, Reason)),
                description=str(raw.get("description") or ""),
            )
        )
    return out


def _with_ref(reason: Reason, annex: Annex) -> Reason:
    """Every reason names what it rests on: the classifier's own may lack a reference when nothing matched."""
    if reason.ref:
        return reason
    return reason.model_copy(update={"ref": f"MTCR Annex {annex.edition}"})


_PARTY_PROPS = {
    "birth_date": "birthDate",
    "id_number": "idNumber",
    "registration_number": "registrationNumber",
    "address": "address",
    "alias": "alias",
    "aliases": "alias",
}


def party_entity(app: Application, index: int) -> Entity:
    """The party as an FtM entity for screening (LegalEntity: a party may be a person or a company)."""
    party = app.parties[index]
    props: dict[str, list[str]] = {"name": [party.name]}
    if party.country:
        props["country"] = [party.country.lower()]
    for key, value in party.extras().items():
        prop = _PARTY_PROPS.get(key)
        if prop is None or value in (None, ""):
            continue
        props.setdefault(prop, []).extend(str(v) for v in (value if isinstance(value, list) else [value]))
    return Entity(id=f"{app.id}:party:{index}", schema="LegalEntity", properties=props)


def screen_parties(app: Application, watchlists: Sequence[Watchlist], threshold: float) -> list[PartyScreening]:
    out: list[PartyScreening] = []
    for i, party in enumerate(app.parties):
        query = party_entity(app, i)
        hits: list[ScreeningHit] = []
        for wl in watchlists:
            for m in wl.index.match(query, threshold=threshold):
                if not m.match:
                    continue
                hits.append(
                    ScreeningHit(
                        entity_id=str(m.id),
                        caption=str(m.caption),
                        score=round(float(m.score), 4),
                        list_name=m.list_name or wl.name,
                        list_version=m.list_version or wl.version,
                    )
                )
        out.append(PartyScreening(party=i, role=party.role, name=party.name, hits=hits))
    return out


def default_threshold() -> float:
    return float(DEFAULT_THRESHOLD)


def assess(app: Application, resources: Resources, *, as_of: date | None = None) -> Decision:
    """Assess one application against the given watch lists and denial notifications, as of ``as_of``
    (default: the application date)."""
    on = as_of or app.date
    annex, annex_notes = _annex_for(on)
    notes = list(annex_notes)  # the cached tuple is shared between calls
    items = classify_items(app, annex)
    threshold = resources.threshold if resources.threshold is not None else default_threshold()
    screening = None if resources.watchlists is None else screen_parties(app, resources.watchlists, threshold)
    versions = {wl.name: wl.version for wl in resources.watchlists or []}
    if resources.watchlists and all(wl.builtin for wl in resources.watchlists):
        notes.append(
            Reason(
                rule="screening.builtin_only",
                text=f"no imported watch list was in force on {on}: the parties were screened only against the "
                "built-in list of US missile sanctions determinations; import the lists you screen against",
                ref="catchall.registry.sanctions (built-in watch list)",
            )
        )
    relevant = [d for d in resources.denials if d.destination == app.destination and d.in_force(on)]
    return policy.decide(
        app,
        items,
        screening=screening,
        denials=relevant,
        name_score=resources.name_scorer(app.destination),
        as_of=on,
        denial_threshold=threshold,
        annex_edition=annex.edition,
        list_versions=versions,
        notes=notes,
    )


# -- watch lists ------------------------------------------------------------------------------------


def list_name_of(path: str | Path) -> str:
    """``lists/ofac.ftm.jsonl`` -> ``ofac``."""
    p = Path(path)
    return p.name.split(".")[0] or p.name


def watchlist_from_file(path: str | Path, name: str | None = None) -> Watchlist:
    """A watch list from an FtM JSON-lines file; its version is the file's checksum (first 12 hex digits)."""
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(f"{path}: no such file")
    digest = hashlib.sha256(p.read_bytes()).hexdigest()[:12]
    entities = list(load_ftm_file(p))
    name = name or list_name_of(p)
    return Watchlist(name=name, version=digest, index=ScreeningIndex.build(entities, digest, name))


def stored_watchlists(db: Database, on: date) -> list[Watchlist] | None:
    """The stored lists current on ``on`` plus the built-in US missile-sanctions list; None if there are none."""
    out: list[Watchlist] = []
    try:
        index = index_for(db, "default", as_of=on)
    except (NotFound, StoreError):
        index = None  # no list imported (or in force on that date): the decision will say so
    if index is not None:
        out.append(Watchlist(name=str(index.name or "default"), version=str(index.version), index=index))
    entities = list(watchlist_entities(on))
    if entities:
        version = f"as-of-{on.isoformat()}"
        index = ScreeningIndex.build(entities, version, "us-missile-sanctions")
        out.append(Watchlist(name="us-missile-sanctions", version=version, index=index, builtin=True))
    return out or None


def assess_application(db: Database, application: Application | dict[str, Any], as_of: date | None = None) -> Decision:
    """Assess against what is stored: the lists and the denial notifications in force on the date."""
    app = application if isinstance(application, Application) else parse_application(application)
    on = as_of or app.date
    with db.session() as s:
        notes = denial_service.in_force(s, on, destination=app.destination)
    return assess(app, Resources(watchlists=stored_watchlists(db, on), denials=notes), as_of=on)


# -- cases ------------------------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC)


def _subject(case_id: int) -> str:
    return f"case:{case_id}"


def _load(session: Session, case_id: int, *, lock: bool = False) -> LicensingCase:
    # Changes lock the row (PostgreSQL: SELECT ... FOR UPDATE), so two officers acting on the same case at
    # once are serialised and the second sees the first one's state; SQLite serialises writers anyway.
    row = session.get(LicensingCase, case_id, with_for_update=lock)
    if row is None:
        raise NotFound(f"no case {case_id}")
    return row


def _may_see(row: LicensingCase, who: Principal) -> bool:
    if who.role in OFFICERS:
        return True
    return who.role == "exporter" and row.owner == who.username


def _visible(session: Session, case_id: int, who: Principal, *, lock: bool = False) -> LicensingCase:
    row = _load(session, case_id, lock=lock)
    if not _may_see(row, who):
        # Exporters must not learn whether other exporters' cases exist.
        raise NotFound(f"no case {case_id}")
    return row


def _move(session: Session, row: LicensingCase, sources: Sequence[str], target: str) -> None:
    """Change the case's state only if it is still in one of ``sources`` when written (compare and set).

    The row lock covers PostgreSQL; SQLite reads outside a write transaction, so two writers could both have
    seen the old state: the guarded UPDATE lets only the first one through.
    """
    result = session.execute(
        update(LicensingCase)
        .where(LicensingCase.id == row.id, LicensingCase.state.in_(list(sources)))
        .values(state=target, updated_at=_now())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(row)
        raise Conflict(f"case {row.id} is {row.state} now (changed meanwhile): cannot move it to {target}")
    session.refresh(row)


def _require_officer(who: Principal, doing: str) -> None:
    if who.role not in OFFICERS:
        raise PermissionDenied(f"only a licensing officer may {doing} (you are {who.role!r})")


def _alerts(session: Session, case_id: int, *, open_only: bool = True) -> list[dict[str, Any]]:
    """The case's screening alerts (one screened subject per party: ``case:ID:party:N``)."""
    prefix = f"{_subject(case_id)}:party:"
    if open_only:
        found = screening_service.open_alerts(session, prefix)
    else:
        found = screening_service.alerts_for(session, prefix)
    return [a.to_json() for a in found]


def _close_parties(session: Session, row: LicensingCase, actor: str) -> None:
    """A closed case's parties are no longer re-screened when lists change."""
    for i in range(len(row.application.get("parties") or [])):
        try:
            screening_service.close_party(session, f"{_subject(row.id)}:party:{i}", actor)
        except NotFound:
            continue  # never screened (e.g. no list was available)


def _view(session: Session, row: LicensingCase, who: Principal) -> Case:
    officer = who.role in OFFICERS
    notes = []
    alerts: list[dict[str, Any]] = []
    if officer:
        q = select(LicensingCaseNote).where(LicensingCaseNote.case_id == row.id).order_by(LicensingCaseNote.id)
        notes = [CaseNote(id=n.id, author=n.author, text=n.text, created_at=n.created_at) for n in session.scalars(q)]
        if row.state != "draft":
            alerts = _alerts(session, row.id, open_only=False)
    return Case(
        id=row.id,
        reference=row.reference,
        owner=row.owner,
        state=row.state,
        application=row.application,
        # Exporters see the state and the decision, not the internal assessment, notes or alerts.
        recommended=row.recommended if officer else None,
        recommendation=Decision.model_validate(row.recommendation) if officer and row.recommendation else None,
        assigned_to=row.assigned_to if officer else None,
        decision=row.decision,
        provisos=row.provisos,
        justification=row.justification if officer else None,
        decided_by=row.decided_by if officer else None,
        decided_at=row.decided_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        notes=notes,
        alerts=alerts,
    )


def case_date(app: Application) -> date:
    """The date a case is assessed as of: the application date, or today if that is earlier.

    A case is decided now, so the lists and denial notifications in force now count (a list imported after
    the application was dated must still be screened against); the date used is recorded in the decision, so
    ``catchall assess --as-of`` reproduces it.
    """
    return max(app.date, datetime.now(UTC).date())


def _record_screening(
    session: Session, row: LicensingCase, app: Application, watchlists: list[Watchlist] | None, actor: str
) -> None:
    """Screen each party against the lists and keep an alert per match, to be resolved by an officer."""
    if not watchlists:
        return  # the recommendation says that screening was not possible
    index = ScreeningIndex.merge([wl.index for wl in watchlists]) if len(watchlists) > 1 else watchlists[0].index
    for i in range(len(app.parties)):
        screening_service.screen_and_record(
            session, subject=f"{_subject(row.id)}:party:{i}", party=party_entity(app, i), index=index, actor=actor
        )


def _assess_and_store(
    db: Database, session: Session, row: LicensingCase, app: Application, actor: str, action: str
) -> None:
    """Assess as of the case date, store the recommendation, and screen the parties (raising alerts)."""
    on = case_date(app)
    notes = denial_service.in_force(session, on, destination=app.destination)
    watchlists = stored_watchlists(db, on)
    decision = assess(app, Resources(watchlists=watchlists, denials=notes), as_of=on)
    row.recommended = decision.outcome
    row.recommendation = decision.model_dump(mode="json")
    row.updated_at = _now()
    audit.append(
        session,
        actor=actor,
        action=action,
        subject=_subject(row.id),
        payload={
            "outcome": decision.outcome,
            "holds": decision.holds,
            "flags": decision.flags,
            "as_of": on.isoformat(),
            "annex_edition": decision.annex_edition,
            "list_versions": decision.list_versions,
            "denials_in_force": decision.denials_in_force,
        },
    )
    _record_screening(session, row, app, watchlists, actor)


def _submit(db: Database, session: Session, row: LicensingCase, who: Principal) -> None:
    app = parse_application(row.application)
    _move(session, row, ("draft",), "submitted")
    audit.append(
        session, actor=who.actor, action="case.submit", subject=_subject(row.id), payload={"state": "submitted"}
    )
    _assess_and_store(db, session, row, app, who.actor, "case.assess")


def submit_application(db: Database, app_json: dict[str, Any], principal: Principal, *, draft: bool = False) -> Case:
    """An exporter files an application: stored as a case, then (unless ``draft``) submitted and assessed."""
    if principal.role not in ("exporter", "admin"):
        raise PermissionDenied(f"only an exporter may file an application (you are {principal.role!r})")
    app = parse_application(app_json)
    now = _now()
    with db.session() as s:
        row = LicensingCase(
            reference=app.id,
            owner=principal.username,
            state="draft",
            application=app.model_dump(mode="json"),
            destination=app.destination,
            application_date=app.date,
            created_at=now,
            updated_at=now,
        )
        s.add(row)
        s.flush()
        audit.append(
            s, actor=principal.actor, action="case.create", subject=_subject(row.id), payload={"reference": app.id}
        )
        if not draft:
            _submit(db, s, row, principal)
        return _view(s, row, principal)


def update_draft(db: Database, case_id: int, app_json: dict[str, Any], principal: Principal) -> Case:
    app = parse_application(app_json)
    with db.session() as s:
        row = _visible(s, case_id, principal, lock=True)
        if row.owner != principal.username and principal.role != "admin":
            raise PermissionDenied("only the exporter who filed the application may change it")
        if row.state != "draft":
            raise Conflict(f"case {case_id} is {row.state}: only a draft can be changed")
        row.application = app.model_dump(mode="json")
        row.reference, row.destination, row.application_date = app.id, app.destination, app.date
        row.updated_at = _now()
        audit.append(
            s, actor=principal.actor, action="case.update", subject=_subject(row.id), payload={"reference": app.id}
        )
        return _view(s, row, principal)


def list_cases(db: Database, principal: Principal, *, state: str | None = None) -> list[Case]:
    """Exporters see their own cases; officers and admins see all."""
    if principal.role not in ("exporter", *OFFICERS):
        raise PermissionDenied(f"role {principal.role!r} may not see licensing cases")
    if state is not None and state not in CASE_STATES:
        raise InvalidInput(f"unknown case state {state!r} (one of: {', '.join(CASE_STATES)})")
    with db.session() as s:
        q = select(LicensingCase).order_by(LicensingCase.id)
        if principal.role == "exporter":
            q = q.where(LicensingCase.owner == principal.username)
        if state is not None:
            q = q.where(LicensingCase.state == state)
        return [_view(s, row, principal) for row in s.scalars(q)]


def get_case(db: Database, case_id: int, principal: Principal) -> Case:
    with db.session() as s:
        return _view(s, _visible(s, case_id, principal), principal)


TRANSITIONS = {
    # action: (from states, to state)
    "submit": (("draft",), "submitted"),
    "review": (("submitted", "under_review"), "under_review"),
    "withdraw": (OPEN_STATES, "withdrawn"),
}


def transition(
    db: Database, case_id: int, action: str, principal: Principal, *, assignee: str | None = None, reason: str = ""
) -> Case:
    """Move a case: ``submit`` (its exporter), ``review`` (an officer takes or assigns it: ``assignee``,
    default the officer), ``withdraw`` (its exporter or an officer)."""
    if action not in TRANSITIONS:
        raise InvalidInput(f"unknown action {action!r} (one of: {', '.join(TRANSITIONS)}, or decide)")
    sources, target = TRANSITIONS[action]
    with db.session() as s:
        row = _visible(s, case_id, principal, lock=True)
        if row.state not in sources:
            raise Conflict(f"case {case_id} is {row.state}: cannot {action} (allowed from {', '.join(sources)})")
        if action == "submit":
            if row.owner != principal.username and principal.role != "admin":
                raise PermissionDenied("only the exporter who filed the application may submit it")
            _submit(db, s, row, principal)
        elif action == "review":
            _require_officer(principal, "review a case")
            before = row.assigned_to
            _move(s, row, sources, target)
            row.assigned_to = assignee or principal.username
            audit.append(
                s,
                actor=principal.actor,
                action="case.assign",
                subject=_subject(row.id),
                payload={"state": target, "assigned_to": row.assigned_to, "previously": before},
            )
        else:
            if principal.role == "exporter" and row.owner != principal.username:
                raise PermissionDenied("only the exporter who filed the application may withdraw it")
            if principal.role not in ("exporter", *OFFICERS):
                raise PermissionDenied(f"role {principal.role!r} may not withdraw a case")
            _move(s, row, sources, target)
            audit.append(
                s, actor=principal.actor, action="case.withdraw", subject=_subject(row.id), payload={"reason": reason}
            )
            _close_parties(s, row, principal.actor)
        return _view(s, row, principal)


def add_note(db: Database, case_id: int, principal: Principal, text: str) -> Case:
    _require_officer(principal, "add notes")
    if not text or not text.strip():
        raise InvalidInput("note text must not be empty")
    with db.session() as s:
        row = _visible(s, case_id, principal, lock=True)
        note = LicensingCaseNote(case_id=row.id, author=principal.username, text=text.strip(), created_at=_now())
        s.add(note)
        s.flush()
        audit.append(s, actor=principal.actor, action="case.note", subject=_subject(row.id), payload={"note": note.id})
        return _view(s, row, principal)


def reassess(db: Database, case_id: int, principal: Principal) -> Case:
    """Run the assessment again (e.g. after new lists or denial notifications), as of the application date."""
    _require_officer(principal, "reassess a case")
    with db.session() as s:
        row = _visible(s, case_id, principal, lock=True)
        if row.state not in ("submitted", "under_review"):
            raise Conflict(f"case {case_id} is {row.state}: only a case under consideration can be reassessed")
        app = parse_application(row.application)
        _assess_and_store(db, s, row, app, principal.actor, "case.reassess")
        return _view(s, row, principal)


def resolve_alert(
    db: Database, case_id: int, alert_id: Any, principal: Principal, *, decision: str, reason: str
) -> Case:
    """Resolve one of the case's screening alerts as ``true_match`` or ``false_positive``."""
    _require_officer(principal, "resolve screening alerts")
    if decision not in ("true_match", "false_positive"):
        raise InvalidInput(f"alert decision must be true_match or false_positive, got {decision!r}")
    if not reason or not reason.strip():
        raise InvalidInput("a reason is required to resolve an alert")
    with db.session() as s:
        row = _visible(s, case_id, principal, lock=True)
        ids = {str(a.get("id")) for a in _alerts(s, row.id)}
        if str(alert_id) not in ids:
            raise NotFound(f"case {case_id} has no open alert {alert_id}")
        screening_service.adjudicate(s, alert_id, decision, reason.strip(), principal.actor)
        audit.append(
            s,
            actor=principal.actor,
            action="case.alert.resolve",
            subject=_subject(row.id),
            payload={"alert": alert_id, "decision": decision, "reason": reason.strip()},
        )
        return _view(s, row, principal)


def _departures(row: LicensingCase, decision: str, alerts: list[dict[str, Any]]) -> list[str]:
    """Why this decision departs from the recommendation (empty when it does not)."""
    out = []
    confirmed = [a for a in alerts if a.get("status") == "true_match"]
    if decision != "refused" and confirmed:
        names = ", ".join(sorted({str(a.get("entity_caption")) for a in confirmed}))
        out.append(f"a party was confirmed as a true match on a watch list ({names})")
    recommended = row.recommended or "case_by_case"
    if decision not in _CONSISTENT.get(recommended, set()):
        out.append(f"the recommended outcome is {recommended}")
    holds = (row.recommendation or {}).get("holds", [])
    if decision != "refused" and "denial_consultation" in holds:
        out.append("a partner's denial notification requires consultation before approval (no undercut)")
    if decision != "refused" and "screening_not_performed" in (row.recommendation or {}).get("flags", []):
        out.append("the parties could not be screened")
    return out


def decide(
    db: Database,
    case_id: int,
    principal: Principal,
    *,
    decision: str,
    justification: str | None = None,
    provisos: str | None = None,
) -> Case:
    """Record the licensing decision. Every open screening alert must be resolved first; a decision that departs
    from the recommendation (or approves despite a denial-consultation hold) needs a written justification."""
    _require_officer(principal, "decide a case")
    if decision not in CASE_DECISIONS:
        raise InvalidInput(f"decision must be one of {', '.join(CASE_DECISIONS)}, got {decision!r}")
    if decision == "approved_with_provisos" and not (provisos and provisos.strip()):
        raise InvalidInput("approved_with_provisos needs the provisos")
    with db.session() as s:
        row = _visible(s, case_id, principal, lock=True)
        if row.state != "under_review":
            raise Conflict(f"case {case_id} is {row.state}: only a case under review can be decided")
        if row.assigned_to and row.assigned_to != principal.username and principal.role != "admin":
            raise PermissionDenied(f"case {case_id} is assigned to {row.assigned_to}")
        open_ = _alerts(s, row.id)
        if open_:
            raise Conflict(
                f"case {case_id} has {len(open_)} unresolved screening alert(s): resolve each as true match or "
                "false positive before deciding",
                detail={"alerts": [a.get("id") for a in open_]},
            )
        departures = _departures(row, decision, _alerts(s, row.id, open_only=False))
        text = (justification or "").strip()
        if departures and len(text) < MIN_JUSTIFICATION:
            raise InvalidInput(
                f"deciding {decision} departs from the recommendation ({'; '.join(departures)}): "
                f"a written justification of at least {MIN_JUSTIFICATION} characters is required"
            )
        _move(s, row, ("under_review",), "decided")
        row.decision = decision
        row.provisos = (provisos or "").strip() or None
        row.justification = text or None
        row.decided_by = principal.username
        row.decided_at = _now()
        row.updated_at = row.decided_at
        audit.append(
            s,
            actor=principal.actor,
            action="case.decide",
            subject=_subject(row.id),
            payload={
                "decision": decision,
                "recommended": row.recommended,
                "departures": departures,
                "justification": row.justification,
                "provisos": row.provisos,
            },
        )
        _close_parties(s, row, principal.actor)
        return _view(s, row, principal)


def issue_denial(
    db: Database,
    case_id: int,
    principal: Principal,
    *,
    notifying_state: str,
    notification_id: str | None = None,
    description: str | None = None,
) -> DenialNotification:
    """Issue our own denial notification from a refused case (end user, destination and listed entries)."""
    _require_officer(principal, "issue denial notifications")
    with db.session() as s:
        row = _visible(s, case_id, principal, lock=True)
        if row.state != "decided" or row.decision != "refused":
            raise Conflict(f"case {case_id} is not a refused case: only refusals are notified")
        app = parse_application(row.application)
        entries = sorted(
            {e for item in (row.recommendation or {}).get("items", []) if item.get("category") for e in item["entries"]}
        )
        if not entries:
            raise Conflict(
                f"case {case_id} has no item on the Annex: MTCR denial notifications cover listed items only"
            )
        users = app.parties_in("end_user", "ultimate_end_user") or app.parties_in("consignee")
        if not users:
            raise Conflict(f"case {case_id} names no end user or consignee to notify")
        decided = row.decided_at.date() if row.decided_at else date.today()
        notification = DenialNotification(
            id=notification_id or f"{notifying_state.upper()}-case-{row.id}",
            notifying_state=notifying_state,
            date=decided,
            destination=app.destination,
            end_user={"name": users[0].name, "country": users[0].country},
            entries=entries,
            description=description or "; ".join(str(i.get("description") or i["id"]) for i in app.items),
            source_case=row.id,
        )
        denial_service.add(s, notification, principal.actor, action="denial.issue")
        audit.append(
            s,
            actor=principal.actor,
            action="case.denial_issued",
            subject=_subject(row.id),
            payload={"notification": notification.id},
        )
        return notification


def case_history(db: Database, case_id: int, principal: Principal) -> list[dict[str, Any]]:
    """The case's audit records, oldest first (officers only: it shows the assessment)."""
    _require_officer(principal, "read a case's history")
    with db.session() as s:
        _visible(s, case_id, principal)
        records = audit.history(s, subject=_subject(case_id), limit=10_000)
        return [
            {"seq": r.seq, "ts": r.ts, "actor": r.actor, "action": r.action, "payload": r.payload}
            for r in reversed(records)
        ]


def record_run(
    db: Database,
    actor: str,
    *,
    source: str,
    as_of: date | None,
    outcomes: dict[str, int],
    holds: dict[str, int],
    errors: int,
    digest: str,
    list_versions: dict[str, str],
) -> None:
    """Audit one batch of assessments (``catchall assess``): what was assessed against what, and a SHA-256
    of the answer lines so that the output can later be shown to be the one the system produced."""
    with db.session() as s:
        audit.append(
            s,
            actor=actor,
            action="licensing.assess_batch",
            subject=f"assess:{source}",
            payload={
                "as_of": as_of.isoformat() if as_of else "application dates",
                "outcomes": outcomes,
                "holds": holds,
                "errors": errors,
                "answers_sha256": digest,
                "list_versions": list_versions,
            },
        )
