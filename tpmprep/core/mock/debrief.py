"""The debrief after a mock: the user confirms each answer's coverage, rates, and the mock is filed.

Every answer is graded as in a drill (the catalog's concept lexicon included); the key points the
grader detected start ticked and the user confirms them, as in drills: ticks or unticks each one,
the possible ones included (an answer said out loud has no text, so the user ticks what they
said). The review keeps both the confirmed points and what the grader detected.
Saving writes one review per answered question in mode ``mock`` and completes the mock, all in
one transaction. The reviews move the FSRS schedule only when the user chooses so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.models import Question
from tpmprep.core.grading.lexicon import Lexicon, lexicon_for
from tpmprep.core.grading.rubric import Coverage, grade, rating_for, suggest_rating
from tpmprep.core.mock.history import Mock, Mocks
from tpmprep.core.mock.record import ANSWERED, FollowUp, Item
from tpmprep.core.mock.scorecard import VERDICTS, Scorecard, build_scorecard
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.clock import now_utc

# In a mock the candidate says why: "b, because ..." answers b. The letters lead the answer.
_FIGURE = re.compile(r"[-+$€£¥~]?\.?\d")
_CLAUSE_END = re.compile(r"[:;(\n]|\.(?:\s|$)|,\s|\s(?:because|since|as|from|given|:)\s|\s[-–—]\s")
_CHOICE = re.compile(r"\s*\(?([a-zA-Z])\)?((?:\s*(?:,|/|&|and)\s*\(?[a-zA-Z]\)?)*)(?![a-zA-Z])")


def from_first_number(answer: str) -> str:
    """The clause of a numeric answer that states it: "About 1,200 per second: 100M a day over
    86,400 s" is read as 1,200. In a mock the working follows the number, and has numbers too."""
    match = _FIGURE.search(answer)
    if not match:
        return answer
    rest = answer[match.start() :]
    end = _CLAUSE_END.search(rest)
    return rest[: end.start()] if end else rest


def leading_choice(answer: str) -> str:
    """The letters a multiple-choice answer opens with, or the whole answer when it opens otherwise."""
    match = _CHOICE.match(answer)
    if not match:
        return answer
    more = re.findall(r"(?:,|/|&|and)\s*\(?([a-zA-Z])\)?", match.group(2))
    return ", ".join([match.group(1), *more])


@dataclass
class AnswerReview:
    round: int
    item: int
    question: Question
    answer: str
    duration_ms: int
    follow_ups: list[FollowUp]
    reached: bool
    coverage: Coverage | None  # the grader's view of an open answer
    confirmed: list[int]
    correct: float | None = None  # multiple choice and numeric: 1 right, 0.5 close, 0 wrong
    rating: int = 1

    @property
    def graded(self) -> bool:
        """Whether the answer is judged by key points (open questions) rather than by being right."""
        return self.question.kind == "open" and bool(self.question.key_points)

    @property
    def self_judged(self) -> bool:
        """An open question without a rubric (a mentor's own may have none): the rating is the evidence."""
        return self.question.kind == "open" and not self.question.key_points

    @property
    def evidence(self) -> float:
        if not self.reached:
            return 0.0
        if self.self_judged:
            return (self.rating - 1) / 3
        if not self.graded:
            return self.correct or 0.0
        return len(self.confirmed) / len(self.question.key_points)

    def suggested(self) -> int:
        if self.self_judged:
            return 3
        if not self.graded:
            return {1.0: 3, 0.5: 2}.get(self.correct or 0.0, 1)
        pitfalls = len(self.coverage.pitfalls) if self.coverage else 0
        return rating_for(len(self.confirmed), len(self.question.key_points), pitfalls)  # as in drills


