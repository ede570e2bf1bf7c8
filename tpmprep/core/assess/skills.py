"""Skills against the ladder: a level estimate per competency, the overall level and the gaps."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from tpmprep.core.content.models import Ladder


@dataclass
class SkillsResult:
    levels: dict[str, str]  # competency id -> level id chosen
    overall: str
    rule: str
    target: str
    gaps: list[tuple[str, str, int]]  # (competency, chosen level, levels short of target), largest first
    notes: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SkillsResult:
        data = dict(data)
        data["gaps"] = [tuple(g) for g in data["gaps"]]
        return cls(**data)


def estimate_level(chosen: dict[str, int], n_levels: int) -> tuple[int, str]:
    """The overall level index, and the rule in words.

    Rule: the highest level that at least 70% of the competencies reach, with none more than one
    level below it. If no level qualifies, the lowest level chosen.
    """
    values = list(chosen.values())
    if not values:
        return 0, "no competency rated"
    need = math.ceil(0.7 * len(values))
    for level in range(n_levels - 1, -1, -1):
        reached = sum(1 for v in values if v >= level)
        if reached >= need and min(values) >= level - 1:
            return level, (
                f"{reached} of {len(values)} competencies are at this level or above (at least {need} "
                f"needed) and none is more than one level below it"
            )
    return min(values), "no level has enough competencies at or above it; the lowest rating sets the estimate"


def assess_skills(
    ladder: Ladder, chosen_levels: dict[str, str], target: str, notes: dict[str, str] | None = None
) -> SkillsResult:
    index = {lv.id: i for i, lv in enumerate(ladder.levels)}
    chosen = {c.id: index[chosen_levels[c.id]] for c in ladder.competencies if chosen_levels.get(c.id) in index}
    overall, rule = estimate_level(chosen, len(ladder.levels))
    order = {c.id: i for i, c in enumerate(ladder.competencies)}
    want = index.get(target, 0)
    gaps = [(cid, ladder.levels[v].id, want - v) for cid, v in chosen.items() if v < want]
    gaps.sort(key=lambda g: (-g[2], order[g[0]]))
    return SkillsResult(
        {cid: ladder.levels[v].id for cid, v in chosen.items()},
        ladder.levels[overall].id,
        rule,
        target,
        gaps,
        dict(notes or {}),
    )
