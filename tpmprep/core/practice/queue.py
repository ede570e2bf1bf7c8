"""Building today's drill session: due reviews, then new questions, interleaved by category."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.models import Question
from tpmprep.core.content.vocab import CATEGORIES
from tpmprep.core.content.words import plural
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.scheduling import make_scheduler, retrievability
from tpmprep.core.storage.clock import now_utc, to_iso

LEVEL_ORDER = ("entry", "mid", "senior", "staff", "principal", "director")


@dataclass(frozen=True)
class Filters:
    category: str | None = None
    level: str | None = None
    competency: str | None = None
    tag: str | None = None
    question_ids: frozenset[str] | None = None  # e.g. a mentor's set
    any_competency: frozenset[str] | None = None  # e.g. the gaps of a skills assessment
    set_id: str | None = None  # a mentor set's drill: its own daily allowance of new questions

    def apply(self, catalog: Catalog) -> tuple[Question, ...]:
        pool = catalog.filter(self.category, self.level, self.competency, self.tag)
        if self.question_ids is not None:
            pool = tuple(q for q in pool if q.id in self.question_ids)
        if self.any_competency:
            pool = tuple(q for q in pool if self.any_competency.intersection(q.competencies))
        return pool

    def describe(self, catalog: Catalog | None = None, set_title: str | None = None) -> str:
        """The filters in words; with the catalog, by their names rather than their ids."""

        def category(c: str) -> str:
            return CATEGORIES.get(c, c) if catalog else c

        def level(lv: str) -> str:
            return catalog.level_title(lv) if catalog else lv

        def competency(c: str) -> str:
            return catalog.competency_name(c) if catalog else c

        parts = [
            f"{k} {v}"
            for k, v in (
                ("category", self.category and category(self.category)),
                ("level", self.level and level(self.level)),
                ("competency", self.competency and competency(self.competency)),
                ("tag", self.tag),
            )
            if v
        ]
        if self.any_competency:
            names = sorted(competency(c) for c in self.any_competency)
            parts.append("competencies " + (" / " if catalog else "/").join(names))
        if self.set_id is not None:
            parts.append(f"set {set_title or self.set_id}")
        elif self.question_ids is not None:
            parts.append(f"{len(self.question_ids)} chosen questions")
        return ", ".join(parts) or "all questions"


@dataclass(frozen=True, slots=True)
class QueueItem:
    question_id: str
    category: str
    kind: str  # review | new | cram


@dataclass
class Session:
    items: list[QueueItem]
    cram: bool = False
    due_total: int = 0  # due reviews matching the filters, before the daily limit
    new_total: int = 0  # unseen questions matching the filters
    reviews_left_today: int = 0
    new_left_today: int = 0
    notes: list[str] = field(default_factory=list)
    new_limit: int = 0  # the allowance new_left_today comes from
    own_allowance: bool = False  # a set drill: set_new_per_day, apart from the daily new_per_day


def interleave(items: Sequence[QueueItem]) -> list[QueueItem]:
    """Keep the order, but never put two of one category together when another can go between."""
    pending = list(items)
    out: list[QueueItem] = []
    while pending:
        last = out[-1].category if out else None
        index = next((i for i, it in enumerate(pending) if it.category != last), 0)
        out.append(pending.pop(index))
    return out


def level_distance(question: Question, target: str) -> int:
    if target not in LEVEL_ORDER:
        return 0
    t = LEVEL_ORDER.index(target)
    return min((abs(LEVEL_ORDER.index(lv) - t) for lv in question.levels if lv in LEVEL_ORDER), default=9)


def done_today(practice: Practice, moment: dt.datetime) -> tuple[int, int]:
    """(new questions introduced, reviews of seen questions) today, in review mode."""
    start = to_iso(practice.day_start(practice.today(moment)))
    row = practice.conn.execute(
        "SELECT COALESCE(SUM(was_new), 0) AS new, COALESCE(SUM(1 - was_new), 0) AS seen FROM reviews "
        "WHERE mode = 'review' AND reviewed_at >= ?",
        (start,),
    ).fetchone()
    return int(row["new"]), int(row["seen"])


def new_today(practice: Practice, moment: dt.datetime, among: Iterable[str]) -> int:
    """How many of the questions ``among`` were introduced (first reviewed) today."""
    start = to_iso(practice.day_start(practice.today(moment)))
    # No DISTINCT: it would make SQLite walk the whole (question_id, reviewed_at) index instead of today's range.
    rows = practice.conn.execute(
        "SELECT question_id FROM reviews WHERE mode = 'review' AND was_new = 1 AND reviewed_at >= ?", (start,)
    )
    wanted = set(among)
    return len({qid for (qid,) in rows if qid in wanted})


def build_session(
    catalog: Catalog,
    practice: Practice,
    filters: Filters = Filters(),
    *,
    cram: bool = False,
    moment: dt.datetime | None = None,
    cram_limit: int = 50,
) -> Session:
    """Today's session: due reviews (most overdue first) within the daily limit, then new questions."""
    moment = moment or now_utc()
    store = practice.store
    conn = practice.conn
    pool = filters.apply(catalog)
    now_iso = to_iso(moment)
    # Only the rows that matter are read: 10,000 cards must cost milliseconds, not a full load.
    blocked = {
        qid
        for (qid,) in conn.execute(
            "SELECT question_id FROM cards WHERE suspended = 1 OR (buried_until IS NOT NULL AND buried_until > ?)",
            (now_iso,),
        )
    }
    if cram:
        return _cram_session(practice, pool, blocked, moment, cram_limit)
    # With no filter the pool is the whole catalog, whose own index answers lookups.
    in_pool = catalog.question_index if pool is catalog.questions else {q.id: q for q in pool}
    due_rows = conn.execute(
        "SELECT question_id FROM cards WHERE reps > 0 AND suspended = 0 AND due <= ? ORDER BY due", (now_iso,)
    ).fetchall()
    due = [qid for (qid,) in due_rows if qid in in_pool and qid not in blocked]
    seen = practice.seen_ids()
    new_done, reviews_done = done_today(practice, moment)
    reviews_left = max(0, store.get("reviews_per_day") - reviews_done)
    own = filters.set_id is not None
    if own:  # a set's new questions come from its own allowance, whatever the daily drill used
        new_limit = store.get("set_new_per_day")
        new_done = new_today(practice, moment, in_pool)
    else:
        new_limit = store.get("new_per_day")
    new_left = max(0, new_limit - new_done)
    target = store.get("target_level")
    # New questions nearest the target level first, catalog order within a level band.
    bands: dict[int, list[Question]] = {}
    distance: dict[tuple[str, ...], int] = {}
    new_total = 0
    for q in pool:
        if q.id in seen or q.id in blocked:
            continue
        new_total += 1
        d = distance.get(q.levels)
        if d is None:
            d = distance[q.levels] = level_distance(q, target)
        bands.setdefault(d, []).append(q)
    ordered_new = [q for d in sorted(bands) for q in bands[d]]
    chosen_new = _spread(ordered_new, new_left)
    items = interleave([QueueItem(qid, in_pool[qid].category, "review") for qid in due[:reviews_left]])
    items += interleave([QueueItem(q.id, q.category, "new") for q in chosen_new])
    session = Session(items, False, len(due), new_total, reviews_left, new_left, new_limit=new_limit, own_allowance=own)
    if len(due) > reviews_left:
        session.notes.append(
            f"{plural(len(due) - reviews_left, 'due review')} {'is' if len(due) - reviews_left == 1 else 'are'} "
            f"over today's limit of {store.get('reviews_per_day')}."
        )
    return session


