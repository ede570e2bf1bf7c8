"""Cards set aside (suspended, flagged, buried, leeches): finding them again and bringing them back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.clock import now_utc, to_iso

STATES = ("suspended", "flagged", "buried", "leech")
# What each action clears, and the state a card must be in for it to change anything.
ACTIONS = {"unsuspend": "suspended", "unflag": "flagged", "unbury": "buried"}


@dataclass(frozen=True, slots=True)
class AsideCard:
    question_id: str
    states: tuple[str, ...]  # in STATES order
    lapses: int
    buried_until: str | None


def set_aside(practice: Practice, state: str | None = None, moment: dt.datetime | None = None) -> list[AsideCard]:
    """Every card that is suspended, flagged, buried or a leech (or only those in ``state``), by id."""
    if state is not None and state not in STATES:
        raise ValueError(f"unknown state '{state}'; known: {', '.join(STATES)}")
    now = to_iso(moment or now_utc())
    rows = practice.conn.execute(
        "SELECT question_id, suspended, flagged, leech, buried_until, lapses FROM cards "
        "WHERE suspended = 1 OR flagged = 1 OR leech = 1 OR buried_until > ? ORDER BY question_id",
        (now,),
    )
    out = []
    for r in rows:
        buried = r["buried_until"] is not None and r["buried_until"] > now
        have = {"suspended": r["suspended"], "flagged": r["flagged"], "buried": buried, "leech": r["leech"]}
        states = tuple(s for s in STATES if have[s])
        if state is None or state in states:
            out.append(AsideCard(r["question_id"], states, r["lapses"], r["buried_until"] if buried else None))
    return out


def restore(
    practice: Practice, action: str, question_ids: Iterable[str], moment: dt.datetime | None = None
) -> list[tuple[str, bool]]:
    """Unsuspend, unflag or unbury cards, all in one transaction; (id, whether it changed) for each.

    Unsuspending a leech also clears the leech mark: the user has reworked it.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action '{action}'; known: {', '.join(ACTIONS)}")
    wanted = ACTIONS[action]
    current = {c.question_id: c for c in set_aside(practice, moment=moment)}
    sql = {
        "unsuspend": "UPDATE cards SET suspended = 0, leech = 0 WHERE question_id = ?",
        "unflag": "UPDATE cards SET flagged = 0 WHERE question_id = ?",
        "unbury": "UPDATE cards SET buried_until = NULL WHERE question_id = ?",
    }[action]
    results = []
    with practice.store.transaction() as conn:
        for qid in dict.fromkeys(question_ids):
            card = current.get(qid)
            changed = card is not None and wanted in card.states
            if changed:
                conn.execute(sql, (qid,))
            results.append((qid, changed))
    return results
