"""Stored transfers: CRUD, import, assessment with stored amendments, all audited."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from catchall.cli.common import read_jsonl
from catchall.errors import InvalidInput, NotFound
from catchall.services import audit
from catchall.services import compliance as service
from catchall.services import registry as registry_service
from catchall.store.db import Database


def test_import_list_assess_delete(db: Database, dev_file: Path) -> None:
    with dev_file.open(encoding="utf-8") as fh:
        result = service.import_transfers(db, read_jsonl(fh, "dev"), actor="analyst:a", source="dev")
    assert result.created == 8
    cn = service.list_transfers(db, state="CN")
    assert [t.id for t in cn] == ["v02", "v01"]  # ordered by date
    assert service.assess_stored(db, "v01", actor="officer:o").finding == "contrary"
    service.delete_transfer(db, "v01", actor="analyst:a")
    with pytest.raises(NotFound):
        service.get_transfer(db, "v01")
    with db.session() as s:
        actions = [r.action for r in audit.history(s, limit=50)]
    assert actions[0] == "transfer.delete" and "compliance.assess" in actions and "transfer.import" in actions


def test_bad_line_imports_nothing(db: Database) -> None:
    lines = (
        '{"id": "a", "date": "2004-01-01", "supplier_state": "IT", "recipient_program": {"kind": "uav"}}\n{"id": "b"}\n'
    )
    with pytest.raises(InvalidInput, match="line 2"):
        service.import_transfers(db, read_jsonl(io.StringIO(lines), "in"), actor="a", source="in")
    assert service.list_transfers(db) == []


def test_stored_commitment_changes_the_finding(db: Database) -> None:
    t = service.parse_transfer(
        {
            "id": "k1",
            "date": "2011-05-01",
            "supplier_state": "IR",
            "recipient_program": {"kind": "ballistic_missile", "category": "I"},
            "item_category": "I",
        }
    )
    assert service.assess_transfers([t], db=db)[0].finding == "no_commitment"
    registry_service.put_commitment(
        db,
        registry_service.parse_commitment(
            {
                "id": "ir-x",
                "state": "IR",
                "kind": "mtcr_adherence",
                "instrument": "Test adherence",
                "effect": "guidelines",
                "since": "2010-01-01",
                "source": "test",
            }
        ),
        actor="analyst:a",
    )
    assert service.assess_transfers([t], db=db)[0].finding == "contrary"
