"""The application and denial-notification contracts: errors name the id and the field."""

from __future__ import annotations

from typing import Any

import pytest

from catchall.errors import InvalidInput
from catchall.model.application import parse_application, parse_denial
from catchall.policy.guidelines import FACTOR_LETTERS, load_guidelines

GOOD: dict[str, Any] = {
    "id": "A1",
    "date": "2011-01-01",
    "destination": "ae",
    "items": [{"kind": "other", "description": "x"}],
    "parties": [{"role": "end_user", "name": " Gulf FZE ", "country": "ae", "address": "Dubai"}],
}


def test_a_minimal_application_parses_with_defaults() -> None:
    app = parse_application(GOOD)
    assert app.destination == "AE"
    assert app.items[0]["id"] == "item1"  # positional id for items that have none
    assert app.parties[0].name == "Gulf FZE" and app.parties[0].country == "AE"
    assert app.parties[0].extras() == {"address": "Dubai"}
    assert not app.information.wmd_delivery and not app.assurances.government_to_government


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"destination": "Atlantis"}, "destination"),
        ({"date": "2011-13-01"}, "date"),
        ({"items": []}, "items"),
        ({"parties": [{"role": "broker", "name": "X"}]}, "parties[0].role"),
        ({"parties": [{"role": "end_user", "name": ""}]}, "parties[0].name"),
        ({"information": {"wmd_delivery": "perhaps"}}, "information.wmd_delivery"),
        ({"assurances": {"end_user": True}}, "assurances.end_user"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_application_names_id_and_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_application({**GOOD, **change}, source="cases.jsonl line 4:")
    assert "cases.jsonl line 4:" in err.value.message
    assert "'A1'" in err.value.message
    assert field in err.value.message


def test_application_without_id_says_so() -> None:
    with pytest.raises(InvalidInput, match="without id"):
        parse_application({k: v for k, v in GOOD.items() if k != "id"})


def test_denial_notification_validates_codes_and_countries() -> None:
    ok = {
        "id": "d1",
        "notifying_state": "it",
        "date": "2010-01-01",
        "destination": "AE",
        "end_user": {"name": "X", "country": "AE"},
        "entries": ["6.C.1"],
    }
    assert parse_denial(ok).notifying_state == "IT"
    with pytest.raises(InvalidInput, match="entries"):
        parse_denial({**ok, "entries": ["six-C-one"]})
    with pytest.raises(InvalidInput, match="end_user"):
        parse_denial({**ok, "end_user": {"country": "AE"}})
    with pytest.raises(InvalidInput, match=r"'d1'.*revoked"):
        parse_denial({**ok, "revoked": "soon"})


def test_guidelines_data_has_every_cited_paragraph_and_factor() -> None:
    g = load_guidelines()
    assert tuple(sorted(g.factors)) == FACTOR_LETTERS
    for para in ("1", "2", "3", "5", "6", "7"):
        assert g.para(para).summary and g.para(para).source


def test_denial_notification_from_a_partner_system_is_read_leniently() -> None:
    n = parse_denial(
        {
            "id": "d2",
            "notifying_state": "NL",
            "date": "2010-01-01",
            "destination": "MY",
            "end_user": "Peninsula Test Systems Sdn Bhd",
            "entries": "15.B.1",
            "reference": "NL/2010/17",
        }
    )
    assert n.end_user.name == "Peninsula Test Systems Sdn Bhd" and n.end_user.country is None
    assert n.entries == ["15.B.1"]
