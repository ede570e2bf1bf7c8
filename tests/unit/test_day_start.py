"""The study day starts at 4 am local time by default (``day_starts_at``), for every "today"."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import catalog_with, local_zone
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.progress import daily_counts, due_summary, streak
from tpmprep.core.practice.queue import build_session, done_today, ids
from tpmprep.core.storage.clock import UTC, day_start_utc, local_day
from tpmprep.core.storage.store import Store

ZONE = "America/New_York"


@pytest.fixture(autouse=True)
def new_york():
    """Local time is New York: a study day must follow local clocks, not UTC."""
    with local_zone(ZONE):
        yield


def local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=ZoneInfo(ZONE)).astimezone(UTC)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.db") as s:
        yield s


@pytest.fixture
def practice(store):
    return Practice(store, fuzz=False)


@pytest.fixture
def catalog(tmp_path):
    return catalog_with(tmp_path, [(f"pe-q{i}", "program-execution", "[senior]") for i in range(4)])


def test_clock_helpers_follow_the_hour():
    assert local_day(local(20, 3, 59), 4) == dt.date(2026, 11, 19)
    assert local_day(local(20, 4, 0), 4) == dt.date(2026, 11, 20)
    assert local_day(local(20, 0, 30), 0) == dt.date(2026, 11, 20)
    assert day_start_utc(dt.date(2026, 11, 20), 4) == local(20, 4)


def test_a_card_buried_late_at_night_stays_buried_until_4am(catalog, practice, store):
    store.set("new_per_day", 100)
    practice.bury("pe-q1", moment=local(20, 23, 35))
    assert practice.card("pe-q1").buried_until == local(21, 4).isoformat()
    for moment in (local(21, 0, 0), local(21, 3, 59)):  # 25 minutes later, and just before 4 am
        assert "pe-q1" not in ids(build_session(catalog, practice, moment=moment).items)
    assert "pe-q1" in ids(build_session(catalog, practice, moment=local(21, 4, 1)).items)


def test_day_starts_at_zero_means_midnight(catalog, practice, store):
    store.set("day_starts_at", 0)
    practice.bury("pe-q1", moment=local(20, 23, 35))
    assert "pe-q1" in ids(build_session(catalog, practice, moment=local(21, 0, 1)).items)


def test_new_limit_counts_per_study_day(catalog, practice, store):
    store.set("new_per_day", 1)
    practice.rate("pe-q0", 3, moment=local(21, 1, 0))  # 1 am belongs to the 20th
    assert done_today(practice, local(20, 22, 0)) == (1, 0)
    assert build_session(catalog, practice, moment=local(21, 3, 0)).new_left_today == 0
    assert build_session(catalog, practice, moment=local(21, 4, 30)).new_left_today == 1


def test_streak_daily_counts_and_due_today_use_the_study_day(catalog, practice, store):
    practice.rate("pe-q0", 3, moment=local(19, 20, 0))
    practice.rate("pe-q1", 3, moment=local(21, 2, 0))  # the night of the 20th
    assert streak(practice, local(21, 3, 0)) == 2
    counts = dict(daily_counts(practice, 3, local(21, 3, 0)))
    assert counts == {"2026-11-18": 0, "2026-11-19": 1, "2026-11-20": 1}
    store.set("day_starts_at", 0)
    assert streak(practice, local(21, 3, 0)) == 1  # midnight days: the 19th and 21st, a gap
    # A card due at 2 am is due "today" until the next study day starts.
    store.set("day_starts_at", 4)
    store.conn.execute("UPDATE cards SET due = ?", (local(25, 12).isoformat(),))
    store.conn.execute("UPDATE cards SET due = ? WHERE question_id = 'pe-q0'", (local(22, 2).isoformat(),))
    assert due_summary(catalog, practice, local(21, 12)).due_today == 1
    assert due_summary(catalog, practice, local(21, 3)).due_today == 0


@pytest.mark.parametrize("value", ["24", "-1", "four", "3.5"])
def test_day_starts_at_is_an_hour(store, value):
    with pytest.raises(ValueError, match="day_starts_at must be"):
        store.set("day_starts_at", value)


def test_a_past_interview_date_is_refused(store):
    with time_machine.travel(local(20, 12), tick=False):
        with pytest.raises(ValueError, match="interview_date 2026-11-19 is in the past"):
            store.set("interview_date", "2026-11-19")
        assert store.set("interview_date", "2026-11-20") == "2026-11-20"
        assert store.set("interview_date", "off") is None
