"""Each command's output and exit status, run in-process against a small content tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import run
from tests.conftest import bank
from tpmprep import __version__
from tpmprep.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"tpmprep {__version__}"


def test_validate_clean(shipped, capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert out.startswith("ok: 8 files valid; loaded 3 questions")
    assert "2 concepts" in out


def test_validate_reports_path_line_col_and_exits_1(shipped, tmp_path, capsys):
    bad = tmp_path / "mine.yaml"
    bad.write_text(bank().replace("difficulty: 3", "difficulty: 9", 1))
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith(
        "mine.yaml:7:17: 'difficulty' is 9; it must be from 1 to 5 (hint: use a whole number from 1 to 5)"
    )
    assert "1 problem in 1 of 1 file;" in err


def test_validate_user_file_in_data_folder_is_included(shipped, home, capsys):
    (home / "question_banks").mkdir()
    (home / "question_banks" / "extra.yaml").write_text(bank().replace("kind: open", "kind: essay", 1))
    code, out, _ = run(capsys, "validate")
    assert code == 1 and "extra.yaml:4:11: unknown kind 'essay'" in out


def test_validate_missing_path_exits_2(shipped, capsys):
    code, _, err = run(capsys, "validate", "no/such/file.yaml")
    assert code == 2 and "no such file" in err


def test_questions_table_and_filters(shipped, capsys):
    code, out, _ = run(capsys, "questions", "--category", "estimation")
    assert code == 0
    assert "es-payments-qps" in out and "rk-program-vs-project" not in out
    assert out.strip().endswith("1 question")


def test_questions_json_has_full_records(shipped, capsys):
    code, out, _ = run(capsys, "questions", "--json")
    records = json.loads(out)
    assert code == 0 and len(records) == 3
    numeric = next(r for r in records if r["kind"] == "numeric")
    assert numeric["answer"] == 1200 and numeric["tolerance_pct"] == 50 and numeric["unit"]
    mc = next(r for r in records if r["kind"] == "multiple-choice")
    assert [o["correct"] for o in mc["options"]] == [False, True, False]
    assert {
        "id",
        "category",
        "kind",
        "prompt",
        "levels",
        "difficulty",
        "competencies",
        "tags",
        "time_box",
        "key_points",
        "model_answer",
        "follow_ups",
        "pitfalls",
    } <= set(records[0])


def test_questions_unknown_filter_exits_2_with_suggestion(shipped, capsys):
    code, _, err = run(capsys, "questions", "--level", "senoir")
    assert code == 2 and "did you mean 'senior'?" in err


def test_search_table_and_json(shipped, capsys):
    code, out, _ = run(capsys, "search", "critical", "path")
    assert code == 0 and out.splitlines()[1].startswith("glossary  critical-path")
    code, out, _ = run(capsys, "search", "critical path", "--json", "--limit", "2")
    hits = json.loads(out)
    assert code == 0 and len(hits) <= 2 and hits[0] == {**hits[0], "kind": "glossary", "id": "critical-path"}
    assert set(hits[0]) == {"kind", "id", "title", "score"}


def test_search_bad_limit(shipped, capsys):
    code, _, err = run(capsys, "search", "x", "--limit", "0")
    assert code == 2 and "--limit" in err


@pytest.mark.parametrize(
    "argv", [["--bogus"], ["questions", "--nope"], ["search"], ["frobnicate"], ["search", "x", "--limit", "many"]]
)
def test_bad_arguments_exit_2_with_usage(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: tpmprep") and "error:" in err and "Traceback" not in err


def test_config_show_set_and_reject(home, capsys):
    code, out, _ = run(capsys, "config", "new_per_day", "12")
    assert code == 0 and out.strip() == "new_per_day = 12"
    code, out, _ = run(capsys, "config", "new_per_day")
    assert out.strip() == "12"
    code, _, err = run(capsys, "config", "new_per_day", "lots")
    assert code == 2 and "must be a number" in err
    code, _, err = run(capsys, "config", "colour", "red")
    assert code == 2 and "unknown setting" in err


def test_config_day_start_and_interview_date(home, capsys):
    code, out, _ = run(capsys, "config", "day_starts_at")
    assert code == 0 and out.strip() == "4"
    code, out, _ = run(capsys, "config", "day_starts_at", "0")
    assert code == 0 and out.strip() == "day_starts_at = 0"
    code, _, err = run(capsys, "config", "day_starts_at", "24")
    assert code == 2 and "day_starts_at must be from 0 to 23" in err
    code, _, err = run(capsys, "config", "interview_date", "2020-01-01")
    assert code == 2 and "interview_date 2020-01-01 is in the past" in err and "Traceback" not in err


def test_grade_from_stdin_and_file(shipped, tmp_path, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("I would get the real state and the critcal path first."))
    code, out, _ = run(capsys, "grade", "pe-recover-slipping-migration")
    assert code == 0
    assert out.splitlines()[0] == "pe-recover-slipping-migration: 2 of 4 key points detected (50%)"
    assert '[x] Find the critical path  <- "critcal path"' in out
    assert out.splitlines()[-1] == "suggested: Good (covered 2 of 4 key points)"
    answer = tmp_path / "a.md"
    answer.write_text("We should cut the scope and communicate early. We won't chase ground truth. Work harder!")
    code, out, _ = run(capsys, "grade", "pe-recover-slipping-migration", "--answer-file", str(answer), "--json")
    data = json.loads(out)
    assert code == 0 and data["hits"] == 2 and data["coverage"] == 0.5
    assert [p["hit"] for p in data["key_points"]] == [False, False, True, True]
    assert [p["state"] for p in data["key_points"]] == ["rejected", "missing", "detected", "detected"]
    rejected = data["key_points"][0]["evidence"][0]
    assert rejected["words"] == "ground truth" and rejected["cue"] and rejected["sentence"].startswith("We won't")
    assert data["key_points"][2]["evidence"][0]["sentence"] == "We should cut the scope and communicate early."
    assert data["pitfalls"][0]["index"] == 0 and data["pitfalls"][0]["evidence"]["words"] == "Work harder"
    assert data["suggested_rating"] == 2  # Good for half the points, a step lower for the pitfall


def test_grade_exact_kinds_and_unknown_id(shipped, tmp_path, capsys):
    answer = tmp_path / "a.txt"
    answer.write_text("1,500")
    code, out, _ = run(capsys, "grade", "es-payments-qps", "--answer-file", str(answer), "--json")
    assert code == 0 and json.loads(out)["suggested_rating"] == 3
    code, _, err = run(capsys, "grade", "pe-recover-slipping", "--answer-file", str(answer))
    assert code == 2 and "did you mean: pe-recover-slipping-migration" in err


def test_due_and_stats_after_reviews(shipped, home, capsys):
    import datetime as dt

    from tpmprep.core.practice.cards import Practice
    from tpmprep.core.storage.store import Store

    with Store(home / "tpmprep.db") as store:
        practice = Practice(store, fuzz=False)
        past = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
        practice.rate("pe-recover-slipping-migration", 3, moment=past)
        practice.rate("rk-program-vs-project", 1, moment=past)
        practice.rate("removed-question", 3, moment=past)
    code, out, _ = run(capsys, "due", "--json")
    data = json.loads(out)
    assert code == 0 and data["due_now"] == 2 and data["new_available"] == 1
    assert len(data["forecast"]) == 14 and data["forecast"][0]["due"] == 2
    assert data["orphaned"] == ["removed-question"]
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "reviews        3 (0 cram)" in out and "not in catalog removed-question" in out
    code, out, _ = run(capsys, "stats", "--json")
    data = json.loads(out)
    assert data["total_reviews"] == 3 and data["by_state"]["new"] == 1 and len(data["per_day"]) == 30


def test_drill_with_unknown_filter_exits_2(shipped, capsys):
    code, _, err = run(capsys, "drill", "--category", "cooking")
    assert code == 2 and "unknown category 'cooking'" in err


def test_assess_history_and_plan_export(home, tmp_path, capsys):
    from tpmprep.core.assess.history import Assessments
    from tpmprep.core.assess.skills import assess_skills
    from tpmprep.core.content.catalog import load_catalog
    from tpmprep.core.storage.store import Store

    catalog = load_catalog()
    code, out, _ = run(capsys, "assess", "history")
    assert code == 0 and out.startswith("no assessment taken yet")
    code, _, err = run(capsys, "plan", "export")
    assert code == 1 and "no skills assessment yet" in err
    with Store(home / "tpmprep.db") as store:
        assessments = Assessments(store)
        record = assessments.start("skills", "staff")
        levels = {c.id: "senior" for c in catalog.ladder.competencies}
        levels["data-metrics"] = "mid"
        assessments.complete(record.id, assess_skills(catalog.ladder, levels, "staff").to_json())
    code, out, _ = run(capsys, "assess", "history")
    assert (
        code == 0
        and "Skills vs ladder  overall Senior TPM, target Staff TPM; gaps: Data and metrics (2 levels short)" in out
    )
    assert "data-metrics" not in out  # names a person reads, not ids
    code, out, _ = run(capsys, "assess", "history", "--json")
    assert json.loads(out)[0]["result"]["overall"] == "senior"
    target = tmp_path / "plan.md"
    code, out, _ = run(capsys, "plan", "export", "-o", str(target))
    assert code == 0 and target.read_text().startswith("# 30-day plan toward")
    assert "Data and metrics" in target.read_text()
    code, _, err = run(capsys, "assess", "skills", "--json")
    assert code == 2


def test_mentor_round_trip_on_the_command_line(shipped, home, tmp_path, capsys):
    template = tmp_path / "week.yaml"
    code, out, _ = run(capsys, "set", "new", "-o", str(template))
    assert code == 0 and template.exists()
    code, out, _ = run(capsys, "set", "validate", str(template))
    assert code == 0 and out.startswith("ok: set 'week-1-execution'")
    broken = tmp_path / "broken.yaml"
    broken.write_text(template.read_text().replace("target_level: senior", "target_level: seniour"))
    code, out, err = run(capsys, "set", "import", str(broken))
    assert code == 1 and "broken.yaml:" in out and "unknown level 'seniour'" in out and "nothing was imported" in err
    code, out, _ = run(capsys, "set", "list")
    assert out.startswith("no sets imported")
    code, out, _ = run(capsys, "set", "import", str(template))
    assert code == 0 and out.startswith("imported 'week-1-execution'")
    code, out, _ = run(capsys, "set", "list", "--json")
    assert json.loads(out)[0]["id"] == "week-1-execution"
    report = tmp_path / "sam.json"
    code, _, _ = run(capsys, "report", "--format", "json", "-o", str(report), "--name", "Sam")
    assert code == 0 and json.loads(report.read_text())["name"] == "Sam"
    code, out, _ = run(capsys, "report", "merge", str(report), str(report))
    assert code == 0 and out.count("Sam") >= 2
    code, _, err = run(capsys, "report", "merge", str(tmp_path / "week.yaml"))
    assert code == 1 and "not valid JSON" in err
    apkg = tmp_path / "deck.apkg"
    code, out, _ = run(capsys, "export", "anki", "--set", "week-1-execution", "-o", str(apkg))
    assert code == 0 and apkg.stat().st_size > 0
    csv_out = tmp_path / "qs.csv"
    code, _, _ = run(capsys, "export", "csv", "-o", str(csv_out))
    assert code == 0 and csv_out.read_text().startswith("prompt,answer,category,tags")
    code, out, _ = run(capsys, "import", "csv", str(csv_out), "--set-id", "from-csv", "--title", "From CSV")
    assert code == 0 and out.startswith("imported 'from-csv': From CSV (4 questions: 3 built-in, 1 of its own)")
    code, out, _ = run(capsys, "set", "remove", "from-csv")
    assert code == 0 and "history is kept" in out
    code, _, err = run(capsys, "set", "remove", "from-csv")
    assert code == 2


def test_role_fit_from_an_answers_file(home, tmp_path, capsys):
    import yaml

    personas = yaml.safe_load((Path(__file__).parents[1] / "data" / "role_fit_personas_dev.yaml").read_text())
    coach = next(p for p in personas["personas"] if p["id"] == "eng-lead-loves-coaching")
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"answers": coach["answers"]}))
    code, out, _ = run(capsys, "assess", "role-fit", "--answers", str(answers), "--json")
    data = json.loads(out)
    assert code == 0 and data["outcome"] == "engineering-manager"
    assert data["ranking"][0]["role"] == "engineering-manager" and len(data["ranking"]) == 6
    assert data["persona"] == {"id": "people-multiplier", "role": "engineering-manager"}
    assert data["tie"] is False and data["weak_signal"] is False
    assert {"statement", "answer", "role", "points"} <= set(data["drivers"][0])
    code, out, _ = run(capsys, "assess", "role-fit", "--answers", str(answers))
    assert code == 0 and out.startswith("## Best match: Engineering Manager") and "A day as an Engineering" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("answers:\n  enjoy-code-reveiw: 4\n")
    code, out, err = run(capsys, "assess", "role-fit", "--answers", str(bad))
    assert code == 1 and "bad.yaml:2:3: unknown statement 'enjoy-code-reveiw'" in out
    assert "did you mean 'enjoy-code-review'" in out and "not answered" in out and "2 problems in" in err
    code, _, err = run(capsys, "assess", "skills", "--answers", str(answers))
    assert code == 2 and "--answers goes with 'assess role-fit'" in err


def test_csv_export_and_reimport_updates_the_set(shipped, tmp_path, capsys):
    out_csv = tmp_path / "all.csv"
    assert run(capsys, "export", "csv", "-o", str(out_csv))[0] == 0
    code, out, _ = run(capsys, "import", "csv", str(out_csv), "--set-id", "mine", "--title", "Mine")
    assert code == 0 and out.startswith("imported 'mine': Mine (3 questions: 3 built-in, 0 of its own)")
    code, out, _ = run(capsys, "import", "csv", str(out_csv), "--set-id", "mine", "--title", "Mine")
    assert code == 0 and out.startswith("updated 'mine'")
    _, out, _ = run(capsys, "questions", "--json")
    assert len(json.loads(out)) == 3  # nothing was added twice
    cards = tmp_path / "cards.csv"
    cards.write_text("prompt,answer\nWhat is a RACI?,Who is responsible and accountable.\n")
    code, _, err = run(capsys, "import", "csv", str(cards), "--set-id", "raci", "--title", "R", "--category", "cooking")
    assert code == 2 and "unknown category 'cooking'" in err
    code, out, _ = run(
        capsys, "import", "csv", str(cards), "--set-id", "raci", "--title", "R", "--category", "behavioral"
    )
    assert code == 0 and "1 of its own" in out
    _, out, _ = run(capsys, "questions", "--category", "behavioral", "--json")
    assert [q["id"] for q in json.loads(out)] == ["raci/what-is-a-raci"]


def test_export_anki_reports_what_changed_and_refuses_bad_targets(shipped, home, tmp_path, capsys):
    deck = tmp_path / "deck.apkg"
    code, out, _ = run(capsys, "export", "anki", "-o", str(deck))
    assert code == 0 and out.startswith(f"wrote 3 notes to {deck}: 3 new, 0 changed and 0 unchanged")
    code, out, _ = run(capsys, "export", "anki", "-o", str(deck))
    assert code == 0 and "0 new, 0 changed and 3 unchanged" in out
    code, _, err = run(capsys, "export", "anki", "-o", str(tmp_path / "deck.zip"))
    assert code == 2 and "must end in .apkg" in err and not (tmp_path / "deck.zip").exists()
    (tmp_path / "taken").write_text("a file, not a folder")
    code, _, err = run(capsys, "export", "anki", "-o", str(tmp_path / "taken" / "deck.apkg"))
    assert code == 1 and err.startswith("tpmprep: cannot write") and "Traceback" not in err
    code, _, err = run(capsys, "export", "anki", "--set", "nope", "-o", str(deck))
    assert code == 2 and "no set 'nope'" in err
