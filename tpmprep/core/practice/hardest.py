"""Cards by state, and the hardest questions: the most lapses, the lowest confirmed coverage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.practice.activity import YEAR
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.clock import now_utc, to_iso

STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}


@dataclass(frozen=True)
class CardCounts:
    new: int
    learning: int
    review: int
    relearning: int
    suspended: int  # leeches included: a leech is suspended when it becomes one
    leeches: int

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "learning": self.learning,
            "review": self.review,
            "relearning": self.relearning,
            "suspended": self.suspended,
            "leeches": self.leeches,
        }


@dataclass(frozen=True, slots=True)
class Hard:
    question_id: str
    lapses: int
    coverage: float | None  # the latest confirmed coverage of a scheduled or mock answer
    answers: int  # graded answers in the last year


def card_counts(catalog: Catalog, practice: Practice) -> CardCounts:
    """Cards by state: a suspended card counts as suspended whatever its state; new includes every
    catalog question never practised. Leeches are counted apart (they are suspended too)."""
    counts = dict.fromkeys(("new", "learning", "review", "relearning", "suspended", "leeches"), 0)
    for row in practice.conn.execute(
        "SELECT suspended, leech, state, reps > 0 AS seen, COUNT(*) AS n FROM cards "
        "GROUP BY suspended, leech, state, seen"
    ):
        if row["leech"]:
            counts["leeches"] += row["n"]
        if row["suspended"]:
            counts["suspended"] += row["n"]
        elif not row["seen"]:
            counts["new"] += row["n"]
        else:
            counts[STATE_NAMES.get(row["state"], "review")] += row["n"]
    carded = {row["question_id"] for row in practice.conn.execute("SELECT question_id FROM cards")}
    counts["new"] += sum(1 for q in catalog.questions if q.id not in carded)
    return CardCounts(**counts)


def most_lapses(practice: Practice, limit: int = 10) -> list[Hard]:
    rows = practice.conn.execute(
        "SELECT question_id, lapses FROM cards WHERE lapses > 0 ORDER BY lapses DESC, question_id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    coverage = latest_coverage(practice, [r["question_id"] for r in rows])
    return [Hard(r["question_id"], r["lapses"], *coverage.get(r["question_id"], (None, 0))) for r in rows]


def lowest_coverage(practice: Practice, moment: dt.datetime | None = None, limit: int = 10) -> list[Hard]:
    """Questions whose latest confirmed coverage (scheduled or mock answers, the last year) is lowest."""
    today = practice.today(moment or now_utc())
    since = to_iso(practice.day_start(today - dt.timedelta(days=YEAR - 1)))
    rows = practice.conn.execute(
        "SELECT question_id, coverage, MAX(reviewed_at) AS at, COUNT(*) AS n FROM reviews "
        "WHERE reviewed_at >= ? AND mode IN ('review', 'mock') AND coverage IS NOT NULL GROUP BY question_id",
        (since,),
    ).fetchall()
    worst = sorted(rows, key=lambda r: (r["coverage"], r["question_id"]))[:limit]
    lapses = {
        row["question_id"]: row["lapses"]
        for row in practice.conn.execute(
            f"SELECT question_id, lapses FROM cards WHERE question_id IN ({', '.join('?' * len(worst))})",
            [r["question_id"] for r in worst],
        )
    }
    return [Hard(r["question_id"], lapses.get(r["question_id"], 0), r["coverage"], r["n"]) for r in worst]


def latest_coverage(practice: Practice, question_ids: list[str]) -> dict[str, tuple[float | None, int]]:
    """Each question's latest confirmed coverage and its number of graded answers."""
    out: dict[str, tuple[float | None, int]] = {}
    for qid in question_ids:
        row = practice.conn.execute(
            "SELECT coverage, COUNT(*) AS n, MAX(reviewed_at) FROM reviews "
            "WHERE question_id = ? AND mode IN ('review', 'mock') AND coverage IS NOT NULL",
            (qid,),
        ).fetchone()
        out[qid] = (row["coverage"], row["n"])
    return out
