"""The HCOC service on each backend: CRUD with audit, atomic import, stored checks, the report."""

from __future__ import annotations

import pytest

from catchall.errors import Conflict, InvalidInput, NotFound
from catchall.hcoc.records import RecordKind
from catchall.hcoc.report import ReportFormat
from catchall.model.hcoc import LaunchStatus
from catchall.services import audit
from catchall.services import hcoc as service
from catchall.store.db import Database

PLN = {
    "id": "p1",
    "state": "FR",
    "submitted": "2020-05-01",
    "vehicle_class": "ballistic_missile",
    "window_start": "2020-06-10",
    "window_end": "2020-06-20",
    "launch_area": "Biscay",
    "direction": "west",
}
LAUNCH = {"id": "l1", "state": "FR", "date": "2020-06-15", "vehicle_class": "ballistic_missile", "vehicle": "M51"}


def test_create_get_update_delete_are_audited(db: Database) -> None:
    service.create_record(db, RecordKind.notifications, PLN, actor="analyst:ana")
    assert service.get_record(db, RecordKind.notifications, "p1").model_dump(mode="json")["launch_area"] == "Biscay"
    with pytest.raises(Conflict):
        service.create_record(db, RecordKind.notifications, PLN, actor="analyst:ana")
    service.update_record(db, RecordKind.notifications, "p1", {**PLN, "direction": "south"}, actor="analyst:ana")
    assert service.get_record(db, RecordKind.notifications, "p1").direction == "south"  # type: ignore[attr-defined]
    service.delete_record(db, RecordKind.notifications, "p1", actor="analyst:ana")
    with pytest.raises(NotFound):
        service.get_record(db, RecordKind.notifications, "p1")
    with db.session() as s:
        actions = [r.action for r in reversed(audit.history(s, subject="hcoc:notification:p1"))]
        assert actions == ["hcoc.notification.create", "hcoc.notification.update", "hcoc.notification.delete"]
        assert audit.verify(s).ok


def test_update_refuses_a_body_naming_another_record(db: Database) -> None:
    service.create_record(db, RecordKind.launches, LAUNCH, actor="t")
    with pytest.raises(InvalidInput, match="path names 'l1'"):
        service.update_record(db, RecordKind.launches, "l1", {**LAUNCH, "id": "l2"}, actor="t")


def test_declarations_are_keyed_by_state_and_year(db: Database) -> None:
    body = {
        "state": "FR",
        "year": 2020,
        "submitted": "2021-02-01",
        "policies": "restraint",
        "launches": {"ballistic_missile": 1},
    }
    service.create_record(db, RecordKind.declarations, body, actor="t")
    got = service.get_record(db, RecordKind.declarations, "fr-2020")
    assert got.model_dump(mode="json")["launches"] == {"ballistic_missile": 1}
    service.update_record(
        db, RecordKind.declarations, "FR-2020", {"submitted": "2021-03-01", "launches": {}}, actor="t"
    )
    assert str(service.get_record(db, RecordKind.declarations, "FR-2020").submitted) == "2021-03-01"  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput, match="STATE-YEAR"):
        service.get_record(db, RecordKind.declarations, "FR")


def test_import_replaces_existing_keys_and_reports_counts(db: Database) -> None:
    from catchall.hcoc.records import parse_record

    first = [parse_record(RecordKind.launches, LAUNCH)]
    assert service.import_records(db, RecordKind.launches, first, actor="t").created == 1
    again = [
        parse_record(RecordKind.launches, {**LAUNCH, "vehicle": "M51.3"}),
        parse_record(RecordKind.launches, {**LAUNCH, "id": "l2"}),
    ]
    res = service.import_records(db, RecordKind.launches, again, actor="t", source="f.jsonl")
    assert (res.created, res.updated) == (1, 1)
    assert service.get_record(db, RecordKind.launches, "l1").vehicle == "M51.3"  # type: ignore[attr-defined]
    with db.session() as s:
        (rec,) = audit.history(s, subject="hcoc:launches", limit=1)
        assert rec.payload["keys"] == ["l1", "l2"] and rec.payload["source"] == "f.jsonl"


def test_stored_checks_and_report(db: Database) -> None:
    service.create_record(db, RecordKind.notifications, PLN, actor="t")
    service.create_record(db, RecordKind.launches, LAUNCH, actor="t")
    service.create_record(db, RecordKind.launches, {**LAUNCH, "id": "l2", "date": "2020-08-01"}, actor="t")
    service.create_record(db, RecordKind.launches, {**LAUNCH, "id": "l3", "state": "PK"}, actor="t")
    service.create_record(
        db,
        RecordKind.declarations,
        {"state": "FR", "year": 2020, "submitted": "2021-02-01", "launches": {"ballistic_missile": 2}},
        actor="t",
    )
    got = {c.id: c.status for c in service.check_stored_launches(db, year=2020)}
    assert got == {"l1": LaunchStatus.notified, "l2": LaunchStatus.not_notified, "l3": LaunchStatus.not_subscribed}
    assert {c.id for c in service.check_stored_launches(db, year=2020, state="fr")} == {"l1", "l2"}
    decl = {c.state: c for c in service.check_stored_declarations(db, 2020)}
    assert decl["FR"].launches_agree is True and decl["DE"].submitted is False
    md = service.report(db, 2020, ReportFormat.md).decode()
    assert "# Hague Code of Conduct: 2020" in md and "| l1 | FR | 2020-06-15" in md and "not subscribed" in md
    assert service.report(db, 2020, ReportFormat.pdf).startswith(b"%PDF")
    html = service.report(db, 2020, ReportFormat.html).decode()
    assert "<svg" in html and "http://" not in html.replace("http://www.w3.org", "")
