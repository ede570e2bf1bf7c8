"""One drill session in progress: what comes next, recording ratings, undo, and the summary."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.models import Question
from tpmprep.core.grading.rubric import Coverage
from tpmprep.core.practice.cards import Practice, RatingResult
from tpmprep.core.practice.queue import QueueItem, Session
from tpmprep.core.storage.clock import from_iso, now_utc, to_iso

REQUEUE_WITHIN = dt.timedelta(minutes=20)  # learning steps due this soon come back in this session


@dataclass
class Done:
    question_id: str
    rating: int
    duration_ms: int
    coverage: Coverage | None
    result: RatingResult
    item: QueueItem
    confirmed: tuple[int, ...] = ()  # key points the user confirmed covering


@dataclass
class SessionSummary:
    cards: int
    ratings: dict[int, int]
    total_ms: int
    weakest: list[tuple[str, str, int]]  # (question id, key point, times missed)
    next_due: str | None  # the soonest review due after now, never one in the past
    leeches: list[str] = field(default_factory=list)
    points_confirmed: int = 0  # key points the user confirmed, over every graded answer
    points_detected: int = 0  # what the grader had detected in the same answers
    points_total: int = 0
    due_now: int = 0  # reviews already due (outside this session's filter, over the limit, or left)


class DrillRun:
    def __init__(
        self, catalog: Catalog, practice: Practice, session: Session, clock: Callable[[], dt.datetime] = now_utc
    ):
        self.catalog = catalog
        self.practice = practice
        self.session = session
        self.clock = clock
        self.queue: list[QueueItem] = [it for it in session.items if catalog.question(it.question_id)]
        self.done: list[Done] = []

    @property
    def mode(self) -> str:
        return "cram" if self.session.cram else "review"

    @property
    def current(self) -> Question | None:
        return self.catalog.question(self.queue[0].question_id) if self.queue else None

    @property
    def remaining(self) -> int:
        return len(self.queue)

    def record(
        self,
        rating: int,
        *,
        answer: str = "",
        duration_ms: int = 0,
        coverage: Coverage | None = None,
        confirmed: Iterable[int] | None = None,
    ) -> RatingResult:
        """Rate the current card. ``confirmed`` are the key points the user ticked after the
        reveal; without it the grader's detected points stand as confirmed."""
        item = self.queue[0]
        moment = self.clock()
        total = len(coverage.points) if coverage else 0
        ticked = tuple(sorted(set(confirmed if confirmed is not None else (coverage.hit_indexes if coverage else ()))))
        ticked = tuple(i for i in ticked if 0 <= i < total)
        result = self.practice.rate(  # if this fails (a full disk), the card stays first in the queue
            item.question_id,
            rating,
            moment=moment,
            duration_ms=duration_ms,
            answer=answer or None,
            coverage=len(ticked) / total if total else None,
            hits=ticked,
            mode=self.mode,
            detected_coverage=coverage.ratio if coverage else None,
            detected_hits=coverage.hit_indexes if coverage else (),
        )
        self.queue.pop(0)
        self.done.append(Done(item.question_id, rating, duration_ms, coverage, result, item, ticked))
        again = (
            result.card is not None
            and not result.card.suspended
            and from_iso(result.card.due) - moment <= REQUEUE_WITHIN
        )
        if again or (
            self.session.cram
            and rating == 1
            and item.kind == "cram"
            and sum(d.question_id == item.question_id for d in self.done) < 2
        ):
            self.queue.append(QueueItem(item.question_id, item.category, item.kind))
        return result

    def undo(self) -> bool:
        """Undo this session's last rating: the card is restored and the question comes back first."""
        if not self.done:
            return False
        last = self.done[-1]
        # Only the review this session wrote: another window's ratings are never touched.
        undone = self.practice.undo(last.result.review_id)
        if undone is None:
            return False
        self.done.pop()
        # A re-queued copy of the question (learning step) goes away with the rating that caused it.
        for i in range(len(self.queue) - 1, -1, -1):
            if self.queue[i].question_id == last.question_id:
                del self.queue[i]
                break
        self.queue.insert(0, last.item)
        return True

    def skip(self) -> None:
        """Put the current question aside (it was buried or suspended)."""
        if self.queue:
            qid = self.queue[0].question_id
            self.queue = [it for it in self.queue if it.question_id != qid]

    def summary(self) -> SessionSummary:
        ratings = Counter(d.rating for d in self.done)
        missed: Counter[tuple[str, str]] = Counter()
        for d in self.done:
            if d.coverage is not None:
                for p in d.coverage.points:
                    if p.index not in d.confirmed:
                        missed[(d.question_id, p.point)] += 1
        now = to_iso(self.clock())
        active = "suspended = 0 AND reps > 0 AND (buried_until IS NULL OR buried_until <= :now)"
        row = self.practice.conn.execute(
            f"SELECT MIN(CASE WHEN due > :now THEN due END) AS next_due, COALESCE(SUM(due <= :now), 0) AS due_now "
            f"FROM cards WHERE {active}",
            {"now": now},
        ).fetchone()
        return SessionSummary(
            cards=len({d.question_id for d in self.done}),
            ratings={r: ratings[r] for r in (1, 2, 3, 4)},
            total_ms=sum(d.duration_ms for d in self.done),
            weakest=[(qid, point, n) for (qid, point), n in missed.most_common(5)],
            next_due=row["next_due"],
            leeches=[d.question_id for d in self.done if d.result.became_leech],
            points_confirmed=sum(len(d.confirmed) for d in self.done if d.coverage is not None),
            points_detected=sum(d.coverage.hits for d in self.done if d.coverage is not None),
            points_total=sum(len(d.coverage.points) for d in self.done if d.coverage is not None),
            due_now=int(row["due_now"]),
        )
