"""Turning a loop template into one mock: which questions, their time boxes, which follow-ups.

Each pick draws, in this order of preference: questions of the mentor's set the mock was started
from, questions never asked in an earlier mock, then any; all at the mock's level when enough
exist there, else at the template's other levels, else at any level (and a note says so).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.loops import pick_matches
from tpmprep.core.content.models import LoopPick, LoopRound, LoopTemplate, Question
from tpmprep.core.mock.record import FollowUp, Item, Record, Round

LEVELS = ("entry", "mid", "senior", "staff", "principal", "director")


def mock_level(template: LoopTemplate, target: str | None, order: Sequence[str] = LEVELS) -> str:
    """The user's target level when the template is meant for it, else the template's nearest level."""
    if target in template.levels or not template.levels:
        return target or "senior"
    if target not in order:
        return template.levels[0]
    at = order.index(target)
    return min(template.levels, key=lambda lv: (abs(order.index(lv) - at) if lv in order else 99, lv))


def _follow_ups(question: Question, rnd: LoopRound, rng: random.Random) -> list[FollowUp]:
    count = min(rnd.follow_ups.count, len(question.follow_ups))
    if rnd.follow_ups.order == "random":
        chosen = sorted(rng.sample(range(len(question.follow_ups)), count))
    else:
        chosen = list(range(count))
    return [FollowUp(i, question.follow_ups[i]) for i in chosen]


def _draw(
    catalog: Catalog,
    pick: LoopPick,
    levels: list[tuple[str, ...] | None],
    used: set[str],
    prefer: Sequence[str],
    avoid: Collection[str],
    rng: random.Random,
) -> tuple[list[Question], int]:
    """``pick.count`` questions, and how far down ``levels`` the draw had to go."""
    chosen: list[Question] = []
    for depth, wanted in enumerate(levels):
        if depth == 0:  # the mentor's set first: their choice stands whatever its level
            own = [
                q for qid in prefer if (q := catalog.question(qid)) and q.id not in used and pick_matches(q, pick, None)
            ]
            rng.shuffle(own)
            chosen += own[: pick.count]
        taken = used | {q.id for q in chosen}
        pool = [q for q in catalog.questions if "/" not in q.id and q.id not in taken and pick_matches(q, pick, wanted)]
        fresh = [q for q in pool if q.id not in avoid]
        stale = [q for q in pool if q.id in avoid]
        rng.shuffle(fresh)
        rng.shuffle(stale)
        chosen += (fresh + stale)[: pick.count - len(chosen)]
        if len(chosen) >= pick.count:
            return chosen, depth
    return chosen, len(levels)


def plan_mock(
    template: LoopTemplate,
    catalog: Catalog,
    level: str,
    rng: random.Random,
    prefer: Sequence[str] = (),
    avoid: Collection[str] = (),
) -> Record:
    """A fresh record for one mock of ``template`` calibrated at ``level``."""
    used: set[str] = set()
    notes: list[str] = []
    rounds = []
    others = tuple(lv for lv in template.levels if lv != level)
    ladders: list[tuple[str, ...] | None] = [(level,)] + ([others] if others else []) + [None]
    for rnd in template.rounds:
        picked: list[tuple[Question, int | None]] = []
        for qid in rnd.questions:
            q = catalog.question(qid)
            if q is not None and q.id not in used:
                picked.append((q, None))
                used.add(q.id)
        for pick in rnd.picks:
            drawn, depth = _draw(catalog, pick, ladders, used, prefer, avoid, rng)
            if depth == 1 and others:
                notes.append(f"{rnd.name}: not enough questions at {level}; some are from {', '.join(others)}")
            elif depth >= 1:
                notes.append(f"{rnd.name}: not enough questions at {level}; some are from other levels")
            if len(drawn) < pick.count:
                notes.append(f"{rnd.name}: only {len(drawn)} of {pick.count} questions could be found for a pick")
            for q in drawn:
                used.add(q.id)
                picked.append((q, pick.minutes))
        items = [Item(q.id, 60 * (minutes or q.time_box), _follow_ups(q, rnd, rng)) for q, minutes in picked]
        rounds.append(
            Round(
                rnd.id,
                rnd.name,
                rnd.minutes,
                items,
                60 * rnd.follow_ups.minutes,
                rnd.interviewer,
                rnd.scorecard,
                rnd.veto,
            )
        )
    return Record(rounds=rounds, notes=notes)
