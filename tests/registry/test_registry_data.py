"""The shipped registry: MTCR partners with their dates, commitments as of a date, every state."""

from __future__ import annotations

from datetime import date

import pycountry
import pytest
from pydantic import ValidationError

from catchall.model.registry import Commitment
from catchall.registry import commitments, data, implementation, states

G7 = {"US", "GB", "FR", "DE", "IT", "JP", "CA"}


def test_thirty_five_partners_founded_by_the_g7_on_16_april_1987() -> None:
    partners = data.mtcr_partnerships()
    assert len(partners) == 35
    founders = {c.state for c in partners if c.since == date(1987, 4, 16)}
    assert founders == G7
    assert commitments.mtcr_partners(date(1987, 4, 15)) == []
    assert set(commitments.mtcr_partners(date(1987, 4, 16))) == G7


@pytest.mark.parametrize(
    ("state", "before", "after"),
    [
        ("BG", date(2003, 12, 31), date(2005, 1, 1)),
        ("KR", date(2000, 12, 31), date(2002, 1, 1)),
        ("IN", date(2016, 6, 26), date(2016, 6, 27)),
    ],
)
def test_partnership_starts_on_the_join_date(state: str, before: date, after: date) -> None:
    assert state not in commitments.mtcr_partners(before)
    assert state in commitments.mtcr_partners(after)


def test_norway_is_a_partner_not_a_yaml_boolean() -> None:
    assert "NO" in commitments.mtcr_partners(date(2000, 1, 1))


def test_partner_count_over_time_matches_the_record() -> None:
    # 33 partners at the 2003 Buenos Aires plenary, 34 from 2004 to 2016, 35 since India joined
    assert len(commitments.mtcr_partners(date(2003, 9, 19))) == 33
    assert len(commitments.mtcr_partners(date(2010, 1, 1))) == 34
    assert len(commitments.mtcr_partners(date(2020, 1, 1))) == 35


def test_every_record_has_a_source_and_imprecise_dates_are_uncertain() -> None:
    records = [
        *data.mtcr_partnerships(),
        *data.listed_commitments(),
        *data.implementation_facts(),
        *data.determinations(),
    ]
    assert all(r.source.strip() for r in records)
    for c in [*data.mtcr_partnerships(), *data.listed_commitments()]:
        if c.precision != "day":
            assert c.uncertain, c.id


def test_a_commitment_known_only_to_the_year_must_say_it_is_uncertain() -> None:
    with pytest.raises(ValidationError, match="must be uncertain"):
        Commitment(
            id="xx",
            state="FR",
            kind="pledge",
            instrument="x",
            effect="guidelines",
            since=date(1990, 1, 1),
            precision="year",
            source="s",
        )


def test_china_commitments_accumulate_over_time() -> None:
    def ids(on: date) -> list[str]:
        return [c.id for c in commitments.commitments_in_force("CN", on)]

    assert ids(date(1992, 1, 31)) == []
    assert ids(date(1992, 2, 1)) == ["cn-1992-mtcr-pledge"]
    assert "cn-1994-us-china-joint-statement" in ids(date(1995, 1, 1))
    assert "cn-2000-no-assistance-pledge" not in ids(date(2000, 11, 20))
    assert "cn-2000-no-assistance-pledge" in ids(date(2000, 11, 21))


def test_china_2002_missile_export_control_regulations_are_recorded() -> None:
    facts = implementation.facts("CN", as_of=date(2002, 8, 25))
    assert any(f.kind == "export_control_law" and f.since == date(2002, 8, 25) for f in facts)
    assert implementation.facts("CN", as_of=date(2002, 8, 24)) == []


def test_every_iso_country_is_a_state() -> None:
    all_states = states.all_states()
    assert len(all_states) == len(pycountry.countries)
    de = states.state("DEU")
    assert de.code == "DE" and de.member_of("MTCR", date(1987, 4, 16))
    assert not de.member_of("MTCR", date(1987, 4, 15))


def test_regime_filter_as_of_a_date() -> None:
    members = {s.code for s in states.all_states(as_of=date(1987, 5, 1), regime="MTCR")}
    assert members == G7


def test_hcoc_subscriptions_are_listed_but_are_not_transfer_commitments() -> None:
    hcoc = [c for c in commitments.shipped_book().of_state("FR") if c.kind == "hcoc_subscription"]
    if not hcoc:
        pytest.skip("HCOC subscription registry not present")
    assert hcoc[0].since >= commitments.HCOC_LAUNCH
    assert not hcoc[0].transfer_commitment


def test_unknown_state_is_named_in_the_error() -> None:
    from catchall.errors import InvalidInput

    with pytest.raises(InvalidInput, match="'Atlantis'"):
        states.normalise_state("Atlantis")
