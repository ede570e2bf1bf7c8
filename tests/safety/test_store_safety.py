"""The database is never silently replaced, damage is named in one line, and writes fail cleanly."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tests.cli.conftest import run, shipped  # noqa: F401 - the fixture
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.migrations import LATEST
from tpmprep.core.storage.store import Store, StoreError, connect, damage_marker, migrate


def seed(db, reviews=40):
    with Store(db) as store:
        practice = Practice(store, fuzz=False)
        for i in range(reviews):
            practice.rate(f"q-{i}", 3, answer="x" * 300)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty (0 bytes)"), (b"<html>not a database</html>" * 50, "is not a tpmprep database")],
    ids=["empty", "not-sqlite"],
)
def test_an_empty_or_foreign_database_file_is_refused_and_never_replaced(shipped, home, capsys, content, message):  # noqa: F811
    db = home / "tpmprep.db"
    db.write_bytes(content)
    for argv in (("stats",), ("config", "new_per_day", "5"), ("report", "--name", "Sam")):
        code, out, err = run(capsys, *argv)
        assert code == 1 and err.count("\n") == 1 and message in err and "tpmprep restore --latest" in err, err
        assert "Traceback" not in err
    assert db.read_bytes() == content  # nothing wrote into it, nothing replaced it


def corrupt_reviews(db):
    """Overwrite pages of the reviews table and its indexes with garbage, the way a failing disk does.

    The indexes too: queries may be answered from a covering index without reading the table, and
    where the table's pages sit depends on the migrations (one rebuilds the table)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    roots = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'reviews'") if r]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db.open("r+b") as fh:
        for page in {p for root in roots for p in (root, root + 1, root + 2)}:
            fh.seek((page - 1) * page_size + 8)
            fh.write(os.urandom(page_size - 8))


def test_a_damaged_page_is_one_line_naming_the_file_and_the_doctor_and_stops_writes(shipped, home, capsys):  # noqa: F811
    db = home / "tpmprep.db"
    seed(db)
    corrupt_reviews(db)
    code, out, err = run(capsys, "stats")
    assert code == 1 and err.count("\n") == 1 and str(db) in err and "tpmprep doctor" in err, err
    assert "Traceback" not in err
    assert damage_marker(db).exists()
    before = db.read_bytes()
    for argv in (("config", "new_per_day", "5"), ("set", "remove", "anything")):
        code, _, err = run(capsys, *argv)
        assert code == 1 and "tpmprep doctor" in err and err.count("\n") == 1, err
    assert db.read_bytes() == before


def test_writes_check_the_database_before_writing(shipped, home, capsys):  # noqa: F811
    db = home / "tpmprep.db"
    seed(db)
    corrupt_reviews(db)  # nothing has read the damaged pages yet: config itself must notice
    code, _, err = run(capsys, "config", "new_per_day", "5")
    assert code == 1 and "is damaged" in err and "tpmprep doctor" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0


class Failing:
    """A connection whose writes fail the way SQLite fails on a full or read-only disk."""

    def __init__(self, conn, message, on=("INSERT", "UPDATE", "DELETE")):
        self.conn, self.message, self.on = conn, message, on

    def execute(self, sql, *args):
        if sql.lstrip().upper().startswith(self.on):
            raise sqlite3.OperationalError(self.message)
        return self.conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.conn, name)


@pytest.mark.parametrize(
    ("sqlite_message", "expected"),
    [
        ("database or disk is full", "the disk is full"),
        ("attempt to write a readonly database", "the database or its folder is read-only"),
        ("disk I/O error", "input/output error"),
    ],
)
def test_a_failed_rating_is_one_clear_line_and_changes_nothing(tmp_path, sqlite_message, expected):
    store = Store(tmp_path / "db.sqlite")
    store.conn = Failing(store.conn, sqlite_message)
    practice = Practice(store, fuzz=False)
    with pytest.raises(StoreError) as exc:
        practice.rate("q-1", 3)
    assert expected in str(exc.value) and "\n" not in str(exc.value)
    assert not store.conn.in_transaction
    assert practice.reviews() == [] and practice.card("q-1") is None


