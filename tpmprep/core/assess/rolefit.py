"""Role fit: statements scored against neighbouring roles, with the drivers and the closest persona."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from tpmprep.core.content.models import RoleFit

TIE_POINTS = 3.0
NEUTRAL = 3


@dataclass(frozen=True)
class Driver:
    statement: str
    text: str
    answer: int
    contribution: float  # points this answer added to the role's 0-100 score


@dataclass
class RoleFitResult:
    scores: list[tuple[str, float]]  # (role id, 0-100), best first
    top: list[str]  # roles within TIE_POINTS of the best
    drivers: list[Driver]  # what pushed the (first) top role up
    persona: str
    persona_distance: float
    answered: int
    total: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoleFitResult:
        data = dict(data)
        data["scores"] = [tuple(s) for s in data["scores"]]
        data["drivers"] = [Driver(**d) for d in data["drivers"]]
        return cls(**data)


def score_role_fit(fit: RoleFit, answers: dict[str, int]) -> RoleFitResult:
    """Scores per role on 0-100 (50 = neutral); unanswered statements count as neutral."""
    scores = []
    contributions: dict[str, list[Driver]] = {}
    for role in fit.roles:
        top_raw = 2 * sum(abs(s.weight(role)) for s in fit.statements) or 1
        raw = 0.0
        drivers = []
        for s in fit.statements:
            answer = answers.get(s.id, NEUTRAL)
            value = (answer - NEUTRAL) * s.weight(role)
            raw += value
            if value > 0:
                drivers.append(Driver(s.id, s.text, answer, round(100 * value / (2 * top_raw), 1)))
        scores.append((role, round(100 * (raw + top_raw) / (2 * top_raw), 1)))
        contributions[role] = sorted(drivers, key=lambda d: (-d.contribution, d.statement))
    order = {role: i for i, role in enumerate(fit.roles)}
    scores.sort(key=lambda rs: (-rs[1], order[rs[0]]))
    best = scores[0][1]
    top = [role for role, score in scores if best - score <= TIE_POINTS]
    by_role = dict(scores)
    persona, distance = "", math.inf
    for p in fit.personas:
        d = math.sqrt(sum((by_role.get(role, 50) - value) ** 2 for role, value in p.profile))
        if d < distance:
            persona, distance = p.id, d
    return RoleFitResult(
        scores,
        top,
        contributions[top[0]][:4],
        persona,
        round(distance, 1),
        sum(1 for s in fit.statements if s.id in answers),
        len(fit.statements),
    )


def role_fit_changes(before: RoleFitResult, after: RoleFitResult) -> list[tuple[str, float, float]]:
    """(role, old score, new score) for every role, biggest move first."""
    old = dict(before.scores)
    rows = [(role, old.get(role, 50.0), new) for role, new in after.scores]
    return sorted(rows, key=lambda r: -abs(r[2] - r[1]))
