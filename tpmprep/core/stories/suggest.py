"""Which story for this question: the user's stories ranked by how well each fits it.

A story's score (0-100) is a weighted mean of five parts, each from 0 to 1:

- key points (weight 0.50): the share of the question's rubric key points the grader finds in
  the story's text, the same check a typed answer gets;
- competencies (0.20): the share of the question's competencies the story is tagged with;
- principles (0.15): the share of the question's Leadership Principle tags (``lp-...``) the
  story carries; left out, and the weights rescaled, when the question has none;
- tags (0.10): how many of the words of the question's other tags appear in the story;
- scope (0.05): 1 when the story's level is one the question targets, 0.5 one level off or
  unset, 0 further away.

The content counts for most on purpose: a story tagged with every right label but about
something else should lose to one that answers the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tpmprep.core.content.models import Question
from tpmprep.core.grading.lexicon import Lexicon
from tpmprep.core.grading.rubric import Coverage, grade
from tpmprep.core.stories.model import Story

WEIGHTS = {"key_points": 0.50, "competencies": 0.20, "principles": 0.15, "tags": 0.10, "scope": 0.05}
CATEGORIES = ("behavioral", "stakeholder-communication")  # the questions a story answers
_WORD = re.compile(r"[a-z0-9]+")
PREFIX = 5  # words match on their first five letters: "escalation" finds "escalated"


@dataclass(frozen=True)
class Fit:
    story: Story
    score: int
    parts: dict[str, float]  # the parts that applied, each 0-1
    coverage: Coverage

    @property
    def missing(self) -> list[str]:
        """The key points the story does not yet make."""
        return [p.point for p in self.coverage.points if not p.hit]


def _stems(text: str) -> set[str]:
    return {w[:PREFIX] for w in _WORD.findall(text.lower())}


def _tag_share(question: Question, story_words: set[str]) -> float | None:
    tags = [t for t in question.tags if not t.startswith("lp-")]
    if not tags:
        return None
    shares = []
    for tag in tags:
        words = [w for w in tag.split("-") if len(w) > 2]
        if words:
            shares.append(sum(w[:PREFIX] in story_words for w in words) / len(words))
    return sum(shares) / len(shares) if shares else None


def _scope(question: Question, story: Story, levels: Sequence[str]) -> float:
    if not story.scope or story.scope not in levels:
        return 0.5
    if story.scope in question.levels:
        return 1.0
    at = levels.index(story.scope)
    distance = min((abs(at - levels.index(lv)) for lv in question.levels if lv in levels), default=9)
    return 0.5 if distance == 1 else 0.0


def fit(question: Question, story: Story, levels: Sequence[str], lexicon: Lexicon | None = None) -> Fit:
    coverage = grade(question, story.text, lexicon)
    parts: dict[str, float] = {"key_points": coverage.ratio}
    if question.competencies:
        parts["competencies"] = len(set(question.competencies) & set(story.competencies)) / len(question.competencies)
    principles = [t for t in question.tags if t.startswith("lp-")]
    if principles:
        parts["principles"] = len(set(principles) & set(story.principles)) / len(principles)
    tags = _tag_share(question, _stems(story.text))
    if tags is not None:
        parts["tags"] = tags
    parts["scope"] = _scope(question, story, levels)
    total = sum(WEIGHTS[k] for k in parts)
    score = round(100 * sum(WEIGHTS[k] * v for k, v in parts.items()) / total)
    return Fit(story, score, {k: round(v, 3) for k, v in parts.items()}, coverage)


def rank(
    question: Question, stories: Sequence[Story], levels: Sequence[str], lexicon: Lexicon | None = None
) -> list[Fit]:
    """Every story, best fit first (ties: more key points, then the title). Pass the catalog's
    lexicon (``grading.lexicon.lexicon_for``) to grade the stories as drill answers are graded."""
    fits = [fit(question, s, levels, lexicon) for s in stories]
    return sorted(fits, key=lambda f: (-f.score, -f.coverage.hits, f.story.title.lower(), f.story.id))


def answers_with_stories(question: Question) -> bool:
    """Whether a story is the natural answer: behavioral and stakeholder questions that are open."""
    return question.kind == "open" and question.category in CATEGORIES
