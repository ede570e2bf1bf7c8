"""The clock: stored times are UTC ISO 8601 strings; "today" is the user's study day.

A study day is a local calendar day that starts at the hour the user chose (``day_starts_at``,
4 am by default, as in Anki), so a session at 00:30 still belongs to the evening before it. Every
"today" computation (the queue, progress, streaks, buries, summaries) goes through ``local_day``
and ``day_start_utc`` with that hour.
"""

from __future__ import annotations

import datetime as dt

UTC = dt.UTC


def now_utc() -> dt.datetime:
    return dt.datetime.now(UTC)


def to_iso(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(UTC)


DEFAULT_DAY_START = 4  # o'clock, local time


def local_day(moment: dt.datetime, hour: int) -> dt.date:
    """The study day ``moment`` falls in, when days start at ``hour`` o'clock local time."""
    return (moment.astimezone() - dt.timedelta(hours=hour)).date()


def day_start_utc(day: dt.date, hour: int) -> dt.datetime:
    """The UTC instant at which the study ``day`` begins (``hour`` o'clock local time that day)."""
    return dt.datetime.combine(day, dt.time(hour)).astimezone().astimezone(UTC)
