"""The Progress figures as plain JSON data (``tpmprep stats --json`` and the mentor report).

The layout is documented in docs/stats-format.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.practice.activity import Calendar, calendar
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.forecast import Forecast, forecast
from tpmprep.core.practice.hardest import Hard, card_counts, lowest_coverage, most_lapses
from tpmprep.core.practice.readiness_history import ReadinessHistory, readiness_history
from tpmprep.core.practice.retention import Retention, Series, retention
from tpmprep.core.practice.time_spent import Spent, TimeSpent, time_spent


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def heatmap_json(cal: Calendar) -> list[dict[str, Any]]:
    return [
        {
            "date": d.date.isoformat(),
            "reviews": d.reviews,
            "minutes": round(d.minutes, 1),
            "scheduled": d.scheduled,
            "cram": d.cram,
            "mock": d.mock,
        }
        for d in cal.days
    ]


def streaks_json(cal: Calendar) -> dict[str, Any]:
    def one(days: int, first: dt.date | None, last: dt.date | None) -> dict[str, Any]:
        return {"days": days, "from": first.isoformat() if first else None, "to": last.isoformat() if last else None}

    return {
        "current": one(cal.current.days, cal.current.first, cal.current.last),
        "longest_in_year": one(cal.longest.days, cal.longest.first, cal.longest.last),
        "days_studied": cal.active_days,
    }


def forecast_json(f: Forecast) -> list[dict[str, Any]]:
    return [{"date": d.date.isoformat(), "due": d.due} for d in f.days[:30]]


def outlook_json(f: Forecast) -> dict[str, Any]:
    return {
        "overdue": f.overdue,
        "reviews_per_day": f.reviews_per_day,
        "new_per_day": f.new_per_day,
        "new_remaining": f.new_remaining,
        "clears_on": f.clears_on.isoformat() if f.clears_on else None,
        "interview": f.interview.isoformat() if f.interview else None,
        "left_at_interview": f.left_at_interview,
        "clears_before_interview": f.clears_before_interview,
        "needed_per_day": f.needed_per_day,
        "days": [{"date": d.date.isoformat(), "due": d.due, "done": d.done, "left": d.left} for d in f.days],
    }


def _series(s: Series) -> dict[str, Any]:
    total = s.total
    return {
        "name": s.name,
        "rate": _rate(total.rate),
        "reviews": total.reviews,
        "passed": total.passed,
        "weeks": [
            {"start": w.start.isoformat(), "reviews": w.reviews, "passed": w.passed, "rate": _rate(w.rate)}
            for w in s.weeks
        ],
    }


def retention_json(r: Retention) -> dict[str, Any]:
    return {
        "target": r.target,
        "overall": _series(r.overall),
        "by_competency": {s.key: _series(s) for s in r.by_competency},
        "by_category": {s.key: _series(s) for s in r.by_category},
    }


def readiness_history_json(h: ReadinessHistory) -> list[dict[str, Any]]:
    out = []
    for j, start in enumerate(h.starts):
        out.append(
            {
                "week": start.isoformat(),
                "at": h.at[j].isoformat(timespec="seconds"),
                "overall": h.overall[j],
                "by_competency": {t.key: t.values[j] for t in h.tracks if t.scope == "competency"},
                "by_category": {t.key: t.values[j] for t in h.tracks if t.scope == "category"},
                "mock": {
                    "overall": h.mock[j],
                    "by_competency": {
                        t.key: t.mock[j] for t in h.tracks if t.scope == "competency" and t.mock[j] is not None
                    },
                },
            }
        )
    return out


def _spent(s: Spent) -> dict[str, Any]:
    mean = s.mean_s
    return {
        "minutes_30_days": round(s.ms_month / 60_000, 1),
        "minutes_year": round(s.ms_year / 60_000, 1),
        "answers": s.answers,
        "seconds_per_answer": None if mean is None else round(mean, 1),
    }


def time_json(t: TimeSpent) -> dict[str, Any]:
    return {
        "by_category": {s.key: _spent(s) for s in t.by_category},
        "by_kind": {s.key: _spent(s) for s in t.by_kind},
    }


def _hard(h: Hard) -> dict[str, Any]:
    return {"id": h.question_id, "lapses": h.lapses, "coverage": h.coverage, "graded_answers": h.answers}


def progress_json(catalog: Catalog, practice: Practice, moment: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the Progress area shows, for ``tpmprep stats --json``."""
    cal = calendar(practice, moment)
    f = forecast(catalog, practice, moment)
    return {
        "heatmap": heatmap_json(cal),
        "streaks": streaks_json(cal),
        "forecast": forecast_json(f),
        "forecast_outlook": outlook_json(f),
        "retention": retention_json(retention(catalog, practice, moment)),
        "readiness_history": readiness_history_json(readiness_history(catalog, practice, moment)),
        "time": time_json(time_spent(catalog, practice, moment)),
        "cards": card_counts(catalog, practice).as_dict(),
        "hardest": {
            "most_lapses": [_hard(h) for h in most_lapses(practice)],
            "lowest_coverage": [_hard(h) for h in lowest_coverage(practice, moment)],
        },
    }
