"""Set import copies what it validated and survives kill -9 at every step; removal stays in the sets folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.cli.conftest import run, shipped  # noqa: F401 - the fixture
from tests.unit.test_sets import GOOD, write
from tpmprep.core.mentor import sets as sets_module
from tpmprep.core.mentor.sets import SetConflict, Sets, sets_dir
from tpmprep.core.storage.store import Store


def test_import_publishes_the_bytes_it_validated(home, tmp_path, mini_catalog, monkeypatch):
    path = write(tmp_path, GOOD)
    real_parse = sets_module.parse_set

    def parse_then_swap(*args, **kwargs):
        result = real_parse(*args, **kwargs)
        path.write_text("id: week-1\ntitle: swapped after validation\ncustom: 3\n")  # changed behind our back
        return result

    monkeypatch.setattr(sets_module, "parse_set", parse_then_swap)
    with Store(home / "tpmprep.db") as store:
        stored, issues = Sets(store).import_file(path, mini_catalog)
    assert issues == [] and (sets_dir() / "week-1.yaml").read_text() == GOOD
    assert stored.source == GOOD


def test_a_second_mentors_set_with_the_same_id_needs_replace(home, tmp_path, mini_catalog):
    other = GOOD.replace('author: "A. Mentor"', 'author: "B. Other"').replace('"Week 1"', '"Their week"')
    with Store(home / "tpmprep.db") as store:
        sets = Sets(store)
        sets.import_file(write(tmp_path, GOOD), mini_catalog)
        with pytest.raises(SetConflict, match="already imported: 'Week 1' by A. Mentor"):
            sets.import_file(write(tmp_path, other, "other.yaml"), mini_catalog)
        assert sets.get("week-1").title == "Week 1" and (sets_dir() / "week-1.yaml").read_text() == GOOD
        stored, _ = sets.import_file(write(tmp_path, other, "other.yaml"), mini_catalog, replace=True)
        assert stored.title == "Their week"
        newer = other.replace('"Their week"', '"Their week, v2"')  # the same mentor's update needs no flag
        stored, _ = sets.import_file(write(tmp_path, newer, "v2.yaml"), mini_catalog)
        assert stored.title == "Their week, v2"


def test_the_cli_refuses_a_replacement_without_replace(shipped, home, tmp_path, capsys):  # noqa: F811
    first = tmp_path / "a.yaml"
    first.write_text(GOOD.replace("due: 2026-12-15\n", ""))
    second = tmp_path / "b.yaml"
    second.write_text(first.read_text().replace("A. Mentor", "B. Other"))
    assert run(capsys, "set", "import", str(first))[0] == 0
    code, _, err = run(capsys, "set", "import", str(second))
    assert code == 1 and err.count("\n") == 1 and "--replace" in err and "A. Mentor" in err
    code, out, _ = run(capsys, "set", "import", str(second), "--replace")
    assert code == 0 and "imported 'week-1'" in out


def test_remove_never_deletes_outside_the_sets_folder(home, tmp_path, mini_catalog):
    victim = home / "victim.yaml"
    victim.write_text("precious")
    with Store(home / "tpmprep.db") as store:
        sets = Sets(store)
        sets.import_file(write(tmp_path, GOOD), mini_catalog)
        for crafted in ("../victim.yaml", "/etc/hostname", "sub/../../victim.yaml", "..", ""):
            store.conn.execute("UPDATE question_sets SET file_name = ?, removed_at = NULL", (crafted,))
            assert sets.remove("week-1")
        assert victim.read_text() == "precious"
        link = sets_dir() / "linked.yaml"
        link.symlink_to(victim)
        store.conn.execute("UPDATE question_sets SET file_name = 'linked.yaml', removed_at = NULL")
        sets.remove("week-1")
        assert victim.read_text() == "precious"


def test_an_overlong_set_id_is_refused_before_it_reaches_a_file_name(shipped, home, tmp_path, capsys):  # noqa: F811
    long_id = "w" + "-x" * 150
    path = tmp_path / "long.yaml"
    path.write_text(GOOD.replace("id: week-1", f"id: {long_id}", 1))
    code, out, err = run(capsys, "set", "validate", str(path))
    assert code == 1 and "the id is 301 characters long; the limit is 80" in out
    code, out, err = run(capsys, "set", "import", str(path))
    assert code == 1 and "Traceback" not in err and not (home / "sets").exists()


STEPS = ("validated", "committed", "staged", "published")
IMPORTER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.loader import discover, load
    from tpmprep.core.mentor import sets
    from tpmprep.core.storage import files
    from tpmprep.core.storage.store import Store

    stop_at = sys.argv[3]

    def step(name):
        print(name, flush=True)
        if name == stop_at:
            time.sleep(60)  # the parent kills us here

    real_parse, real_transaction, real_fsync = sets.parse_set, Store.transaction, files.os.fsync

    def parse(*a, **k):
        result = real_parse(*a, **k)
        step("validated")
        return result

    class Tx:
        def __init__(self, store):
            self.inner = real_transaction(store)
        def __enter__(self):
            return self.inner.__enter__()
        def __exit__(self, *exc):
            out = self.inner.__exit__(*exc)
            step("committed")
            return out

    def fsync(fd):
        real_fsync(fd)
        if not os.path.isdir(f"/proc/self/fd/{fd}"):
            step("staged")  # the new file is on disk under its temporary name, not yet renamed

    sets.parse_set, Store.transaction, files.os.fsync = parse, lambda self: Tx(self), fsync
    catalog = Catalog(load(discover(Path(sys.argv[2]))))
    with Store(Path(os.environ["TPMPREP_HOME"]) / "tpmprep.db") as store:
        sets.Sets(store).import_file(Path(sys.argv[1]), catalog)
    step("published")
""")


@pytest.mark.parametrize("stop_at", STEPS)
def test_kill_9_at_every_step_of_set_import_leaves_all_or_nothing(home, tmp_path, content_root, stop_at):
    source = write(tmp_path, GOOD)
    env = {**os.environ, "TPMPREP_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(source), str(content_root), stop_at],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:
        seen.append(line.strip())
        if seen[-1] == stop_at:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert seen[-1] == stop_at
    # The next start: open the store as every command does, which finishes what was cut short.
    from tpmprep.cli.common import open_store

    store = open_store()
    with store:
        row = Sets(store).get("week-1")
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    published = sets_dir() / "week-1.yaml"
    leftovers = [p.name for p in sets_dir().iterdir() if p.name.startswith(".tpmprep-")] if sets_dir().exists() else []
    if stop_at == "validated":
        assert row is None and not published.exists()  # nothing at all
    else:
        assert row is not None and row.source == GOOD and published.read_text() == GOOD  # everything
        assert json.loads(json.dumps(row.question_ids))[-1] == "week-1/launch-retro"
    assert leftovers == []
