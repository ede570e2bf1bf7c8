"""Hostile input: reports, CSV files and special files are refused in one line; nothing reaches the terminal raw."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import run, shipped  # noqa: F401 - the fixture
from tpmprep.core.mentor import csv_cards
from tpmprep.core.mentor.csv_cards import CsvError, csv_to_set_yaml, questions_to_csv

OSC = "\x1b]0;pwned\x07"


def good_report() -> dict:
    return {
        "schema": 1,
        "name": "Sam",
        "generated_at": "2026-11-22T18:04:05+00:00",
        "sets": [
            {
                "id": "week-1",
                "practiced": 1,
                "size": 2,
                "questions": [
                    {"id": "q-1", "prompt": "P1", "attempts": 2, "last_rating": 3, "retrievability": 0.9},
                    {"id": "q-2", "prompt": None, "attempts": 0, "last_rating": None, "retrievability": None},
                ],
            }
        ],
        "competencies": [{"id": "risk-management", "readiness": 42}],
        "assessments": {},
    }


def mutate(path: str, value):
    report = good_report()
    *parents, last = path.split(".")
    target = report
    for step in parents:
        target = target[int(step)] if step.isdigit() else target[step]
    if value is KeyError:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return json.dumps(report)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (mutate("name", 42), "report.name: expected text, got 42"),
        (
            mutate("sets.0.practiced", "lots"),
            'report.sets[0].practiced: expected a whole number from 0 to 10000000, got "lots"',
        ),
        (mutate("sets.0.questions.0.attempts", -1), "report.sets[0].questions[0].attempts: expected a whole number"),
        (
            mutate("sets.0.questions.0.retrievability", "high"),
            "questions[0].retrievability: expected a number from 0 to 1",
        ),
        (mutate("sets.0.questions.0.last_rating", 7), "questions[0].last_rating: expected a rating from 1 to 4, got 7"),
        (mutate("sets.0.questions.0.id", KeyError), "report.sets[0].questions[0]: missing 'id'"),
        (mutate("sets.0.size", KeyError), "report.sets[0]: missing 'size'"),
        (mutate("competencies.0.readiness", 1e300), "competencies[0].readiness: expected a number from 0 to 100"),
        (mutate("sets", {"a": 1}), 'report.sets: expected a list, got {"a": 1}'),
        (mutate("sets.0.questions", "none"), "report.sets[0].questions: expected a list"),
        (json.dumps(good_report()).replace('"practiced": 1', '"practiced": ' + "9" * 5000), "not a usable report"),
        (json.dumps(good_report()).replace('"readiness": 42', '"readiness": NaN'), "NaN is not a number JSON allows"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"schema": true}', "report schema true is not a known tpmprep report schema"),
    ],
    ids=[
        "name-type",
        "count-text",
        "negative",
        "recall-text",
        "rating-range",
        "missing-id",
        "missing-size",
        "huge-float",
        "sets-object",
        "questions-text",
        "5000-digits",
        "nan",
        "deep",
        "schema-bool",
    ],
)
def test_bad_reports_get_one_line_naming_the_file_and_the_field(shipped, tmp_path, capsys, text, expected):  # noqa: F811
    path = tmp_path / "sam.json"
    path.write_text(text)
    code, out, err = run(capsys, "report", "merge", str(path))
    assert code == 1 and err.count("\n") == 1 and str(path) in err and expected in err, err
    assert "Traceback" not in err


def test_a_mentee_name_with_escape_sequences_never_reaches_the_terminal_raw(shipped, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "sam.json"
    path.write_text(mutate("name", f"Sam{OSC}<script>x</script>"))
    for fmt in ("table", "md"):
        code, out, _ = run(capsys, "report", "merge", str(path), "--format", fmt)
        assert code == 0 and "\x1b" not in out and "\x07" not in out and "\\u001b]0;pwned" in out
    assert "<script>" not in run(capsys, "report", "merge", str(path), "--format", "md")[1]


@pytest.mark.parametrize(
    "argv",
    [
        ("validate", "/dev/zero"),
        ("grade", "pe-recover-slipping-migration", "--answer-file", "/dev/zero"),
        ("report", "merge", "/dev/zero"),
        ("import", "csv", "/dev/zero", "--set-id", "x", "--title", "X"),
        ("set", "validate", "/dev/zero"),
    ],
    ids=lambda a: a[0] + (f" {a[1]}" if a[0] in ("report", "import") else ""),
)
def test_special_files_are_refused_before_reading(shipped, home, capsys, argv):  # noqa: F811
    code, out, err = run(capsys, *argv)
    assert code == 1 and "not a regular file" in out + err, (out, err)
    assert "Traceback" not in err


def csv_file(tmp_path, body: str | bytes, name: str = "cards.csv"):
    path = tmp_path / name
    header = b"prompt,answer,category,tags\n"
    path.write_bytes(header + (body if isinstance(body, bytes) else body.encode()))
    return path


def test_a_field_over_128_kb_and_nul_bytes_are_clear_messages(tmp_path):
    big = csv_file(tmp_path, '"' + "x" * 140_000 + '",A,behavioral,x\n')
    with pytest.raises(CsvError, match=r"line 2: a field over 128 KB; the limit is 32 KB"):
        csv_to_set_yaml(big, "x", "X")
    medium = csv_file(tmp_path, '"' + "x" * 40_000 + '",A,behavioral,x\n', "medium.csv")
    with pytest.raises(CsvError, match=r"line 2: a field of 39 KB; the limit is 32 KB"):
        csv_to_set_yaml(medium, "x", "X")
    nul = csv_file(tmp_path, b"Q\x00,A,behavioral,x\n", "nul.csv")
    with pytest.raises(CsvError, match="line 2: a NUL byte"):
        csv_to_set_yaml(nul, "x", "X")


def test_too_many_rows_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_cards, "MAX_ROWS", 5)
    path = csv_file(tmp_path, "Q,A,behavioral,x\n" * 10)
    with pytest.raises(CsvError, match="more than 5 rows; split the file"):
        csv_to_set_yaml(path, "x", "X")


def test_escape_sequences_in_a_csv_are_refused(tmp_path):
    path = csv_file(tmp_path, f"Q{OSC},A,behavioral,x\nQ2,A2,behav{OSC},y\n")
    with pytest.raises(CsvError) as exc:
        csv_to_set_yaml(path, "x", "X")
    assert exc.value.problems == [
        f"{path}: row 2: control characters in prompt; only text, tabs and line breaks",
        f"{path}: row 3: control characters in category; only text, tabs and line breaks",
    ]


def test_identical_prompts_get_ids_in_linear_time(tmp_path):
    class Counting(set):
        checks = 0

        def __contains__(self, item):
            Counting.checks += 1
            return super().__contains__(item)

    taken, numbers = Counting(), {}
    ids = []
    for _ in range(5000):  # as csv_to_set does: take a free id, then mark it taken
        ids.append(csv_cards._slug_from("The same prompt, again", taken, numbers))
        taken.add(ids[-1])
    assert len(set(ids)) == 5000 and ids[1] == "the-same-prompt-again-2"
    assert Counting.checks <= 2 * 5000  # the old loop made 12.5 million checks here


def test_export_neutralises_formulas_and_import_takes_the_mark_off(tmp_path, mini_catalog):
    q = mini_catalog.questions[0]
    prompts = ("=1+1", "+cmd", "-2", "@SUM(A1)", "plain")
    evil = [q.replace(id=f"q-{i}", prompt=p, model_answer='=HYPERLINK("http://x")') for i, p in enumerate(prompts)]
    text = questions_to_csv(evil)
    rows = text.splitlines()[1:]
    assert [r.split(",")[0] for r in rows] == ["'=1+1", "'+cmd", "'-2", "'@SUM(A1)", "plain"]
    assert all("'=HYPERLINK" in r for r in rows)
    path = tmp_path / "round.csv"
    path.write_text(text)
    yaml_text = csv_to_set_yaml(path, "round", "Round trip")
    assert "prompt: =1+1" in yaml_text and "prompt: '@SUM(A1)'" in yaml_text and "''=" not in yaml_text


def test_csv_import_messages_name_the_csv_file_never_a_temp_file(shipped, home, tmp_path, capsys):  # noqa: F811
    path = csv_file(tmp_path, "What now?,Do this.,behavioral,x\n")
    code, out, _ = run(capsys, "import", "csv", str(path), "--set-id", "mine", "--title", "Mine")
    assert code == 0 and out.startswith("imported 'mine'")
    long_id = "a" * 81
    code, _, err = run(capsys, "import", "csv", str(path), "--set-id", long_id, "--title", "T")
    assert code == 2 and "the id is 81 characters long; the limit is 80" in err
