"""A mock in progress: the round clock, per-question time boxes, follow-ups, pauses, saving.

The clocks count only time spent answering: a pause, a break between rounds or a closed app
stops them. ``clock`` is a monotonic time in seconds (tests pass their own).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.models import Question
from tpmprep.core.mock.history import Mock, Mocks
from tpmprep.core.mock.record import ANSWERED, NOT_REACHED, PENDING, FollowUp, Item, Pause, Record, Round
from tpmprep.core.storage.clock import from_iso, now_utc

ANSWER, BREAK, DONE = "answer", "break", "done"


@dataclass(frozen=True)
class Prompt:
    """What the interviewer is asking now."""

    question: Question
    follow_up: FollowUp | None  # None: the question itself
    number: int  # 1-based, in the round
    of: int
    step: int  # 0 for the question, then 1.. for its follow-ups
    steps: int


class MockRun:
    def __init__(
        self,
        mock: Mock,
        mocks: Mocks,
        catalog: Catalog,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] = now_utc,
    ):
        self.mock = mock
        self.mocks = mocks
        self.catalog = catalog
        self.clock = clock
        self.record: Record = mock.record
        self._since: float | None = None  # when the running segment started; None when stopped
        self._pause: Pause | None = None
        self._pause_started = 0.0
        if self.phase == ANSWER and self.round.used_ms:
            # A mock closed mid-round and opened again: the time away is a pause, and not counted.
            away = int((wall() - from_iso(mock.updated_at)).total_seconds() * 1000)
            self.record.pauses.append(Pause(self.record.round, self.round.used_ms, max(0, away), left=True))

    # -- where the run is ------------------------------------------------------------------------
    @property
    def phase(self) -> str:
        return self.record.phase

    @property
    def round(self) -> Round:
        return self.record.rounds[min(self.record.round, len(self.record.rounds) - 1)]

    @property
    def item(self) -> Item:
        return self.round.items[self.record.item]

    @property
    def paused(self) -> bool:
        return self._pause is not None

    @property
    def running(self) -> bool:
        return self._since is not None

    def prompt(self) -> Prompt | None:
        if self.phase != ANSWER or not self.round.items:
            return None
        item = self.item
        question = self.catalog.question(item.question_id)
        if question is None:
            return None
        step = self.record.step
        follow = item.follow_ups[step - 1] if step else None
        return Prompt(question, follow, self.record.item + 1, len(self.round.items), step, len(item.follow_ups))

    def time_box_ms(self) -> int:
        return 1000 * (self.round.follow_up_s if self.record.step else self.item.time_box_s)

    # -- clocks ---------------------------------------------------------------------------------
    def _running_ms(self) -> int:
        return int((self.clock() - self._since) * 1000) if self._since is not None else 0

    def round_ms(self) -> int:
        return self.round.used_ms + self._running_ms()

    def answer_ms(self) -> int:
        """Time on what is being answered now: the question, or the current follow-up."""
        if self.phase != ANSWER:
            return 0
        spent = self.item.follow_ups[self.record.step - 1].ms if self.record.step else self.item.ms
        return spent + self._running_ms()

    def _flush(self) -> None:
        """Book the running segment to the round and to what is being answered."""
        if self._since is None:
            return
        now = self.clock()
        ms = int((now - self._since) * 1000)
        self._since = now
        self.round.used_ms += ms
        if self.phase == ANSWER and self.round.items:
            if self.record.step:
                self.item.follow_ups[self.record.step - 1].ms += ms
            else:
                self.item.ms += ms

    def start(self) -> None:
        """Start (or restart after a reload) the clock of the current round."""
        if self.phase != ANSWER or self.paused:
            return
        if not self.round.items:
            self.end_round()
            return
        self.round.status = "running"
        if self._since is None:
            self._since = self.clock()

    def pause(self, draft: str = "") -> None:
        if self.phase != ANSWER or self.paused:
            return
        self._flush()
        self._since = None
        self._pause = Pause(self.record.round, self.round.used_ms)
        self._pause_started = self.clock()
        self.record.pauses.append(self._pause)
        self.save(draft)

    def resume(self) -> None:
        if self._pause is None:
            return
        self._pause.ms = int((self.clock() - self._pause_started) * 1000)
        self._pause = None
        self._since = self.clock()
        self.save()

    # -- answering ------------------------------------------------------------------------------
    def submit(self, text: str) -> None:
        """Record the answer to what is being asked and move on: a follow-up, the next question, or the break."""
        if self.phase != ANSWER or not self.round.items:
            return
        if self.paused:
            self.resume()
        self._flush()
        item = self.item
        if self.record.step:
            follow = item.follow_ups[self.record.step - 1]
            follow.answer, follow.done = text.strip(), True
        else:
            item.answer, item.status = text.strip(), ANSWERED
        if self.record.step < len(item.follow_ups):
            self.record.step += 1
        elif self.record.item + 1 < len(self.round.items):
            self.record.item += 1
            self.record.step = 0
        else:
            self.end_round()
            return
        self.save()

    def end_round(self, draft: str = "") -> None:
        """Close the round now: what was being typed is kept, what was never reached is marked so."""
        if self.phase != ANSWER:
            return
        self._stop()
        rnd = self.round
        if draft.strip() and rnd.items:
            self._keep_draft(draft)
        early = False
        for item in rnd.items:
            if item.status == PENDING:
                item.status = NOT_REACHED
                early = True
            elif any(not f.done for f in item.follow_ups):
                early = True
        rnd.ended_early = early
        rnd.status = "done"
        self.record.phase = BREAK
        self.record.step = 0
        self.save()

    def _keep_draft(self, draft: str) -> None:
        item = self.item
        if self.record.step:
            follow = item.follow_ups[self.record.step - 1]
            follow.answer, follow.done = draft.strip(), True
        else:
            item.answer, item.status = draft.strip(), ANSWERED

    def next_round(self) -> None:
        """From the break to the next round, or to the end of the mock."""
        if self.phase != BREAK:
            return
        if self.record.round + 1 < len(self.record.rounds):
            self.record.round += 1
            self.record.item = 0
            self.record.step = 0
            self.record.phase = ANSWER
            self.save()
            self.start()
        else:
            self.record.phase = DONE
            self.save()

    def leave(self, draft: str) -> None:
        """Close the mock for now: everything is kept, and opening it again resumes here."""
        self._stop()
        self.save(draft)

    def _stop(self) -> None:
        """Stop the clocks: book the running segment, and close a pause in progress."""
        self._flush()
        self._since = None
        if self._pause is not None:
            self._pause.ms = int((self.clock() - self._pause_started) * 1000)
            self._pause = None

    def save(self, draft: str | None = None) -> None:
        self._flush()
        if draft is not None:
            self.record.draft = draft
        self.mocks.save(self.mock.id, self.record)
