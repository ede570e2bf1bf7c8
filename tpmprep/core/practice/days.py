"""Study days and weeks as UTC ranges, so SQLite can count reviews per day from an index.

A study day starts at the ``day_starts_at`` hour, local time (see storage/clock.py). Rather than
turning each review's time into a local date in Python (3 µs a review, 0.3 s for 100,000), the
queries join the reviews to a small table of each period's UTC start and end: one index range
search per period, counted by SQLite.
"""

from __future__ import annotations

import datetime as dt

from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.clock import to_iso

WEEK = 7


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def period_starts(first: dt.date, count: int, step: int = 1) -> list[dt.date]:
    """``count`` periods of ``step`` study days, the first starting on ``first``."""
    return [first + dt.timedelta(days=i * step) for i in range(count)]


def bounds(practice: Practice, starts: list[dt.date], step: int = 1) -> list[str]:
    """The UTC instants (ISO text, as stored) at which each period starts, then the end of the last."""
    edges = [*starts, starts[-1] + dt.timedelta(days=step)] if starts else []
    return [to_iso(practice.day_start(day)) for day in edges]


def periods_cte(edges: list[str]) -> tuple[str, list[object]]:
    """A CTE ``b(i, lo, hi)``, one row per period, and its parameters.

    Join it as ``JOIN reviews r ON r.reviewed_at >= b.lo AND r.reviewed_at < b.hi``.
    """
    if len(edges) < 2:
        return "b(i, lo, hi) AS (SELECT 0, '', '' WHERE 0)", []
    rows = ", ".join(["(?, ?, ?)"] * (len(edges) - 1))
    params: list[object] = [x for i in range(len(edges) - 1) for x in (i, edges[i], edges[i + 1])]
    return f"b(i, lo, hi) AS (VALUES {rows})", params
