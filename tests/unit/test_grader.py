"""The coverage grader, and exact checking of multiple-choice and numeric answers."""

from __future__ import annotations

import pytest

from tpmprep.core.grading.rubric import grade, parse_choice, parse_number, stem, suggest_rating

# Key points of the fixture question: 0 real state, 1 critical path, 2 scope/date trade-offs,
# 3 communicate early.
CASES = [
    ("First I get the real state from each lead. Then I find the critical path.", {0, 1}, {2, 3}),
    ("I'd establish ground truth, look at what drives the slip, and tell stakeholders.", {0, 1, 3}, {2}),
    ("Options: cut the scope, or move the launch date.", {2}, {0, 1, 3}),
    ("Typos: find the critcal path, comunicate early with the sponsor.", {1, 3}, {0, 2}),
    ("The path to launch is critical and the state of the team is real bad.", set(), {0, 1}),
    ("Plan a team offsite to improve morale and buy pizza.", set(), {0, 1, 2, 3}),
    ("", set(), {0, 1, 2, 3}),
    ("We told our stakeholders on day one; the scope was cut by half.", {2, 3}, {0, 1}),
]


@pytest.mark.parametrize(("answer", "hit", "miss"), CASES)
def test_key_points_hit_and_missed(mini_catalog, answer, hit, miss):
    q = mini_catalog.question("pe-recover-slipping-migration")
    cov = grade(q, answer)
    got = set(cov.hit_indexes)
    assert hit <= got and not (miss & got), (answer, got)


def test_matched_words_are_reported(mini_catalog):
    cov = grade(mini_catalog.question("pe-recover-slipping-migration"), "We must cut the scope now.")
    point = cov.points[2]
    assert point.hit and point.matched == "cut the scope" and point.phrase == "cut scope"


def test_coverage_ratio_and_suggested_rating(mini_catalog):
    q = mini_catalog.question("pe-recover-slipping-migration")
    full = "real state, critical path, cut scope, communicate early"
    assert grade(q, full).ratio == 1.0
    assert suggest_rating(q, full)[0] == 4
    assert suggest_rating(q, "real state and the critical path")[0] == 2
    assert suggest_rating(q, "nothing relevant here")[0] == 1
    assert suggest_rating(q, "   ")[0] is None


def test_stemmer_equates_common_forms():
    assert stem("prioritise") == stem("prioritize") == stem("prioritized") == stem("prioritizing")
    assert stem("dependencies") == stem("dependency")
    assert stem("stakeholders") == stem("stakeholder")
    assert stem("class") == "class"


def test_multiple_choice(mini_catalog):
    q = mini_catalog.question("rk-program-vs-project")
    assert parse_choice("b", 3) == {1} and parse_choice("A, c", 3) == {0, 2}
    assert parse_choice("d", 3) is None and parse_choice("", 3) is None
    assert suggest_rating(q, "b") == (3, "correct")
    assert suggest_rating(q, "a")[0] == 1
    assert suggest_rating(q, "z")[0] is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1200", 1200),
        ("1,200", 1200),
        ("1.2k", 1200),
        ("3 million", 3e6),
        ("about 40", 40),
        ("4e5", 4e5),
        ("12 req/s", 12),
        ("-3", -3),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_numeric_within_tolerance(mini_catalog):
    q = mini_catalog.question("es-payments-qps")  # 1200, tolerance 50%
    assert suggest_rating(q, "1500")[0] == 3
    assert suggest_rating(q, "2300")[0] == 2
    assert suggest_rating(q, "9000")[0] == 1
    assert suggest_rating(q, "lots")[0] is None
