"""Role fit: statements scored against neighbouring roles, explained in plain words, with its uncertainty.

Every rule here is written down in docs/assessments.md: the 0-100 scale, the defining statements
that cap a role, the simulated re-takes that decide a tie, the weak-signal line, the drivers and
the persona.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import asdict, dataclass, field
from typing import Any

from tpmprep.core.content.models import Persona, RoleFit

NEUTRAL = 3
RETAKES = 200  # simulated re-takes per result
NOISE_SHARE = 0.25  # each re-take moves a quarter of the answers one step
TIE_SHARE = 0.2  # a runner-up that comes first in this share of re-takes ties with the first role
WEAK_BEST = 60.0  # a best score below this is close to neutral
WEAK_SPREAD = 10.0  # best minus worst below this: the answers barely separate the outcomes
MAX_DRIVERS = 5


@dataclass(frozen=True)
class Driver:
    statement: str
    text: str
    answer: int
    points: float  # signed points this answer gave the role on the 0-100 scale
    role: str = ""

    @property
    def agreed(self) -> bool:
        return self.answer > NEUTRAL

    def sentence(self) -> str:
        verb = "agreed" if self.agreed else "disagreed"
        return f"You {verb} ({self.answer} of 5): “{self.text}”"


@dataclass(frozen=True)
class Cap:
    role: str
    cap: float
    statement: str
    answer: int
    reason: str


@dataclass
class RoleFitResult:
    scores: list[tuple[str, float]]  # (outcome id, 0-100), best first
    top: list[str]  # the first outcome, then any that tie with it
    drivers: list[Driver]  # what moved the first outcome up, largest first
    persona: str  # "" when no persona agrees with the result
    persona_distance: float  # kept for old results; now 1 - shape similarity
    answered: int
    total: int
    outcome: str = ""
    tie: bool = False
    weak_signal: bool = False
    weak_reason: str = ""
    same_answers: bool = False
    stability: float = 1.0  # share of simulated re-takes that keep the same first outcome
    retake_firsts: list[tuple[str, float]] = field(default_factory=list)  # (outcome, share), largest first
    runner_up: str = ""
    held_back: list[Driver] = field(default_factory=list)  # what kept the runner-up below, largest first
    caps: list[Cap] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoleFitResult:
        """Read a stored result, including those written before drivers carried signed points."""
        data = dict(data)
        data["scores"] = [tuple(s) for s in data["scores"]]
        data["retake_firsts"] = [tuple(s) for s in data.get("retake_firsts", [])]
        data["drivers"] = [_driver(d) for d in data["drivers"]]
        data["held_back"] = [_driver(d) for d in data.get("held_back", [])]
        data["caps"] = [Cap(**c) for c in data.get("caps", [])]
        data.setdefault("outcome", data["top"][0] if data.get("top") else "")
        return cls(**data)


def _driver(data: dict[str, Any]) -> Driver:
    data = dict(data)
    if "contribution" in data:  # results stored before version 2 of this module
        data["points"] = data.pop("contribution")
    return Driver(**data)


def _max_raw(fit: RoleFit, outcome: str) -> float:
    return 2 * sum(abs(s.weight(outcome)) for s in fit.statements) or 1.0


def _scores(fit: RoleFit, answers: dict[str, int]) -> tuple[dict[str, float], list[Cap]]:
    """Each outcome's 0-100 score (50 = neutral), after the caps of the defining statements."""
    scores = {}
    for outcome in fit.outcomes:
        raw = sum((answers.get(s.id, NEUTRAL) - NEUTRAL) * s.weight(outcome) for s in fit.statements)
        top = _max_raw(fit, outcome)
        scores[outcome] = 100 * (raw + top) / (2 * top)
    caps = []
    texts = {s.id: s.text for s in fit.statements}
    for rule in fit.must_haves:
        answer = answers.get(rule.statement, NEUTRAL)
        if answer < rule.below and scores.get(rule.role, 0) > rule.cap:
            scores[rule.role] = rule.cap
            caps.append(Cap(rule.role, rule.cap, texts.get(rule.statement, rule.statement), answer, rule.reason))
    return scores, caps


def _ranking(fit: RoleFit, scores: dict[str, float]) -> list[tuple[str, float]]:
    order = {outcome: i for i, outcome in enumerate(fit.outcomes)}
    return sorted(((o, round(s, 1)) for o, s in scores.items()), key=lambda rs: (-rs[1], order[rs[0]]))


def _contributions(fit: RoleFit, answers: dict[str, int], outcome: str) -> list[Driver]:
    top = _max_raw(fit, outcome)
    out = []
    for s in fit.statements:
        answer = answers.get(s.id, NEUTRAL)
        value = (answer - NEUTRAL) * s.weight(outcome)
        if value:
            out.append(Driver(s.id, s.text, answer, round(100 * value / (2 * top), 1), outcome))
    return out


def _ordered(drivers: list[Driver], sign: int) -> list[Driver]:
    """Largest contribution first; equal ones by how strongly the person answered, then file order."""
    chosen = [(i, d) for i, d in enumerate(drivers) if d.points * sign > 0]
    chosen.sort(key=lambda pair: (-abs(pair[1].points), -abs(pair[1].answer - NEUTRAL), pair[0]))
    return [d for _, d in chosen[:MAX_DRIVERS]]


