"""Column mapping and row validation: what becomes a query and what is reported as malformed."""

from __future__ import annotations

import pytest

from catchall.batch.records import ColumnMap, QueryRecord, RowError, check_date, ftm_record
from catchall.errors import InvalidInput


def test_default_columns_are_found_case_insensitively() -> None:
    mapper = ColumnMap().resolve(["ID", "Name", "Country", "DOB", "Passport"], "in.csv")
    rec = mapper.map(2, {"ID": "c-1", "Name": "Ivan Petrov", "Country": "ru", "DOB": "1970-01-02", "Passport": "X"})
    assert rec == QueryRecord(
        2, "c-1", "LegalEntity", {"name": ["Ivan Petrov"], "country": ["ru"], "birthDate": ["1970-01-02"]}
    )


def test_explicit_columns_map_to_ftm_properties() -> None:
    cols = ColumnMap(name="full_name", id="cust", identifier="passport", country="nat", schema="kind")
    mapper = cols.resolve(["cust", "full_name", "nat", "passport", "kind"], "in.csv")
    rec = mapper.map(5, {"cust": "7", "full_name": "Chen Wei", "nat": "cn", "passport": "E123", "kind": "individual"})
    assert isinstance(rec, QueryRecord)
    assert rec.record_id == "7"
    assert rec.schema == "Person"
    assert rec.properties == {"name": ["Chen Wei"], "country": ["cn"], "idNumber": ["E123"]}


def test_explicit_column_missing_from_header_names_it() -> None:
    with pytest.raises(InvalidInput, match=r"column 'full_name' \(for name\) not found; columns are: id, nom"):
        ColumnMap(name="full_name").resolve(["id", "nom"], "in.csv")


def test_no_name_column_is_an_error_before_any_work() -> None:
    with pytest.raises(InvalidInput, match="no name column"):
        ColumnMap().resolve(["id", "nom"], "in.csv")


def test_unknown_default_schema_is_rejected() -> None:
    with pytest.raises(InvalidInput, match="--schema 'Ship'"):
        ColumnMap(default_schema="Ship")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "1", "name": "  "}, "missing name"),
        ({"id": "", "name": "A B"}, "missing id"),
        ({"id": "1", "name": "A B", "birth_date": "02/01/1970"}, "bad birth date '02/01/1970'"),
        ({"id": "1", "name": "A B", "birth_date": "1970-02-30"}, "bad birth date '1970-02-30'"),
        ({"id": "1", "name": "A B", "schema": "Ship"}, "unknown schema 'Ship'"),
    ],
)
def test_malformed_rows_are_errors_with_their_row_number(row: dict[str, str], message: str) -> None:
    mapper = ColumnMap().resolve(list(row) + [c for c in ("birth_date", "schema") if c not in row], "in.csv")
    result = mapper.map(17, {"birth_date": "", "schema": "", **row})
    assert isinstance(result, RowError)
    assert result.row == 17
    assert message in result.message


def test_row_number_is_the_id_when_there_is_no_id_column() -> None:
    rec = ColumnMap().resolve(["name"], "in.csv").map(9, {"name": "Chen Wei"})
    assert isinstance(rec, QueryRecord) and rec.record_id == "9"


@pytest.mark.parametrize(
    ("value", "ok"),
    [("1970", True), ("1970-02", True), ("1970-02-28", True), ("1970-2-28", False), ("1970-13", False), ("70", False)],
)
def test_birth_dates_must_be_iso_and_exist(value: str, ok: bool) -> None:
    assert (check_date(value) is not None) is ok


def test_jsonl_rows_may_use_other_default_spellings_and_lists() -> None:
    mapper = ColumnMap().open_mapper()
    rec = mapper.map(3, {"name": ["Ivan Petrov", "I. Petrov"], "birthDate": "1970", "identifier": 12345.0})
    assert isinstance(rec, QueryRecord)
    assert rec.properties == {"name": ["Ivan Petrov", "I. Petrov"], "birthDate": ["1970"], "idNumber": ["12345"]}


def test_ftm_shaped_lines_are_screened_as_they_are() -> None:
    rec = ftm_record(4, {"id": "e1", "schema": "Person", "properties": {"name": ["Chen Wei"], "nationality": ["cn"]}})
    assert rec == QueryRecord(4, "e1", "Person", {"name": ["Chen Wei"], "nationality": ["cn"]})
    bad = ftm_record(5, {"id": "e2", "schema": "Person", "properties": {"name": ["X"], "birthDate": ["soon"]}})
    assert isinstance(bad, RowError) and "bad birth date" in bad.message
