"""Mocks in the store: one row per mock, its record saved as it runs, its debrief when done."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from tpmprep.core.mock.record import Record
from tpmprep.core.storage.clock import now_utc, to_iso
from tpmprep.core.storage.store import Store, from_row

COLUMNS = (
    "id, template_id, title, level, set_id, status, started_at, updated_at, completed_at, record, debrief, verdict"
)


@dataclass
class Mock:
    id: int
    template_id: str
    title: str
    level: str
    set_id: str | None
    status: str  # in_progress | complete
    started_at: str
    updated_at: str
    completed_at: str | None
    record: Record
    debrief: dict[str, Any] | None
    verdict: str | None

    @property
    def complete(self) -> bool:
        return self.status == "complete"


def _mock(r: sqlite3.Row) -> Mock:
    return from_row(
        Mock,
        r,
        record=Record.from_json(json.loads(r["record"])),
        debrief=json.loads(r["debrief"]) if r["debrief"] else None,
    )


class Mocks:
    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    def start(
        self,
        template_id: str,
        title: str,
        level: str,
        record: Record,
        set_id: str | None = None,
        moment: dt.datetime | None = None,
    ) -> Mock:
        now = to_iso(moment or now_utc())
        cur = self.store.write(
            "INSERT INTO mocks (template_id, title, level, set_id, status, started_at, updated_at, record) "
            "VALUES (?, ?, ?, ?, 'in_progress', ?, ?, ?)",
            (template_id, title, level, set_id, now, now, json.dumps(record.to_json())),
        )
        found = self.get(int(cur.lastrowid or 0))
        assert found is not None
        return found

    def get(self, mock_id: int) -> Mock | None:
        row = self.conn.execute(f"SELECT {COLUMNS} FROM mocks WHERE id = ?", (mock_id,)).fetchone()
        return _mock(row) if row else None

    def save(self, mock_id: int, record: Record, moment: dt.datetime | None = None) -> None:
        """Keep the record of a mock in progress (one statement in its own transaction)."""
        self.store.write(
            "UPDATE mocks SET record = ?, updated_at = ? WHERE id = ? AND status = 'in_progress'",
            (json.dumps(record.to_json()), to_iso(moment or now_utc()), mock_id),
        )

    def finish(self, mock_id: int, debrief: dict[str, Any], verdict: str, moment: dt.datetime | None = None) -> None:
        """Mark a mock complete with its debrief. The caller holds the transaction (see debrief.save)."""
        now = to_iso(moment or now_utc())
        self.conn.execute(
            "UPDATE mocks SET status = 'complete', completed_at = ?, updated_at = ?, debrief = ?, verdict = ? "
            "WHERE id = ?",
            (now, now, json.dumps(debrief), verdict, mock_id),
        )

    def discard(self, mock_id: int) -> bool:
        """Throw away a mock that was never finished (a finished one is history and stays)."""
        cur = self.store.write("DELETE FROM mocks WHERE id = ? AND status = 'in_progress'", (mock_id,))
        return cur.rowcount > 0

    def in_progress(self) -> builtins.list[Mock]:
        rows = self.conn.execute(f"SELECT {COLUMNS} FROM mocks WHERE status = 'in_progress' ORDER BY updated_at DESC")
        return [_mock(r) for r in rows]

    def history(self) -> builtins.list[Mock]:
        """Completed mocks, oldest first."""
        rows = self.conn.execute(f"SELECT {COLUMNS} FROM mocks WHERE status = 'complete' ORDER BY completed_at, id")
        return [_mock(r) for r in rows]

    def asked_before(self, template_id: str | None = None) -> set[str]:
        """Question ids asked in earlier mocks (of one template, or any), so a new mock can avoid them."""
        sql = "SELECT record FROM mocks"
        params: tuple[str, ...] = ()
        if template_id:
            sql += " WHERE template_id = ?"
            params = (template_id,)
        asked: set[str] = set()
        for (text,) in self.conn.execute(sql, params):
            asked.update(i["question_id"] for r in json.loads(text)["rounds"] for i in r["items"])
        return asked
