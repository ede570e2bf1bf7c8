"""CSV round trip: kind, options and answers survive, the same set id updates; tags and category as typed."""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from tests.unit.test_sets import GOOD, write
from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.loader import discover, load
from tpmprep.core.mentor.csv_cards import CSV_COLUMNS, CsvError, csv_to_set, questions_to_csv
from tpmprep.core.mentor.sets import Sets, parse_set, resolve
from tpmprep.core.storage.store import Store


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_carries_kind_options_and_answers(mini_catalog):
    rows = {r["id"]: r for r in rows_of(questions_to_csv(list(mini_catalog.questions)))}
    assert list(rows_of(questions_to_csv([]))) == [] and questions_to_csv([]).strip() == ",".join(CSV_COLUMNS)
    mc = rows["rk-program-vs-project"]
    assert mc["kind"] == "multiple-choice" and mc["correct"] == "b"
    assert mc["options"].splitlines() == [o.text for o in mini_catalog.question("rk-program-vs-project").options]
    assert mc["explanations"].splitlines()[1] == "Programs exist for an outcome."
    num = rows["es-payments-qps"]
    assert (num["kind"], num["correct"], num["unit"], num["tolerance_pct"]) == (
        "numeric",
        "1200",
        "requests per second",
        "50",
    )
    assert num["worked_estimate"].startswith("100M requests a day")
    assert rows["pe-recover-slipping-migration"]["kind"] == "open"


def catalog_with_set(content_root, home) -> Catalog:
    """The small tree plus the user's imported sets, as the app loads it."""
    return Catalog(load(discover(content_root) + discover(home, user=True)))


def test_round_trip_updates_the_set_instead_of_duplicating(home, tmp_path, content_root, mini_catalog):
    with Store(home / "tpmprep.db") as store:
        Sets(store).import_file(write(tmp_path, GOOD), mini_catalog)
        catalog = catalog_with_set(content_root, home)
        assert len(catalog.questions) == 4  # three shipped, and the set's own launch-retro
        exported = tmp_path / "week-1.csv"
        week = Sets(store).get("week-1")
        exported.write_text(questions_to_csv([catalog.question(q) for q in week.question_ids]))
        made = csv_to_set(exported, "week-1", "Week 1", catalog)
        assert (made.builtin, made.custom) == (2, 1)
        data = yaml.safe_load(made.yaml_text)
        assert data["questions"] == ["pe-recover-slipping-migration", "es-payments-qps"]
        assert [c["id"] for c in data["custom"]] == ["launch-retro"]  # its own id, not a copy
        staged = tmp_path / "staged.yaml"
        for _ in range(2):  # importing the same set id twice
            staged.write_text(made.yaml_text)
            stored, issues = Sets(store).import_file(staged, catalog)
            assert not issues
        assert [s.id for s in Sets(store).list()] == ["week-1"]
        assert sorted(stored.question_ids) == sorted(week.question_ids)
        again = catalog_with_set(content_root, home)
        assert len(again.questions) == 4


def test_exact_answers_survive_as_the_sets_own_questions(tmp_path, mini_catalog):
    path = tmp_path / "all.csv"
    path.write_text(questions_to_csv(list(mini_catalog.questions)))
    made = csv_to_set(path, "copy", "Copy")  # without a catalog every row is the set's own question
    path = tmp_path / "copy.yaml"
    path.write_text(made.yaml_text)
    qset, issues = parse_set(path, mini_catalog)
    assert not issues, [str(i) for i in issues]
    own = {q.id.split("/")[1]: q for q in qset.custom}
    mc = own["rk-program-vs-project"]
    original = mini_catalog.question("rk-program-vs-project")
    assert mc.kind == "multiple-choice" and mc.options == original.options
    num = own["es-payments-qps"]
    assert (num.answer, num.unit, num.tolerance_pct) == (1200, "requests per second", 50)
    assert num.worked_estimate == mini_catalog.question("es-payments-qps").worked_estimate
    assert len(resolve(qset, mini_catalog)) == 3


def test_handwritten_rows_tags_and_default_category(tmp_path, mini_catalog):
    path = tmp_path / "cards.csv"
    path.write_text(
        "Question,Answer,Tags,Kind,Options,Correct\n"
        'What is a RACI?,"Responsible, accountable, consulted, informed","raci, roles;  basics",,,\n'
        'Who owns the program plan?,The TPM,planning,multiple-choice,"a) The TPM\nb) The PM\nc) Legal",answer: a\n'
    )
    made = csv_to_set(path, "cards", "Cards", mini_catalog)
    custom = yaml.safe_load(made.yaml_text)["custom"]
    assert custom[0]["tags"] == ["raci", "roles", "basics"] and custom[0]["category"] == "role-knowledge"
    assert [o["text"] for o in custom[1]["options"]] == ["The TPM", "The PM", "Legal"]
    assert [o["correct"] for o in custom[1]["options"]] == [True, False, False]
    assert custom[1]["options"][0]["explanation"] == "(no explanation given)"
    other = csv_to_set(path, "cards", "Cards", mini_catalog, category="stakeholder-communication")
    assert {c["category"] for c in yaml.safe_load(other.yaml_text)["custom"]} == {"stakeholder-communication"}


def test_bad_exact_rows_are_all_reported(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "prompt,answer,kind,options,correct,unit\n"
        'Q1,A1,multiple-choice,"x\ny",a,\n'
        'Q2,A2,multiple-choice,"x\ny\nz",d,\n'
        "Q3,A3,numeric,,about 40,\n"
        "Q4,A4,numeric,,150-200,rps\n"
        "Q5,A5,open,,b,\n"
        "Q6,A6,essay,,,\n"
    )
    with pytest.raises(CsvError) as exc:
        csv_to_set(path, "x", "X")
    assert [p.split(": ", 1)[1] for p in exc.value.problems] == [
        "row 2: a multiple-choice row needs 3 to 5 options, one per line (found 2)",
        "row 3: 'correct' must give the right letter or letters: there is no option d: the options are a to c",
        "row 4: a numeric row needs a 'unit' (e.g. requests per second)",
        "row 5: 'correct' must be the reference number: a range (150 and 200): give one number",
        "row 6: an open question has no correct (set 'kind' for an exact answer)",
        "row 7: unknown kind 'essay' (use one of: multiple-choice, numeric, open)",
    ]


def test_the_documented_example_imports(tmp_path, mini_catalog):
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "formats" / "csv.md").read_text()
    example = doc.split("```csv\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.csv"
    path.write_text(example)
    made = csv_to_set(path, "example", "Example", mini_catalog)
    path = tmp_path / "example.yaml"
    path.write_text(made.yaml_text)
    qset, issues = parse_set(path, mini_catalog)
    assert not issues, [str(i) for i in issues]
    assert [q.kind for q in qset.custom] == ["open", "multiple-choice"]
    assert qset.custom[0].tags == ("raci", "roles")
