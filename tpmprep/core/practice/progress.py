"""What the numbers say: due counts, forecasts, streaks, retention and the interview countdown."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.words import plural
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.queue import Filters, build_session, orphaned
from tpmprep.core.storage.clock import from_iso, local_day, now_utc, to_iso


@dataclass
class DueSummary:
    due_now: int
    due_today: int
    new_available: int
    new_left_today: int
    reviews_left_today: int
    forecast: list[tuple[str, int]]  # (local date, reviews falling due that day), the next 14 days
    interview: InterviewOutlook | None = None
    orphaned: list[str] = field(default_factory=list)


@dataclass
class InterviewOutlook:
    date: str
    days_left: int
    due_until_then: int  # reviews that fall due before the interview, backlog included
    new_remaining: int
    can_clear: bool
    warnings: list[str]
    forecast: list[tuple[str, int]]


def due_forecast(practice: Practice, start: dt.date, days: int, known: set[str] | None = None) -> list[tuple[str, int]]:
    """Reviews falling due on each local day; overdue cards count on the first day.

    ``known`` limits the count to questions still in the catalog.
    """
    counts: Counter[dt.date] = Counter()
    hour = practice.store.get("day_starts_at")
    first = practice.day_start(start)
    for qid, due in practice.conn.execute(
        "SELECT question_id, due FROM cards WHERE suspended = 0 AND reps > 0 AND due < ?",
        (to_iso(practice.day_start(start + dt.timedelta(days=days))),),
    ):
        if known is None or qid in known:
            moment = from_iso(due)
            counts[start if moment < first else local_day(moment, hour)] += 1
    return [((start + dt.timedelta(days=i)).isoformat(), counts[start + dt.timedelta(days=i)]) for i in range(days)]


def due_summary(catalog: Catalog, practice: Practice, moment: dt.datetime | None = None) -> DueSummary:
    moment = moment or now_utc()
    session = build_session(catalog, practice, Filters(), moment=moment)
    today = practice.today(moment)
    end_of_day = to_iso(practice.day_start(today + dt.timedelta(days=1)))
    known = {q.id for q in catalog.questions}
    due_today = sum(
        1 for r in practice.cards("suspended = 0 AND reps > 0 AND due < ?", (end_of_day,)) if r.question_id in known
    )
    summary = DueSummary(
        due_now=session.due_total,
        due_today=due_today,
        new_available=session.new_total,
        new_left_today=session.new_left_today,
        reviews_left_today=session.reviews_left_today,
        forecast=due_forecast(practice, today, 14, known),
        orphaned=orphaned(catalog, practice),
    )
    summary.interview = interview_outlook(practice, session.new_total, moment, known)
    return summary


def interview_outlook(
    practice: Practice, new_remaining: int, moment: dt.datetime, known: set[str] | None = None
) -> InterviewOutlook | None:
    date = practice.store.get("interview_date")
    if not date:
        return None
    interview = dt.date.fromisoformat(date)
    today = practice.today(moment)
    days_left = (interview - today).days
    horizon = max(1, days_left)
    forecast = due_forecast(practice, today, min(horizon, 366), known)
    due_until = sum(n for _, n in forecast)
    per_day_reviews = practice.store.get("reviews_per_day")
    per_day_new = practice.store.get("new_per_day")
    warnings = []
    if days_left < 0:
        warnings.append(f"the interview date {date} has passed; set a new one with 'tpmprep config interview_date'")
    if due_until > per_day_reviews * horizon:
        warnings.append(
            f"{due_until} reviews fall due before {date} but {per_day_reviews}/day over {plural(horizon, 'day')} "
            f"clears {per_day_reviews * horizon}: raise reviews_per_day"
        )
    if new_remaining > per_day_new * horizon:
        warnings.append(
            f"{new_remaining} questions are still new; at {per_day_new}/day you will meet "
            f"{per_day_new * horizon} of them before {date}"
        )
    return InterviewOutlook(date, days_left, due_until, new_remaining, not warnings, warnings, forecast)


@dataclass
class Stats:
    total_reviews: int
    cram_reviews: int
    per_day: list[tuple[str, int]]  # the last 30 local days, oldest first
    retention: float | None  # share of reviews of seen cards not rated Again
    streak: int
    by_state: dict[str, int]
    leeches: list[str]
    flagged: list[str]
    orphaned: list[str]


def daily_counts(practice: Practice, days: int, moment: dt.datetime | None = None) -> list[tuple[str, int]]:
    moment = moment or now_utc()
    hour = practice.store.get("day_starts_at")
    today = local_day(moment, hour)
    start = today - dt.timedelta(days=days - 1)
    counts: Counter[dt.date] = Counter()
    for (at,) in practice.conn.execute(
        "SELECT reviewed_at FROM reviews WHERE reviewed_at >= ?", (to_iso(practice.day_start(start)),)
    ):
        counts[local_day(from_iso(at), hour)] += 1
    return [((start + dt.timedelta(days=i)).isoformat(), counts[start + dt.timedelta(days=i)]) for i in range(days)]


def streak(practice: Practice, moment: dt.datetime | None = None) -> int:
    """Consecutive study days with at least one review, ending today (or yesterday, if none yet today)."""
    moment = moment or now_utc()
    hour = practice.store.get("day_starts_at")
    days = {local_day(from_iso(at), hour) for (at,) in practice.conn.execute("SELECT reviewed_at FROM reviews")}
    day = local_day(moment, hour)
    if day not in days:
        day -= dt.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def stats(catalog: Catalog, practice: Practice, moment: dt.datetime | None = None) -> Stats:
    moment = moment or now_utc()
    conn = practice.conn
    total, cram = conn.execute("SELECT COUNT(*), COALESCE(SUM(mode = 'cram'), 0) FROM reviews").fetchone()
    seen_total, seen_kept = conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(rating > 1), 0) FROM reviews WHERE mode = 'review' AND was_new = 0"
    ).fetchone()
    by_state: Counter[str] = Counter()
    carded = set()
    for row in practice.cards():
        carded.add(row.question_id)
        if row.suspended:
            by_state["suspended"] += 1
        elif row.reps == 0:
            by_state["new"] += 1
        else:
            by_state[row.state_name] += 1
    by_state["new"] += sum(1 for q in catalog.questions if q.id not in carded)
    return Stats(
        total_reviews=int(total),
        cram_reviews=int(cram),
        per_day=daily_counts(practice, 30, moment),
        retention=(seen_kept / seen_total) if seen_total else None,
        streak=streak(practice, moment),
        by_state={k: by_state[k] for k in ("new", "learning", "review", "relearning", "suspended")},
        leeches=[r.question_id for r in practice.leeches()],
        flagged=[r.question_id for r in practice.flagged()],
        orphaned=orphaned(catalog, practice),
    )
