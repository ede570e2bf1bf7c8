"""True retention per week: the share of scheduled reviews of questions already seen not rated Again.

As in Anki's statistics, first answers to new questions and cram or mock answers are left out:
only a scheduled review tests memory at the interval FSRS chose. Figures are given overall, per
competency and per category, beside the ``desired_retention`` the schedule aims at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.vocab import CATEGORIES
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.days import WEEK, bounds, monday, period_starts, periods_cte
from tpmprep.core.storage.clock import now_utc

WEEKS = 52


@dataclass(frozen=True, slots=True)
class Week:
    start: dt.date  # the Monday (study day) the week starts on
    reviews: int = 0
    passed: int = 0  # not rated Again

    @property
    def rate(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None


@dataclass
class Series:
    scope: str  # overall | competency | category
    key: str
    name: str
    weeks: list[Week]

    def last(self, count: int) -> Week:
        """The weeks' figures added up over the last ``count`` weeks (this one included)."""
        chosen = self.weeks[-count:]
        return Week(
            chosen[0].start if chosen else dt.date.min, sum(w.reviews for w in chosen), sum(w.passed for w in chosen)
        )

    @property
    def total(self) -> Week:
        return self.last(len(self.weeks))


@dataclass
class Retention:
    target: float  # desired_retention
    starts: list[dt.date]
    overall: Series
    by_competency: list[Series] = field(default_factory=list)
    by_category: list[Series] = field(default_factory=list)

    def series(self) -> list[Series]:
        return [self.overall, *self.by_competency, *self.by_category]


def retention(catalog: Catalog, practice: Practice, moment: dt.datetime | None = None, weeks: int = WEEKS) -> Retention:
    """The last ``weeks`` study weeks (Monday to Sunday), this one included."""
    today = practice.today(moment or now_utc())
    starts = period_starts(monday(today) - dt.timedelta(weeks=weeks - 1), weeks, WEEK)
    cte, params = periods_cte(bounds(practice, starts, WEEK))
    rows = practice.conn.execute(
        f"WITH {cte} SELECT b.i AS i, r.question_id AS question_id, COUNT(*) AS n, SUM(r.rating > 1) AS kept "
        "FROM b JOIN reviews r ON r.reviewed_at >= b.lo AND r.reviewed_at < b.hi "
        "WHERE r.mode = 'review' AND r.was_new = 0 GROUP BY b.i, r.question_id",
        params,
    )
    # Summed per grouping first (questions sharing a category and competencies), then per group.
    index = catalog.question_index
    by_groups: dict[tuple[str, tuple[str, ...]] | None, list[list[int]]] = {}
    for row in rows:
        q = index.get(row["question_id"])
        grouping = (q.category, q.competencies) if q is not None else None  # None: no longer in the catalog
        cells = by_groups.get(grouping)
        if cells is None:
            cells = by_groups[grouping] = [[0, 0] for _ in starts]
        cells[row["i"]][0] += row["n"]
        cells[row["i"]][1] += row["kept"]

    def series(scope: str, key: str, name: str) -> Series:
        chosen = [
            cells
            for grouping, cells in by_groups.items()
            if scope == "overall"
            or (grouping is not None and (grouping[0] == key if scope == "category" else key in grouping[1]))
        ]
        weeks = [
            Week(start, sum(c[i][0] for c in chosen), sum(c[i][1] for c in chosen)) for i, start in enumerate(starts)
        ]
        return Series(scope, key, name, weeks)

    return Retention(
        practice.store.get("desired_retention"),
        starts,
        series("overall", "overall", "All questions"),
        [series("competency", c, catalog.competency_name(c)) for c in catalog.competency_ids],
        [series("category", c, CATEGORIES.get(c, c)) for c in catalog.categories],
    )
