"""Pair scoring, feature by feature: names, birth date, country, identifiers, schema."""

from __future__ import annotations

from catchall.model.entity import Entity
from catchall.screening import DEFAULT_THRESHOLD, ScreeningIndex
from catchall.screening.scoring import compare_names, profile, score_pair, token_sim
from catchall.screening.text import normalize_name


def flat(_tok: str, _kind: int) -> float:
    return 1.0


def name_score(a: str, b: str, org: bool = False) -> float:
    return compare_names(normalize_name(a, org), normalize_name(b, org), org=org, weight=flat).score


def top(index: ScreeningIndex, name: str, schema: str = "LegalEntity") -> tuple[str, float, bool]:
    results = index.match_name(name, schema=schema)
    assert results, f"nothing found for {name!r}"
    return results[0].id, results[0].score, results[0].match


def test_identical_names_score_one_in_any_order() -> None:
    assert name_score("Rizwan Chopra", "Rizwan Chopra") == 1.0
    assert name_score("Chopra Rizwan", "Rizwan Chopra") == 1.0


def test_typos_cost_a_little() -> None:
    assert 0.8 < name_score("Ronad Logan Turner", "Ronald Logan Turner") < 1.0


def test_dropped_middle_name_costs_less_than_a_different_given_name() -> None:
    dropped = name_score("Feisal Khoury", "Feisal Othman Khoury")
    different = name_score("Ahmad Khoury", "Feisal Othman Khoury")
    assert dropped > DEFAULT_THRESHOLD > different


def test_initials_stand_for_the_names_they_begin() -> None:
    assert name_score("Markov Y.", "Yaroslav Markov") > DEFAULT_THRESHOLD
    assert name_score("Markov I.", "Yaroslav Markov") < DEFAULT_THRESHOLD


def test_split_and_joined_tokens_agree() -> None:
    assert name_score("Ri Myongpom", "Ri Myong Pom") > 0.9
    assert name_score("Magna Ium Makina", "Magnaium Makina", org=True) > 0.9


def test_romanisation_variants_are_near_equal() -> None:
    assert token_sim("muhammad", "mohammed") > 0.9
    assert token_sim("park", "pak") > 0.9
    assert token_sim("lee", "ri") > 0.9
    assert token_sim("gawrilow", "gavrilov") > 0.9
    assert token_sim("sajzew", "zaytsev") > 0.9


def test_chinese_given_names_differing_by_one_syllable_are_different() -> None:
    assert token_sim("feichen", "feichun") < 0.7
    assert name_score("Wang Feichen", "Wang Feichun") < DEFAULT_THRESHOLD


def test_feminine_surname_form_is_another_person() -> None:
    assert token_sim("subbotina", "subbotin") < 0.7


def test_contradicting_birth_date_and_country_lower_the_score() -> None:
    q = profile("Person", {"name": ["Graham Jerry Sanders"], "birthDate": ["1926-12-21"], "country": ["ua"]})
    c = profile("Person", {"name": ["Graham Jerry Sanders"], "birthDate": ["1941-03-02"], "country": ["gb"]})
    ps = score_pair(q, c, flat)
    assert ps is not None
    assert ps.features["name"] == 1.0
    assert ps.features["birthDate"] < 0 and ps.features["country"] < 0
    assert ps.score < DEFAULT_THRESHOLD
    assert "contradicts" in ps.explanation()["birthDate"]


def test_matching_birth_date_supports_the_match() -> None:
    q = profile("Person", {"name": ["John Smith"], "birthDate": ["1970-05-01"]})
    c = profile("Person", {"name": ["John Robert Smith"], "birthDate": ["1970-05-01"]})
    ps = score_pair(q, c, flat)
    assert ps is not None and ps.features["birthDate"] > 0
    assert "1970-05-01" in ps.explanation()["birthDate"]


def test_shared_identifier_is_decisive() -> None:
    q = profile("Person", {"name": ["I. Petroff"], "passportNumber": ["ab 123 4567"]})
    c = profile("Person", {"name": ["Ivan Petrov"], "passportNumber": ["AB1234567"]})
    ps = score_pair(q, c, flat)
    assert ps is not None and ps.score == 1.0
    assert "decisive" in ps.explanation()["identifier"]


def test_persons_never_match_companies() -> None:
    q = profile("Person", {"name": ["Nelson Trading"]})
    c = profile("Company", {"name": ["Nelson Trading GmbH"]})
    assert score_pair(q, c, flat) is None
    assert score_pair(profile("LegalEntity", {"name": ["Nelson Trading"]}), c, flat) is not None


def test_explanations_are_readable_per_feature(small_index: ScreeningIndex) -> None:
    m = small_index.match_name("Vladimir Putin", country="ru", schema="Person")[0]
    assert m.id == "p-putin" and m.match
    assert "putin=putin" in m.explanation["name"]
    assert "ru" in m.explanation["country"]
    body = m.to_json()
    assert {"id", "score", "match", "explanation", "list_version"} <= body.keys()
    assert body["list_version"] == "small-1"


def test_native_script_queries_find_latin_entries(small_index: ScreeningIndex) -> None:
    cases = {
        "Владимир Владимирович Путин": "p-putin",
        "Олександр Гнатюк": "p-hnatyuk",
        "김정은": "p-kim",
        "박정희": "p-park",
        "习近平": "p-xi",
        "毛泽东": "p-mao",
        "محمد عبد الرحمن": "p-rahman",
        "علی خامنه‌ای": "p-khamenei",
        "قاسم سلیمانی": "p-soleimani",
    }
    for query, expected in cases.items():
        eid, score, match = top(small_index, query, schema="Person")
        assert (eid, match) == (expected, True), (query, eid, score)
    eid, _, match = top(small_index, "АО Рособоронэкспорт", schema="Company")
    assert (eid, match) == ("o-rosob", True)


def test_german_romanised_query_finds_english_romanised_entry(small_index: ScreeningIndex) -> None:
    assert top(small_index, "Witalij Stanislawowitsch Sajzew", schema="Person")[::2] == ("p-zaytsev", True)


def test_country_names_and_codes_agree() -> None:
    q = profile("Person", {"name": ["Ivan Petrov"], "country": ["Russia"]})
    c = profile("Person", {"name": ["Ivan Petrov"], "nationality": ["RU"]})
    ps = score_pair(q, c, flat)
    assert ps is not None and ps.features["country"] > 0
    vague = profile("Person", {"name": ["Ivan Petrov"], "country": ["somewhere"]})
    ps = score_pair(vague, c, flat)
    assert ps is not None and "country" not in ps.features


def test_bracketed_acronyms_are_names_of_their_own() -> None:
    idx = ScreeningIndex.build(
        [Entity(id="irgc", schema="Organization", properties={"name": ["Islamic Revolutionary Guard Corps (IRGC)"]})],
        version="v",
        name="n",
    )
    assert [m.id for m in idx.match_name("IRGC", schema="Organization") if m.match] == ["irgc"]
    assert [m.id for m in idx.match_name("Islamic Revolutionary Guard Corps") if m.match] == ["irgc"]
