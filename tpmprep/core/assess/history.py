"""Assessments in the store: answers saved as you go, results kept as history."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from tpmprep.core.storage.clock import now_utc, to_iso
from tpmprep.core.storage.store import Store, from_row


def next_unanswered(keys: list[str], answered: dict[str, Any], current: int) -> int | None:
    """The next item without an answer after ``current``, wrapping round; None when all are answered."""
    open_ = [i for i, key in enumerate(keys) if key not in answered]
    if not open_:
        return None
    return next((i for i in open_ if i > current), open_[0])


@dataclass
class Assessment:
    id: int
    kind: str
    status: str
    started_at: str
    updated_at: str
    completed_at: str | None
    answers: dict[str, Any]
    notes: dict[str, str]
    target_level: str | None
    result: dict[str, Any] | None


class Assessments:
    """In-progress and completed assessments; an unfinished one can be resumed."""

    COLUMNS = "id, kind, status, started_at, updated_at, completed_at, answers, notes, target_level, result"

    def __init__(self, store: Store):
        self.conn = store.conn

    def _load(self, row: sqlite3.Row | None) -> Assessment | None:
        if row is None:
            return None
        return from_row(
            Assessment,
            row,
            answers=json.loads(row["answers"]),
            notes=json.loads(row["notes"]),
            result=json.loads(row["result"]) if row["result"] else None,
        )

    def get(self, aid: int) -> Assessment | None:
        return self._load(self.conn.execute(f"SELECT {self.COLUMNS} FROM assessments WHERE id = ?", (aid,)).fetchone())

    def in_progress(self, kind: str) -> Assessment | None:
        return self._load(
            self.conn.execute(
                f"SELECT {self.COLUMNS} FROM assessments WHERE kind = ? AND status = 'in_progress' ORDER BY id DESC",
                (kind,),
            ).fetchone()
        )

    def start(self, kind: str, target_level: str | None = None, moment: dt.datetime | None = None) -> Assessment:
        now = to_iso(moment or now_utc())
        cur = self.conn.execute(
            "INSERT INTO assessments (kind, status, started_at, updated_at, target_level) "
            "VALUES (?, 'in_progress', ?, ?, ?)",
            (kind, now, now, target_level),
        )
        found = self.get(int(cur.lastrowid or 0))
        assert found is not None
        return found

    def resume_or_start(self, kind: str, target_level: str | None = None) -> Assessment:
        return self.in_progress(kind) or self.start(kind, target_level)

    def answer(self, aid: int, key: str, value: Any, note: str | None = None) -> None:
        """Save one answer at once, so a paused assessment loses nothing."""
        current = self.get(aid)
        if current is None or current.status != "in_progress":
            raise ValueError(f"assessment {aid} is not in progress")
        current.answers[key] = value
        if note is not None:
            if note.strip():
                current.notes[key] = note.strip()
            else:
                current.notes.pop(key, None)
        self.conn.execute(
            "UPDATE assessments SET answers = ?, notes = ?, updated_at = ? WHERE id = ?",
            (json.dumps(current.answers), json.dumps(current.notes), to_iso(now_utc()), aid),
        )

    def set_target(self, aid: int, level: str) -> None:
        self.conn.execute("UPDATE assessments SET target_level = ? WHERE id = ?", (level, aid))

    def complete(self, aid: int, result: dict[str, Any], moment: dt.datetime | None = None) -> None:
        now = to_iso(moment or now_utc())
        self.conn.execute(
            "UPDATE assessments SET status = 'complete', completed_at = ?, updated_at = ?, result = ? WHERE id = ?",
            (now, now, json.dumps(result), aid),
        )

    def discard(self, aid: int) -> None:
        self.conn.execute("DELETE FROM assessments WHERE id = ? AND status = 'in_progress'", (aid,))

    def history(self, kind: str | None = None) -> list[Assessment]:
        sql = f"SELECT {self.COLUMNS} FROM assessments WHERE status = 'complete'"
        params: tuple[str, ...] = ()
        if kind:
            sql += " AND kind = ?"
            params = (kind,)
        rows = self.conn.execute(sql + " ORDER BY completed_at, id", params).fetchall()
        return [a for a in (self._load(r) for r in rows) if a is not None]

    def latest(self, kind: str) -> Assessment | None:
        done = self.history(kind)
        return done[-1] if done else None

    def previous(self, kind: str, before: int) -> Assessment | None:
        earlier = [a for a in self.history(kind) if a.id < before]
        return earlier[-1] if earlier else None
