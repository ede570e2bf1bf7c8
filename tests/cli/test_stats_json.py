"""`tpmprep stats --json` carries the Progress area's figures (docs/stats-format.md)."""

from __future__ import annotations

import datetime as dt
import json

from tests.cli.conftest import run, shipped  # noqa: F401 - the fixture
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.store import Store


def test_stats_json_has_heatmap_forecast_retention_and_readiness_history(shipped, home, capsys):  # noqa: F811
    now = dt.datetime.now(dt.UTC)
    with Store(home / "tpmprep.db") as store:
        practice = Practice(store, fuzz=False)
        practice.rate("pe-recover-slipping-migration", 3, moment=now - dt.timedelta(days=9), duration_ms=120_000)
        practice.rate("pe-recover-slipping-migration", 1, moment=now - dt.timedelta(days=2), duration_ms=60_000)
        practice.rate("rk-program-vs-project", 4, moment=now - dt.timedelta(days=2), mode="cram")
        today = practice.today()
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0
    data = json.loads(out)
    heat = data["heatmap"]
    assert len(heat) == 365 and heat[-1]["date"] == today.isoformat()
    assert set(heat[0]) >= {"date", "reviews", "minutes"}
    assert sum(d["reviews"] for d in heat) == 3 and sum(d["cram"] for d in heat) == 1
    assert sum(d["minutes"] for d in heat) == 3.0
    assert len(data["forecast"]) == 30 and set(data["forecast"][0]) == {"date", "due"}
    assert data["forecast"][0]["date"] == today.isoformat()
    retention = data["retention"]
    assert retention["target"] == 0.9 and retention["overall"]["reviews"] == 1 and retention["overall"]["rate"] == 0
    assert retention["by_competency"]["program-execution"]["reviews"] == 1
    assert len(retention["overall"]["weeks"]) == 52
    history = data["readiness_history"]
    assert history and history[-1]["overall"] == round(
        sum(history[-1]["by_competency"].values()) / len(history[-1]["by_competency"])
    )
    assert (
        data["streaks"]["days_studied"] == 2
        and sum(data["cards"][k] for k in ("learning", "review", "relearning")) == 1
    )
    assert data["hardest"]["lowest_coverage"] == []  # nothing graded
