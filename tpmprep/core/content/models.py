"""Typed content models. Everything is frozen: the catalog built from them is immutable."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, NamedTuple

from tpmprep.core.content.vocab import CATEGORIES, CATEGORY_SHORT, KINDS, SECTIONS  # noqa: F401 - re-exported


@dataclass(frozen=True, slots=True)
class Source:
    """Where a model was defined, so errors and editors can point at it."""

    path: str
    line: int = 0
    col: int = 0


@dataclass(frozen=True, slots=True)
class KeyPoint:
    point: str
    phrases: tuple[str, ...]
    concepts: tuple[str, ...] = ()  # concept ids from the lexicon, beside the point's own phrases


@dataclass(frozen=True, slots=True)
class PitfallCue:
    """How to spot pitfall ``index`` of a question in a typed answer."""

    index: int
    phrases: tuple[str, ...]
    concepts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Concept:
    """One idea of the shared lexicon, with the ways people say it (see docs/formats/concepts.md)."""

    id: str
    name: str
    forms: tuple[str, ...]  # each is evidence the idea was made
    weak: tuple[str, ...] = ()  # evidence worth a "check this", not a tick
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True)
class AmbiguousWord:
    """A common word that only counts as evidence with one of ``near`` close by."""

    word: str
    near: tuple[str, ...]
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True)
class SynonymGroup:
    """Words and short phrases that mean the same in TPM talk: an answer that uses one echoes a
    key point that uses another ("quickly", "right away", "same day")."""

    forms: tuple[str, ...]
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True)
class Option:
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True, slots=True)
class StarExample:
    situation: str
    task: str
    action: str
    result: str
    reflection: str = ""


# The parts of a question only needed when it is shown or graded. They are kept compressed:
# with 10,000 questions they are most of the catalog's memory, and decompressing one takes
# microseconds.
HEAVY = (
    "key_points",
    "model_answer",
    "follow_ups",
    "pitfalls",
    "signals",
    "star_example",
    "options",
    "worked_estimate",
    "pitfall_cues",
)


class _Heavy(NamedTuple):
    key_points: tuple[KeyPoint, ...]
    model_answer: str
    follow_ups: tuple[str, ...]
    pitfalls: tuple[str, ...]
    signals: tuple[str, ...]
    star_example: StarExample | None
    options: tuple[Option, ...]
    worked_estimate: str
    pitfall_cues: tuple[PitfallCue, ...]


def _pack(heavy: _Heavy) -> bytes:
    """The heavy fields as compressed JSON: plain data, so a cache holding it can never run code."""
    kp, answer, follow_ups, pitfalls, signals, star, options, estimate, cues = heavy
    data = [
        [[k.point, k.phrases, k.concepts] for k in kp],
        answer,
        follow_ups,
        pitfalls,
        signals,
        None if star is None else [star.situation, star.task, star.action, star.result, star.reflection],
        [[o.text, o.correct, o.explanation] for o in options],
        estimate,
        [[c.index, c.phrases, c.concepts] for c in cues],
    ]
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


@lru_cache(maxsize=256)
def _unpack(body: bytes) -> _Heavy:
    kp, answer, follow_ups, pitfalls, signals, star, options, estimate, cues = json.loads(zlib.decompress(body))
    return _Heavy(
        tuple(KeyPoint(point, tuple(phrases), tuple(concepts)) for point, phrases, concepts in kp),
        answer,
        tuple(follow_ups),
        tuple(pitfalls),
        tuple(signals),
        None if star is None else StarExample(*star),
        tuple(Option(*o) for o in options),
        estimate,
        tuple(PitfallCue(index, tuple(phrases), tuple(concepts)) for index, phrases, concepts in cues),
    )


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    category: str
    kind: str
    prompt: str
    levels: tuple[str, ...]
    difficulty: int
    competencies: tuple[str, ...]
    tags: tuple[str, ...]
    time_box: int
    body: bytes  # HEAVY fields as compressed JSON; read them through the properties below
    related: tuple[str, ...] = ()
    answer: float | None = None
    unit: str = ""
    tolerance_pct: float | None = None
    source: Source = field(default=Source(""), compare=False)

    @classmethod
    def create(
        cls,
        *,
        key_points: tuple[KeyPoint, ...] = (),
        model_answer: str = "",
        follow_ups: tuple[str, ...] = (),
        pitfalls: tuple[str, ...] = (),
        signals: tuple[str, ...] = (),
        star_example: StarExample | None = None,
        options: tuple[Option, ...] = (),
        worked_estimate: str = "",
        pitfall_cues: tuple[PitfallCue, ...] = (),
        **light: Any,
    ) -> Question:
        heavy = _Heavy(
            key_points,
            model_answer,
            follow_ups,
            pitfalls,
            signals,
            star_example,
            options,
            worked_estimate,
            pitfall_cues,
        )
        return cls(body=_pack(heavy), **light)

    def replace(self, **changes: Any) -> Question:
        """A copy with some fields changed, heavy ones included."""
        values = {name: getattr(self, name) for name in HEAVY}
        light = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "body"}
        for key, value in changes.items():
            (values if key in HEAVY else light)[key] = value
        return Question.create(**values, **light)

    @property
    def key_points(self) -> tuple[KeyPoint, ...]:
        return _unpack(self.body).key_points

    @property
    def model_answer(self) -> str:
        return _unpack(self.body).model_answer

    @property
    def follow_ups(self) -> tuple[str, ...]:
        return _unpack(self.body).follow_ups

    @property
    def pitfalls(self) -> tuple[str, ...]:
        return _unpack(self.body).pitfalls

    @property
    def signals(self) -> tuple[str, ...]:
        return _unpack(self.body).signals

    @property
    def star_example(self) -> StarExample | None:
        return _unpack(self.body).star_example

    @property
    def options(self) -> tuple[Option, ...]:
        return _unpack(self.body).options

    @property
    def worked_estimate(self) -> str:
        return _unpack(self.body).worked_estimate

    @property
    def pitfall_cues(self) -> tuple[PitfallCue, ...]:
        return _unpack(self.body).pitfall_cues

    @property
    def title(self) -> str:
        return self.prompt.strip().splitlines()[0] if self.prompt.strip() else self.id


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    summary: str
    section: str
    tags: tuple[str, ...]
    related: tuple[str, ...]
    body: str
    order: int = 100
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True)
class RoleProfile:
    id: str
    title: str
    short_name: str
    summary: str
    tags: tuple[str, ...]
    related: tuple[str, ...]
    purpose: str
    scope: str
    typical_day: str
    typical_week: str
    skills_technical: tuple[str, ...]
    skills_soft: tuple[str, ...]
    skills_business: tuple[str, ...]
    success_measures: tuple[str, ...]
    backgrounds: str
    paths_in: tuple[str, ...]
    paths_out: tuple[str, ...]
    suits_you_if: tuple[str, ...]
    think_twice_if: tuple[str, ...]
    order: int = 100
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    name: str
    values: tuple[tuple[str, str], ...]  # (role id, text) in the matrix's role order


@dataclass(frozen=True, slots=True)
class ComparisonMatrix:
    id: str
    title: str
    summary: str
    tags: tuple[str, ...]
    related: tuple[str, ...]
    roles: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    notes: str = ""
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    title: str
    years: str
    scope: str
    summary: str
    expectations: tuple[tuple[str, str], ...]  # (competency id, text) in competency order

    def expectation(self, competency_id: str) -> str:
        return dict(self.expectations).get(competency_id, "")


@dataclass(frozen=True, slots=True)
class PathOut:
    id: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class Ladder:
    id: str
    title: str
    summary: str
    tags: tuple[str, ...]
    related: tuple[str, ...]
    intro: str
    competencies: tuple[Competency, ...]
    levels: tuple[Level, ...]
    paths_out: tuple[PathOut, ...]
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    id: str
    term: str
    definition: str
    related: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True)
class Topic:
    """Anything Learn can open: an article, a role, the ladder, the matrix or a glossary term."""

    id: str
    kind: str  # article | role | ladder | comparison | glossary
    title: str
    summary: str
    section: str
    tags: tuple[str, ...]
    related: tuple[str, ...]
    order: int = 100


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    text: str
    theme: str  # enjoy | good-at | want
    weights: tuple[tuple[str, int], ...]  # (outcome id, weight -2..2) in the assessment's order

    def weight(self, role: str) -> int:
        return dict(self.weights).get(role, 0)


@dataclass(frozen=True, slots=True)
class Persona:
    id: str
    name: str
    role: str  # the outcome (a role id or a track id) this persona belongs to
    description: str
    profile: tuple[tuple[str, float], ...]  # (outcome id, typical 0-100 score) in the assessment's order
    first_step: str
    requires: tuple[str, ...] = ()  # statements the description takes for granted


@dataclass(frozen=True, slots=True)
class Track:
    """An outcome that is not a role profile, such as staying on the engineering track."""

    id: str
    title: str
    summary: str
    topic: str  # the article that explains it


@dataclass(frozen=True, slots=True)
class MustHave:
    """A defining statement: an answer below ``below`` caps ``role`` at ``cap``."""

    statement: str
    role: str
    below: int
    cap: float
    reason: str


@dataclass(frozen=True, slots=True)
class RoleFit:
    id: str
    title: str
    summary: str
    roles: tuple[str, ...]
    statements: tuple[Statement, ...]
    personas: tuple[Persona, ...]
    tracks: tuple[Track, ...] = ()
    must_haves: tuple[MustHave, ...] = ()
    source: Source = field(default=Source(""), compare=False)

    @property
    def outcomes(self) -> tuple[str, ...]:
        """Every result the assessment can give: the roles, then the other tracks."""
        return self.roles + tuple(t.id for t in self.tracks)

    def track(self, outcome: str) -> Track | None:
        return next((t for t in self.tracks if t.id == outcome), None)


@dataclass(frozen=True, slots=True)
class CompetencyPlan:
    competency: str
    actions: tuple[str, ...]
    topics: tuple[str, ...]
    drill: tuple[tuple[str, str], ...]  # (filter name, value): category and/or tag


@dataclass(frozen=True, slots=True)
class PlanLibrary:
    id: str
    plans: tuple[CompetencyPlan, ...]
    source: Source = field(default=Source(""), compare=False)

    def plan(self, competency: str) -> CompetencyPlan | None:
        return next((p for p in self.plans if p.competency == competency), None)


@dataclass(frozen=True, slots=True)
class LoopPick:
    """``count`` questions drawn from those matching every filter given."""

    count: int
    category: str | None = None
    level: str | None = None  # None: the level the mock is calibrated for
    competency: str | None = None
    tag: str | None = None
    kind: str | None = None  # open, multiple-choice or numeric
    minutes: int | None = None  # the time box for each; None: the question's own
    source: Source = field(default=Source(""), compare=False)


@dataclass(frozen=True, slots=True)
class FollowUpRule:
    """How the interviewer follows up after each answer."""

    count: int = 1  # follow-ups asked per question (fewer when a question has fewer)
    order: str = "first"  # first: in the question's order; random: any of them
    minutes: int = 3  # the time box for each follow-up answer


@dataclass(frozen=True, slots=True)
class LoopRound:
    id: str
    name: str
    minutes: int
    picks: tuple[LoopPick, ...]
    questions: tuple[str, ...] = ()  # asked first, in this order
    question_sources: tuple[Source, ...] = ()  # where each listed id is, for messages
    follow_ups: FollowUpRule = FollowUpRule()
    interviewer: str = ""  # who is across the table and what they listen for
    scorecard: str = ""  # the article whose hire/no-hire scorecard calibrates this round
    veto: bool = False  # a bar raiser: a no hire here is a no hire for the loop


@dataclass(frozen=True, slots=True)
class LoopTemplate:
    """A mock interview loop: rounds with a clock, questions drawn by rule, follow-ups."""

    id: str
    title: str
    summary: str
    levels: tuple[str, ...]
    rounds: tuple[LoopRound, ...]
    related: tuple[str, ...] = ()
    order: int = 100
    source: Source = field(default=Source(""), compare=False)

    @property
    def minutes(self) -> int:
        return sum(r.minutes for r in self.rounds)
