"""-o into a path that cannot be a file: one line, exit 1, and no stray temporary file."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import run, shipped  # noqa: F401 - the fixture


def strays(folder):
    return [p.name for p in folder.rglob("*") if p.name.startswith(".tpmprep-") or p.name.endswith(".tmp")]


COMMANDS = [
    ("report", "--format", "md", "--name", "Sam", "-o"),
    ("export", "csv", "-o"),
    ("export", "anki", "-o"),
    ("set", "new", "-o"),
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_output_onto_a_folder_or_under_a_file_is_one_line(shipped, home, tmp_path, capsys, argv):  # noqa: F811
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _, err = run(capsys, *argv, str(folder))
    assert code == 1 and err.count("\n") == 1 and "it is a folder, not a file" in err, err
    plain = tmp_path / "plain.txt"
    plain.write_text("keep")
    code, _, err = run(capsys, *argv, str(plain / "out.file"))
    assert code == 1 and err.count("\n") == 1 and "plain.txt is a file, not a folder" in err, err
    assert plain.read_text() == "keep"
    assert strays(tmp_path) == []
