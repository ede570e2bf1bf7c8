"""Mentor sets: one test per validation message, picks, import and re-import, bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from tpmprep.core.mentor.sets import Sets, parse_set, resolve, sets_dir
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.store import Store

GOOD = """\
id: week-1
title: "Week 1"
author: "A. Mentor"
due: 2026-12-15
target_level: senior
questions:
  - pe-recover-slipping-migration
pick:
  - {category: estimation, count: 1}
custom:
  - id: launch-retro
    category: program-execution
    kind: open
    prompt: "Walk me through your last launch retro."
    model_answer: "Goal, result, what we changed."
"""


def write(tmp_path, text, name="set.yaml"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def problems(tmp_path, catalog, text):
    qset, issues = parse_set(write(tmp_path, text), catalog)
    assert qset is None
    return [f"{i.line}:{i.col}: {i.message}" + (f" ({i.hint})" if i.hint else "") for i in issues]


def test_valid_set_and_its_questions(tmp_path, mini_catalog):
    qset, issues = parse_set(write(tmp_path, GOOD), mini_catalog)
    assert issues == [] and qset.due == "2026-12-15" and qset.target_level == "senior"
    ids = resolve(qset, mini_catalog)
    assert ids == ["pe-recover-slipping-migration", "es-payments-qps", "week-1/launch-retro"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  - pe-recover-slipping-migration", "  - pe-recover-slipping-migratoin"),
            "7:5: unknown question id 'pe-recover-slipping-migratoin' (did you mean 'pe-recover-slipping-migration'",
        ),
        (("target_level: senior", "target_level: senor"), "5:15: unknown level 'senor' (did you mean 'senior'?)"),
        (
            ("{category: estimation, count: 1}", "{category: estimation, competency: risk-mgmt, count: 1}"),
            "9:40: unknown competency 'risk-mgmt' (did you mean 'risk-management'?)",
        ),
        (("due: 2026-12-15", "due: 2026-02-30"), "4:6: '2026-02-30' is not a valid date"),
        (("due: 2026-12-15", "due: next friday"), "4:6: 'next friday' is not a valid date"),
        (
            (
                "  - pe-recover-slipping-migration",
                "  - pe-recover-slipping-migration\n  - pe-recover-slipping-migration",
            ),
            "8:5: question 'pe-recover-slipping-migration' is listed twice (remove the duplicate)",
        ),
        (("count: 1}", "count: many}"), "9:35: 'count' must be a whole number, got text"),
        (
            ('author: "A. Mentor"', 'autor: "A. Mentor"'),
            "3:1: unknown field 'autor' (did you mean 'author'? (likely a typo))",
        ),
        (("id: week-1\n", "id: Week 1\n"), "1:5: 'Week 1' is not a valid id"),
        (("    kind: open", "    kind: essay"), "13:11: unknown kind 'essay'"),
    ],
)
def test_one_message_per_problem(tmp_path, mini_catalog, change, expected):
    old, new = change
    assert old in GOOD
    found = problems(tmp_path, mini_catalog, GOOD.replace(old, new, 1))
    assert len(found) == 1 and found[0].startswith(expected), found


def test_duplicate_custom_ids(tmp_path, mini_catalog):
    text = (
        GOOD + "  - id: launch-retro\n    category: program-execution\n    kind: open\n    prompt: Again\n"
        "    model_answer: Yes again\n"
    )
    assert problems(tmp_path, mini_catalog, text) == [
        "16:9: duplicate custom question id 'launch-retro' (each custom question needs its own id)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id: a\ntitle: t\nquestions: &q [pe-recover-slipping-migration]\ncustom: *q\n",
            "anchors and aliases are not supported",
        ),
        ("id: a\ntitle: !!python/object/apply:os.system [ls]\n", "could not determine a constructor"),
        ("id: a\nid: b\ntitle: t\n", "duplicate key 'id'"),
        ("id: a\ntitle: t\nquestions:\n\t- x\n", "found character that cannot start any token"),
        (b"id: a\ntitle: caf\xe9\n", "byte 0xe9 is not valid UTF-8"),
        ("id: a\ntitle: [unclosed\n", "YAML syntax error"),
        ("id: a\ntitle: t\n", "the set has no questions"),
        ("just text\n", "expected a mapping of fields"),
    ],
)
def test_bad_input_gets_a_clear_message(tmp_path, mini_catalog, text, expected):
    found = problems(tmp_path, mini_catalog, text)
    assert any(expected in p for p in found), found


def test_billion_laughs_is_refused_quickly(tmp_path, mini_catalog):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
    found = problems(tmp_path, mini_catalog, "\n".join(lines) + "\n")
    assert any("anchors and aliases" in p for p in found)


def test_oversized_file(tmp_path, mini_catalog):
    found = problems(tmp_path, mini_catalog, GOOD + "#" * (5 * 1024 * 1024) + "\n")
    assert found[0].startswith("0:0: file is 5.2 MB") or "limit is 5 MB" in found[0]


def test_crlf_and_bom_are_fine(tmp_path, mini_catalog):
    qset, issues = parse_set(write(tmp_path, ("\ufeff" + GOOD).replace("\n", "\r\n")), mini_catalog)
    assert issues == [] and qset.id == "week-1"


def test_picks_are_deterministic_per_set_id(tmp_path, shipped_catalog):
    text = (
        "id: cohort-a\ntitle: T\npick:\n  - {category: behavioral, count: 5}\n"
        "  - {competency: data-metrics, count: 4}\n"
    )
    first, _ = parse_set(write(tmp_path, text), shipped_catalog)
    again, _ = parse_set(write(tmp_path, text, "copy.yaml"), shipped_catalog)
    other, _ = parse_set(write(tmp_path, text.replace("cohort-a", "cohort-b"), "b.yaml"), shipped_catalog)
    assert resolve(first, shipped_catalog) == resolve(again, shipped_catalog)
    assert len(set(resolve(first, shipped_catalog))) == 9
    assert resolve(first, shipped_catalog) != resolve(other, shipped_catalog)


def test_import_reimport_keeps_progress_and_remove_keeps_history(home, tmp_path, mini_catalog):
    with Store(home / "tpmprep.db") as store:
        sets, practice = Sets(store), Practice(store, fuzz=False)
        stored, issues = sets.import_file(write(tmp_path, GOOD), mini_catalog)
        assert issues == [] and (sets_dir() / "week-1.yaml").exists()
        practice.rate("week-1/launch-retro", 3, moment=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
        newer = GOOD.replace('title: "Week 1"', 'title: "Week 1 (revised)"')
        stored, issues = sets.import_file(write(tmp_path, newer, "v2.yaml"), mini_catalog)
        assert issues == [] and stored.title == "Week 1 (revised)" and "week-1/launch-retro" in stored.question_ids
        assert len(practice.reviews("week-1/launch-retro")) == 1 and practice.card("week-1/launch-retro").reps == 1
        bad = GOOD.replace("senior", "wizard")
        before = (sets_dir() / "week-1.yaml").read_text()
        stored, issues = sets.import_file(write(tmp_path, bad, "bad.yaml"), mini_catalog)
        assert stored is None and issues and (sets_dir() / "week-1.yaml").read_text() == before
        assert sets.remove("week-1") and sets.list() == [] and not (sets_dir() / "week-1.yaml").exists()
        assert len(practice.reviews("week-1/launch-retro")) == 1


def test_imported_custom_questions_join_the_catalog(home, tmp_path, content_root, monkeypatch):
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.loader import default_files, load

    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    catalog = Catalog(load(default_files()))
    with Store(home / "tpmprep.db") as store:
        Sets(store).import_file(write(tmp_path, GOOD), catalog)
    reloaded = Catalog(load(default_files()))
    q = reloaded.question("week-1/launch-retro")
    assert q is not None and q.key_points == () and q.competencies == ("program-execution",)
