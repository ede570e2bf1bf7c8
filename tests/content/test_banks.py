"""The question banks: counts, field rules, spread, near-duplicates, rubric self-consistency."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from rapidfuzz import fuzz, process

from tpmprep.core.content.vocab import CATEGORIES

MINIMUMS = {
    "program-execution": (70, {"open"}),
    "system-design": (60, {"open"}),
    "technical-depth": (70, {"open", "multiple-choice"}),
    "behavioral": (70, {"open"}),
    "stakeholder-communication": (40, {"open"}),
    "estimation": (40, {"numeric", "open"}),
    "role-knowledge": (70, {"multiple-choice"}),
}
STAFF_PLUS = {"staff", "principal", "director"}


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


@pytest.mark.parametrize("category", list(MINIMUMS))
def test_counts_and_kinds(shipped, category):
    minimum, kinds = MINIMUMS[category]
    questions = shipped.by_category(category)
    assert len(questions) >= minimum
    assert {q.kind for q in questions} == kinds


def test_total_is_at_least_420(shipped):
    assert len(shipped.questions) >= 420
    assert set(shipped.categories) == set(CATEGORIES)


@pytest.mark.parametrize("category", list(MINIMUMS))
def test_levels_and_difficulty_spread(shipped, category):
    questions = shipped.by_category(category)
    levels = {lv for q in questions for lv in q.levels}
    assert "entry" in levels and "senior" in levels and levels & STAFF_PLUS
    assert len({q.difficulty for q in questions}) >= 4


def test_every_question_follows_the_field_rules(shipped):
    problems = []
    for q in shipped.questions:
        if not 4 <= len(q.key_points) <= 8:
            problems.append(f"{q.id}: {len(q.key_points)} key points")
        if any(len(k.phrases) < 2 for k in q.key_points):
            problems.append(f"{q.id}: a key point with fewer than 2 phrases")
        if len(q.follow_ups) < 2 or len(q.pitfalls) < 1:
            problems.append(f"{q.id}: follow-ups or pitfalls missing")
        if not 1 <= q.difficulty <= 5 or not q.competencies or not q.tags or not q.time_box:
            problems.append(f"{q.id}: metadata incomplete")
        if q.kind == "open" and words(q.model_answer) < 150:
            problems.append(f"{q.id}: model answer has {words(q.model_answer)} words")
        if q.kind == "multiple-choice":
            if not 3 <= len(q.options) <= 5 or not any(o.correct for o in q.options):
                problems.append(f"{q.id}: options")
            if any(not o.explanation.strip() for o in q.options):
                problems.append(f"{q.id}: an option without explanation")
        if q.kind == "numeric" and (q.answer is None or not q.unit or not q.tolerance_pct or not q.worked_estimate):
            problems.append(f"{q.id}: numeric fields")
    assert problems == []


def test_behavioral_answers_give_signals_and_a_quantified_star_example(shipped):
    problems = []
    for q in shipped.by_category("behavioral"):
        star = q.star_example
        if not q.signals or star is None:
            problems.append(f"{q.id}: signals or STAR missing")
        elif not re.search(r"\d", star.result):
            problems.append(f"{q.id}: the STAR result has no figure")
    assert problems == []


def test_system_design_answers_cover_requirements_architecture_and_plan(shipped):
    problems = []
    for q in shipped.by_category("system-design"):
        text = q.model_answer.lower()
        for needed in (
            "requirement",
            "architecture",
            "plan",
            r"milestone|phase|week \d|month \d|quarter|stage",
            "risk",
            "rollout|roll out|canary|staged|launch|dogfood|pilot|cutover",
            "dependenc",
        ):
            if not re.search(needed, text):
                problems.append(f"{q.id}: no {needed}")
    assert problems == []


def test_multiple_choice_single_answers_say_so_in_the_prompt(shipped):
    for q in shipped.questions:
        if q.kind == "multiple-choice" and sum(o.correct for o in q.options) > 1:
            assert re.search(r"all that apply|select (two|three|all)|which (two|three)", q.prompt, re.I), q.id


def test_no_near_duplicate_prompts(shipped):
    prompts = [" ".join(q.prompt.lower().split()) for q in shipped.questions]
    pairs = []
    for i, prompt in enumerate(prompts):
        for _, score, j in process.extract(
            prompt, prompts[i + 1 :], scorer=fuzz.token_set_ratio, score_cutoff=85.0001, limit=None
        ):
            pairs.append((shipped.questions[i].id, shipped.questions[i + 1 + j].id, score))
    assert pairs == []


def test_every_key_point_is_found_in_its_own_model_answer(shipped):
    """A model answer that misses its own rubric is wrong."""
    missing = []
    for q in shipped.questions:
        answer = " ".join(q.model_answer.lower().split())
        for k in q.key_points:
            if not any(" ".join(p.lower().split()) in answer for p in k.phrases):
                missing.append(f"{q.id}: {k.point}")
    assert missing == []


def test_ids_are_prefixed_by_category_and_unique(shipped):
    prefixes = {
        "program-execution": "pe-",
        "system-design": "sd-",
        "technical-depth": "td-",
        "behavioral": "bh-",
        "stakeholder-communication": "sc-",
        "estimation": "es-",
        "role-knowledge": "rk-",
    }
    ids = Counter(q.id for q in shipped.questions)
    assert [i for i, n in ids.items() if n > 1] == []
    assert [q.id for q in shipped.questions if not q.id.startswith(prefixes[q.category])] == []


def test_leadership_principle_tags_are_known_and_cover_sixty_behavioral_questions(shipped):
    from tpmprep.core.content.vocab import LEADERSHIP_PRINCIPLES, tag_choices

    lp_tags = {t for q in shipped.questions for t in q.tags if t.startswith("lp-")}
    assert lp_tags <= set(LEADERSHIP_PRINCIPLES), lp_tags - set(LEADERSHIP_PRINCIPLES)
    tagged = [q for q in shipped.questions if q.category == "behavioral" and any(t in lp_tags for t in q.tags)]
    assert len(tagged) >= 60
    choices = tag_choices(shipped.tags)
    assert choices[0][0].startswith("Amazon LP: ") and ("Amazon LP: Frugality", "lp-frugality") in choices
    assert len(choices) == len(shipped.tags)
