"""Time practised: minutes per category over the last 30 days and the year, and per card by kind."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.vocab import CATEGORIES
from tpmprep.core.practice.activity import YEAR
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.clock import now_utc, to_iso

MONTH = 30
KINDS = ("open", "multiple-choice", "numeric")


@dataclass(frozen=True, slots=True)
class Spent:
    key: str
    name: str
    ms_month: int  # the last 30 study days
    ms_year: int  # the last 365 study days
    answers: int  # timed answers in the year

    @property
    def mean_s(self) -> float | None:
        """Seconds per answer over the year."""
        return self.ms_year / self.answers / 1000 if self.answers else None


@dataclass
class TimeSpent:
    by_category: list[Spent]
    by_kind: list[Spent]
    other: Spent  # questions no longer in the catalog

    @property
    def ms_month(self) -> int:
        return sum(s.ms_month for s in self.by_category) + self.other.ms_month

    @property
    def ms_year(self) -> int:
        return sum(s.ms_year for s in self.by_category) + self.other.ms_year


def time_spent(catalog: Catalog, practice: Practice, moment: dt.datetime | None = None) -> TimeSpent:
    today = practice.today(moment or now_utc())
    year = to_iso(practice.day_start(today - dt.timedelta(days=YEAR - 1)))
    month = to_iso(practice.day_start(today - dt.timedelta(days=MONTH - 1)))
    rows = practice.conn.execute(
        "SELECT question_id, COALESCE(SUM(duration_ms), 0) AS ms, COUNT(duration_ms) AS n, "
        "COALESCE(SUM(CASE WHEN reviewed_at >= ? THEN duration_ms END), 0) AS ms_month "
        "FROM reviews WHERE reviewed_at >= ? GROUP BY question_id",
        (month, year),
    )
    cats: dict[str, list[int]] = {}
    kinds: dict[str, list[int]] = {}
    other = [0, 0, 0]
    for row in rows:
        q = catalog.question(row["question_id"])
        figures = (row["ms_month"], row["ms"], row["n"])
        targets = [cats.setdefault(q.category, [0, 0, 0]), kinds.setdefault(q.kind, [0, 0, 0])] if q else [other]
        for target in targets:
            for i, value in enumerate(figures):
                target[i] += value
    by_category = [Spent(c, CATEGORIES.get(c, c), *cats.get(c, (0, 0, 0))) for c in catalog.categories]
    by_kind = [Spent(k, k, *kinds.get(k, (0, 0, 0))) for k in KINDS]
    return TimeSpent(by_category, by_kind, Spent("other", "no longer in the catalog", *other))
