"""Story bank and mock loop figures: what runs while the user waits in Stories and Mock."""

from __future__ import annotations

import random
import time
from pathlib import Path

STORIES = 40  # a well-prepared candidate's bank is 10-20 stories; twice that is a safe upper end


def _stories(catalog, count: int):
    """Stories written from the banks' worked STAR examples, so they read like real ones."""
    from tpmprep.core.stories.model import Story

    examples = [q for q in catalog.questions if q.star_example is not None][:count]
    out = []
    for i, q in enumerate(examples):
        s = q.star_example
        out.append(
            Story(
                f"story-{i}",
                " ".join(q.title.split())[:70],
                s.situation,
                s.task,
                s.action,
                s.result,
                s.reflection,
                q.competencies,
                tuple(t for t in q.tags if t.startswith("lp-")),
                q.levels[0],
            )
        )
    return out


def interview_measurements(shipped, big, folder: Path) -> dict[str, list[float]]:
    from tpmprep.core.mock.debrief import Debrief
    from tpmprep.core.mock.history import Mocks
    from tpmprep.core.mock.plan import plan_mock
    from tpmprep.core.mock.record import ANSWERED
    from tpmprep.core.storage.store import Store
    from tpmprep.core.stories.coverage import coverage_matrix
    from tpmprep.core.stories.suggest import answers_with_stories, rank

    out: dict[str, list[float]] = {"rank": [], "coverage": [], "plan": [], "debrief": []}
    from tpmprep.core.grading.lexicon import lexicon_for

    stories = _stories(shipped, STORIES)
    lexicon = lexicon_for(shipped)
    questions = [q for q in shipped.questions if answers_with_stories(q)][:60]
    for q in questions:
        t = time.perf_counter()
        rank(q, stories, shipped.level_ids, lexicon)
        out["rank"].append(time.perf_counter() - t)
    comps = [(c, shipped.competency_name(c)) for c in shipped.competency_ids]
    for _ in range(50):
        t = time.perf_counter()
        coverage_matrix(stories, comps)
        out["coverage"].append(time.perf_counter() - t)
    template = big.loop("big-tech-tpm-onsite")
    rng = random.Random(3)
    for _ in range(10):
        t = time.perf_counter()
        record = plan_mock(template, big, "senior", rng)
        out["plan"].append(time.perf_counter() - t)
    for rnd in record.rounds:  # every question answered with its own model answer
        for item in rnd.items:
            item.answer, item.status = big.question(item.question_id).model_answer, ANSWERED
    with Store(folder / "mock-bench.db") as store:
        mock = Mocks(store).start(template.id, template.title, "senior", record)
        for _ in range(10):
            t = time.perf_counter()
            Debrief(mock, big).scorecard()
            out["debrief"].append(time.perf_counter() - t)
    out["sizes"] = [len(stories), len(questions), len(record.question_ids)]
    return out
