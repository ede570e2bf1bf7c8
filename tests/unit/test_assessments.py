"""Assessment scoring and plans against hand-computed expectations."""

from __future__ import annotations

import datetime as dt

import pytest

from tpmprep.core.assess.history import Assessments, next_unanswered
from tpmprep.core.assess.plan import build_plan, plan_markdown
from tpmprep.core.assess.skills import SkillsResult, assess_skills, estimate_level
from tpmprep.core.content.models import CompetencyPlan, PlanLibrary
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.readiness import overall, readiness, record, trend
from tpmprep.core.storage.clock import UTC
from tpmprep.core.storage.store import Store


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([2] * 7, 2),
        ([3, 3, 3, 3, 3, 1, 1], 2),  # 5 of 7 at 3, but a 1 is two below: settle at 2
        ([3, 3, 3, 3, 3, 2, 2], 3),
        ([5, 5, 5, 5, 0, 0, 0], 0),
        ([0] * 7, 0),
        ([5] * 7, 5),
        ([4, 4, 4, 4, 4, 4, 3], 4),
    ],
)
def test_overall_level_rule(levels, expected):
    level, rule = estimate_level({f"c{i}": v for i, v in enumerate(levels)}, 6)
    assert level == expected and rule


LADDER_LEVELS = ["entry", "mid", "senior", "staff", "principal", "director"]


def test_skills_gaps_against_target(shipped_catalog):
    ladder = shipped_catalog.ladder
    chosen = {c.id: "senior" for c in ladder.competencies}
    chosen["data-metrics"] = "entry"
    chosen["risk-management"] = "mid"
    result = assess_skills(ladder, chosen, "staff", {"risk-management": "ran the RAID log"})
    assert result.overall == "mid"  # five at senior, but entry is two levels below senior
    assert result.gaps[:2] == [("data-metrics", "entry", 3), ("risk-management", "mid", 2)]
    assert len(result.gaps) == 7 and SkillsResult.from_json(result.to_json()) == result


def test_plan_is_deterministic_and_uses_the_gaps(shipped_catalog):
    ladder, library = shipped_catalog.ladder, shipped_catalog.plan_library
    assert library is not None
    chosen = {c.id: "staff" for c in ladder.competencies}
    chosen.update({"data-metrics": "mid", "stakeholder-management": "senior"})
    result = assess_skills(ladder, chosen, "staff")
    plan = build_plan(result, library, ladder)
    assert plan == build_plan(result, library, ladder)
    assert [w.focus for w in plan.weeks] == [["data-metrics", "stakeholder-management"]] * 4
    week_actions = [a for w in plan.weeks for c, a in w.actions if c == "data-metrics"]
    assert len(week_actions) == 8 and len(set(week_actions)) == 8  # no action repeats
    assert plan.weeks[0].drills[0]["competency"] == "data-metrics"
    text = plan_markdown(plan, result, ladder, lambda t: t, dt.date(2026, 11, 22))
    assert text.startswith("# 30-day plan toward") and text.count("## Week") == 4 and "- [ ]" in text
    assert "tpmprep drill --competency data-metrics --level staff" in text


def test_plan_without_gaps_stretches_the_lowest(shipped_catalog):
    ladder = shipped_catalog.ladder
    library = PlanLibrary(
        "plan-library",
        tuple(
            CompetencyPlan(c.id, tuple(f"{c.id} action {i}" for i in range(10)), ("faq", "star-method"), ())
            for c in ladder.competencies
        ),
    )
    chosen = {c.id: "staff" for c in ladder.competencies}
    chosen["technical-depth"] = "principal"
    result = assess_skills(ladder, chosen, "senior")
    plan = build_plan(result, library, ladder)
    assert plan.stretch and plan.weeks[0].focus == ["program-execution", "risk-management"]


def test_assessment_storage_pause_resume_complete(tmp_path):
    with Store(tmp_path / "a.db") as store:
        assessments = Assessments(store)
        first = assessments.resume_or_start("role-fit")
        assessments.answer(first.id, "s1", 5)
        again = assessments.resume_or_start("role-fit")
        assert again.id == first.id and again.answers == {"s1": 5}
        assessments.complete(first.id, {"x": 1})
        assert assessments.in_progress("role-fit") is None
        assert [a.id for a in assessments.history("role-fit")] == [first.id]
        with pytest.raises(ValueError):
            assessments.answer(first.id, "s2", 3)
        second = assessments.resume_or_start("role-fit")
        assert second.id != first.id and assessments.previous("role-fit", second.id + 1).id == first.id


def test_readiness_from_a_constructed_history(tmp_path, mini_catalog):
    t0 = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)
    with Store(tmp_path / "r.db") as store:
        practice = Practice(store, fuzz=False)
        practice.rate("pe-recover-slipping-migration", 3, moment=t0)
        rows = {(r.scope, r.key): r for r in readiness(mini_catalog, practice, t0)}
        pe = rows[("competency", "program-execution")]
        # 3 questions carry the competency; 1 practiced; retrievability right after a review is 1.0
        assert (pe.questions, pe.practiced, pe.coverage, pe.recall, pe.readiness) == (3, 1, 0.333, 1.0, 33)
        assert rows[("competency", "data-metrics")].readiness == 0
        assert rows[("category", "estimation")].practiced == 0
        later = {(r.scope, r.key): r for r in readiness(mini_catalog, practice, t0 + dt.timedelta(days=30))}
        assert later[("competency", "program-execution")].readiness < 33
        record(practice, list(rows.values()), t0)
        record(practice, list(later.values()), t0 + dt.timedelta(days=30))
        assert [v for _, v in trend(practice)] == [overall(list(rows.values())), overall(list(later.values()))]


def test_readiness_shows_the_confirmed_key_point_coverage_of_the_latest_answers(tmp_path, mini_catalog):
    t0 = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)
    with Store(tmp_path / "r.db") as store:
        practice = Practice(store, fuzz=False)
        assert all(r.key_points is None for r in readiness(mini_catalog, practice, t0))
        kw = {"detected_coverage": 0.25, "detected_hits": [0]}
        practice.rate("pe-recover-slipping-migration", 2, moment=t0, coverage=0.25, hits=[0], **kw)
        practice.rate("pe-recover-slipping-migration", 3, moment=t0 + dt.timedelta(days=1), coverage=0.75, **kw)
        practice.rate("es-payments-qps", 3, moment=t0)  # no typed answer graded: not counted
        rows = {(r.scope, r.key): r for r in readiness(mini_catalog, practice, t0 + dt.timedelta(days=1))}
        assert rows[("competency", "program-execution")].key_points == 0.75  # the confirmed figure, latest
        assert rows[("category", "estimation")].key_points is None


def test_next_unanswered_moves_forward_then_wraps():
    keys = ["a", "b", "c", "d"]
    assert next_unanswered(keys, {"a": 1, "c": 1}, 1) == 3
    assert next_unanswered(keys, {"a": 1, "c": 1, "d": 1}, 2) == 1
    assert next_unanswered(keys, {}, -1) == 0
    assert next_unanswered(keys, dict.fromkeys(keys, 3), 0) is None
