"""Versioned, atomic list imports: checksum dedup, diff, delta, export round trip, failures, as-of indexes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select, update

from catchall.errors import InvalidInput, NotFound, TooLarge
from catchall.services import audit
from catchall.services import lists as svc
from catchall.store.tables.lists import ListEntity
from catchall.store.tables.lists import ListVersion as VersionRow


def test_import_creates_current_version_with_index_and_audit(db, fixtures: Path):
    v = svc.import_file(db, "ofac-xml", fixtures / "sdn.xml", actor="admin:alice")
    assert (v.list_name, v.number, v.status, v.entity_count, v.unchanged) == ("us_ofac_sdn", 1, "current", 4, False)
    assert v.changes == {"added": 4, "changed": 0, "removed": 0}
    assert v.index_path and Path(v.index_path).exists()
    assert v.stats["meta"]["Record_Count"] == "4"
    with db.session() as s:
        rec = audit.history(s, subject="list:us_ofac_sdn", limit=1)[0]
        assert rec.action == "list.import" and rec.actor == "admin:alice"
        assert rec.payload["version"] == 1 and rec.payload["checksum"] == v.checksum
        assert audit.verify(s).ok
    [cur] = svc.current_versions(db)
    assert cur.number == 1 and cur.checksum == v.checksum


def test_identical_file_is_detected_by_checksum(db, fixtures: Path, tmp_path: Path):
    first = svc.import_file(db, "un-xml", fixtures / "un_consolidated.xml")
    copy = tmp_path / "renamed.xml"
    copy.write_bytes((fixtures / "un_consolidated.xml").read_bytes())
    again = svc.import_file(db, "un-xml", copy)
    assert again.unchanged and again.number == first.number == 1
    assert [v.number for v in svc.versions(db, "un_sc_sanctions")] == [1]


def test_new_version_supersedes_and_diff_names_changes(person, db, ftm_file):
    v1 = svc.import_file(db, "ftm", ftm_file([person(1), person(2), person(3)]), name="gen")
    changed = person(2, nationality=["ir"])
    v2 = svc.import_file(db, "ftm", ftm_file([person(1), changed, person(4)]), name="gen")
    assert (v1.number, v2.number) == (1, 2)
    assert v2.changes == {"added": 1, "changed": 1, "removed": 1}
    statuses = {v.number: v.status for v in svc.versions(db, "gen")}
    assert statuses == {2: "current", 1: "superseded"}
    d = svc.diff(db, "gen")
    assert d.summary == {"name": "gen", "from": 1, "to": 2, "added": 1, "removed": 1, "changed": 1, "unchanged": 1}
    assert [r.id for r in d.added] == ["gen-4"]
    assert [r.id for r in d.removed] == ["gen-3"]
    assert [(r.id, r.fields) for r in d.changed] == [("gen-2", ["nationality"])]
    assert d.removed[0].caption == "Generated Person 3"
    explicit = svc.diff(db, "gen", 1, 2)
    assert explicit.summary == d.summary
    first = svc.diff(db, "gen", to_v=1)
    assert first.from_version is None and len(first.added) == 3


def test_export_round_trip_yields_same_entities(db, fixtures: Path, tmp_path: Path):
    for source, file in [
        ("ofac-advanced", "sdn_advanced.xml"),
        ("eu-xml", "eu_fsf.xml"),
        ("uk-csv", "uk_conlist.csv"),
        ("ftm", "entities.ftm.json"),
    ]:
        v = svc.import_file(db, source, fixtures / file, name=f"orig-{source}")
        exported = tmp_path / f"{source}.ftm.json"
        exported.write_text("".join(line + "\n" for line in svc.export_lines(db, v.list_name)), encoding="utf-8")
        back = svc.import_file(db, "ftm", exported, name=f"back-{source}")
        assert back.entity_count == v.entity_count
        original = {e.id: e.to_ftm() for e in svc.export(db, v.list_name)}
        again = {e.id: e.to_ftm() for e in svc.export(db, back.list_name)}
        assert original == again, source
        # and the exported file imported onto the same list is recognised as nothing new
        assert svc.diff(db, back.list_name).summary["added"] == v.entity_count


def test_delta_applies_on_top_of_current(db, fixtures: Path):
    svc.import_file(db, "ftm", fixtures / "entities.ftm.json", name="ext")
    v2 = svc.import_file(db, "ftm-delta", fixtures / "entities.delta.json", name="ext")
    assert v2.changes == {"added": 1, "changed": 1, "removed": 1}
    ents = {e.id: e for e in svc.export(db, "ext")}
    assert set(ents) == {"os-ab12", "os-cd34", "os-gh78"}
    assert ents["os-ab12"].get("alias") == ["Николай Орлов", "Nikolay Orlov"]
    assert ents["os-cd34"].extra == {"target": True}  # untouched entity kept byte for byte


def test_delta_without_current_version_is_refused(db, fixtures: Path):
    with pytest.raises(InvalidInput, match="needs a current version of list 'ext'"):
        svc.import_file(db, "ftm-delta", fixtures / "entities.delta.json", name="ext")


def test_bad_file_imports_nothing_and_keeps_current(person, db, ftm_file, tmp_path: Path):
    good = svc.import_file(db, "ftm", ftm_file([person(1), person(2)]), name="gen")
    bad = tmp_path / "bad.json"
    lines = [json.dumps(person(i)) for i in range(10)] + ['{"id": "x", "schema": "Person", "properties": {}}']
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"bad\.json line 11: entity 'x' \(Person\) has no name"):
        svc.import_file(db, "ftm", bad, name="gen")
    assert [v.number for v in svc.versions(db, "gen")] == [1]
    [cur] = svc.current_versions(db)
    assert cur.checksum == good.checksum
    with db.session() as s:
        assert len(s.execute(select(ListEntity.entity_id)).all()) == 2


def test_failure_after_write_marks_version_failed(person, db, ftm_file, monkeypatch):
    svc.import_file(db, "ftm", ftm_file([person(1)]), name="gen")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full while saving the index")

    monkeypatch.setattr(svc, "_build_index", broken)
    with pytest.raises(RuntimeError):
        svc.import_file(db, "ftm", ftm_file([person(1), person(2)], name="v2.json"), name="gen")
    by_number = {v.number: v for v in svc.versions(db, "gen")}
    assert by_number[1].status == "current" and by_number[2].status == "failed"
    assert "disk full" in by_number[2].stats["error"]
    with db.session() as s:
        assert s.execute(select(ListEntity).where(ListEntity.version_id == by_number[2].id)).first() is None
    assert [e.id for e in svc.export(db, "gen")] == ["gen-1"]


def test_oversized_and_empty_files(person, db, ftm_file, tmp_path: Path):
    path = ftm_file([person(i) for i in range(50)])
    with pytest.raises(TooLarge, match=r"over the limit of 100 bytes"):
        svc.import_file(db, "ftm", path, name="gen", max_bytes=100)
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match="the file is empty"):
        svc.import_file(db, "ftm", empty, name="gen")
    assert svc.current_versions(db) == []


def test_bad_list_name(db, fixtures: Path):
    with pytest.raises(InvalidInput, match="list name 'Bad Name'"):
        svc.import_file(db, "ftm", fixtures / "entities.ftm.json", name="Bad Name")


def test_unknown_list_and_version(db, fixtures: Path):
    with pytest.raises(NotFound, match="no list named 'nope'"):
        svc.diff(db, "nope")
    svc.import_file(db, "eu-xml", fixtures / "eu_fsf.xml")
    with pytest.raises(NotFound, match="list 'eu_fsf' version 7 does not exist"):
        list(svc.export(db, "eu_fsf", 7))


def test_index_for_list_all_lists_and_as_of(db, fixtures: Path, ftm_file):
    from catchall.model.entity import Entity

    svc.import_file(db, "ofac-xml", fixtures / "sdn.xml")
    svc.import_file(db, "un-xml", fixtures / "un_consolidated.xml")
    ofac = svc.index_for(db, "us_ofac_sdn")
    assert ofac is svc.index_for(db, "us_ofac_sdn")  # cached per version
    query = Entity(id="q", schema="Person", properties={"name": ["Karim Yusuf Haddad"]})
    assert ofac.match(query, threshold=0.7)[0].id == "ofac-9102"
    both = svc.index_for(db, "default")
    assert len(both) == 7
    hit = both.match(Entity(id="q", schema="Organization", properties={"name": ["Korea Ryonbong General Corp"]}))
    assert hit[0].id == "unsc-6908101"
    # as of: move version 1's validity into the past, then import version 2
    with db.session() as s:
        s.execute(update(VersionRow).values(became_current_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    svc.import_file(db, "ofac-advanced", fixtures / "sdn_advanced.xml")
    assert svc.version_as_of(db, "us_ofac_sdn", dt.date(2026, 6, 1)).number == 1
    assert svc.version_as_of(db, "us_ofac_sdn").number == 2
    old = svc.index_for(db, "us_ofac_sdn", as_of=dt.date(2026, 6, 1))
    assert old.match(query, threshold=0.7)[0].id == "ofac-9102"
    assert not svc.index_for(db, "us_ofac_sdn").match(query, threshold=0.9)
    with pytest.raises(NotFound, match="had no version in force on 2025-12-31"):
        svc.index_for(db, "us_ofac_sdn", as_of=dt.date(2025, 12, 31))


def test_missing_saved_index_is_rebuilt(db, fixtures: Path):
    v = svc.import_file(db, "eu-xml", fixtures / "eu_fsf.xml")
    Path(v.index_path or "").unlink()
    index = svc.index_for(db, "eu_fsf")
    assert len(index) == 2 and index.version == v.index_path.rsplit("/", 1)[-1].removesuffix(".npz")


def test_database_refuses_two_current_versions(db, person, ftm_file):
    from sqlalchemy.exc import IntegrityError

    svc.import_file(db, "ftm", ftm_file([person(1)]), name="gen")
    svc.import_file(db, "ftm", ftm_file([person(1), person(2)], name="v2.json"), name="gen")
    with pytest.raises(IntegrityError), db.session() as s:
        s.execute(update(VersionRow).values(status="current"))