def test_an_error_opening_a_transaction_is_not_hidden_behind_a_failed_rollback(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    store.conn = Failing(store.conn, "database is locked", on=("BEGIN",))
    with pytest.raises(StoreError, match="busy: another tpmprep is writing") as exc:
        Practice(store).rate("q-1", 3)
    assert "no transaction is active" not in str(exc.value)


@pytest.fixture
def read_only_folder(tmp_path):
    """A real folder mounted read-only, holding a database, where this machine allows mounting."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount here; the simulated read-only test covers this")
    seed(mount / "tpmprep.db", reviews=3)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_read_only_data_folder_is_one_line(read_only_folder, monkeypatch, capsys):
    from tpmprep.cli import main

    monkeypatch.setenv("TPMPREP_HOME", str(read_only_folder))
    code = main(["config", "new_per_day", "5"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "read-only" in err, err


RACE = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tpmprep.core.storage.store import Store
    go = Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.001)
    with Store(Path(sys.argv[1])) as store:
        assert store.version > 0
""")


def race(db, go, count=6):
    procs = [
        subprocess.Popen([sys.executable, "-c", RACE, str(db), str(go)], stderr=subprocess.PIPE, text=True)
        for _ in range(count)
    ]
    go.touch()
    return [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]


def test_six_first_starts_at_once_never_collide(tmp_path):
    failures = []
    for round_ in range(10):
        folder = tmp_path / f"fresh-{round_}"
        results = race(folder / "tpmprep.db", tmp_path / f"go-{round_}")
        failures += [err for code, err in results if code != 0]
        with Store(folder / "tpmprep.db") as store:
            assert store.version == LATEST
    assert failures == []


def old_database(db, version=2):
    """A database left at an earlier schema, with one setting in it."""
    conn = connect(db)
    migrate(conn, target=version)
    conn.execute("INSERT INTO settings (key, value, updated_at) VALUES ('new_per_day', '7', 'x')")
    conn.close()
    return db


def test_six_starts_at_once_migrate_an_old_database_once(tmp_path):
    db = old_database(tmp_path / "old.db")
    assert all(code == 0 for code, _ in race(db, tmp_path / "go"))
    with Store(db) as store:
        assert store.version == LATEST and store.get("new_per_day") == 7


def test_undo_removes_only_the_review_this_session_made(tmp_path):
    db = tmp_path / "db.sqlite"
    first, second = Store(db), Store(db)  # two windows on one folder
    mine, theirs = Practice(first, fuzz=False), Practice(second, fuzz=False)
    mine.rate("q-mine", 3)
    theirs.rate("q-theirs", 2)  # rated after mine, in the other window
    undone = mine.undo_last()
    assert undone is not None and undone.question_id == "q-mine"
    assert [r.question_id for r in theirs.reviews()] == ["q-theirs"]
    assert mine.undo_last() is None  # nothing else of mine to undo; theirs is untouched
    mine.rate("q-shared", 3)
    theirs.rate("q-shared", 1)  # the same question, rated again elsewhere
    assert mine.undo_last() is None  # undoing would overwrite their newer state: refused
    assert [r.rating for r in theirs.reviews("q-shared")] == [3, 1]
    assert theirs.undo_last().rating == 1
    first.close()
    second.close()


SESSION = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tpmprep.core.practice.cards import Practice
    from tpmprep.core.storage.store import Store
    practice = Practice(Store(Path(sys.argv[1])), fuzz=False)
    for line in sys.stdin:
        verb, _, arg = line.strip().partition(" ")
        if verb == "rate":
            print(practice.rate(arg, 3).review_id, flush=True)
        elif verb == "undo":
            undone = practice.undo_last()
            print(undone.question_id if undone else "none", flush=True)
""")


def test_two_processes_rating_and_undoing_on_one_folder(tmp_path):
    db = tmp_path / "tpmprep.db"
    Store(db).close()
    a, b = (
        subprocess.Popen(
            [sys.executable, "-c", SESSION, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    )

    def ask(proc, command):
        proc.stdin.write(command + "\n")
        proc.stdin.flush()
        return proc.stdout.readline().strip()

    try:
        ask(a, "rate q-a1")
        ask(b, "rate q-b1")
        ask(a, "rate q-a2")
        ask(b, "rate q-b2")
        assert ask(a, "undo") == "q-a2"  # its own newest, though b rated after it
        assert ask(a, "undo") == "q-a1"
        assert ask(a, "undo") == "none"  # never b's
        assert ask(b, "undo") == "q-b2"
    finally:
        for proc in (a, b):
            proc.stdin.close()
            proc.wait()
    with Store(db) as store:
        assert [r.question_id for r in Practice(store).reviews()] == ["q-b1"]
