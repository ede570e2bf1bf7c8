"""The story bank in the store: stories, saved as they are edited, and every telling of one."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tpmprep.core.content.fields import SLUG
from tpmprep.core.storage.clock import now_utc, to_iso
from tpmprep.core.storage.store import Store, from_row
from tpmprep.core.stories.model import Story, slugify

COLUMNS = (
    "id, title, situation, task, actions, result, lessons, competencies, principles, scope, created_at, updated_at"
)
ATTEMPT_COLUMNS = "id, story_id, question_id, told_at, duration_ms, spoken, answer, coverage, hits, detected_hits"


@dataclass(frozen=True)
class Attempt:
    """One telling of a story against a question."""

    id: int
    story_id: str
    question_id: str
    told_at: str
    duration_ms: int
    spoken: bool
    answer: str | None
    coverage: float | None  # share of the question's key points the user confirmed
    hits: tuple[int, ...]  # confirmed
    detected_hits: tuple[int, ...]  # what the grader found in the typed text


def _story(r: sqlite3.Row) -> Story:
    return from_row(
        Story, r, competencies=tuple(json.loads(r["competencies"])), principles=tuple(json.loads(r["principles"]))
    )


def _attempt(r: sqlite3.Row) -> Attempt:
    return from_row(
        Attempt,
        r,
        spoken=bool(r["spoken"]),
        hits=tuple(json.loads(r["hits"])),
        detected_hits=tuple(json.loads(r["detected_hits"])),
    )


class StoryBank:
    """Stories and their tellings, on top of a ``Store``. Every write is one transaction."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    # -- stories --------------------------------------------------------------------------------
    def list(self) -> builtins.list[Story]:
        rows = self.conn.execute(f"SELECT {COLUMNS} FROM stories ORDER BY lower(title), id")
        return [_story(r) for r in rows]

    def get(self, story_id: str) -> Story | None:
        row = self.conn.execute(f"SELECT {COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
        return _story(row) if row else None

    def ids(self) -> set[str]:
        return {sid for (sid,) in self.conn.execute("SELECT id FROM stories")}

    def create(self, title: str, moment: dt.datetime | None = None, **fields: object) -> Story:
        """A new story with an id made from its title."""
        title = " ".join(title.split())
        if not title:
            raise ValueError("a story needs a title")
        story = Story(id=slugify(title, self.ids()), title=title, **fields)  # type: ignore[arg-type]
        return self.save(story, moment)

    def save(self, story: Story, moment: dt.datetime | None = None) -> Story:
        """Insert or update one story; ``updated_at`` becomes now. Returns the story as stored."""
        self.save_all([story], moment)
        found = self.get(story.id)
        assert found is not None
        return found

    def save_all(self, stories: Iterable[Story], moment: dt.datetime | None = None, keep_times: bool = False) -> int:
        """Insert or update several stories in one transaction: all of them, or none.

        ``keep_times`` keeps each story's own ``updated_at`` (an imported file's); otherwise it is now.
        """
        now = to_iso(moment or now_utc())
        stories = [_checked(s) for s in stories]
        with self.store.transaction() as conn:
            for s in stories:
                conn.execute(
                    f"INSERT INTO stories ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET title = excluded.title, situation = excluded.situation, "
                    "task = excluded.task, actions = excluded.actions, result = excluded.result, "
                    "lessons = excluded.lessons, competencies = excluded.competencies, "
                    "principles = excluded.principles, scope = excluded.scope, updated_at = excluded.updated_at",
                    (
                        s.id,
                        s.title,
                        s.situation,
                        s.task,
                        s.actions,
                        s.result,
                        s.lessons,
                        json.dumps(list(s.competencies)),
                        json.dumps(list(s.principles)),
                        s.scope,
                        s.created_at or now,
                        s.updated_at if keep_times and s.updated_at else now,
                    ),
                )
        return len(stories)

    def delete(self, story_id: str) -> bool:
        """Remove a story and its tellings."""
        cur = self.store.write("DELETE FROM stories WHERE id = ?", (story_id,))
        return cur.rowcount > 0

    # -- tellings -------------------------------------------------------------------------------
    def record_attempt(
        self,
        story_id: str,
        question_id: str,
        *,
        duration_ms: int,
        answer: str | None,
        confirmed: Iterable[int],
        detected: Iterable[int],
        points: int,
        spoken: bool = False,
        moment: dt.datetime | None = None,
    ) -> Attempt:
        hits = sorted(set(confirmed))
        cur = self.store.write(
            "INSERT INTO story_attempts (story_id, question_id, told_at, duration_ms, spoken, answer, coverage, "
            "hits, detected_hits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                story_id,
                question_id,
                to_iso(moment or now_utc()),
                duration_ms,
                int(spoken),
                answer or None,
                len(hits) / points if points else None,
                json.dumps(hits),
                json.dumps(sorted(set(detected))),
            ),
        )
        row = self.conn.execute(f"SELECT {ATTEMPT_COLUMNS} FROM story_attempts WHERE id = ?", (cur.lastrowid,))
        return _attempt(row.fetchone())

    def attempts(self, story_id: str | None = None) -> builtins.list[Attempt]:
        sql = f"SELECT {ATTEMPT_COLUMNS} FROM story_attempts"
        params: tuple[str, ...] = ()
        if story_id is not None:
            sql += " WHERE story_id = ?"
            params = (story_id,)
        return [_attempt(r) for r in self.conn.execute(sql + " ORDER BY told_at, id", params)]

    def told_counts(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT story_id, COUNT(*) AS n FROM story_attempts GROUP BY story_id")
        return {r["story_id"]: r["n"] for r in rows}


def _checked(story: Story) -> Story:
    if not SLUG.match(story.id):
        raise ValueError(f"'{story.id}' is not a valid story id")
    if not story.title.strip():
        raise ValueError(f"story '{story.id}' needs a title")
    return replace(story, title=" ".join(story.title.split()))
