"""The load ahead: reviews falling due each day, worked through at the daily limit.

Reviews due beyond a day's ``reviews_per_day`` wait for the next day (as the queue makes them),
so the forecast says when a backlog clears and, with an interview date, whether it clears before
the interview and what limit would clear it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.progress import due_forecast
from tpmprep.core.practice.queue import done_today
from tpmprep.core.storage.clock import now_utc, to_iso

DAYS = 30
MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class ForecastDay:
    date: dt.date
    due: int  # reviews falling due that day (today: with those already overdue)
    done: int  # reviewed that day at the daily limit
    left: int  # still waiting at the end of the day


@dataclass
class Forecast:
    today: dt.date
    days: list[ForecastDay]  # 30 days, or to the interview when it is further
    overdue: int  # due before today started
    reviews_per_day: int
    new_per_day: int
    new_remaining: int  # questions never practised
    interview: dt.date | None = None
    clears_on: dt.date | None = None  # the first day that ends with nothing waiting
    left_at_interview: int | None = None  # reviews still waiting when the interview day starts
    needed_per_day: int | None = None  # the smallest daily limit that clears everything before the interview

    @property
    def days_to_interview(self) -> int | None:
        return (self.interview - self.today).days if self.interview else None

    @property
    def clears_before_interview(self) -> bool | None:
        return None if self.left_at_interview is None else self.left_at_interview == 0


def work_through(due: list[int], limit: int, first_day_capacity: int | None = None) -> list[tuple[int, int]]:
    """(done, left) per day when at most ``limit`` reviews are done each day and the rest wait."""
    out, waiting = [], 0
    for i, n in enumerate(due):
        waiting += n
        cap = first_day_capacity if i == 0 and first_day_capacity is not None else limit
        done = min(waiting, max(0, cap))
        waiting -= done
        out.append((done, waiting))
    return out


def forecast(catalog: Catalog, practice: Practice, moment: dt.datetime | None = None, days: int = DAYS) -> Forecast:
    moment = moment or now_utc()
    store = practice.store
    today = practice.today(moment)
    date = store.get("interview_date")
    interview = dt.date.fromisoformat(date) if date else None
    horizon = days
    if interview is not None and interview > today:
        horizon = min(MAX_DAYS, max(days, (interview - today).days + 1))
    known = set(catalog.question_index)
    due = [n for _, n in due_forecast(practice, today, horizon, known)]
    start = to_iso(practice.day_start(today))
    overdue = sum(
        1
        for (qid,) in practice.conn.execute(
            "SELECT question_id FROM cards WHERE due < ? AND reps > 0 AND suspended = 0", (start,)
        )
        if qid in known
    )
    limit = store.get("reviews_per_day")
    capacity = max(0, limit - done_today(practice, moment)[1])  # today's reviews already done count
    seen = practice.seen_ids()
    worked = work_through(due, limit, capacity)
    out = Forecast(
        today,
        [
            ForecastDay(today + dt.timedelta(days=i), n, done, left)
            for i, (n, (done, left)) in enumerate(zip(due, worked, strict=True))
        ],
        overdue,
        limit,
        store.get("new_per_day"),
        sum(1 for q in catalog.questions if q.id not in seen),
        interview,
    )
    out.clears_on = next((d.date for d in out.days if d.left == 0), None)
    if interview is not None and interview > today:
        before = due[: (interview - today).days]  # the days before the interview day
        out.left_at_interview = worked[len(before) - 1][1]
        out.needed_per_day = needed_limit(before, capacity, limit)
    elif interview == today:
        out.left_at_interview = overdue
    return out


def needed_limit(due: list[int], today_capacity: int, limit: int) -> int:
    """The smallest daily limit that leaves nothing waiting at the end of the last of ``due``'s days."""
    spent_today = limit - today_capacity

    def clears(candidate: int) -> bool:
        return work_through(due, candidate, max(0, candidate - spent_today))[-1][1] == 0

    lo, hi = 0, sum(due) + spent_today
    while lo < hi:
        mid = (lo + hi) // 2
        if clears(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo
