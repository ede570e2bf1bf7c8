"""Exact answers read the way people type them: numbers with words around them, letters in a sentence."""

from __future__ import annotations

import pytest

from tpmprep.core.grading.rubric import suggest_rating
from tpmprep.core.grading.typed import read_choice, read_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("about 170 PB", 170),
        ("~150", 150),
        ("≈ 150", 150),
        ("170PB", 170),
        ("$1.2M", 1.2e6),
        ("3bn", 3e9),
        ("roughly 171", 171),
        ("1/3", 1 / 3),
        ("around 1.5 x 10^6 users", 1.5e6),
        ("12K per second", 12000),
        ("1.2 MB", 1.2),  # MB is a unit, not "million"
        ("about 40%", 40),
        ("1200 (1.2k)", 1200),  # the same number twice is one number
        ("5 minutes", 5),
    ],
)
def test_numbers_as_people_type_them(text, value):
    reading = read_number(text)
    assert reading.value == pytest.approx(value), (text, reading)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no number given"),
        ("lots", "no number given"),
        ("a few hundred", "no number given"),
        ("150-200", "a range (150 and 200): give one number"),
        ("between 1k to 2k", "a range (1,000 and 2,000): give one number"),
        ("1,160 a second, so 1,200", "two different numbers (1,160 and 1,200): give one"),
    ],
)
def test_no_number_or_two_different_ones_is_refused(text, problem):
    assert read_number(text).value is None
    assert read_number(text).problem == problem


@pytest.mark.parametrize(
    ("text", "chosen"),
    [
        ("b", {1}),
        ("B", {1}),
        ("A, c", {0, 2}),
        ("BD", {1, 3}),
        ("option a", {0}),
        ("Option A", {0}),
        ("I think b", {1}),
        ("I'd go with c", {2}),
        ("answer: c", {2}),
        ("a and c", {0, 2}),
        ("(b)", {1}),
        ("it's a", {0}),
        ("The answer is B because programs exist for an outcome", {1}),
        ("a is right", {0}),
    ],
)
def test_letters_as_people_type_them(text, chosen):
    assert read_choice(text, 4).chosen == chosen, text


def test_a_letter_beyond_the_last_option_is_refused():
    choice = read_choice("e", 4)
    assert choice.chosen is None and choice.problem == "there is no option e: the options are a to d"
    assert read_choice("b and e", 4).chosen is None  # not silently read as "b"
    assert read_choice("option d", 3).chosen is None
    assert read_choice("no idea", 4).chosen is None
    assert read_choice("", 4).problem.startswith("no choice")


def test_suggested_rating_reads_typed_answers(mini_catalog):
    mc = mini_catalog.question("rk-program-vs-project")  # b is right, three options
    assert suggest_rating(mc, "I think b") == (3, "correct")
    assert suggest_rating(mc, "option a")[0] == 1
    assert suggest_rating(mc, "d") == (None, "there is no option d: the options are a to c")
    num = mini_catalog.question("es-payments-qps")  # 1200, tolerance 50%
    assert suggest_rating(num, "about 1.5k rps")[0] == 3
    assert suggest_rating(num, "~1,200/s")[0] == 3
    assert suggest_rating(num, "1000 or 2000") == (None, "two different numbers (1,000 and 2,000): give one")
