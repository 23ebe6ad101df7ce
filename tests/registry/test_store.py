"""Stored amendments overlay the shipped registry, every change is audited (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from catchall.cli.common import read_jsonl
from catchall.errors import InvalidInput, NotFound
from catchall.services import audit
from catchall.services import registry as service
from catchall.store.db import Database

IR_ADHERENCE: dict[str, Any] = {
    "id": "ir-test-adherence",
    "state": "IR",
    "kind": "mtcr_adherence",
    "instrument": "Test adherence of Iran",
    "effect": "guidelines",
    "since": "2010-01-01",
    "source": "test fixture",
}


def _actions(db: Database) -> list[str]:
    with db.session() as s:
        return [r.action for r in reversed(audit.history(s, limit=100))]


def test_stored_commitment_overlays_and_is_audited(db: Database) -> None:
    c = service.parse_commitment(IR_ADHERENCE)
    assert service.put_commitment(db, c, actor="analyst:a") == "create"
    assert [x.id for x in service.list_commitments(db, state="IR", as_of=date(2011, 1, 1))] == ["ir-test-adherence"]
    assert service.list_commitments(db, state="IR", as_of=date(2009, 1, 1)) == []
    assert service.put_commitment(db, c.model_copy(update={"until": date(2012, 1, 1)}), actor="analyst:a") == "update"
    assert service.list_commitments(db, state="IR", as_of=date(2013, 1, 1)) == []
    service.delete_commitment(db, "ir-test-adherence", actor="analyst:a")
    with pytest.raises(NotFound):
        service.get_commitment(db, "ir-test-adherence")
    assert _actions(db) == ["registry.commitment.create", "registry.commitment.update", "registry.commitment.delete"]


def test_amending_a_shipped_commitment_replaces_it_and_deleting_it_is_refused(db: Database) -> None:
    shipped = service.get_commitment(db, "bg-mtcr-partnership")
    service.put_commitment(
        db, shipped.model_copy(update={"since": date(2004, 6, 15), "precision": "day"}), actor="admin:x"
    )
    assert service.get_commitment(db, "bg-mtcr-partnership").since == date(2004, 6, 15)
    assert service.get_commitment(None, "bg-mtcr-partnership").since == date(2004, 6, 1)  # shipped data untouched
    assert _actions(db) == ["registry.commitment.update"]
    service.delete_commitment(db, "bg-mtcr-partnership", actor="admin:x")  # removes the amendment only
    with pytest.raises(InvalidInput, match="shipped reference data"):
        service.delete_commitment(db, "bg-mtcr-partnership", actor="admin:x")


def test_stored_determination_joins_the_watch_list(db: Database) -> None:
    det = {
        "id": "us-test-acme",
        "entity": {
            "name": "Acme Rocket Parts",
            "aliases": ["ARP"],
            "country": "XK" if False else "RS",
            "kind": "company",
        },
        "authorities": ["Executive Order 12938"],
        "determination_date": "2010-01-01",
        "effective_date": "2010-01-01",
        "source": "test fixture",
    }
    service.put_determination(db, service.parse_determination(det), actor="analyst:a")
    names = [e.caption for e in service.watchlist(db, date(2010, 6, 1))]
    assert "Acme Rocket Parts" in names
    assert "Acme Rocket Parts" not in [e.caption for e in service.watchlist(db, date(2012, 1, 1))]
    assert [d.id for d in service.list_determinations(db, state="RS")] == ["us-test-acme"]


def test_import_is_all_or_nothing_and_names_the_line(db: Database) -> None:
    good = '{"id": "x1", "state": "IR", "kind": "pledge", "instrument": "p", "effect": "guidelines", "since": "2001-01-01", "source": "s"}'
    bad = '{"id": "x2", "state": "IR", "kind": "pledge", "instrument": "p", "effect": "guidelines", "since": "not a date", "source": "s"}'
    with pytest.raises(InvalidInput, match="line 2: since"):
        service.import_records(
            db, "commitments", read_jsonl(io.StringIO(good + "\n" + bad + "\n"), "f"), actor="a", source="f"
        )
    assert service.list_commitments(db, state="IR") == []
    result = service.import_records(db, "commitments", read_jsonl(io.StringIO(good + "\n"), "f"), actor="a", source="f")
    assert (result.created, result.updated) == (1, 0)
    exported = [r["id"] for r in service.export_records(db, "commitments")]
    assert "x1" in exported and "us-mtcr-partnership" in exported
    assert _actions(db)[-1] == "registry.commitments.import"
