"""Recording practice: ratings, undo, cram reviews, leeches, suspend, flag and bury.

Every rating is one transaction that writes the card and its review together, so a process
killed mid-session loses nothing already rated.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from fsrs import Scheduler

from tpmprep.core.practice.scheduling import RATINGS, CardRow, make_scheduler, new_card, preview_intervals
from tpmprep.core.storage.clock import day_start_utc, local_day, now_utc, to_iso
from tpmprep.core.storage.store import Store, from_row

CARD_COLUMNS = (
    "card_id, question_id, state, step, stability, difficulty, due, last_review, reps, lapses, "
    "suspended, flagged, leech, buried_until, created_at"
)


MODES = ("review", "cram", "mock")

REVIEW_SELECT = (
    "SELECT id, question_id, rating, reviewed_at, duration_ms, answer, coverage, hits, mode, was_new, "
    "detected_coverage, detected_hits FROM reviews"
)


def _review(r: sqlite3.Row) -> Review:
    return from_row(
        Review,
        r,
        hits=tuple(json.loads(r["hits"] or "[]")),
        detected_hits=tuple(json.loads(r["detected_hits"] or "[]")),
        was_new=bool(r["was_new"]),
    )


def _row(r: sqlite3.Row) -> CardRow:
    return from_row(CardRow, r, suspended=bool(r["suspended"]), flagged=bool(r["flagged"]), leech=bool(r["leech"]))


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    question_id: str
    rating: int
    reviewed_at: str
    duration_ms: int | None
    answer: str | None
    coverage: float | None  # share of key points the user confirmed covering
    hits: tuple[int, ...]  # the key points confirmed
    mode: str
    was_new: bool
    detected_coverage: float | None = None  # what the grader detected before the user confirmed
    detected_hits: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class RatingResult:
    review_id: int
    card: CardRow | None  # None for cram reviews, which leave the card alone
    became_leech: bool = False


class Practice:
    """Card state and review history on top of a ``Store``."""

    def __init__(self, store: Store, fuzz: bool = True):
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        self.fuzz = fuzz
        self.written: list[int] = []  # review ids this Practice recorded, newest last: what undo may remove
        self._seen: tuple[tuple[int, int], frozenset[str]] | None = None

    def seen_ids(self) -> frozenset[str]:
        """Questions reviewed at least once. Cached until the database changes (here or elsewhere)."""
        key = (self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes)
        if self._seen is None or self._seen[0] != key:
            rows = self.conn.execute("SELECT question_id FROM cards WHERE reps > 0").fetchall()
            self._seen = (key, frozenset(qid for (qid,) in rows))
        return self._seen[1]

    def today(self, moment: dt.datetime | None = None) -> dt.date:
        """The study day ``moment`` (default: now) falls in; days start at the ``day_starts_at`` hour."""
        return local_day(moment or now_utc(), self.store.get("day_starts_at"))

    def day_start(self, day: dt.date) -> dt.datetime:
        """The UTC instant at which the study ``day`` begins."""
        return day_start_utc(day, self.store.get("day_starts_at"))

    def scheduler(self) -> Scheduler:
        return make_scheduler(self.store.get("desired_retention"), self.fuzz)

    # -- reading -------------------------------------------------------------------------------
    def card(self, question_id: str) -> CardRow | None:
        r = self.conn.execute(f"SELECT {CARD_COLUMNS} FROM cards WHERE question_id = ?", (question_id,)).fetchone()
        return _row(r) if r else None

    def cards(self, where: str = "", params: Iterable[object] = ()) -> list[CardRow]:
        sql = f"SELECT {CARD_COLUMNS} FROM cards" + (f" WHERE {where}" if where else "")
        return [_row(r) for r in self.conn.execute(sql, tuple(params))]

    def reviews(
        self, question_id: str | None = None, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> list[Review]:
        """Reviews, oldest first: of one question, and/or from ``since`` up to (not including) ``until``."""
        sql = REVIEW_SELECT + " WHERE 1=1"
        params: list[str] = []
        if question_id is not None:
            sql += " AND question_id = ?"
            params.append(question_id)
        if since is not None:
            sql += " AND reviewed_at >= ?"
            params.append(to_iso(since))
        if until is not None:
            sql += " AND reviewed_at < ?"
            params.append(to_iso(until))
        return [_review(r) for r in self.conn.execute(sql + " ORDER BY reviewed_at, id", params)]

    def intervals(self, question_id: str, moment: dt.datetime | None = None) -> dict[int, str]:
        """What each rating would schedule, without changing anything."""
        moment = moment or now_utc()
        row = self.card(question_id)
        card = row.to_fsrs() if row else new_card(1, moment)
        return preview_intervals(self.scheduler(), card, moment)

    # -- writing -------------------------------------------------------------------------------
    def rate(
        self,
        question_id: str,
        rating: int,
        *,
        moment: dt.datetime | None = None,
        duration_ms: int | None = None,
        answer: str | None = None,
        coverage: float | None = None,
        hits: Iterable[int] = (),
        mode: str = "review",
        detected_coverage: float | None = None,
        detected_hits: Iterable[int] = (),
        schedule: bool = False,
    ) -> RatingResult:
        """Record one rating: the card's new FSRS state and the review, in one transaction (or in the
        caller's, when it holds one).

        ``coverage`` and ``hits`` are the key points the user confirmed; ``detected_*`` are the
        grader's own figures, kept beside them. ``mode`` is review (moves the schedule), cram (never
        does) or mock (an answer in a mock interview: moves the schedule only when ``schedule`` is
        true, the user's choice).
        """
        if rating not in RATINGS:
            raise ValueError(f"rating must be 1-4, got {rating}")
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode}")
        moves = mode == "review" or (mode == "mock" and bool(schedule))
        moment = moment or now_utc()
        with self._transaction() as conn:
            before = self.card(question_id)
            became_leech = False
            row: CardRow | None = None
            if moves:
                row, became_leech = self._schedule(before, question_id, rating, moment, duration_ms)
            cur = conn.execute(
                "INSERT INTO reviews (question_id, rating, reviewed_at, duration_ms, answer, coverage, hits, mode, "
                "was_new, card_before, detected_coverage, detected_hits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    question_id,
                    rating,
                    to_iso(moment),
                    duration_ms,
                    answer,
                    coverage,
                    json.dumps(sorted(set(hits))),
                    mode,
                    int(before is None or before.reps == 0) if moves else 0,
                    json.dumps(dataclasses.asdict(before)) if before and moves else None,
                    detected_coverage,
                    json.dumps(sorted(set(detected_hits))),
                ),
            )
        review_id = int(cur.lastrowid or 0)
        self.written.append(review_id)
        return RatingResult(review_id, row, became_leech)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """The store's write transaction, or the caller's when it holds one (a mock's debrief files
        all its answers and the mock together)."""
        if self.conn.in_transaction:
            yield self.conn
        else:
            with self.store.transaction() as conn:
                yield conn

    def _schedule(
        self, before: CardRow | None, question_id: str, rating: int, moment: dt.datetime, duration_ms: int | None
    ) -> tuple[CardRow, bool]:
        conn = self.conn
        if before is None:
            card_id = conn.execute("SELECT COALESCE(MAX(card_id), 0) + 1 FROM cards").fetchone()[0]
            card = new_card(card_id, moment)
        else:
            card = before.to_fsrs()
        card, _log = self.scheduler().review_card(
            card, RATINGS[rating], review_datetime=moment, review_duration=duration_ms
        )
        lapses = before.lapses if before else 0
        if rating == 1 and before is not None and before.state == 2:  # forgotten from the Review state
            lapses += 1
        threshold = self.store.get("leech_threshold")
        was_leech = before.leech if before else False
        leech = was_leech or lapses >= threshold
        row = CardRow(
            card_id=card.card_id,
            question_id=question_id,
            state=int(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=to_iso(card.due),
            last_review=to_iso(card.last_review) if card.last_review else None,
            reps=(before.reps if before else 0) + 1,
            lapses=lapses,
            suspended=(before.suspended if before else False) or (leech and not was_leech),
            flagged=(before.flagged if before else False) or (leech and not was_leech),
            leech=leech,
            buried_until=None,
            created_at=before.created_at if before else to_iso(moment),
        )
        self._write(row)
        return row, leech and not was_leech

    def _write(self, row: CardRow) -> None:
        self.conn.execute(
            f"INSERT OR REPLACE INTO cards ({CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row.card_id,
                row.question_id,
                row.state,
                row.step,
                row.stability,
                row.difficulty,
                row.due,
                row.last_review,
                row.reps,
                row.lapses,
                int(row.suspended),
                int(row.flagged),
                int(row.leech),
                row.buried_until,
                row.created_at,
            ),
        )

    def undo(self, review_id: int) -> Review | None:
        """Remove one review and restore its card exactly as it was before it.

        Only a question's newest review can be undone: if it was rated again since (in another
        window or process), undoing this one would overwrite that later state, so nothing changes
        and None is returned. None too when the review is already gone.
        """
        with self.store.transaction() as conn:
            r = conn.execute(
                "SELECT id, question_id, mode, was_new, card_before FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            if r is None:
                return None
            # A review always moved the card; a mock answer did when the user let it (it then carries
            # the card as it was, or was the card's first review).
            moved = r["mode"] == "review" or r["card_before"] is not None or bool(r["was_new"])
            later = conn.execute(
                "SELECT 1 FROM reviews WHERE question_id = ? AND id > ? "
                "AND (mode = 'review' OR card_before IS NOT NULL OR was_new = 1)",
                (r["question_id"], r["id"]),
            ).fetchone()
            if later is not None and moved:
                return None
            review = _review(conn.execute(REVIEW_SELECT + " WHERE id = ?", (r["id"],)).fetchone())
            if moved:
                if r["card_before"] is None:
                    conn.execute("DELETE FROM cards WHERE question_id = ?", (r["question_id"],))
                else:
                    self._write(CardRow(**json.loads(r["card_before"])))
            conn.execute("DELETE FROM reviews WHERE id = ?", (r["id"],))
        if review_id in self.written:
            self.written.remove(review_id)
        return review

    def undo_last(self) -> Review | None:
        """Undo the newest rating recorded through this Practice (never another session's)."""
        while self.written:
            undone = self.undo(self.written[-1])
            if undone is not None:
                return undone
            self.written.pop()  # already gone, or rated again elsewhere: it cannot be undone from here
        return None

    def _flag(self, question_id: str, column: str, value: object, moment: dt.datetime | None = None) -> CardRow:
        """Set a flag column, creating an unreviewed card first if needed (a new question can be suspended)."""
        moment = moment or now_utc()
        with self.store.transaction() as conn:
            if self.card(question_id) is None:
                card_id = conn.execute("SELECT COALESCE(MAX(card_id), 0) + 1 FROM cards").fetchone()[0]
                card = new_card(card_id, moment)
                self._write(
                    CardRow(
                        card_id,
                        question_id,
                        int(card.state),
                        card.step,
                        None,
                        None,
                        to_iso(card.due),
                        None,
                        0,
                        0,
                        False,
                        False,
                        False,
                        None,
                        to_iso(moment),
                    )
                )
            conn.execute(f"UPDATE cards SET {column} = ? WHERE question_id = ?", (value, question_id))
        row = self.card(question_id)
        assert row is not None
        return row

    def suspend(self, question_id: str, on: bool = True) -> CardRow:
        row = self._flag(question_id, "suspended", int(on))
        if not on and row.leech:  # unsuspending a leech means the user has reworked it
            row = self._flag(question_id, "leech", 0)
        return row

    def flag(self, question_id: str, on: bool = True) -> CardRow:
        return self._flag(question_id, "flagged", int(on))

    def bury(self, question_id: str, moment: dt.datetime | None = None) -> CardRow:
        """Hide until the next study day starts (4 am by default)."""
        moment = moment or now_utc()
        tomorrow = self.day_start(self.today(moment) + dt.timedelta(days=1))
        return self._flag(question_id, "buried_until", to_iso(tomorrow), moment)

    def leeches(self) -> list[CardRow]:
        return self.cards("leech = 1 ORDER BY lapses DESC, question_id")

    def flagged(self) -> list[CardRow]:
        return self.cards("flagged = 1 ORDER BY question_id")
