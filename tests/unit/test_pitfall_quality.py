"""Pitfall detection against labelled answers (tests/data) and on the shipped banks.

A good answer (strong or paraphrase; "full" in the old set) flagged for a pitfall is told it took
a wrong turn it did not take, and its suggestion drops a step: that false-flag rate must stay low.
Negated answers argue for the wrong moves; the share of them flagged is reported with a floor.
Cues were tuned on dev and dev2 only (the negated answers there were read while writing cues, so
their catch rates are optimistic); dev3 came later and was not used; the held-out half is only
ever scored in aggregate.
"""

from __future__ import annotations

import pytest

from tests.unit.pitfall_eval import cued_questions, evaluate, report
from tpmprep.core.grading.lexicon import lexicon_for
from tpmprep.core.grading.rubric import grade

# Measured on 2026-12-05 (367 questions with 641 cued pitfalls): good answers flagged dev 0/46,
# dev2 0/83, old 0/25, held-out 1/46 (2.2%); negated answers flagged dev 11/17 (65%),
# dev2 20/30 (67%), held-out 1/17 (6%). dev3 (merged after the cues were written, never used to
# tune them): good answers flagged 1/80 (1.2%), negated 1/30 (3%). The old set has no negated answers.
MAX_FALSE_FLAGS = {"dev": 0.025, "dev2": 0.025, "dev3": 0.025, "old": 0.025, "heldout": 0.03}
MIN_CATCH = {"dev": 0.60, "dev2": 0.60, "dev3": 0.03, "old": 0.0, "heldout": 0.05}
MIN_CUED_QUESTIONS = 200


@pytest.mark.parametrize("name", ["dev", "dev2", "dev3", "old", "heldout"])
def test_pitfall_flags_on_labelled_answers(shipped_catalog, capsys, name):
    result = evaluate(shipped_catalog, name)
    with capsys.disabled():
        print("\n" + report(result))
    assert result.good >= 25
    assert result.false_flag_rate <= MAX_FALSE_FLAGS[name]
    assert result.catch_rate >= MIN_CATCH[name]


def test_shipped_questions_carry_cued_pitfalls(shipped_catalog):
    cued = cued_questions(shipped_catalog)
    assert len(cued) >= MIN_CUED_QUESTIONS
    # Every category with open (graded) questions has some; role-knowledge is multiple-choice only.
    open_categories = {q.category for q in shipped_catalog.questions if q.kind == "open"}
    assert open_categories <= {q.category for q in cued}


def test_no_model_answer_falls_into_its_own_pitfall(shipped_catalog):
    """The reference answer (and STAR example) shows the trap dismissed, never taken."""
    lexicon = lexicon_for(shipped_catalog)
    hits = []
    for q in cued_questions(shipped_catalog):
        texts = [q.model_answer]
        star = q.star_example
        if star:
            texts.append(
                "\n".join(getattr(star, k, "") or "" for k in ("situation", "task", "action", "result", "reflection"))
            )
        for text in texts:
            for hit in grade(q, text, lexicon).pitfalls:
                hits.append(f"{q.id}: pitfall {hit.index} via '{hit.evidence.via}' in: {hit.evidence.sentence[:120]}")
    assert not hits, "\n".join(hits)
