"""The index: retrieval without scanning, persistence, several lists at once, the dev-set targets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from catchall.errors import InvalidInput, NotFound
from catchall.model.entity import Entity
from catchall.screening import MultiIndex, ScreeningIndex, load_ftm_file


def test_save_and_load_round_trip(small_index: ScreeningIndex, tmp_path: Path) -> None:
    path = tmp_path / "small.npz"
    small_index.save(path)
    loaded = ScreeningIndex.load(path)
    assert (loaded.version, loaded.name, len(loaded)) == ("small-1", "small", len(small_index))
    assert loaded.get("p-putin").caption == "Vladimir Vladimirovich Putin"
    before = [(m.id, round(m.score, 6)) for m in small_index.match_name("Wladimir Putin", schema="Person")]
    after = [(m.id, round(m.score, 6)) for m in loaded.match_name("Wladimir Putin", schema="Person")]
    assert before == after


def test_the_saved_index_holds_no_pickle(small_index: ScreeningIndex, tmp_path: Path) -> None:
    path = tmp_path / "small.npz"
    small_index.save(path)
    with np.load(path, allow_pickle=False) as data:  # would raise if any member needed pickle
        assert {"meta", "postings", "offsets"} <= set(data.files)


def test_loading_something_else_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.npz"
    bogus.write_bytes(b"not an index")
    with pytest.raises(InvalidInput, match="not a catchall screening index"):
        ScreeningIndex.load(bogus)
    with pytest.raises(NotFound):
        ScreeningIndex.load(tmp_path / "missing.npz")


def test_get_unknown_entity_is_not_found(small_index: ScreeningIndex) -> None:
    with pytest.raises(NotFound, match="nope"):
        small_index.get("nope")


def test_duplicate_ids_are_refused() -> None:
    e = Entity(id="a", schema="Person", properties={"name": ["A B"]})
    with pytest.raises(InvalidInput, match="occurs twice"):
        ScreeningIndex.build([e, e], version="v")


def test_retrieval_reads_a_few_candidates_not_the_whole_list(dev_index: ScreeningIndex) -> None:
    from catchall.screening.scoring import profile

    prof = profile("Person", {"name": ["Rizwan Chopra"]})
    candidates = dev_index._candidates(prof)
    assert 0 < len(candidates) <= 10 < len(dev_index)


def test_multi_index_stamps_each_result_with_its_own_list() -> None:
    a = ScreeningIndex.build([Entity(id="a1", schema="Person", properties={"name": ["Ivan Petrov"]})], "2024-01", "un")
    b = ScreeningIndex.build([Entity(id="b1", schema="Person", properties={"name": ["Ivan Petrov"]})], "v7", "ofac")
    multi = ScreeningIndex.merge([a, b])
    assert isinstance(multi, MultiIndex)
    results = multi.match_name("Ivan Petrov", schema="Person")
    assert {(m.id, m.list_name, m.list_version) for m in results} == {("a1", "un", "2024-01"), ("b1", "ofac", "v7")}
    assert len(multi) == 2 and multi.get("b1").id == "b1"


def test_threshold_and_limit_are_honoured(dev_index: ScreeningIndex) -> None:
    loose = dev_index.match_name("Kim Chol", schema="Person", threshold=0.0, limit=3)
    assert len(loose) <= 3 and all(m.match for m in loose)
    strict = dev_index.match_name("Kim Chol", schema="Person", threshold=1.0)
    assert not any(m.match for m in strict if m.score < 1.0)


def test_load_ftm_file_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "list.ftm.jsonl"
    path.write_text(
        '{"id": "a", "schema": "Person", "properties": {"name": ["A B"]}}\n\n{"id": "b", "schema": \n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match=r"line 3: not valid JSON"):
        load_ftm_file(path)
    path.write_text('{"schema": "Person", "properties": {}}\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"line 1: entity has no 'id'"):
        load_ftm_file(path)
    path.write_text('{"id": "x", "properties": {"name": {"a": 1}}}\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"line 1"):
        load_ftm_file(path)
    with pytest.raises(InvalidInput, match="no such file"):
        load_ftm_file(tmp_path / "nothing.jsonl")


def test_build_from_file_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "list.ftm.jsonl"
    path.write_text('{"id": "a", "properties": {"name": ["A B"]}}\n[1]\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"line 2: expected a JSON object"):
        ScreeningIndex.build_from_file(path, "v")


def test_dev_set_meets_the_accuracy_targets(
    dev_index: ScreeningIndex, dev_queries: list[dict[str, object]], dev_dir: Path, tmp_path: Path
) -> None:
    """Recall >= 0.97 and precision >= 0.95 at the default threshold, scored by the set's own scorer."""
    results = tmp_path / "results.jsonl"
    with results.open("w", encoding="utf-8") as fh:
        for q in dev_queries:
            matches = dev_index.match(Entity.from_ftm(dict(q)), limit=5)
            fh.write(json.dumps({"query_id": q["id"], "matches": [m.to_json() for m in matches]}) + "\n")
    proc = subprocess.run(
        [sys.executable, str(dev_dir / "score.py"), str(dev_dir / "truth.jsonl"), str(results), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    overall = json.loads(proc.stdout)["OVERALL"]
    assert overall["recall"] >= 0.97, overall
    assert overall["precision"] >= 0.95, overall
