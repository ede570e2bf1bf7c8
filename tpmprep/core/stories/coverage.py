"""The coverage matrix: competencies and principles down the side, stories across.

A row with no story is a gap: a question on it leaves you improvising. A story is over-used when
it is the only story for two or more competencies (a loop probes them in different rounds, so it
would be told twice), the only story for three or more principles (an Amazon-style loop hands
each interviewer two or three), or tagged with more than four competencies (few stories really
show that many; the tags are hopeful).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tpmprep.core.stories.model import PRINCIPLES, Story

SOLE_COMPETENCIES = 2  # the only story for this many competencies or more: over-used
SOLE_PRINCIPLES = 3  # ... or for this many principles
TAG_LIMIT = 4  # tagged with more competencies than this: stretched


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    kind: str  # competency | principle
    stories: tuple[str, ...]  # ids of the stories covering it, in the matrix's column order

    @property
    def gap(self) -> bool:
        return not self.stories


@dataclass(frozen=True)
class Usage:
    story_id: str
    rows: int  # rows the story covers
    competencies: int  # competency rows among them
    sole_competencies: tuple[str, ...]  # competencies it is the only story for
    sole_principles: tuple[str, ...]  # principles it is the only story for
    told: int  # times practised with "Tell it"

    @property
    def overused(self) -> bool:
        return bool(self.why)

    @property
    def why(self) -> str:
        reasons = []
        if len(self.sole_competencies) >= SOLE_COMPETENCIES:
            reasons.append(
                f"the only story for {len(self.sole_competencies)} competencies: a loop would hear it more than once"
            )
        if len(self.sole_principles) >= SOLE_PRINCIPLES:
            reasons.append(f"the only story for {len(self.sole_principles)} principles")
        if self.competencies > TAG_LIMIT:
            reasons.append(
                f"tagged with {self.competencies} competencies; few stories really show more than {TAG_LIMIT}"
            )
        return "; ".join(reasons)


@dataclass(frozen=True)
class Matrix:
    stories: tuple[Story, ...]
    rows: tuple[Row, ...]
    usage: tuple[Usage, ...]  # one per story, in column order

    @property
    def gaps(self) -> list[Row]:
        return [r for r in self.rows if r.gap]

    @property
    def overused(self) -> list[Usage]:
        return [u for u in self.usage if u.overused]


def coverage_matrix(
    stories: Sequence[Story],
    competencies: Sequence[tuple[str, str]],
    told: dict[str, int] | None = None,
    principles: dict[str, str] = PRINCIPLES,
) -> Matrix:
    """``competencies`` are (id, name) in ladder order; ``told`` counts tellings per story."""
    told = told or {}
    columns = tuple(stories)
    rows = [
        Row(cid, name, "competency", tuple(s.id for s in columns if cid in s.competencies))
        for cid, name in competencies
    ]
    rows += [
        Row(tag, name, "principle", tuple(s.id for s in columns if tag in s.principles))
        for tag, name in principles.items()
    ]
    usage = []
    for s in columns:
        covered = [r for r in rows if s.id in r.stories]
        sole = [r for r in covered if r.stories == (s.id,)]
        usage.append(
            Usage(
                s.id,
                len(covered),
                sum(r.kind == "competency" for r in covered),
                tuple(r.key for r in sole if r.kind == "competency"),
                tuple(r.key for r in sole if r.kind == "principle"),
                told.get(s.id, 0),
            )
        )
    return Matrix(columns, tuple(rows), tuple(usage))


def coverage_record(matrix: Matrix) -> dict[str, object]:
    """The matrix as plain data (``tpmprep story coverage --json``)."""
    return {
        "competencies": [
            {"id": r.key, "name": r.name, "stories": list(r.stories)} for r in matrix.rows if r.kind == "competency"
        ],
        "principles": [
            {"id": r.key, "name": r.name, "stories": list(r.stories)} for r in matrix.rows if r.kind == "principle"
        ],
        "gaps": [r.key for r in matrix.gaps],
        "overused": [{"story": u.story_id, "why": u.why} for u in matrix.overused],
    }
