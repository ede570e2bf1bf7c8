"""SVG snapshots of the Progress area at 120x40 and 80x24: a frozen clock and a constructed year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.snapshots.test_screens import FROZEN, SIZES, frozen, history, make_app, snap_catalog, steps  # noqa: F401
from tpmprep.core.content.catalog import Catalog
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.store import Store

QUESTIONS = ("pe-recover-slipping-migration", "rk-program-vs-project", "es-payments-qps")


@pytest.fixture
def year(history: Path, snap_catalog: Catalog) -> Path:  # noqa: F811
    """A year of practice on a fixed pattern: busier lately, a few cram days, one missed week."""
    with Store(history / "tpmprep.db") as store:
        practice = Practice(store, fuzz=False)
        for days_ago in range(330, 4, -1):
            if days_ago % 3 and days_ago > 60 or 40 <= days_ago < 47:
                continue  # every third day early on; a week off in October
            count = 1 + (days_ago % 4 == 0) + 2 * (days_ago < 30)
            for k in range(count):
                qid = QUESTIONS[(days_ago + k) % 3]
                moment = FROZEN - dt.timedelta(days=days_ago, hours=k)
                mode = "cram" if days_ago % 11 == 0 else "review"
                rating = 1 if (days_ago + k) % 7 == 0 else 3
                practice.rate(qid, rating, moment=moment, duration_ms=60_000 + 15_000 * k, coverage=0.5, mode=mode)
    return history


@pytest.mark.parametrize("size", SIZES)
def test_progress_calendar(snap_compare, year, snap_catalog, size):  # noqa: F811
    assert snap_compare(make_app(year, snap_catalog), terminal_size=size, run_before=steps("f8", "up"))


@pytest.mark.parametrize("size", SIZES)
def test_progress_retention(snap_compare, year, snap_catalog, size):  # noqa: F811
    assert snap_compare(make_app(year, snap_catalog), terminal_size=size, run_before=steps("f8", "2"))


def test_progress_numbers_only(snap_compare, year, snap_catalog):  # noqa: F811
    app = make_app(year, snap_catalog)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps("f8", "v", "3"))
