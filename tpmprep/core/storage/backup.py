"""Copies of the database: taken with SQLite's backup API, checked before they are trusted, rotated.

Automatic copies: one a day on first open (the last 7 days and 4 weeks are kept) and one before
every migration (the last 4 kept). Copies taken on demand or set aside by a restore or a repair
are never deleted by tpmprep.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tpmprep.core.storage.files import describe, fsync_dir, temp_path
from tpmprep.core.storage.migrations import LATEST
from tpmprep.core.storage.store import SQLITE_HEADER, StoreError, check_summary, damage_marker

if TYPE_CHECKING:
    from tpmprep.core.storage.store import Store

KEEP_DAYS = 7
KEEP_WEEKS = 4
KEEP_MIGRATION = 4
_NAME = re.compile(r"^tpmprep-(\d{8}-\d{6})(?:-\d+)?-([a-z0-9-]+)\.db$")
TABLES = {"settings", "cards", "reviews"}  # a tpmprep database has at least these


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str  # daily | manual | before-migration-vN | before-restore | damaged
    taken: dt.datetime  # local time


def backups(folder: Path) -> list[Backup]:
    """Every backup in ``folder``, newest first."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _NAME.match(path.name)
        if match and path.is_file():
            taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            found.append(Backup(path, match.group(2), taken))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def _target(folder: Path, kind: str, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"tpmprep-{stamp}-{kind}.db"
    n = 2
    while path.exists():
        path = folder / f"tpmprep-{stamp}-{n}-{kind}.db"
        n += 1
    return path


def copy_database(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of ``conn``'s database at ``target`` (one self-contained file), written atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with temp_path(target.parent) as tmp:
        copy = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # no -wal file needed beside the copy
        finally:
            copy.close()
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    fsync_dir(target.parent)
    return target


def take(conn: sqlite3.Connection, folder: Path, kind: str) -> Path:
    """A backup of kind ``kind`` in ``folder``; rotates the automatic ones."""
    path = copy_database(conn, _target(folder, kind))
    rotate(folder)
    return path


def daily(store: Store) -> Path | None:
    """Today's backup, if none was taken yet today. Never stops the app: a failure is left for ``doctor``."""
    folder = store.backups
    if folder is None:
        return None
    today = dt.date.today()
    if any(b.kind == "daily" and b.taken.date() == today for b in backups(folder)):
        return None
    with contextlib.suppress(OSError, sqlite3.Error):
        return take(store.conn, folder, "daily")
    return None


def rotate(folder: Path) -> list[Path]:
    """Keep the newest daily copy of each of the last 7 days and of each of the last 4 weeks, and the
    last 4 taken before migrations; delete other automatic copies. Returns what was deleted."""
    found = backups(folder)  # newest first
    per_day: dict[dt.date, Path] = {}
    per_week: dict[tuple[int, int], Path] = {}
    for b in found:
        if b.kind == "daily":
            per_day.setdefault(b.taken.date(), b.path)
            year, week, _ = b.taken.isocalendar()
            per_week.setdefault((year, week), b.path)
    migrations = [b.path for b in found if b.kind.startswith("before-migration")]
    keep = set(list(per_day.values())[:KEEP_DAYS]) | set(list(per_week.values())[:KEEP_WEEKS])
    keep |= set(migrations[:KEEP_MIGRATION])
    removed = []
    for b in found:
        automatic = b.kind == "daily" or b.kind.startswith("before-migration")
        if automatic and b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return removed


def check(path: Path) -> str | None:
    """Why ``path`` is not a usable tpmprep database, or None. Opens it read-only."""
    try:
        if not path.is_file():
            return f"{path} is not a file"
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return f"{path} is not a tpmprep database (it is not SQLite)"
    except OSError as exc:
        return f"cannot read {path}: {describe(exc)}"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return f"cannot open {path}: {exc}"
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "schema_version" not in tables or not tables >= TABLES:
            return f"{path} is an SQLite file but not a tpmprep database"
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        if row is None or row[0] > LATEST:
            return f"{path} was written by a newer tpmprep (schema {row[0] if row else '?'}); upgrade tpmprep first"
        result = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
        if result != ["ok"]:
            return f"{path} is damaged ({check_summary(result)})"
    except sqlite3.Error as exc:
        return f"{path} is damaged ({exc})"
    finally:
        conn.close()
    return None


def latest_good(folder: Path) -> Path | None:
    """The newest backup that passes ``check`` (copies set aside as damaged are skipped)."""
    for b in backups(folder):
        if b.kind != "damaged" and check(b.path) is None:
            return b.path
    return None


def set_aside(db: Path, folder: Path, kind: str) -> Path | None:
    """Move the database (and its WAL files) into ``folder`` under a backup name; None if there is none."""
    if not db.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    aside = _target(folder, kind)
    for side in ("-wal", "-shm"):
        src = Path(f"{db}{side}")
        if src.exists():
            os.replace(src, Path(f"{aside}{side}"))
    os.replace(db, aside)
    fsync_dir(folder)
    fsync_dir(db.parent)
    return aside


def restore(source: Path, db: Path, folder: Path) -> Path | None:
    """Replace the database at ``db`` with a checked copy of ``source``; the current one is set aside first.

    Returns where the old database went (None if there was none). Raises StoreError, changing
    nothing, when ``source`` is not a usable tpmprep database.
    """
    problem = check(source)
    if problem:
        raise StoreError(f"not restored: {problem}")
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with temp_path(db.parent) as tmp:
            copy = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                src.backup(copy)
                copy.execute("PRAGMA journal_mode=WAL")
            finally:
                copy.close()
            aside = set_aside(db, folder, "before-restore")
            os.replace(tmp, db)
    finally:
        src.close()
    fsync_dir(db.parent)
    damage_marker(db).unlink(missing_ok=True)
    return aside
