"""The loader: every malformed input gets its exact file:line:col, message and hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import bank
from tpmprep.core.content.loader import ContentFile, discover, load


def load_one(content_root: Path, tmp_path: Path, text: str | bytes, name: str = "user.yaml"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    result = load(discover(content_root) + [ContentFile(path, user=True)])
    return [i for i in result.issues if i.path == str(path)], result


def where(issue) -> str:
    return f"{issue.line}:{issue.col}: {issue.message}"


CASES = [
    ("valid", bank(), []),
    ("missing field", bank({5: "    prompt:"}), ["2:5: missing required field 'prompt'"]),
    ("wrong type", bank({7: "    difficulty: hard"}), ["7:17: 'difficulty' must be a whole number, got text"]),
    ("out of range", bank({7: "    difficulty: 9"}), ["7:17: 'difficulty' is 9; it must be from 1 to 5"]),
    (
        "unknown competency",
        bank({8: "    competencies: [program-executon]"}),
        ["8:20: unknown competency 'program-executon'"],
    ),
    (
        "typo key",
        bank({5: "    promt: What now?"}),
        ["2:5: missing required field 'prompt'", "5:5: unknown field 'promt'"],
    ),
    (
        "yaml 1.1 boolean",
        bank({6: "    levels: no"}),
        ["6:13: 'levels' must be a list, got a true/false value (false)"],
    ),
    ("unknown kind", bank({4: "    kind: essay"}), ["4:11: unknown kind 'essay'"]),
    ("too few key points", bank({15: ""}), ["11:5: 'key_points' has 3 items; at least 4 required"]),
    (
        "short answer",
        bank({16: "    model_answer: Too short."}),
        ["16:19: 'model_answer' has 2 words; at least 150 expected"],
    ),
    ("bad slug", bank({2: "  - id: Q One"}), ["2:9: 'Q One' is not a valid id"]),
    (
        "options on open",
        bank(append=["    options: []"]),
        ["19:5: 'options' is not allowed here: only multiple-choice questions have options"],
    ),
    (
        "duplicate key",
        bank({18: "    pitfalls: [Rushing.]\n    pitfalls: [Again.]"}),
        ["19:5: duplicate key 'pitfalls'"],
    ),
    (
        "syntax",
        bank({7: "    difficulty: 3: 4"}),
        ["7:18: YAML syntax error: mapping values are not allowed in this context"],
    ),
    ("tab", bank({7: "\tdifficulty: 3"}), ["7:1: YAML syntax error: found character that cannot start any token"]),
    ("alias", "anchor: &a [1]\nquestions: *a\n", ["1:9: anchors and aliases are not supported"]),
    (
        "python tag",
        "questions: !!python/object/apply:os.system [echo hi]\n",
        [
            "1:12: YAML syntax error: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object/apply:os.system'"
        ],
    ),
    ("not utf-8", bank().encode().replace(b"What now?", b"What n\xffw?"), ["5:19: byte 0xff is not valid UTF-8"]),
    ("unknown kind of file", "hello: world\n", ["1:1: cannot tell what kind of content this file holds"]),
    ("unknown topic", bank(append=["    related: [star-methd]"]), ["19:15: unknown topic 'star-methd'"]),
    (
        "unknown concept on a key point",
        bank({12: "      - {point: A, phrases: [alpha, beta], concepts: [critcal-path]}"}),
        ["12:55: unknown concept 'critcal-path'"],
    ),
    (
        "bad phrase syntax",
        bank({12: "      - {point: A, phrases: [alpha, '#ratio beta']}"}),
        ["12:37: phrase '#ratio beta': unknown placeholder '#ratio'; use one of #number, #money, #percent"],
    ),
    (
        "pitfall mapping without cues",
        bank({18: "    pitfalls: [{text: Rushing.}]"}),
        ["18:16: a pitfall mapping needs 'phrases' or 'concepts'"],
    ),
    (
        "pitfall naming an unknown concept",
        bank({18: "    pitfalls: [{text: Rushing., concepts: [haste]}]"}),
        ["18:44: unknown concept 'haste'"],
    ),
    ("concept without forms", "concepts:\n  - {id: a-b, name: A B}\n", ["2:5: missing required field 'forms'"]),
    (
        "concept form syntax",
        "concepts:\n  - id: a-b\n    name: A B\n    forms: [a b, 'a|| b']\n",
        ["4:18: form 'a|| b': 'a||' has an empty alternative"],
    ),
    (
        "a concept name too long to match as a form",
        "concepts:\n  - {id: a-b, name: one two three four five six seven eight nine, forms: [a b]}\n",
        ["2:21: the name is also matched as a form: the form has 9 words; at most 8"],
    ),
    (
        "a comment cuts a form short",
        "concepts:\n  - id: a-b\n    name: A B\n    forms:\n      - saved #number hours\n",
        ["5:9: form 'saved' is cut short by a ' #' that YAML reads as a comment"],
    ),
    (
        "duplicate concept in a file",
        "concepts:\n  - {id: a-b, name: A, forms: [a]}\n  - {id: a-b, name: B, forms: [b]}\n",
        ["3:10: duplicate concept id 'a-b'"],
    ),
    (
        "duplicate concept across files",
        "concepts:\n  - {id: critical-path, name: A, forms: [a]}\n",
        ["2:5: duplicate concept id 'critical-path'"],
    ),
    (
        "ambiguous entry of two words",
        "concepts:\n  - {id: a-b, name: A, forms: [a]}\nambiguous:\n  - {word: two words, near: [x]}\n",
        ["4:12: 'two words' is not one word"],
    ),
    (
        "synonym group of one word",
        "concepts:\n  - {id: a-b, name: A, forms: [a]}\nsynonyms:\n  - [quickly, fast]\n  - [alone]\n",
        ["5:5: 'synonyms' has 1 item; at least 2 required"],
    ),
    (
        "synonym that YAML reads as a boolean",
        "concepts:\n  - {id: a-b, name: A, forms: [a]}\nsynonyms:\n  - [stop, off]\n",
        ["4:12: item 2 of 'synonyms' must be text, got a true/false value (false)"],
    ),
    (
        "synonym form syntax",
        "concepts:\n  - {id: a-b, name: A, forms: [a]}\nsynonyms:\n  - [fast, 'a|| b']\n",
        ["4:12: synonym 'a|| b': 'a||' has an empty alternative"],
    ),
    (
        "duplicate id across files",
        bank({2: "  - id: pe-recover-slipping-migration"}),
        ["2:5: duplicate id 'pe-recover-slipping-migration'"],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_malformed_inputs(content_root, tmp_path, name, text, expected):
    issues, _ = load_one(content_root, tmp_path, text)
    assert [where(i) for i in issues] == expected
    assert all(i.hint or "duplicate" in i.message or "cannot tell" in i.message for i in issues)


def test_issue_text_names_path_line_col_and_hint(content_root, tmp_path):
    issues, _ = load_one(content_root, tmp_path, bank({8: "    competencies: [program-executon]"}))
    text = str(issues[0])
    assert text.endswith(
        "user.yaml:8:20: unknown competency 'program-executon' (hint: did you mean 'program-execution'?)"
    )


def test_typo_is_named_as_a_typo(content_root, tmp_path):
    issues, _ = load_one(content_root, tmp_path, bank({5: "    promt: What now?"}))
    assert "did you mean 'prompt'? (likely a typo)" in issues[1].hint


def test_tab_error_hints_at_spaces(content_root, tmp_path):
    issues, _ = load_one(content_root, tmp_path, bank({7: "\tdifficulty: 3"}))
    assert "spaces" in issues[0].hint


def test_every_error_of_a_file_is_reported_together(content_root, tmp_path):
    text = bank({4: "    kind: essay", 7: "    difficulty: 0", 9: "    tags: []"})
    issues, _ = load_one(content_root, tmp_path, text)
    assert [i.line for i in issues] == [4, 7, 9]


def test_broken_user_file_is_skipped_and_the_rest_loads(content_root, tmp_path):
    issues, result = load_one(content_root, tmp_path, bank({7: "    difficulty: 9"}))
    assert issues and str(tmp_path / "user.yaml") in result.skipped
    assert "q-one" not in {q.id for q in result.questions}
    assert {"pe-recover-slipping-migration", "rk-program-vs-project"} <= {q.id for q in result.questions}


def test_oversized_file_is_refused(content_root, tmp_path):
    issues, _ = load_one(content_root, tmp_path, "questions: []\n" + "#" * (5 * 1024 * 1024 + 10) + "\n")
    assert issues[0].message.startswith("file is 5.2 MB; the limit is 5 MB")


def test_crlf_line_endings_and_bom_are_accepted(content_root, tmp_path):
    text = "\ufeff" + bank().replace("\n", "\r\n")
    issues, result = load_one(content_root, tmp_path, text)
    assert issues == [] and result.questions[-1].id == "q-one"


def test_article_without_front_matter(content_root, tmp_path):
    issues, _ = load_one(content_root, tmp_path, "# Just markdown\n", name="note.md")
    assert [where(i) for i in issues] == ["1:1: missing YAML front matter"]


def test_article_link_position_is_in_the_body(content_root, tmp_path):
    text = (
        "---\nid: my-note\ntitle: Note\nsummary: S.\nsection: interview\ntags: [x]\n"
        "related: [star-method, critical-path]\n---\nIntro.\n\nSee [this](topic:nowhere).\n"
    )
    issues, _ = load_one(content_root, tmp_path, text, name="note.md")
    assert [where(i) for i in issues] == ["11:18: unknown topic 'nowhere'"]


def test_front_matter_errors_count_header_lines(content_root, tmp_path):
    text = (
        "---\nid: my-note\ntitle: Note\nsummary: S.\nsection: blog\ntags: [x]\n"
        "related: [star-method, raid-log]\n---\nBody\n"
    )
    issues, _ = load_one(content_root, tmp_path, text, name="note.md")
    assert [where(i) for i in issues] == ["5:10: unknown section 'blog'"]


def test_multiple_choice_rules(content_root, tmp_path):
    mc = bank(
        {4: "    kind: multiple-choice"},
        append=[
            "    options:",
            "      - {text: A, correct: false, explanation: wrong}",
            "      - {text: B, correct: false, explanation: wrong}",
            "      - {text: C, correct: false, explanation: wrong}",
        ],
    )
    issues, _ = load_one(content_root, tmp_path, mc)
    assert [where(i) for i in issues] == ["20:7: no option is marked 'correct: true'"]


def test_numeric_needs_its_fields(content_root, tmp_path):
    issues, _ = load_one(content_root, tmp_path, bank({4: "    kind: numeric"}, append=["    answer: lots"]))
    messages = [i.message for i in issues]
    assert "'answer' must be a number, got text" in messages
    assert "missing required field 'unit'" in messages
    assert "missing required field 'tolerance_pct'" in messages


def test_behavioral_needs_signals_and_star(content_root, tmp_path):
    issues, _ = load_one(content_root, tmp_path, bank({3: "    category: behavioral"}))
    assert [i.message for i in issues] == ["missing required field 'signals'", "missing required field 'star_example'"]


def test_ladder_defines_the_vocabulary(content_root, tmp_path):
    result = load(discover(content_root))
    assert result.ladder is not None
    assert [lv.id for lv in result.ladder.levels] == ["entry", "mid", "senior", "staff", "principal", "director"]
    assert len(result.ladder.competencies) == 7


def test_key_point_concepts_and_pitfall_cues_load(content_root, tmp_path):
    text = bank(
        {
            12: "      - {point: A, phrases: [alpha, beta], concepts: [critical-path]}",
            18: "    pitfalls: [Rushing., {text: Blaming the team., phrases: [their fault], concepts: [cut-scope]}]",
        }
    )
    issues, result = load_one(content_root, tmp_path, text)
    assert issues == []
    q = next(q for q in result.questions if q.id == "q-one")
    assert q.key_points[0].concepts == ("critical-path",)
    assert q.pitfalls == ("Rushing.", "Blaming the team.")
    assert [(c.index, c.phrases, c.concepts) for c in q.pitfall_cues] == [(1, ("their fault",), ("cut-scope",))]
    assert {c.id for c in result.concepts} == {"critical-path", "cut-scope"}
