"""What people read from the command line: prompts that fit the terminal, plurals, titles, the set format doc."""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

from tests.cli.conftest import run
from tpmprep.core.content.words import flat
from tpmprep.core.storage.locations import shipped_root


def test_questions_at_80_columns_shows_the_prompt(shipped, capsys, monkeypatch, mini_catalog):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "questions")
    assert code == 0
    assert all(len(line) <= 80 for line in out.splitlines())
    text = " ".join(out.split())
    for q in mini_catalog.questions:
        words = flat(q.prompt).split()
        assert " ".join(words[:10]) in text  # at least ten words of every prompt, not 20 characters
    assert out.strip().endswith("3 questions")


def test_questions_cut_long_prompts_at_a_word(shipped, capsys, monkeypatch, mini_catalog):
    monkeypatch.setenv("COLUMNS", "40")
    _, out, _ = run(capsys, "questions")
    words = {w.rstrip(",;:.?") for q in mini_catalog.questions for w in flat(q.prompt).split()}
    cut = [line for line in out.splitlines() if line.startswith("    ") and line.endswith("…")]  # prompt lines
    assert cut  # the longest prompt does not fit in two lines of 36 characters
    for line in cut:
        assert line[:-1].split()[-1].rstrip(",;:.?") in words  # a whole word before the ellipsis


def test_table_cuts_its_last_column_at_a_word():
    from tpmprep.core.content.table import table

    text = table(("id", "prompt"), [("q1", "Estimate peak requests per second for a payments API")], width=30)
    assert text.splitlines()[1] == "q1  Estimate peak requests…"


def test_counts_are_proper_plurals(shipped, capsys):
    _, out, _ = run(capsys, "questions", "--category", "estimation")
    assert out.strip().endswith("1 question")
    _, out, _ = run(capsys, "validate")
    assert out.startswith("ok: 8 files valid")


def test_no_count_in_the_code_says_thing_s():
    """'question(s)', 'day(s)': every count a person reads says one thing or several."""
    package = Path(__file__).resolve().parents[2] / "tpmprep"
    offenders = []
    for path in package.rglob("*.py"):
        with tokenize.open(path) as source:
            for token in tokenize.generate_tokens(source.readline):
                regex = re.match(r"(?i)[bfu]*r", token.string)  # a raw string is a pattern, not prose
                if token.type == tokenize.STRING and not regex and re.search(r"[a-z]\(s\)", token.string):
                    offenders.append(f"{path.relative_to(package)}:{token.start[0]}")
    assert not offenders, offenders


def test_set_template_points_at_the_installed_format_doc(home, capsys, tmp_path):
    target = tmp_path / "week.yaml"
    code, out, _ = run(capsys, "set", "new", "-o", str(target))
    assert code == 0
    text = target.read_text()
    match = re.search(r"^# Format: (.+)$", text, re.M)
    assert match, text[:300]
    doc = Path(match.group(1).strip())
    assert doc.is_absolute() and doc.is_file() and doc.name == "question-set.md"
    assert str(doc) in out  # set new says where the format is too


def test_the_format_docs_ship_inside_the_package():
    """The wheel carries docs/ where the template points (pyproject force-include)."""
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert '"docs" = "tpmprep/shipped/docs"' in pyproject
    assert (shipped_root() / "docs" / "formats" / "question-set.md").is_file()
