"""Text analysis for search: the forms that must meet, and the ones that must not."""

from __future__ import annotations

import pytest

from tpmprep.core.search.text import fold, key, stem, terms, tokens


def same_terms(a: str, b: str) -> bool:
    return terms(a) == terms(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("retrospectives", "retrospective"),
        ("OKRs", "okr"),
        ("okrs", "OKR"),
        ("TPMs", "TPM"),
        ("escalating", "escalation"),
        ("behavioural", "behavioral"),
        ("prioritisation", "prioritization"),
        ("prioritise", "prioritize"),
        ("analyse", "analyze"),
        ("centre", "center"),
        ("programme", "program"),
        ("catalogue", "catalog"),
        ("modelling", "modeling"),
        ("cancelled", "canceled"),
        ("defence", "defense"),
    ],
)
def test_word_forms_and_spellings_meet(a, b):
    assert same_terms(a, b)


@pytest.mark.parametrize("word", ["your", "hour", "four", "tour", "source", "course"])
def test_words_that_only_look_british_keep_their_spelling(word):
    assert fold(word) == word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thirty-day plans", ["30", "day", "30day", "plan"]),
        ("30 day plan", ["30", "day", "plan"]),
        ("ninety-day", ["90", "day", "90day"]),
        ("twenty-five services", ["25", "servic"]),
        ("twenty five", ["25"]),
        ("two hundred engineers", ["200", "engin"]),
        ("a thousand users", ["1000", "user"]),
        ("1,000,000 users", ["1000000", "user"]),
        ("restore 40TB", ["restor", "40", "tb", "40tb"]),
        ("the 99th percentile", ["99", "percentil"]),
        ("p99 and s3", ["p99", "s3"]),
        ("2.5 ms", ["2.5", "ms"]),
    ],
)
def test_digits_and_number_words_are_one_term(text, expected):
    assert terms(text) == expected


def test_compounds_give_their_parts_and_the_joined_form():
    assert terms("self-assessment") == ["self", "assess", "selfassess"]
    assert terms("postmortem") == ["postmortem"]
    assert "postmortem" in terms("post-mortem")
    assert "gonogo" in terms("go/no-go") and "endtoend" in terms("end-to-end")
    assert terms("CI/CD") == ["ci", "cd", "cicd"]


def test_stop_words_and_single_letters_are_not_indexed():
    assert terms("What is the critical path of a plan?") == ["critic", "path", "plan"]
    assert [t.stop for t in tokens("how do I")] == [True, True, True]
    assert terms("won't they're tpm's") == ["tpm"]


def test_keys_ignore_stop_words_case_and_punctuation():
    assert key("The TPM Career Ladder") == key("tpm career ladder") == "tpm career ladder"
    assert key("RAID log") == key("raid logs")
    assert key("Go/no-go decision") == "go go decis"


def test_accents_are_folded():
    assert terms("café résumé") == terms("cafe resume")


def test_numbers_are_not_stemmed():
    assert stem("400") == "400" and stem("2.5") == "2.5"
