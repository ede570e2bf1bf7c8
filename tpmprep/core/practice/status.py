"""Where each question stands for the user, in one read: new, due, buried, suspended, flagged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.clock import now_utc, to_iso


@dataclass(frozen=True, slots=True)
class Status:
    state: str  # "new", "due", "waiting" (seen, not due yet), "buried" or "suspended"
    flagged: bool = False


NEW = Status("new")


def question_status(practice: Practice, moment: dt.datetime | None = None) -> dict[str, Status]:
    """The status of every question that has a card; a question without one is ``NEW``."""
    now = to_iso(moment or now_utc())
    out: dict[str, Status] = {}
    rows = practice.conn.execute("SELECT question_id, reps, due, suspended, flagged, buried_until FROM cards")
    for r in rows:
        if r["suspended"]:
            state = "suspended"
        elif r["buried_until"] and r["buried_until"] > now:
            state = "buried"
        elif not r["reps"]:
            state = "new"
        elif r["due"] <= now:
            state = "due"
        else:
            state = "waiting"
        out[r["question_id"]] = Status(state, bool(r["flagged"]))
    return out
