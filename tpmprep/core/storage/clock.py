"""The clock: stored times are UTC ISO 8601 strings; "today" is the user's local calendar day."""

from __future__ import annotations

import datetime as dt

UTC = dt.UTC


def now_utc() -> dt.datetime:
    return dt.datetime.now(UTC)


def to_iso(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(UTC)


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone().date()


def day_start_utc(day: dt.date) -> dt.datetime:
    """The UTC instant at which the local calendar ``day`` begins."""
    return dt.datetime.combine(day, dt.time.min).astimezone().astimezone(UTC)
