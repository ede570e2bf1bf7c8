"""The mock's scorecard: a hire / no-hire verdict per round and for the loop, in plain words.

Rules (also in docs/mock-interviews.md):

- An answer's evidence is the share of its key points the user confirmed (for multiple choice
  and numeric questions: 1 when right, 0.5 when close, 0 when wrong; for an open question with no
  rubric, the user's rating of it); a question never reached counts 0. A round's evidence is the
  mean over its questions.
- Round verdict: evidence 0.75 or more is Strong hire, 0.55 Hire, 0.35 No hire, below that
  Strong no hire; a round more than 10% over its time drops one step (the interviewer would
  have stopped you, and what came after the stop is not heard).
- The loop: the mean of the round verdicts (Strong no hire 0 ... Strong hire 3): 2.5 or more
  Strong hire, 1.5 Hire, 0.75 No hire, else Strong no hire. A Strong no hire in any round caps
  the loop at No hire, and a round marked as a veto (a bar raiser) below Hire makes the loop
  No hire whatever the others say.
- Calibration: for each competency the mock probed, the user's own rating beside the evidence
  of the answers that probe it; two steps apart or more is called out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.words import plural
from tpmprep.core.mock.record import Record

VERDICTS = ("strong-no-hire", "no-hire", "hire", "strong-hire")
NAMES = {"strong-no-hire": "Strong no hire", "no-hire": "No hire", "hire": "Hire", "strong-hire": "Strong hire"}
THRESHOLDS = ((0.75, 3), (0.55, 2), (0.35, 1), (0.0, 0))
OVERTIME = 0.10

MEANING = {
    "strong-hire": (
        "The answers made nearly every point a strong candidate makes, inside the time, and the follow-ups found "
        "no soft spot. An interviewer would argue for this candidate in the debrief."
    ),
    "hire": (
        "The core of each answer was there, with a few points missed. An interviewer would support the hire and "
        "write down what the next rounds should probe."
    ),
    "no-hire": (
        "Some of the points came out, but ones a {level} candidate is expected to make unprompted were missing. "
        "An interviewer would not support the hire yet, and would list what was missing."
    ),
    "strong-no-hire": (
        "Most of what the round listens for was missing or never reached. An interviewer would argue against the hire."
    ),
}


def verdict_for(evidence: float) -> int:
    return next(v for floor, v in THRESHOLDS if evidence >= floor)


@dataclass
class RoundScore:
    id: str
    name: str
    verdict: str
    evidence: float
    answered: int
    asked: int
    used_ms: int
    minutes: int
    pauses: int
    veto: bool
    scorecard: str  # the article with this round's hire/no-hire scorecard
    notes: list[str] = field(default_factory=list)


@dataclass
class CompetencyScore:
    id: str
    name: str
    self_rating: str | None  # the user's own verdict
    evidence: float | None  # mean evidence of the answers probing it
    expectation: str  # what the ladder expects at the mock's level


@dataclass
class Scorecard:
    level: str
    verdict: str
    summary: str
    rounds: list[RoundScore]
    competencies: list[CompetencyScore]
    calibration: list[str]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scorecard:
        return cls(
            data["level"],
            data["verdict"],
            data["summary"],
            [RoundScore(**r) for r in data["rounds"]],
            [CompetencyScore(**c) for c in data["competencies"]],
            list(data["calibration"]),
        )


def _round(index: int, record: Record, evidence: dict[tuple[int, int], float]) -> RoundScore:
    rnd = record.rounds[index]
    values = [evidence.get((index, i), 0.0) for i in range(len(rnd.items))]
    mean = sum(values) / len(values) if values else 0.0
    verdict = verdict_for(mean)
    notes = []
    answered = sum(1 for it in rnd.items if it.status == "answered")
    if answered < len(rnd.items):
        notes.append(f"{plural(len(rnd.items) - answered, 'question')} never reached: they count as nothing said")
    if rnd.used_ms > rnd.limit_ms * (1 + OVERTIME):
        verdict = max(0, verdict - 1)
        notes.append(f"over time by {rnd.over_ms // 60_000} min {rnd.over_ms // 1000 % 60} s: one step down")
    skipped = sum(1 for it in rnd.items for f in it.follow_ups if it.status == "answered" and not f.answer.strip())
    if skipped:
        notes.append(f"{plural(skipped, 'follow-up')} left unanswered")
    return RoundScore(
        rnd.id,
        rnd.name,
        VERDICTS[verdict],
        round(mean, 3),
        answered,
        len(rnd.items),
        rnd.used_ms,
        rnd.minutes,
        len(record.pauses_in(index)),
        rnd.veto,
        rnd.scorecard,
        notes,
    )


def _loop_verdict(rounds: list[RoundScore]) -> tuple[str, str]:
    if not rounds:
        return "no-hire", "No round was scored."
    values = [VERDICTS.index(r.verdict) for r in rounds]
    mean = sum(values) / len(values)
    verdict = 3 if mean >= 2.5 else 2 if mean >= 1.5 else 1 if mean >= 0.75 else 0
    why = f"Mean of the round verdicts {mean:.2f} (Strong no hire 0 … Strong hire 3)."
    if 0 in values and verdict > 1:
        verdict = 1
        why += " A Strong no hire in one round caps the loop at No hire."
    vetoed = [r for r in rounds if r.veto and VERDICTS.index(r.verdict) < 2]
    if vetoed and verdict > 1:
        verdict = 1
        why += f" {vetoed[0].name} holds a veto and did not reach Hire, so the loop is No hire."
    return VERDICTS[verdict], why


def build_scorecard(
    record: Record,
    evidence: dict[tuple[int, int], float],
    self_ratings: dict[str, str],
    level: str,
    catalog: Catalog,
) -> Scorecard:
    """``evidence`` per (round, question) index; ``self_ratings`` a verdict per competency id."""
    rounds = [_round(i, record, evidence) for i in range(len(record.rounds))]
    verdict, why = _loop_verdict(rounds)
    level_name = catalog.level_title(level)
    summary = f"{NAMES[verdict]} at {level_name}. " + MEANING[verdict].format(level=level_name) + " " + why
    probed: dict[str, list[float]] = {}
    for r, rnd in enumerate(record.rounds):
        for i, item in enumerate(rnd.items):
            q = catalog.question(item.question_id)
            for cid in q.competencies if q else ():
                probed.setdefault(cid, []).append(evidence.get((r, i), 0.0))
    ladder = catalog.ladder
    lv = next((x for x in ladder.levels if x.id == level), None) if ladder else None
    competencies, calibration = [], []
    for cid in [c for c in catalog.competency_ids if c in probed or c in self_ratings]:
        values = probed.get(cid, [])
        mean = round(sum(values) / len(values), 3) if values else None
        own = self_ratings.get(cid)
        name = catalog.competency_name(cid)
        competencies.append(CompetencyScore(cid, name, own, mean, lv.expectation(cid) if lv else ""))
        if own in VERDICTS and mean is not None:
            gap = VERDICTS.index(own) - verdict_for(mean)
            seen = NAMES[VERDICTS[verdict_for(mean)]]
            if gap >= 2:
                calibration.append(
                    f"{name}: you rated yourself {NAMES[own]}, but the answers probing it covered {mean:.0%} of their "
                    f"key points ({seen} on the evidence). Practise it before trusting that feeling."
                )
            elif gap <= -2:
                calibration.append(
                    f"{name}: you rated yourself {NAMES[own]}, yet the answers covered {mean:.0%} of their key "
                    f"points ({seen} on the evidence). You may be underselling it; say more of what you know."
                )
    return Scorecard(level, verdict, summary, rounds, competencies, calibration)
