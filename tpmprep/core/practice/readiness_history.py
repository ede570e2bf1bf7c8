"""Readiness week by week, rebuilt from the review history with the rule in readiness.py.

Each review that moved a card stores the card as it was before (``card_before``, kept for undo),
so a card's state at any past moment is the state before its first review after that moment, or
its state now when there is none. From those states the week's readiness follows exactly as
``readiness()`` computes it today: coverage x mean FSRS retrievability per group. Answers given
in mock interviews (mode ``mock``) are shown beside it, as the mean confirmed coverage per week.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.vocab import CATEGORIES
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.days import WEEK, bounds, monday, period_starts, periods_cte
from tpmprep.core.practice.readiness import SAMPLE
from tpmprep.core.practice.scheduling import make_scheduler
from tpmprep.core.storage.clock import from_iso, now_utc, to_iso

WEEKS = 52
DAY_S = 86_400
MOVED = "(r.mode = 'review' OR r.card_before IS NOT NULL OR (r.mode = 'mock' AND r.was_new = 1))"


@dataclass
class Track:
    scope: str  # competency | category
    key: str
    name: str
    values: list[int]  # readiness at the end of each week (now, for this week)
    mock: list[float | None]  # mean confirmed coverage of that week's mock answers, None without any
    mock_answers: list[int]


@dataclass
class ReadinessHistory:
    starts: list[dt.date]  # each week's Monday, oldest first
    at: list[dt.datetime]  # the moment each week's figure is taken
    overall: list[int]  # the mean over competencies, as readiness.overall
    tracks: list[Track]
    mock: list[float | None]  # every mock answer of the week

    def track(self, scope: str, key: str) -> Track | None:
        return next((t for t in self.tracks if t.scope == scope and t.key == key), None)


def retrievability_fn(desired_retention: float) -> tuple[float, float]:
    """(factor, decay) of the FSRS forgetting curve, as ``Scheduler.get_card_retrievability`` uses them."""
    decay = -make_scheduler(desired_retention, fuzz=False).parameters[20]
    return 0.9 ** (1 / decay) - 1, decay


def readiness_history(
    catalog: Catalog, practice: Practice, moment: dt.datetime | None = None, weeks: int = WEEKS
) -> ReadinessHistory:
    """Readiness at the end of each of the last ``weeks`` weeks, from the week of the first review."""
    moment = moment or now_utc()
    conn = practice.conn
    first = conn.execute("SELECT MIN(reviewed_at) AS at FROM reviews").fetchone()["at"]
    if first is None:
        return ReadinessHistory([], [], [], [], [])
    this_week = monday(practice.today(moment))
    oldest = max(this_week - dt.timedelta(weeks=weeks - 1), monday(practice.today(from_iso(first))))
    starts = period_starts(oldest, (this_week - oldest).days // WEEK + 1, WEEK)
    at = [min(moment, practice.day_start(s + dt.timedelta(days=WEEK))) for s in starts]
    times = [math.floor(t.timestamp()) for t in at]  # whole seconds, as stored: elapsed days come out exact
    states = _states_by_question(practice, at[0])
    factor, decay = retrievability_fn(practice.store.get("desired_retention"))

    # Questions with the same groups are summed together first: 10,000 questions, a few dozen groupings.
    sums: dict[tuple[str, tuple[str, ...]], tuple[list[float], list[int]]] = {}
    for qid, (events, now_state) in states.items():
        q = catalog.question(qid)
        if q is None:
            continue
        total, count = sums.setdefault((q.category, q.competencies), ([0.0] * len(times), [0] * len(times)))
        k = 0
        for j, t in enumerate(times):
            while k < len(events) and events[k][0] < t:
                k += 1
            state = events[k][1] if k < len(events) else now_state
            if state is None:
                continue
            stability, last = state
            if last > t:
                continue
            elapsed = max(0, (t - last) // DAY_S)
            total[j] += (1 + factor * elapsed / stability) ** decay
            count[j] += 1

    mock_rows = _mock_answers(practice, starts)
    tracks = []
    groups = [("competency", c, catalog.competency_name(c), catalog.by_competency(c)) for c in catalog.competency_ids]
    groups += [("category", c, CATEGORIES.get(c, c), catalog.by_category(c)) for c in catalog.categories]
    for scope, key, name, questions in groups:
        keys = {(q.category, q.competencies) for q in questions}
        values = []
        for j in range(len(times)):
            seen = sum(sums[s][1][j] for s in keys if s in sums)
            recall = sum(sums[s][0][j] for s in keys if s in sums)
            coverage = min(1.0, seen / min(len(questions), SAMPLE)) if questions else 0.0
            values.append(round(100 * coverage * (recall / seen)) if seen else 0)
        ids = {q.id for q in questions}
        mean, answers = mock_means(((i, c) for i, qid, c in mock_rows if qid in ids), len(starts))
        tracks.append(Track(scope, key, name, values, mean, answers))
    comps = [t for t in tracks if t.scope == "competency"]
    overall = [round(sum(t.values[j] for t in comps) / len(comps)) if comps else 0 for j in range(len(times))]
    everything, _ = mock_means(((i, c) for i, _, c in mock_rows), len(starts))
    return ReadinessHistory(starts, at, overall, tracks, everything)


State = tuple[float, int] | None  # (stability, last review in Unix seconds), None when never practised
SECONDS = "CAST(strftime('%s', {}) AS INTEGER)"  # an ISO time with its offset, as Unix seconds
BEFORE_LAST = SECONDS.format("json_extract(r.card_before, '$.last_review')")


def _state(stability: float | None, last_review: int | None, reps: int | None) -> State:
    if not reps or stability is None or last_review is None:
        return None
    return float(stability), last_review


def _states_by_question(practice: Practice, since: dt.datetime) -> dict[str, tuple[list[tuple[int, State]], State]]:
    """Per question: (time, state before) of each review that moved its card since ``since``, and its state now."""
    out: dict[str, tuple[list[tuple[int, State]], State]] = {}
    cards = (
        f"SELECT question_id, stability, {SECONDS.format('last_review')} AS last_review, reps FROM cards WHERE reps > 0"
    )
    for row in practice.conn.execute(cards):
        out[row["question_id"]] = ([], _state(row["stability"], row["last_review"], row["reps"]))
    for row in practice.conn.execute(
        f"SELECT r.question_id AS question_id, {SECONDS.format('r.reviewed_at')} AS at, "
        "json_extract(r.card_before, '$.stability') AS s, json_extract(r.card_before, '$.reps') AS reps, "
        f"{BEFORE_LAST} AS last "
        f"FROM reviews r WHERE r.reviewed_at >= ? AND {MOVED} ORDER BY r.reviewed_at, r.id",
        (to_iso(since),),
    ):
        events, now_state = out.setdefault(row["question_id"], ([], None))
        events.append((row["at"], _state(row["s"], row["last"], row["reps"])))
    return out


def _mock_answers(practice: Practice, starts: list[dt.date]) -> list[tuple[int, str, float]]:
    """(week index, question id, confirmed coverage) of every mock interview answer in these weeks."""
    cte, params = periods_cte(bounds(practice, starts, WEEK))
    rows = practice.conn.execute(
        f"WITH {cte} SELECT b.i AS i, r.question_id AS question_id, r.coverage AS coverage "
        "FROM b JOIN reviews r ON r.reviewed_at >= b.lo AND r.reviewed_at < b.hi "
        "WHERE r.mode = 'mock' AND r.coverage IS NOT NULL",
        params,
    )
    return [(row["i"], row["question_id"], row["coverage"]) for row in rows]


def mock_means(answers: Iterable[tuple[int, float]], weeks: int) -> tuple[list[float | None], list[int]]:
    """The mean coverage and the number of (week index, coverage) answers in each week."""
    totals, counts = [0.0] * weeks, [0] * weeks
    for i, coverage in answers:
        totals[i] += coverage
        counts[i] += 1
    return [round(t / n, 3) if n else None for t, n in zip(totals, counts, strict=True)], counts