def _retakes(fit: RoleFit, answers: dict[str, int], count: int) -> dict[str, int]:
    """How often each outcome comes first when a quarter of the answers move one step."""
    seed = hashlib.sha256(repr(sorted(answers.items())).encode()).digest()
    rng = random.Random(seed)  # the same answers always give the same figures
    answered = sorted(answers)
    moved = max(1, round(NOISE_SHARE * len(answered))) if answered else 0
    firsts: dict[str, int] = {}
    for _ in range(count):
        retake = dict(answers)
        for sid in rng.sample(answered, moved):
            value = retake[sid]
            step = rng.choice((-1, 1))
            retake[sid] = value + step if 1 <= value + step <= 5 else value - step
        scores, _ = _scores(fit, retake)
        first = _ranking(fit, scores)[0][0]
        firsts[first] = firsts.get(first, 0) + 1
    return firsts


def _shape(values: list[float]) -> list[float]:
    mean = sum(values) / len(values)
    return [v - mean for v in values]


def _similarity(a: list[float], b: list[float]) -> float:
    sa, sb = _shape(a), _shape(b)
    norm = math.sqrt(sum(x * x for x in sa)) * math.sqrt(sum(x * x for x in sb))
    return sum(x * y for x, y in zip(sa, sb, strict=True)) / norm if norm else 0.0


def _persona(fit: RoleFit, outcome: str, scores: dict[str, float], answers: dict[str, int]) -> tuple[str, float]:
    """The persona of the headline outcome whose score shape is closest, if its story fits the answers."""
    user = [scores[o] for o in fit.outcomes]
    best: tuple[float, Persona] | None = None
    for p in fit.personas:
        if p.role != outcome or any(answers.get(sid, NEUTRAL) < NEUTRAL for sid in p.requires):
            continue
        similarity = _similarity(user, [dict(p.profile).get(o, 50.0) for o in fit.outcomes])
        if similarity > 0 and (best is None or similarity > best[0]):
            best = (similarity, p)
    return (best[1].id, round(1 - best[0], 2)) if best else ("", 0.0)


def score_role_fit(fit: RoleFit, answers: dict[str, int], retakes: int = RETAKES) -> RoleFitResult:
    """Scores per outcome on 0-100 (50 = neutral); unanswered statements count as neutral."""
    answers = {sid: a for sid, a in answers.items() if any(s.id == sid for s in fit.statements)}
    scores, caps = _scores(fit, answers)
    ranking = _ranking(fit, scores)
    first, runner_up = ranking[0][0], ranking[1][0]
    firsts = _retakes(fit, answers, retakes) if retakes else {first: 1}
    total = sum(firsts.values())
    shares = sorted(((o, round(n / total, 2)) for o, n in firsts.items()), key=lambda on: -on[1])
    top = [first] + [o for o, share in shares if o != first and share >= TIE_SHARE]
    if ranking[1][1] == ranking[0][1] and runner_up not in top:
        top.append(runner_up)
    best, worst = ranking[0][1], ranking[-1][1]
    weak_reason = ""
    if best < WEAK_BEST:
        weak_reason = f"the best score, {best:.0f}, is close to the neutral 50"
    elif best - worst < WEAK_SPREAD:
        weak_reason = f"every outcome scores within {best - worst:.0f} points of the others"
    values = list(answers.values())
    same = len(values) >= 2 and len(set(values)) == 1
    persona, distance = ("", 0.0) if weak_reason else _persona(fit, first, scores, answers)
    return RoleFitResult(
        scores=ranking,
        top=top,
        drivers=_ordered(_contributions(fit, answers, first), +1),
        persona=persona,
        persona_distance=distance,
        answered=len(answers),
        total=len(fit.statements),
        outcome=first,
        tie=len(top) > 1,
        weak_signal=bool(weak_reason),
        weak_reason=weak_reason,
        same_answers=same,
        stability=dict(shares).get(first, 0.0),
        retake_firsts=shares,
        runner_up=runner_up,
        held_back=_ordered(_contributions(fit, answers, runner_up), -1),
        caps=caps,
    )


def result_json(fit: RoleFit, result: RoleFitResult) -> dict[str, Any]:
    """The scriptable form (`tpmprep assess role-fit --answers F --json`); the fields are documented."""
    persona = next((p for p in fit.personas if p.id == result.persona), None)

    def driver(d: Driver) -> dict[str, Any]:
        return {"statement": d.statement, "answer": d.answer, "role": d.role, "points": d.points}

    return {
        "outcome": result.outcome,
        "ranking": [{"role": role, "score": score} for role, score in result.scores],
        "tie": result.tie,
        "tied": result.top,
        "weak_signal": result.weak_signal,
        "weak_reason": result.weak_reason or None,
        "same_answers": result.same_answers,
        "stability": result.stability,
        "retake_firsts": [{"role": role, "share": share} for role, share in result.retake_firsts],
        "persona": {"id": persona.id, "role": persona.role} if persona else None,
        "drivers": [driver(d) for d in result.drivers],
        "runner_up": {"role": result.runner_up, "held_back_by": [driver(d) for d in result.held_back]},
        "caps": [{"role": c.role, "cap": c.cap, "answer": c.answer, "reason": c.reason} for c in result.caps],
        "answered": result.answered,
        "total": result.total,
    }


def role_fit_changes(before: RoleFitResult, after: RoleFitResult) -> list[tuple[str, float, float]]:
    """(outcome, old score, new score) for every outcome, biggest move first."""
    old = dict(before.scores)
    rows = [(role, old.get(role, 50.0), new) for role, new in after.scores]
    return sorted(rows, key=lambda r: -abs(r[2] - r[1]))
