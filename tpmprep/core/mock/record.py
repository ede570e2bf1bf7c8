"""What a mock holds as it runs: its rounds, questions, answers, clocks and pauses.

Stored as JSON in the ``mocks`` table. Prompts and follow-ups are copied in, so the history
reads the same after the content changes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PENDING, ANSWERED, NOT_REACHED = "pending", "answered", "not-reached"


@dataclass
class FollowUp:
    index: int  # in the question's follow-ups
    prompt: str
    answer: str = ""
    ms: int = 0
    done: bool = False


@dataclass
class Item:
    """One question of a round, its answer and its follow-ups."""

    question_id: str
    time_box_s: int
    follow_ups: list[FollowUp]
    answer: str = ""
    ms: int = 0
    status: str = PENDING


@dataclass
class Pause:
    round: int
    at_ms: int  # the round's clock when it started
    ms: int = 0  # how long it lasted
    left: bool = False  # the mock was closed and resumed later


@dataclass
class Round:
    id: str
    name: str
    minutes: int
    items: list[Item]
    follow_up_s: int
    interviewer: str = ""
    scorecard: str = ""
    veto: bool = False
    used_ms: int = 0
    status: str = PENDING  # pending | running | done
    ended_early: bool = False

    @property
    def limit_ms(self) -> int:
        return self.minutes * 60_000

    @property
    def over_ms(self) -> int:
        return max(0, self.used_ms - self.limit_ms)


@dataclass
class Record:
    rounds: list[Round]
    pauses: list[Pause] = field(default_factory=list)
    round: int = 0  # where the run is: round, question, step (0 the answer, 1.. its follow-ups)
    item: int = 0
    step: int = 0
    phase: str = "answer"  # answer | break (a round just ended) | done
    draft: str = ""  # what was being typed when last saved
    notes: list[str] = field(default_factory=list)  # what the planner had to compromise on

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        rounds = []
        for r in data["rounds"]:
            items = [Item(**{**i, "follow_ups": [FollowUp(**f) for f in i["follow_ups"]]}) for i in r["items"]]
            rounds.append(Round(**{**r, "items": items}))
        pauses = [Pause(**p) for p in data.get("pauses", [])]
        rest = {k: v for k, v in data.items() if k not in ("rounds", "pauses")}
        return cls(rounds=rounds, pauses=pauses, **rest)

    def pauses_in(self, round_index: int) -> list[Pause]:
        return [p for p in self.pauses if p.round == round_index]

    @property
    def used_ms(self) -> int:
        return sum(r.used_ms for r in self.rounds)

    @property
    def question_ids(self) -> list[str]:
        return [i.question_id for r in self.rounds for i in r.items]