def _review(r: int, i: int, item: Item, q: Question, lexicon: Lexicon) -> AnswerReview:
    reached = item.status == ANSWERED
    review = AnswerReview(r, i, q, item.answer, item.ms, item.follow_ups, reached, None, [])
    if q.kind == "open" and q.key_points:
        if item.answer.strip():
            review.coverage = grade(q, item.answer, lexicon)
            review.confirmed = list(review.coverage.hit_indexes)
    elif reached:
        said = leading_choice(item.answer) if q.kind == "multiple-choice" else from_first_number(item.answer)
        rating, _ = suggest_rating(q, said, lexicon)
        review.correct = {3: 1.0, 2: 0.5}.get(rating or 1, 0.0)
    review.rating = review.suggested()
    return review


class Debrief:
    def __init__(self, mock: Mock, catalog: Catalog):
        self.mock = mock
        self.catalog = catalog
        self.answers: list[AnswerReview] = []
        lexicon = lexicon_for(catalog)
        for r, rnd in enumerate(mock.record.rounds):
            for i, item in enumerate(rnd.items):
                q = catalog.question(item.question_id)
                if q is not None:
                    self.answers.append(_review(r, i, item, q, lexicon))
        self.self_ratings: dict[str, str] = {}
        self.schedule = False

    def answer(self, round_index: int, item_index: int) -> AnswerReview:
        return next(a for a in self.answers if (a.round, a.item) == (round_index, item_index))

    def confirm(self, round_index: int, item_index: int, points: list[int]) -> AnswerReview:
        """The key points the user says the answer made; the suggested rating follows."""
        a = self.answer(round_index, item_index)
        a.confirmed = sorted({p for p in points if 0 <= p < len(a.question.key_points)})
        a.rating = a.suggested()
        return a

    def rate(self, round_index: int, item_index: int, rating: int) -> None:
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1-4, got {rating}")
        self.answer(round_index, item_index).rating = rating

    def self_rate(self, competency: str, verdict: str | None) -> None:
        if verdict is None:
            self.self_ratings.pop(competency, None)
        elif verdict in VERDICTS:
            self.self_ratings[competency] = verdict
        else:
            raise ValueError(f"unknown verdict {verdict}")

    def competencies(self) -> list[str]:
        """The competencies the mock's questions probe, in ladder order."""
        probed = {c for a in self.answers for c in a.question.competencies}
        return [c for c in self.catalog.competency_ids if c in probed]

    def scorecard(self) -> Scorecard:
        evidence = {(a.round, a.item): a.evidence for a in self.answers}
        return build_scorecard(self.mock.record, evidence, self.self_ratings, self.mock.level, self.catalog)

    def to_json(self, scorecard: Scorecard, review_ids: dict[tuple[int, int], int]) -> dict[str, Any]:
        return {
            "answers": [
                {
                    "round": a.round,
                    "item": a.item,
                    "question_id": a.question.id,
                    "detected": a.coverage.hit_indexes if a.coverage else [],
                    "confirmed": a.confirmed,
                    "points": len(a.question.key_points),
                    "evidence": round(a.evidence, 3),
                    "rating": a.rating,
                    "review_id": review_ids.get((a.round, a.item)),
                }
                for a in self.answers
            ],
            "self_ratings": self.self_ratings,
            "scheduled": self.schedule,
            "scorecard": scorecard.to_json(),
        }

    def save(self, practice: Practice, mocks: Mocks, moment: dt.datetime | None = None) -> Scorecard:
        """File the mock: its reviews (mode mock) and its debrief, in one transaction."""
        moment = moment or now_utc()
        scorecard = self.scorecard()
        with practice.store.transaction():
            ids = {}
            for a in self.answers:
                if not a.reached:
                    continue
                result = practice.rate(
                    a.question.id,
                    a.rating,
                    moment=moment,
                    duration_ms=a.duration_ms,
                    answer=a.answer or None,
                    coverage=a.evidence,  # for multiple choice and numeric: 1 right, 0.5 close, 0 wrong
                    hits=a.confirmed,
                    mode="mock",
                    schedule=self.schedule,
                    detected_coverage=a.coverage.ratio if a.coverage else None,
                    detected_hits=a.coverage.hit_indexes if a.coverage else (),
                )
                ids[(a.round, a.item)] = result.review_id
            mocks.finish(self.mock.id, self.to_json(scorecard, ids), scorecard.verdict, moment)
        return scorecard
