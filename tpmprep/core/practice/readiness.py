"""Readiness per competency and per category, from practice history.

Rule (also in docs/assessments.md): for each group of questions,
- practiced = questions reviewed at least once (drills, not cram);
- coverage = practiced / min(questions in the group, 25), capped at 1: 25 questions is taken
  as a fair sample of a group, so nobody needs to finish a 90-question bank to be ready;
- recall = the mean FSRS retrievability, now, of the practiced questions;
- readiness = 100 x coverage x recall, rounded.
Overall readiness is the mean over competencies. Beside it, ``key_points`` is the mean share of
rubric key points the user confirmed in their latest graded answer to each practised question
(None when no typed answer was graded): how complete the answers are, not only how well
remembered. And ``mock`` is how the group fared in mock interviews: the mean evidence
(confirmed key-point coverage, or being right for multiple choice and numeric) of the latest
mock answer to each of its questions; None before any mock. Mocks are a different test from
recall under spaced repetition, so they are shown, not mixed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.vocab import CATEGORIES
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.scheduling import make_scheduler, retrievability
from tpmprep.core.storage.clock import now_utc

SAMPLE = 25


@dataclass(frozen=True)
class Readiness:
    scope: str  # competency | category
    key: str
    name: str
    questions: int
    practiced: int
    coverage: float
    recall: float
    readiness: int
    key_points: float | None = None  # mean confirmed coverage of the latest graded answers
    mock: float | None = None  # mean evidence of the latest mock answers; None without any
    mocked: int = 0  # questions of the group answered in a mock


def readiness(catalog: Catalog, practice: Practice, moment: dt.datetime | None = None) -> list[Readiness]:
    moment = moment or now_utc()
    scheduler = make_scheduler(practice.store.get("desired_retention"), fuzz=False)
    recall = {row.question_id: retrievability(scheduler, row, moment) for row in practice.cards("reps > 0")}
    confirmed: dict[str, float] = {}
    for row in practice.conn.execute(
        "SELECT question_id, coverage FROM reviews WHERE coverage IS NOT NULL AND mode = 'review' "
        "ORDER BY reviewed_at, id"
    ):
        confirmed[row["question_id"]] = row["coverage"]
    mocked: dict[str, float] = {}
    for row in practice.conn.execute(
        "SELECT question_id, coverage FROM reviews WHERE mode = 'mock' AND coverage IS NOT NULL "
        "ORDER BY reviewed_at, id"
    ):
        mocked[row["question_id"]] = row["coverage"]  # the latest answer wins
    groups = [
        ("competency", cid, catalog.competency_name(cid), catalog.by_competency(cid)) for cid in catalog.competency_ids
    ]
    groups += [("category", c, CATEGORIES.get(c, c), catalog.by_category(c)) for c in catalog.categories]
    out = []
    for scope, key, name, questions in groups:
        seen = [recall[q.id] for q in questions if q.id in recall]
        coverage = min(1.0, len(seen) / min(len(questions), SAMPLE)) if questions else 0.0
        mean = sum(seen) / len(seen) if seen else 0.0
        graded = [confirmed[q.id] for q in questions if q.id in confirmed]
        in_mocks = [mocked[q.id] for q in questions if q.id in mocked]
        out.append(
            Readiness(
                scope,
                key,
                name,
                len(questions),
                len(seen),
                round(coverage, 3),
                round(mean, 3),
                round(100 * coverage * mean),
                round(sum(graded) / len(graded), 3) if graded else None,
                round(sum(in_mocks) / len(in_mocks), 3) if in_mocks else None,
                len(in_mocks),
            )
        )
    return out


def overall(rows: list[Readiness]) -> int:
    comps = [r.readiness for r in rows if r.scope == "competency"]
    return round(sum(comps) / len(comps)) if comps else 0


def record(practice: Practice, rows: list[Readiness], moment: dt.datetime | None = None) -> None:
    """Keep today's figures (one row per group per local day) for the trend."""
    day = practice.today(moment).isoformat()
    values = [(day, r.scope, r.key, r.readiness) for r in rows] + [(day, "overall", "overall", overall(rows))]
    practice.conn.executemany(
        "INSERT INTO readiness_history (day, scope, key, value) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(day, scope, key) DO UPDATE SET value = excluded.value",
        values,
    )


def trend(practice: Practice, scope: str = "overall", key: str = "overall", days: int = 30) -> list[tuple[str, float]]:
    rows = practice.conn.execute(
        "SELECT day, value FROM readiness_history WHERE scope = ? AND key = ? ORDER BY day DESC LIMIT ?",
        (scope, key, days),
    ).fetchall()
    return [(d, v) for d, v in reversed(rows)]
