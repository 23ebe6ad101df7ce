"""Normalisation: scripts, legal forms, noise words, Arabic name parts."""

from __future__ import annotations

import pytest

from catchall.screening.text import (
    consonants,
    display,
    from_german,
    normalize_name,
    pinyin_split,
    skeleton,
)


def plain(name: str, org: bool = False) -> list[str]:
    return [display(t) for t in normalize_name(name, org)]


def test_case_punctuation_and_diacritics_are_folded() -> None:
    assert plain("BOHEUNG ELECTRONICS CO., LTD.", org=True) == ["boheung", "electronics", "co", "ltd"]
    assert plain("Boreaora A.Ş.", org=True) == ["boreaora", "as"]


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Galavis Technologies S.A.R.L.", "sarl"),
        ("Galavis Technologies SARL", "sarl"),
        ("Coranet Systems Corporation", "corp"),
        ("Coranet Systems Corp", "corp"),
        ("Pyrasol Comercial Sociedad Limitada", "sl"),
        ("Pyrasol Comercial S.L.", "sl"),
        ("Stroyeksport Limited Liability Company", "llc"),
        ("Scientific Production Association Radiokholding", "npo"),
    ],
)
def test_legal_forms_are_canonicalised_for_organisations(variant: str, canonical: str) -> None:
    assert canonical in plain(variant, org=True)


def test_legal_forms_are_not_recognised_in_personal_names() -> None:
    assert plain("Sa Ok Hui") == ["sa", "ok", "hui"]


def test_honorifics_and_articles_are_dropped() -> None:
    assert plain("Mr. Zachary Fisher") == ["zachary", "fisher"]
    assert plain("The Chengdu Materials Co., Ltd.", org=True)[0] == "chengdu"


def test_hyphenated_given_names_join_and_arabic_articles_split() -> None:
    assert plain("So Ju-jong") == ["so", "jujong"]
    assert plain("Mariam al-Shami") == ["mariam", "al", "shami"]


def test_abd_prefix_is_one_spelling_however_written() -> None:
    for name in ("Abd al-Karim Haddad", "Abdul Karim Haddad", "Abdelkarim Haddad", "Abd-al-Karim Haddad"):
        assert plain(name)[:2] == ["abdul", "karim"], name
    assert plain("Abdullah Azzam") == ["abdullah", "azzam"]


def test_russian_and_ukrainian_cyrillic() -> None:
    assert plain("Михаил Горбачёв") == ["mikhail", "gorbachev"]
    assert plain("Олексій Їжак") == ["oleksiy", "yizhak"]  # Ukrainian letters switch the table


def test_hangul_uses_revised_romanization_surname_then_joined_given_name() -> None:
    assert plain("김정은") == ["gim", "jeongeun"]
    assert plain("최룡해") == ["choe", "ryonghae"]


def test_han_characters_become_pinyin_surname_then_given_name() -> None:
    assert plain("习近平") == ["xi", "jinping"]
    assert plain("张伟") == ["zhang", "wei"]


def test_arabic_script_tokens_keep_only_consonants() -> None:
    toks = normalize_name("محمد عبد الرحمن")
    assert [consonants(t) for t in toks] == ["mhmd", "bd", "rhmn"]
    assert consonants("muhammad") == consonants("mohamed") == "mhmd"
    assert consonants("khamenei") == consonants(normalize_name("خامنه‌ای")[0])


def test_skeleton_merges_romanisation_habits() -> None:
    assert skeleton("mikhail") == skeleton("mihail")
    assert skeleton("zhang") == skeleton("chang")
    assert skeleton("tsetung") == skeleton("zedong")
    assert skeleton("hsiao") == skeleton("xiao")
    assert skeleton("yoon") == skeleton("yun")


def test_german_romanisation_is_mapped_to_english_habits() -> None:
    assert from_german("sajzew") == "saytsev"
    assert from_german("stanislawowitsch") == "stanislavovich"
    assert from_german("orechow") == "orekhov"


def test_pinyin_given_names_split_into_syllables() -> None:
    assert pinyin_split("xiaoping") == ("xiao", "ping")
    assert pinyin_split("jinping") == ("jin", "ping")
    assert pinyin_split("johnson") is None


def test_a_legal_entity_may_be_a_person_with_a_title() -> None:
    assert plain_le("Mr. Zachary Fisher") == ["zachary", "fisher"]
    assert plain_le("General Trading Group LLC") == ["general", "trading", "group", "llc"]


def plain_le(name: str) -> list[str]:
    return [display(t) for t in normalize_name(name, True, True)]
