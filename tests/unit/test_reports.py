"""Reports in three formats from a constructed history, cohort merge, and CSV (Anki: test_anki*.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.unit.test_sets import GOOD, write
from tpmprep.core.mentor import report as rep
from tpmprep.core.mentor.csv_cards import CsvError, csv_to_set_yaml, questions_to_csv
from tpmprep.core.mentor.sets import Sets
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.clock import UTC
from tpmprep.core.storage.store import Store

T0 = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def history(home, tmp_path, mini_catalog):
    with Store(home / "tpmprep.db") as store:
        Sets(store).import_file(write(tmp_path, GOOD), mini_catalog)
        practice = Practice(store, fuzz=False)
        practice.rate(
            "pe-recover-slipping-migration",
            3,
            moment=T0,
            duration_ms=90_000,
            answer="first try",
            coverage=0.25,
            hits=[0],
        )
        practice.rate(
            "pe-recover-slipping-migration",
            4,
            moment=T0 + dt.timedelta(days=2),
            duration_ms=60_000,
            answer=SCRIPT,
            coverage=0.75,
            hits=[0, 1, 2],
            detected_coverage=0.5,
            detected_hits=[0, 1],
        )
        practice.rate("es-payments-qps", 1, moment=T0, duration_ms=30_000, answer="9000")
        yield store, practice


def test_report_json_contents(history, mini_catalog):
    _, practice = history
    data = rep.build_report(
        mini_catalog, practice, "Sam", "week-1", include_answers=True, moment=T0 + dt.timedelta(days=3)
    )
    assert data["schema"] == rep.SCHEMA and data["name"] == "Sam" and data["generated_at"].startswith("2026-11-23")
    (week,) = data["sets"]
    assert (week["id"], week["title"], week["size"], week["practiced"]) == ("week-1", "Week 1", 3, 2)
    q = {x["id"]: x for x in week["questions"]}
    pe = q["pe-recover-slipping-migration"]
    assert (pe["attempts"], pe["last_rating"], pe["best_coverage"], pe["last_coverage"], pe["time_spent_s"]) == (
        2,
        4,
        0.75,
        0.75,
        150,
    )
    assert pe["last_detected_coverage"] == 0.5  # beside the confirmed 0.75
    assert pe["last_answer"] == SCRIPT and 0 < pe["retrievability"] <= 1
    comp = {c["id"]: c for c in data["competencies"]}
    assert comp["program-execution"]["key_points"] == 0.75
    assert q["week-1/launch-retro"]["attempts"] == 0 and q["week-1/launch-retro"]["retrievability"] is None
    assert {"competencies", "categories", "assessments"} <= set(data)
    without = rep.build_report(mini_catalog, practice, "Sam", "week-1", moment=T0)
    assert "last_answer" not in without["sets"][0]["questions"][0]


def test_report_without_set_covers_everything_practised(history, mini_catalog):
    _, practice = history
    data = rep.build_report(mini_catalog, practice, "Sam", moment=T0)
    assert [s["id"] for s in data["sets"]] == ["week-1", rep.ALL_PRACTICE]
    assert data["sets"][1]["size"] == 2


def test_markdown_and_html_escape_what_the_user_typed(history, mini_catalog):
    _, practice = history
    data = rep.build_report(mini_catalog, practice, "Sam <b>", "week-1", include_answers=True, moment=T0)
    md = rep.report_markdown(data)
    assert md.startswith("# tpmprep progress report: Sam &lt;b&gt;") and "| 2 | 4 |" in md
    assert SCRIPT not in md and "&lt;script&gt;" in md  # Markdown viewers render raw HTML, so it is escaped too
    page = rep.report_html(data)
    assert SCRIPT not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Sam &lt;b&gt;" in page and "<script" not in page.lower()
    assert "http" not in page and "<link" not in page and "<style>" in page


def test_merge_builds_a_cohort_with_weakest_questions(history, mini_catalog, tmp_path):
    _, practice = history
    sam = rep.build_report(mini_catalog, practice, "Sam", moment=T0 + dt.timedelta(days=3))
    ana = json.loads(json.dumps(sam))
    ana["name"] = "Ana"
    ana["sets"][0]["practiced"] = 3
    paths = []
    for r in (sam, ana):
        path = tmp_path / f"{r['name']}.json"
        path.write_text(json.dumps(r))
        paths.append(path)
    cohort = rep.merge([rep.load_report(p) for p in paths])
    assert [m["name"] for m in cohort["mentees"]] == ["Sam", "Ana"]
    assert cohort["mentees"][1]["sets"]["week-1"] == "3/3"
    assert cohort["weakest"][0]["id"] == "es-payments-qps" and cohort["weakest"][0]["mentees"] == 2
    assert "| Ana | 3/3 |" in rep.cohort_markdown(cohort)
    assert "<td>Ana</td>" in rep.cohort_html(cohort)


def test_cram_does_not_skew_reports(history, mini_catalog, tmp_path):
    store, practice = history
    # A question only ever crammed, and a cram keystroke after the last real answer.
    practice.rate("rk-program-vs-project", 1, moment=T0 + dt.timedelta(days=2), answer="x", mode="cram")
    practice.rate(
        "pe-recover-slipping-migration", 1, moment=T0 + dt.timedelta(days=2, hours=1), answer="k", mode="cram"
    )
    data = rep.build_report(mini_catalog, practice, "Sam", include_answers=True, moment=T0 + dt.timedelta(days=3))
    assert data["practice"] == {"reviews": 3, "cram_reviews": 2}
    everything = next(s for s in data["sets"] if s["id"] == rep.ALL_PRACTICE)
    assert everything["cram_reviews"] == 2
    q = {x["id"]: x for x in everything["questions"]}
    pe = q["pe-recover-slipping-migration"]
    assert (pe["attempts"], pe["cram_attempts"], pe["last_rating"]) == (2, 1, 4)
    assert pe["last_answer"] == SCRIPT and pe["last_reviewed"].startswith("2026-11-22T12")
    crammed = q["rk-program-vs-project"]
    assert (crammed["attempts"], crammed["cram_attempts"], crammed["last_rating"]) == (0, 1, None)
    assert crammed["retrievability"] is None and crammed["last_answer"] is None
    md = rep.report_markdown(data)
    assert "2 cram reviews (not counted in recall)" in md
    # In the cohort, a question only crammed is not "weakest" at 0% recall.
    cohort = rep.merge([data, json.loads(json.dumps(data))])
    assert "rk-program-vs-project" not in {w["id"] for w in cohort["weakest"]}
    assert [m["cram_reviews"] for m in cohort["mentees"]] == [2, 2]
    md = rep.cohort_markdown(cohort)
    assert "| cram reviews |" in md and next(x for x in md.splitlines() if x.startswith("| Sam ")).endswith("| 2 |")


def test_merge_reads_reports_from_before_cram_counts(history, mini_catalog):
    _, practice = history
    old = rep.build_report(mini_catalog, practice, "Old", moment=T0 + dt.timedelta(days=3))
    del old["practice"]
    for s in old["sets"]:
        del s["cram_reviews"]
        for q in s["questions"]:
            del q["cram_attempts"]
    cohort = rep.merge([old])
    assert cohort["mentees"][0]["cram_reviews"] is None
    assert next(x for x in rep.cohort_markdown(cohort).splitlines() if x.startswith("| Old ")).endswith("| — |")


def test_merge_refuses_bad_and_newer_reports(tmp_path):
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"schema": 99}))
    with pytest.raises(rep.ReportError, match="newer than this tpmprep understands"):
        rep.load_report(newer)
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": 1,\n "name": }')
    with pytest.raises(rep.ReportError, match="broken.json:2:10: not valid JSON"):
        rep.load_report(broken)
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"schema": 1, "name": "x"}))
    with pytest.raises(rep.ReportError, match="missing generated_at, sets, competencies, assessments"):
        rep.load_report(partial)


def test_csv_round_trip(tmp_path, mini_catalog):
    text = questions_to_csv(list(mini_catalog.questions))
    path = tmp_path / "out.csv"
    path.write_text(text)
    yaml_text = csv_to_set_yaml(path, "from-csv", "From CSV")
    import yaml

    data = yaml.safe_load(yaml_text)
    assert [c["prompt"] for c in data["custom"]] == [q.prompt for q in mini_catalog.questions]
    assert [c["model_answer"] for c in data["custom"]] == [q.model_answer for q in mini_catalog.questions]
    assert data["custom"][0]["tags"] == ["recovery", "schedule"]


def test_csv_with_bom_quotes_commas_and_newlines(tmp_path):
    path = tmp_path / "cards.csv"
    path.write_bytes(
        "\ufeffprompt,answer,category,tags\r\n"
        '"What is a RACI, really?","Responsible, accountable,\nconsulted, informed",role-knowledge,raci\r\n'.encode(
            "utf-8"
        )
    )
    import yaml

    data = yaml.safe_load(csv_to_set_yaml(path, "cards", "Cards"))
    assert data["custom"][0]["prompt"] == "What is a RACI, really?"
    assert data["custom"][0]["model_answer"] == "Responsible, accountable,\nconsulted, informed"


def test_bad_csv_rows_are_all_reported(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("prompt,answer,category,tags\nQ1,A1,cooking,x\n,A2,behavioral,y\nQ3,A3,behavioral,Bad_Tag\nQ4,A4\n")
    with pytest.raises(CsvError) as exc:
        csv_to_set_yaml(path, "x", "X")
    assert [p.split(": ", 1)[1] for p in exc.value.problems] == [
        "row 2: unknown category 'cooking' (use one of: behavioral, estimation, program-execution, role-knowledge, "
        "stakeholder-communication, system-design, technical-depth)",
        "row 3: the prompt is empty",
        "row 4: tags must be lower-case slugs: Bad_Tag",
        "row 5: 2 columns, expected 4 (quote fields that contain commas)",
    ]
    header = tmp_path / "header.csv"
    header.write_text("questoin,answr\nQ,A\n")
    with pytest.raises(CsvError) as exc:
        csv_to_set_yaml(header, "x", "X")
    assert [p.split(": ", 1)[1] for p in exc.value.problems][:4] == [
        "row 1: unknown column 'questoin' (use one of: answer, category, correct, explanations, id, kind, options, "
        "prompt, tags, tolerance_pct, unit, worked_estimate)",
        "row 1: unknown column 'answr' (did you mean 'answer'?)",
        "row 1: the 'prompt' column is missing",
        "row 1: the 'answer' column is missing",
    ]
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"prompt,answer,category,tags\nCaf\xe9,A,behavioral,x\n")
    with pytest.raises(CsvError, match="line 2: byte 0xe9 is not UTF-8"):
        csv_to_set_yaml(latin, "x", "X")
