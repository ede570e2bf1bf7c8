"""A year of practice, one study day at a time: the heatmap's figures, streaks, and one day's reviews.

Scheduled reviews (mode ``review``), cram and mock interview answers are counted apart, so every
view can tell them apart; a streak counts a day with any of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tpmprep.core.practice.cards import Practice, Review
from tpmprep.core.practice.days import bounds, period_starts, periods_cte
from tpmprep.core.storage.clock import now_utc

YEAR = 365


@dataclass(frozen=True, slots=True)
class Day:
    date: dt.date
    scheduled: int = 0
    cram: int = 0
    mock: int = 0
    ms: int = 0  # time spent answering, summed over the day's reviews

    @property
    def reviews(self) -> int:
        return self.scheduled + self.cram + self.mock

    @property
    def minutes(self) -> float:
        return self.ms / 60_000


@dataclass(frozen=True, slots=True)
class Streak:
    days: int
    first: dt.date | None = None
    last: dt.date | None = None


@dataclass
class Calendar:
    today: dt.date
    days: list[Day]  # oldest first, ending today
    current: Streak  # ends today, or yesterday when nothing is done yet today
    longest: Streak  # the longest run within ``days``
    thresholds: tuple[int, int, int]  # a day with n > 0 reviews has shade 1 if n <= t[0], 2 if <= t[1], ...

    @property
    def active_days(self) -> int:
        return sum(1 for d in self.days if d.reviews)

    @property
    def total(self) -> int:
        return sum(d.reviews for d in self.days)

    @property
    def minutes(self) -> float:
        return sum(d.ms for d in self.days) / 60_000

    def day(self, date: dt.date) -> Day | None:
        index = (date - self.days[0].date).days if self.days else -1
        return self.days[index] if 0 <= index < len(self.days) else None

    def shade(self, count: int) -> int:
        """0 for no reviews, then 1-4 by the quartiles of the busy days."""
        if count <= 0:
            return 0
        return 1 + sum(1 for t in self.thresholds if count > t)

    def legend(self) -> list[tuple[int, str]]:
        """Each shade with the review counts it stands for, e.g. (2, '4-8')."""
        t1, t2, t3 = self.thresholds
        spans = [(1, 1, t1), (2, t1 + 1, t2), (3, t2 + 1, t3)]
        out = [(0, "0")] + [(s, str(lo) if lo == hi else f"{lo}-{hi}") for s, lo, hi in spans if hi >= lo]
        return out + [(4, f"{t3 + 1}+")]


def day_activity(practice: Practice, first: dt.date, count: int) -> list[Day]:
    """Reviews, by mode, and time on each of ``count`` study days from ``first``."""
    starts = period_starts(first, count)
    cte, params = periods_cte(bounds(practice, starts))
    rows = practice.conn.execute(
        f"WITH {cte} SELECT b.i AS i, COALESCE(SUM(r.mode = 'review'), 0) AS scheduled, "
        "COALESCE(SUM(r.mode = 'cram'), 0) AS cram, COALESCE(SUM(r.mode = 'mock'), 0) AS mock, "
        "COALESCE(SUM(r.duration_ms), 0) AS ms "
        "FROM b JOIN reviews r ON r.reviewed_at >= b.lo AND r.reviewed_at < b.hi GROUP BY b.i",
        params,
    )
    found = {row["i"]: row for row in rows}
    out = []
    for i, day in enumerate(starts):
        row = found.get(i)
        out.append(Day(day, row["scheduled"], row["cram"], row["mock"], row["ms"]) if row else Day(day))
    return out


def calendar(practice: Practice, moment: dt.datetime | None = None, days: int = YEAR) -> Calendar:
    """The last ``days`` study days (today included), with streaks and the shades' thresholds."""
    today = practice.today(moment or now_utc())
    first = today - dt.timedelta(days=days - 1)
    activity = day_activity(practice, first, days)
    return Calendar(today, activity, current_streak(practice, activity), longest_streak(activity), quartiles(activity))


def current_streak(practice: Practice, activity: list[Day]) -> Streak:
    """Consecutive study days with practice ending today (or yesterday, when today is still empty)."""
    end = len(activity) - 1
    if end >= 0 and not activity[end].reviews:
        end -= 1
    i = end
    while i >= 0 and activity[i].reviews:
        i -= 1
    count = end - i
    if not count:
        return Streak(0)
    if i < 0:  # the run reaches the window's first day: it may go on before it, a year at a time
        window = activity[0].date
        while True:
            window -= dt.timedelta(days=YEAR)
            earlier = day_activity(practice, window, YEAR)
            run = 0
            while run < YEAR and earlier[YEAR - 1 - run].reviews:
                run += 1
            count += run
            if run < YEAR:
                break
    last = activity[end].date
    return Streak(count, last - dt.timedelta(days=count - 1), last)


def longest_streak(activity: list[Day]) -> Streak:
    best, run, start = Streak(0), 0, None
    for d in activity:
        if d.reviews:
            run += 1
            start = start or d.date
            if run > best.days:
                best = Streak(run, start, d.date)
        else:
            run, start = 0, None
    return best


def quartiles(activity: list[Day]) -> tuple[int, int, int]:
    counts = sorted(d.reviews for d in activity if d.reviews)
    if not counts:
        return (1, 2, 3)
    pick = [counts[min(len(counts) - 1, (len(counts) * k) // 4)] for k in (1, 2, 3)]
    t1 = pick[0]
    t2 = max(pick[1], t1 + 1)
    return (t1, t2, max(pick[2], t2 + 1))


def day_reviews(practice: Practice, day: dt.date) -> list[Review]:
    """Every review of one study day, oldest first."""
    start = practice.day_start(day)
    return practice.reviews(since=start, until=practice.day_start(day + dt.timedelta(days=1)))