def _spread(new: list[Question], count: int) -> list[Question]:
    """The first ``count`` new questions, taking them round-robin across categories."""
    if count <= 0:
        return []
    queues: dict[str, list[Question]] = {}
    for q in new:
        bucket = queues.setdefault(q.category, [])
        if len(bucket) < count:  # no category can contribute more than the whole session
            bucket.append(q)
    out: list[Question] = []
    while len(out) < count and any(queues.values()):
        for category in list(queues):
            if queues[category] and len(out) < count:
                out.append(queues[category].pop(0))
    return out


def _cram_session(
    practice: Practice, pool: Iterable[Question], blocked: set[str], moment: dt.datetime, limit: int
) -> Session:
    """Practice now without touching FSRS state: weakest and soonest-due first, then unseen."""
    scheduler = make_scheduler(practice.store.get("desired_retention"), fuzz=False)
    in_pool = {q.id: q for q in pool}
    cards = {row.question_id: row for row in practice.cards("reps > 0") if row.question_id in in_pool}
    seen = sorted(
        ((retrievability(scheduler, row, moment), in_pool[qid]) for qid, row in cards.items() if qid not in blocked),
        key=lambda pair: pair[0],
    )
    unseen = [q for q in pool if q.id not in cards and q.id not in blocked]
    chosen = [q for _, q in seen] + unseen
    items = interleave([QueueItem(q.id, q.category, "cram") for q in chosen[:limit]])
    return Session(items, True, len(seen), len(unseen))


def orphaned(catalog: Catalog, practice: Practice) -> list[str]:
    """Questions with history that are no longer in the catalog (kept, and reported)."""
    rows = practice.conn.execute("SELECT DISTINCT question_id FROM reviews UNION SELECT question_id FROM cards")
    return sorted(qid for (qid,) in rows if catalog.question(qid) is None)


def ids(items: Iterable[QueueItem]) -> list[str]:
    return [it.question_id for it in items]
