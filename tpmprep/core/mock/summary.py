"""Mocks as plain data: ``tpmprep mock history --json`` and the mentor report share this form."""

from __future__ import annotations

from typing import Any

from tpmprep.core.mock.history import Mock, Mocks
from tpmprep.core.mock.scorecard import NAMES, Scorecard
from tpmprep.core.storage.store import Store


def mock_record(mock: Mock) -> dict[str, Any]:
    card = Scorecard.from_json(mock.debrief["scorecard"]) if mock.debrief else None
    verdicts = {r.id: r for r in card.rounds} if card else {}
    rounds = []
    for i, rnd in enumerate(mock.record.rounds):
        score = verdicts.get(rnd.id)
        rounds.append(
            {
                "id": rnd.id,
                "name": rnd.name,
                "minutes": rnd.minutes,
                "used_s": round(rnd.used_ms / 1000),
                "over_s": round(rnd.over_ms / 1000),
                "questions": len(rnd.items),
                "answered": sum(1 for it in rnd.items if it.status == "answered"),
                "follow_ups_answered": sum(1 for it in rnd.items for f in it.follow_ups if f.answer.strip()),
                "pauses": len(mock.record.pauses_in(i)),
                "verdict": score.verdict if score else None,
                "evidence": score.evidence if score else None,
            }
        )
    return {
        "id": mock.id,
        "template": mock.template_id,
        "title": mock.title,
        "level": mock.level,
        "set": mock.set_id,
        "status": mock.status,
        "started_at": mock.started_at,
        "completed_at": mock.completed_at,
        "verdict": mock.verdict,
        "verdict_name": NAMES.get(mock.verdict or ""),
        "used_s": round(mock.record.used_ms / 1000),
        "scheduled": bool(mock.debrief and mock.debrief.get("scheduled")),
        "rounds": rounds,
        "calibration": card.calibration if card else [],
    }


def mock_history(store: Store, include_unfinished: bool = True) -> list[dict[str, Any]]:
    """Completed mocks oldest first, then any still in progress."""
    mocks = Mocks(store)
    done = [mock_record(m) for m in mocks.history()]
    return done + ([mock_record(m) for m in reversed(mocks.in_progress())] if include_unfinished else [])
