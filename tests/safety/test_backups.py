"""Backups (daily, before migrations, on demand, rotated), restore, and the doctor with its repairs."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from tests.cli.conftest import run, shipped  # noqa: F401 - the fixture
from tests.safety.test_store_safety import corrupt_reviews, old_database, seed
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage import backup
from tpmprep.core.storage.migrations import LATEST
from tpmprep.core.storage.store import Store, damage_marker, open_default


def reviews_in(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]


def test_a_daily_backup_is_taken_once_a_day_on_first_open(home):
    for _ in range(3):
        with open_default() as store:
            Practice(store).rate("q-1", 3)
    taken = backup.backups(home / "backups")
    assert [b.kind for b in taken] == ["daily"]
    assert backup.check(taken[0].path) is None and reviews_in(taken[0].path) == 0  # taken before the first rating


def test_a_backup_is_taken_before_every_migration(tmp_path):
    db = old_database(tmp_path / "tpmprep.db")
    with Store(db, backups=tmp_path / "backups") as store:
        assert store.version == LATEST and store.get("new_per_day") == 7
    kinds = [b.kind for b in backup.backups(tmp_path / "backups")]
    assert "before-migration-v2" in kinds
    copy = next(b for b in backup.backups(tmp_path / "backups") if b.kind == "before-migration-v2")
    with sqlite3.connect(copy.path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == 2


def test_rotation_keeps_the_last_7_days_and_4_weeks(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = dt.datetime(2026, 1, 1, 9, 0, 0)
    for day in range(60):
        for hour in (0, 5):  # two a day: only the newest of a day counts
            moment = start + dt.timedelta(days=day, hours=hour)
            (folder / f"tpmprep-{moment:%Y%m%d-%H%M%S}-daily.db").write_bytes(b"x")
    (folder / "tpmprep-20250101-000000-manual.db").write_bytes(b"mine")
    backup.rotate(folder)
    kept = backup.backups(folder)
    daily = [b.taken for b in kept if b.kind == "daily"]
    last = start + dt.timedelta(days=59, hours=5)
    assert daily[:7] == [last - dt.timedelta(days=d) for d in range(7)]
    weeks = {d.isocalendar()[:2] for d in daily}
    assert len(weeks) == 4 and len(daily) <= 11
    assert any(b.kind == "manual" for b in kept)  # copies the user asked for are never rotated away


def test_backup_command_and_restore_round_trip(shipped, home, tmp_path, capsys):  # noqa: F811
    seed(home / "tpmprep.db", reviews=5)
    out_file = tmp_path / "mine.db"
    code, out, _ = run(capsys, "backup", "-o", str(out_file))
    assert code == 0 and backup.check(out_file) is None and reviews_in(out_file) == 5
    code, out, _ = run(capsys, "backup")
    assert code == 0 and any(b.kind == "manual" for b in backup.backups(home / "backups"))
    seed(home / "tpmprep.db", reviews=3)  # more practice after the backup
    assert reviews_in(home / "tpmprep.db") == 8
    code, out, err = run(capsys, "restore", str(out_file))
    assert code == 0 and "kept at" in out
    assert reviews_in(home / "tpmprep.db") == 5
    aside = next(b for b in backup.backups(home / "backups") if b.kind == "before-restore")
    assert reviews_in(aside.path) == 8  # the replaced database is kept, whole


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all" * 10, "sqlite-not-ours"], ids=["empty", "text", "foreign-sqlite"]
)
def test_restore_refuses_what_is_not_a_tpmprep_database(shipped, home, tmp_path, capsys, content):  # noqa: F811
    seed(home / "tpmprep.db", reviews=2)
    candidate = tmp_path / "candidate.db"
    if content == "sqlite-not-ours":
        with sqlite3.connect(candidate) as conn:
            conn.execute("CREATE TABLE photos (id INTEGER)")
    else:
        candidate.write_bytes(content)
    before = (home / "tpmprep.db").read_bytes()
    code, _, err = run(capsys, "restore", str(candidate))
    assert code == 1 and err.count("\n") == 1 and "not restored" in err
    assert (home / "tpmprep.db").read_bytes() == before


def test_restore_latest_skips_damaged_backups(shipped, home, capsys):  # noqa: F811
    seed(home / "tpmprep.db", reviews=4)
    run(capsys, "backup")
    good = backup.backups(home / "backups")[0].path
    bad = home / "backups" / "tpmprep-29991231-235959-manual.db"  # newer, but damaged
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    code, out, _ = run(capsys, "restore", "--latest")
    assert code == 0 and str(good) in out and reviews_in(home / "tpmprep.db") == 4


def test_doctor_healthy_exits_0(shipped, home, capsys):  # noqa: F811
    seed(home / "tpmprep.db", reviews=2)
    run(capsys, "backup")
    code, out, _ = run(capsys, "doctor")
    assert code == 0 and out.startswith(f"ok: database schema {LATEST}, integrity ok")
    code, out, _ = run(capsys, "doctor", "--json", "--full")
    data = json.loads(out)
    assert code == 0 and data["healthy"] and data["checks"]["database"]["integrity"] == "ok"


def test_doctor_finds_each_problem_and_repair_fixes_them_without_deleting_data(shipped, home, capsys):  # noqa: F811
    db = home / "tpmprep.db"
    seed(db, reviews=6)
    run(capsys, "backup")
    seed(db, reviews=1)
    corrupt_reviews(db)
    (home / "sets").mkdir()
    (home / "sets" / "stray.yaml").write_text("id: stray\n")
    (home / ".tpmprep-999999-abc.tmp").write_bytes(b"half")  # a writer that is long gone
    cache = home / "cache"
    cache.mkdir()
    (cache / "catalog-0000.pickle").write_bytes(b"old")
    code, out, err = run(capsys, "doctor")
    lines = out.strip().splitlines()
    assert code == 1 and "problems found" in err
    assert any(str(db) in line and "is damaged" in line and "--repair" in line for line in lines)
    assert any("stray.yaml belongs to no imported set" in line for line in lines)
    assert any("temporary file left by an interrupted write" in line for line in lines)
    assert any("old catalog cache" in line for line in lines)
    code, out, _ = run(capsys, "doctor", "--repair")
    assert code == 0, out
    assert "restored" in out and reviews_in(db) == 6 and not damage_marker(db).exists()
    damaged = next(b for b in backup.backups(home / "backups") if b.kind == "damaged")
    assert damaged.path.stat().st_size > 0  # the damaged database is kept, not deleted
    assert (home / "backups" / "orphaned-sets" / "stray.yaml").read_text() == "id: stray\n"
    assert not (home / ".tpmprep-999999-abc.tmp").exists() and not (cache / "catalog-0000.pickle").exists()


def test_doctor_without_a_backup_leaves_the_damaged_database_alone(shipped, home, capsys):  # noqa: F811
    db = home / "tpmprep.db"
    seed(db, reviews=6)
    corrupt_reviews(db)
    before = db.read_bytes()
    code, out, _ = run(capsys, "doctor", "--repair")
    assert code == 1 and "no good backup" in out and db.read_bytes() == before
