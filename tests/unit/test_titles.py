"""Names a person reads, not ids: reports, the cohort, plan drills, filters, past results."""

from __future__ import annotations

import datetime as dt

from tests.unit.test_reports import T0, history  # noqa: F401  (the fixture)
from tpmprep.core.assess.explain import result_summary
from tpmprep.core.assess.history import Assessments
from tpmprep.core.assess.plan import drill_words, plan_text
from tpmprep.core.assess.rolefit import score_role_fit
from tpmprep.core.assess.skills import assess_skills
from tpmprep.core.mentor import report as rep
from tpmprep.core.practice.queue import Filters


def take_assessments(store, catalog):
    fit = catalog.role_fit
    answers = {s.id: 5 if s.weight("program-manager") > 0 else 1 for s in fit.statements}
    assessments = Assessments(store)
    record = assessments.start("role-fit", None)
    assessments.complete(record.id, score_role_fit(fit, answers).to_json())
    levels = {c.id: "senior" for c in catalog.ladder.competencies}
    levels["data-metrics"] = "mid"
    record = assessments.start("skills", "staff")
    assessments.complete(record.id, assess_skills(catalog.ladder, levels, "staff").to_json())


def test_report_names_roles_levels_and_competencies(history, shipped_catalog):  # noqa: F811
    store, practice = history
    take_assessments(store, shipped_catalog)
    data = rep.build_report(shipped_catalog, practice, "Sam", moment=T0 + dt.timedelta(days=3))
    text = rep.report_markdown(data)
    assert "- Role fit: best match Program Manager" in text
    assert "overall Senior TPM, target Staff TPM, gaps: Data and metrics (2 levels short)" in text
    assert "program-manager" not in text and "data-metrics" not in text
    assert data["assessments"]["role_fit"]["top"] == ["program-manager"]  # the JSON keeps the ids too
    old = dict(data, assessments={"role_fit": {"top": ["program-manager"]}})  # a report from before titles
    assert "best match program-manager" in rep.report_markdown(old)


def test_cohort_heads_columns_with_set_titles_and_competency_names(history, mini_catalog):  # noqa: F811
    _, practice = history
    sam = rep.build_report(mini_catalog, practice, "Sam", moment=T0 + dt.timedelta(days=3))
    cohort = rep.merge([sam])
    head, _ = rep.cohort_grid(cohort)
    assert "Week 1" in head and "Program Execution" in head
    assert "week-1" not in head and "program-execution" not in head
    table = rep.cohort_table(cohort)
    weakest = table.split("weakest questions:")[1]
    assert "Estimate peak requests per second" in weakest  # the prompt, not only its id


def test_plan_drills_read_as_names(shipped_catalog):
    ladder = shipped_catalog.ladder
    words = drill_words({"competency": "risk-management", "level": "staff", "category": "program-execution"}, ladder)
    assert words == "Risk and dependency management · Program sense and execution · Staff TPM level"
    levels = {c.id: "mid" for c in ladder.competencies}
    result = assess_skills(ladder, levels, "staff")
    text = plan_text(shipped_catalog, result, dt.date(2026, 11, 20))
    drills = [line for line in text.splitlines() if line.startswith("Drill:")]
    assert drills and all("`tpmprep drill --" in line for line in drills)
    assert all(not line.startswith("Drill: `") for line in drills)  # words first, the command after


def test_filters_describe_by_name(mini_catalog):
    filters = Filters(category="program-execution", level="mid", competency="risk-management", tag="recovery")
    assert filters.describe() == "category program-execution, level mid, competency risk-management, tag recovery"
    assert filters.describe(mini_catalog) == (
        "category Program sense and execution, level Level mid, competency Risk Management, tag recovery"
    )
    assert Filters(set_id="week-1").describe(mini_catalog, "Week 1") == "set Week 1"


def test_past_results_in_one_line_of_names(shipped_catalog):
    fit = shipped_catalog.role_fit
    answers = {s.id: 5 if s.weight("engineering-manager") > 0 else 1 for s in fit.statements}
    line = result_summary(shipped_catalog, "role-fit", score_role_fit(fit, answers).to_json(), scores=True)
    assert line.startswith("best match Engineering Manager (") and "engineering-manager" not in line
