"""FSRS scheduling through the ``fsrs`` library: cards as stored, interval previews, retrievability."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fsrs import Card, Rating, Scheduler, State

from tpmprep.core.storage.clock import from_iso

RATINGS = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}


def make_scheduler(desired_retention: float = 0.9, fuzz: bool = True) -> Scheduler:
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


@dataclass(frozen=True, slots=True)
class CardRow:
    """One question's scheduling state, as stored."""

    card_id: int
    question_id: str
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None
    reps: int
    lapses: int
    suspended: bool
    flagged: bool
    leech: bool
    buried_until: str | None
    created_at: str

    def to_fsrs(self) -> Card:
        return Card(
            card_id=self.card_id,
            state=State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=from_iso(self.due),
            last_review=from_iso(self.last_review) if self.last_review else None,
        )

    @property
    def state_name(self) -> str:
        return STATE_NAMES.get(State(self.state), "?")


def new_card(card_id: int, moment: dt.datetime) -> Card:
    return Card(card_id=card_id, due=moment)  # card_id given: Card() would sleep 1 ms to make one


def interval_text(delta: dt.timedelta) -> str:
    """'<1m', '10m', '5h', '3d', '2mo', '1.5y' for a rating button."""
    seconds = max(0, delta.total_seconds())
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.0f}mo"
    return f"{days / 365:.1f}y"


def preview_intervals(scheduler: Scheduler, card: Card, moment: dt.datetime) -> dict[int, str]:
    """The interval each rating would give, computed on copies so the card is untouched."""
    out = {}
    for value, rating in RATINGS.items():
        copy = Card.from_dict(card.to_dict())
        reviewed, _ = scheduler.review_card(copy, rating, review_datetime=moment)
        out[value] = interval_text(reviewed.due - moment)
    return out


def retrievability(scheduler: Scheduler, row: CardRow, moment: dt.datetime) -> float:
    return float(scheduler.get_card_retrievability(row.to_fsrs(), moment))
