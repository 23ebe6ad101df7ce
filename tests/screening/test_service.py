"""The screening service: recorded parties, alerts, adjudication memory, re-screening, audit."""

from __future__ import annotations

import pytest

from catchall.errors import Conflict, InvalidInput, NotFound
from catchall.model.entity import Entity
from catchall.screening import ScreeningIndex
from catchall.services import audit
from catchall.services import screening as svc
from catchall.store.db import Database


def listed(name: str = "Vladimir Vladimirovich Putin", **extra: list[str]) -> Entity:
    return Entity(id="e-putin", schema="Person", properties={"name": [name], **extra}, datasets=["test"])


def index_of(*entities: Entity, version: str = "v1") -> ScreeningIndex:
    return ScreeningIndex.build(entities, version=version, name="test")


PARTY = Entity(id="p1", schema="Person", properties={"name": ["Wladimir Putin"]})


def test_screen_and_record_raises_an_alert_and_audits(db: Database) -> None:
    with db.session() as s:
        alerts = svc.screen_and_record(s, subject="case:12/party:3", party=PARTY, index=index_of(listed()), actor="t")
    assert [(a.entity_id, a.status, a.list_version) for a in alerts] == [("e-putin", "open", "v1")]
    assert "putin" in alerts[0].explanation["name"]
    with db.session() as s:
        assert [a.id for a in svc.open_alerts(s, "case:12/")] == [alerts[0].id]
        assert svc.open_alerts(s, "case:13/") == []
        records = audit.history(s, subject="case:12/party:3", limit=5)
    assert records[0].action == "screening.screen"
    assert records[0].payload["alerts"][0]["entity_id"] == "e-putin"


def test_a_repeated_screening_does_not_duplicate_open_alerts(db: Database) -> None:
    idx = index_of(listed())
    with db.session() as s:
        first = svc.screen_and_record(s, subject="cp:ACME-1", party=PARTY, index=idx, actor="t")
        second = svc.screen_and_record(s, subject="cp:ACME-1", party=PARTY, index=idx, actor="t")
        assert [a.id for a in first] == [a.id for a in second]
        assert len(svc.alerts_for(s, "cp:ACME-1")) == 1


def test_adjudication_suppresses_realerts_until_the_entity_changes(db: Database) -> None:
    with db.session() as s:
        (alert,) = svc.screen_and_record(s, subject="cp:ACME-1", party=PARTY, index=index_of(listed()), actor="t")
        decided = svc.adjudicate(s, alert.id, "false_positive", "different person, born 1980", "officer:ann")
    assert (decided.status, decided.decided_by, decided.reason) == (
        "false_positive",
        "officer:ann",
        "different person, born 1980",
    )
    with db.session() as s:
        assert svc.screen_and_record(s, subject="cp:ACME-1", party=PARTY, index=index_of(listed()), actor="t") == []
        assert svc.open_alerts(s) == []
        assert audit.history(s, subject="cp:ACME-1", limit=10)[1].action == "screening.adjudicate"
    changed = listed(birthDate=["1952-10-07"])
    with db.session() as s:
        again = svc.screen_and_record(
            s, subject="cp:ACME-1", party=PARTY, index=index_of(changed, version="v2"), actor="t"
        )
    assert [(a.entity_id, a.status, a.list_version) for a in again] == [("e-putin", "open", "v2")]


def test_rescreen_checks_every_open_party_against_changed_entities(db: Database) -> None:
    with db.session() as s:
        assert svc.screen_and_record(s, subject="case:1/party:1", party=PARTY, index=index_of(), actor="t") == []
        other = Entity(id="p2", schema="Company", properties={"name": ["Acme Widgets Ltd"]})
        svc.screen_and_record(s, subject="case:1/party:2", party=other, index=index_of(), actor="t")
        svc.close_party(s, "case:1/party:2", actor="t")
    delta = index_of(listed(), Entity(id="e-acme", schema="Company", properties={"name": ["ACME Widgets Limited"]}))
    with db.session() as s:
        alerts = svc.rescreen(s, delta, actor="system:lists")
    assert [(a.subject, a.entity_id) for a in alerts] == [("case:1/party:1", "e-putin")]


def test_adjudicate_refuses_bad_input(db: Database) -> None:
    with db.session() as s:
        (alert,) = svc.screen_and_record(s, subject="cp:X", party=PARTY, index=index_of(listed()), actor="t")
    with db.session() as s, pytest.raises(InvalidInput, match="decision must be one of"):
        svc.adjudicate(s, alert.id, "maybe", "why", "officer:ann")
    with db.session() as s, pytest.raises(InvalidInput, match="reason"):
        svc.adjudicate(s, alert.id, "true_match", "  ", "officer:ann")
    with db.session() as s, pytest.raises(NotFound):
        svc.adjudicate(s, 99999, "true_match", "listed", "officer:ann")
    with db.session() as s:
        svc.adjudicate(s, alert.id, "true_match", "same passport", "officer:ann")
    with db.session() as s, pytest.raises(Conflict, match="already decided"):
        svc.adjudicate(s, alert.id, "false_positive", "changed my mind", "officer:bob")


def test_subject_must_be_given(db: Database) -> None:
    with db.session() as s, pytest.raises(InvalidInput, match="subject"):
        svc.screen_and_record(s, subject=" ", party=PARTY, index=index_of(listed()), actor="t")


def test_query_entity_names_the_problem() -> None:
    with pytest.raises(InvalidInput, match="q1: the entity has no name"):
        svc.query_entity({"schema": "Person", "properties": {}}, "q1")
    with pytest.raises(InvalidInput, match="q2: expected an entity object"):
        svc.query_entity(["x"], "q2")
