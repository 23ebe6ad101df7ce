"""An import killed midway (SIGKILL) leaves the previous version current and intact; the leftover is cleaned."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from catchall.config import get_settings
from catchall.services import lists as svc
from catchall.store.db import Database
from catchall.store.tables.lists import ListEntity

# The child imports with a progress callback that reports each phase on stdout; on reaching ``stop_at``
# ("write": first batch written, transaction still open; "index:1": index saved, version not yet current)
# it sleeps, standing in for a slow step, so the parent can kill it at exactly that point.
CHILD = """
import sys, time
from catchall.services import lists
from catchall.store.db import Database
url, path, stop_at = sys.argv[1:4]
def progress(phase, done, total):
    print(phase, done, flush=True)
    if stop_at in (phase, f"{phase}:{done}"):
        time.sleep(60)
lists.import_file(Database(url), "ftm", path, "big", "test", progress=progress)
print("finished", flush=True)
"""


def _generate(path: Path, n: int, prefix: str) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            e = {
                "id": f"{prefix}-{i}",
                "schema": "Person",
                "properties": {"name": [f"{prefix} Person {i}"], "birthDate": [f"{1940 + i % 60}-01-01"]},
            }
            fh.write(json.dumps(e) + "\n")
    return path


def _kill_at(url: str, path: Path, stop_at: str) -> None:
    # same CATCHALL_DATA_DIR as this test (set by the shared autouse fixture): indexes land where we look
    child = subprocess.Popen([sys.executable, "-c", CHILD, url, str(path), stop_at], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    seen = []
    for line in child.stdout:
        seen.append(line.split()[0])
        if stop_at in (seen[-1], ":".join(line.split())):
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert stop_at.split(":")[0] in seen and "finished" not in seen, seen


def _entity_ids(db: Database, name: str) -> list[str]:
    return [e.id for e in svc.export(db, name)]


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["write", "index:1"])
def test_killed_import_keeps_previous_version(db, database_url: str, tmp_path: Path, phase: str):
    first = svc.import_file(db, "ftm", _generate(tmp_path / "v1.json", 300, "old"), "big", "test")
    before = _entity_ids(db, "big")
    big = _generate(tmp_path / "v2.json", 6000 if phase == "write" else 1000, "new")

    _kill_at(database_url, big, phase)
    index_dir = get_settings().index_dir / "big"
    if phase == "index:1":
        assert list(index_dir.glob("v2-*.npz")), "the child should have saved its index before being killed"

    # the previous version is still the current one, with all of its entities
    [cur] = svc.current_versions(db)
    assert (cur.number, cur.checksum) == (1, first.checksum)
    assert _entity_ids(db, "big") == before
    assert len(svc.index_for(db, "big")) == 300
    statuses = {v.number: v.status for v in svc.versions(db, "big")}
    if phase == "index:1":
        # killed after the entities were committed, before the flip: the version is left "importing"
        assert statuses == {1: "current", 2: "importing"}
    else:
        assert statuses == {1: "current"}  # the write transaction never committed

    # the next import cleans the leftover (its importer is dead) and becomes current
    done = svc.import_file(db, "ftm", _generate(tmp_path / "v3.json", 200, "newer"), "big", "test")
    final = {v.number: v.status for v in svc.versions(db, "big")}
    assert final[done.number] == "current" and final[1] == "superseded"
    if phase == "index:1":
        assert final[2] == "failed"
        assert not list(index_dir.glob("v2-*")), "the leftover version's index file is removed"
        with db.session() as s:
            left = s.execute(
                select(func.count())
                .select_from(ListEntity)
                .where(ListEntity.version_id == svc.versions(db, "big")[1].id)
            ).scalar()
        assert left == 0
    assert len(_entity_ids(db, "big")) == done.entity_count
