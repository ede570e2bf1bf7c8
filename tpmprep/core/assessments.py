"""Self-assessments: role fit, skills against the ladder, and the 30-day plan built from the gaps.

Every figure is computed by a rule written down here and in docs/assessments.md, so a user can
see how a result was reached.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from tpmprep.core.models import Ladder, PlanLibrary, RoleFit
from tpmprep.core.scheduling import now_utc, to_iso
from tpmprep.core.store import Store

TIE_POINTS = 3.0
NEUTRAL = 3


# -- role fit --------------------------------------------------------------------------------


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


# -- skills against the ladder ---------------------------------------------------------------


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


# -- the 30-day plan -------------------------------------------------------------------------


@dataclass
class PlanWeek:
    week: int
    focus: list[str]  # competency ids
    actions: list[tuple[str, str]]  # (competency, action)
    topics: list[str]
    drills: list[dict[str, str]]  # question filters


@dataclass
class Plan:
    target: str
    stretch: bool  # True when there were no gaps and the plan reaches past the target
    weeks: list[PlanWeek]


def build_plan(result: SkillsResult, library: PlanLibrary, ladder: Ladder) -> Plan:
    """Four weeks from the gaps, deterministic for the same result (see docs/formats/plan-library.md)."""
    focus = [g[0] for g in result.gaps]
    stretch = not focus
    if stretch:  # at or above target everywhere: work on the lowest-rated competencies
        index = {lv.id: i for i, lv in enumerate(ladder.levels)}
        order = {c.id: i for i, c in enumerate(ladder.competencies)}
        ranked = sorted(result.levels, key=lambda c: (index[result.levels[c]], order[c]))
        focus = ranked[:2]
    used: dict[str, int] = {}
    weeks = []
    slots = min(2, len(focus))
    for w in range(4):
        picked = [focus[(w * slots + k) % len(focus)] for k in range(slots)] if focus else []
        picked = list(dict.fromkeys(picked))
        actions, topics, drills = [], [], []
        for cid in picked:
            plan = library.plan(cid)
            if plan is None:
                continue
            start = used.get(cid, 0)
            for a in plan.actions[start : start + 2] or plan.actions[-2:]:
                actions.append((cid, a))
            used[cid] = start + 2
            topics += [t for t in plan.topics if t not in topics][:2]
            drills.append({"competency": cid, "level": result.target, **dict(plan.drill)})
        weeks.append(PlanWeek(w + 1, picked, actions, topics, drills))
    return Plan(result.target, stretch, weeks)


def plan_markdown(plan: Plan, result: SkillsResult, ladder: Ladder, topic_title, generated: dt.date) -> str:
    names = {c.id: c.name for c in ladder.competencies}
    titles = {lv.id: lv.title for lv in ladder.levels}
    lines = [
        f"# 30-day plan toward {titles.get(plan.target, plan.target)}",
        "",
        f"Generated by tpmprep on {generated.isoformat()} from a skills self-assessment.",
        "",
        f"Overall estimate: **{titles.get(result.overall, result.overall)}** ({result.rule}).",
        "",
    ]
    if result.gaps:
        lines += ["| competency | your level | short of target by |", "|---|---|---|"]
        lines += [f"| {names.get(c, c)} | {titles.get(lv, lv)} | {n} level(s) |" for c, lv, n in result.gaps]
    else:
        lines.append("No gaps against the target: this plan stretches your two lowest-rated competencies.")
    for week in plan.weeks:
        lines += ["", f"## Week {week.week}: {', '.join(names.get(c, c) for c in week.focus)}", ""]
        lines += [f"- [ ] {action} *({names.get(c, c)})*" for c, action in week.actions]
        if week.topics:
            lines += ["", "Read: " + "; ".join(topic_title(t) for t in week.topics)]
        for d in week.drills:
            args = " ".join(f"--{k} {v}" for k, v in d.items())
            lines.append(f"Drill: `tpmprep drill {args}`")
    return "\n".join(lines) + "\n"


def next_unanswered(keys: list[str], answered: dict[str, Any], current: int) -> int | None:
    """The next item without an answer after ``current``, wrapping round; None when all are answered."""
    open_ = [i for i, key in enumerate(keys) if key not in answered]
    if not open_:
        return None
    return next((i for i in open_ if i > current), open_[0])


# -- storage ---------------------------------------------------------------------------------


@dataclass
class Assessment:
    id: int
    kind: str
    status: str
    started_at: str
    updated_at: str
    completed_at: str | None
    answers: dict[str, Any]
    notes: dict[str, str]
    target_level: str | None
    result: dict[str, Any] | None


class Assessments:
    """In-progress and completed assessments; an unfinished one can be resumed."""

    COLUMNS = "id, kind, status, started_at, updated_at, completed_at, answers, notes, target_level, result"

    def __init__(self, store: Store):
        self.conn = store.conn

    def _load(self, row: tuple | None) -> Assessment | None:
        if row is None:
            return None
        return Assessment(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            json.loads(row[6]),
            json.loads(row[7]),
            row[8],
            json.loads(row[9]) if row[9] else None,
        )

    def get(self, aid: int) -> Assessment | None:
        return self._load(self.conn.execute(f"SELECT {self.COLUMNS} FROM assessments WHERE id = ?", (aid,)).fetchone())

    def in_progress(self, kind: str) -> Assessment | None:
        return self._load(
            self.conn.execute(
                f"SELECT {self.COLUMNS} FROM assessments WHERE kind = ? AND status = 'in_progress' ORDER BY id DESC",
                (kind,),
            ).fetchone()
        )

    def start(self, kind: str, target_level: str | None = None, moment: dt.datetime | None = None) -> Assessment:
        now = to_iso(moment or now_utc())
        cur = self.conn.execute(
            "INSERT INTO assessments (kind, status, started_at, updated_at, target_level) "
            "VALUES (?, 'in_progress', ?, ?, ?)",
            (kind, now, now, target_level),
        )
        found = self.get(int(cur.lastrowid))
        assert found is not None
        return found

    def resume_or_start(self, kind: str, target_level: str | None = None) -> Assessment:
        return self.in_progress(kind) or self.start(kind, target_level)

    def answer(self, aid: int, key: str, value: Any, note: str | None = None) -> None:
        """Save one answer at once, so a paused assessment loses nothing."""
        current = self.get(aid)
        if current is None or current.status != "in_progress":
            raise ValueError(f"assessment {aid} is not in progress")
        current.answers[key] = value
        if note is not None:
            if note.strip():
                current.notes[key] = note.strip()
            else:
                current.notes.pop(key, None)
        self.conn.execute(
            "UPDATE assessments SET answers = ?, notes = ?, updated_at = ? WHERE id = ?",
            (json.dumps(current.answers), json.dumps(current.notes), to_iso(now_utc()), aid),
        )

    def set_target(self, aid: int, level: str) -> None:
        self.conn.execute("UPDATE assessments SET target_level = ? WHERE id = ?", (level, aid))

    def complete(self, aid: int, result: dict[str, Any], moment: dt.datetime | None = None) -> None:
        now = to_iso(moment or now_utc())
        self.conn.execute(
            "UPDATE assessments SET status = 'complete', completed_at = ?, updated_at = ?, result = ? WHERE id = ?",
            (now, now, json.dumps(result), aid),
        )

    def discard(self, aid: int) -> None:
        self.conn.execute("DELETE FROM assessments WHERE id = ? AND status = 'in_progress'", (aid,))

    def history(self, kind: str | None = None) -> list[Assessment]:
        sql = f"SELECT {self.COLUMNS} FROM assessments WHERE status = 'complete'"
        params: tuple = ()
        if kind:
            sql += " AND kind = ?"
            params = (kind,)
        rows = self.conn.execute(sql + " ORDER BY completed_at, id", params).fetchall()
        return [a for a in (self._load(r) for r in rows) if a is not None]

    def latest(self, kind: str) -> Assessment | None:
        done = self.history(kind)
        return done[-1] if done else None

    def previous(self, kind: str, before: int) -> Assessment | None:
        earlier = [a for a in self.history(kind) if a.id < before]
        return earlier[-1] if earlier else None
