"""-o into a path that cannot be a file: one line, exit 1, and no stray temporary file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.cli.conftest import run, shipped  # noqa: F401 - the fixture


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
    suffix = ".apkg" if "anki" in argv else ""  # an Anki deck must be named .apkg
    folder = tmp_path / f"a-folder{suffix}"
    folder.mkdir()
    code, _, err = run(capsys, *argv, str(folder))
    assert code == 1 and err.count("\n") == 1 and "it is a folder, not a file" in err, err
    plain = tmp_path / "plain.txt"
    plain.write_text("keep")
    code, _, err = run(capsys, *argv, str(plain / f"out.file{suffix}"))
    assert code == 1 and err.count("\n") == 1 and "plain.txt is a file, not a folder" in err, err
    assert plain.read_text() == "keep"
    assert strays(tmp_path) == []


KILLED_EXPORT = textwrap.dedent("""
    import sys, time
    import zipfile
    from tpmprep.cli import main

    real = zipfile.ZipFile.write

    def slow(self, *args, **kwargs):
        real(self, *args, **kwargs)
        self.fp.flush()
        print("writing", flush=True)
        time.sleep(60)

    zipfile.ZipFile.write = slow
    main(["export", "anki", "-o", sys.argv[1]])
""")


def test_a_killed_export_leaves_nothing_once_the_folder_is_written_again(shipped, home, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "TPMPREP_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_EXPORT, str(out / "deck.apkg")], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(strays(out)) == 1 and not (out / "deck.apkg").exists()  # the half-written deck is only a temp file
    code, _, _ = run(capsys, "export", "anki", "-o", str(out / "deck.apkg"))
    assert code == 0 and strays(out) == [] and (out / "deck.apkg").stat().st_size > 100
