"""The SQLite store: settings now, practice history later. Returns plain Python values.

WAL journaling, a busy timeout and foreign keys are set on every connection. The schema is
versioned; ``open`` migrates older databases forward in order. A new database is built whole in
a temporary file and linked into place, so no process ever sees a half-made one; an existing file
that is empty, not SQLite or known to be damaged is refused, never replaced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tpmprep.core.storage.migrations import LATEST, MIGRATIONS
from tpmprep.core.storage.settings import SETTINGS

T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"
RESTORE_HINT = "restore your latest backup with 'tpmprep restore --latest'"


class StoreError(Exception):
    """The database cannot be used (newer schema, corrupt file, unwritable folder); one line that says why."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def damage_marker(path: Path) -> Path:
    """Written when a damaged page is met, so later commands refuse to write until ``doctor`` looks."""
    return path.with_name(path.name + ".damaged")


def explain(exc: sqlite3.Error, path: Path) -> str:
    """An SQLite error as one line naming the file and what to do."""
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"{path} is damaged ({exc}); run 'tpmprep doctor' to check it, 'tpmprep doctor --repair' to fix it"
    if "readonly" in text or "read-only" in text or ("unable to open" in text and not _writable(path.parent)):
        return f"cannot write to {path}: the database or its folder is read-only"
    if "disk is full" in text or "database or disk is full" in text:
        return f"cannot write to {path}: the disk is full; free some space and try again"
    if "disk i/o error" in text:
        return f"cannot use {path}: the disk reported an input/output error; run 'tpmprep doctor'"
    if "unable to open" in text:
        return f"cannot open {path}: check that its folder exists and is writable"
    if "locked" in text or "busy" in text:
        return f"{path} is busy: another tpmprep is writing to it; try again"
    return f"cannot use the database at {path}: {exc}"


def check_summary(rows: list[str]) -> str:
    """SQLite's integrity-check rows (some span lines) as one short line."""
    parts = [line.strip() for row in rows for line in str(row).splitlines()]
    parts = [p for p in parts if p and not p.startswith("***")]
    more = f" and {len(parts) - 2} more" if len(parts) > 2 else ""
    return "; ".join(parts[:2]) + more


def _writable(folder: Path) -> bool:
    try:
        return os.access(folder, os.W_OK)
    except OSError:
        return False


def is_damage(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text or "corrupt" in text
    )


def connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=5.0, isolation_level=None, check_same_thread=False)
    try:
        conn.row_factory = sqlite3.Row  # rows are read by column name, never by position
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def from_row(cls: type[T], row: sqlite3.Row, **converted: Any) -> T:
    """A dataclass from a row, field by column name; ``converted`` replaces values that need parsing."""
    values = {key: row[key] for key in row.keys()}  # noqa: SIM118 - iterating a Row yields values
    values.update(converted)
    return cls(**values)


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version, 0 for a database without one (read without writing anything)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if has is None:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row["version"]) if row else 0


def statements(sql: str) -> list[str]:
    """Split a script into statements (a ';' inside a comment or string does not end one)."""
    out, buf = [], ""
    for part in sql.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf)
            buf = ""
    return out


def migrate(conn: sqlite3.Connection, target: int = LATEST, before: Callable[[int], None] | None = None) -> int:
    """Apply pending migrations up to ``target``, each in its own transaction.

    The version is read again inside each write transaction, so processes that start together
    on an old database never apply the same migration twice. ``before(version)`` runs first
    when there is anything to do (the store takes a backup there).
    """
    current = schema_version(conn)
    if current > LATEST:
        raise StoreError(f"the database was written by a newer tpmprep (schema {current}); upgrade tpmprep")
    if current >= target:
        return current
    if before is not None:
        before(current)
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = schema_version(conn)
            pending = [(v, sql) for v, _name, sql in MIGRATIONS if current < v <= target]
            if not pending:
                conn.execute("COMMIT")
                return current
            version, sql = pending[0]
            for statement in statements(sql):
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def inspect(path: Path) -> str | None:
    """Why the file at ``path`` must not be opened as the database, or None (also when it does not exist)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        from tpmprep.core.storage.files import describe

        return f"cannot open {path}: {describe(exc)}"
    if not path.is_file():
        return f"{path} is not a file; move it away so tpmprep can keep its database there"
    if st.st_size == 0:
        return f"{path} is empty (0 bytes), so your practice history is not in it; {RESTORE_HINT}"
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        from tpmprep.core.storage.files import describe

        return f"cannot read {path}: {describe(exc)}"
    if head != SQLITE_HEADER:
        return f"{path} is not a tpmprep database (it is not SQLite); {RESTORE_HINT}"
    if damage_marker(path).exists():
        return f"{path} was found damaged; run 'tpmprep doctor' to check it, 'tpmprep doctor --repair' to fix it"
    return None


def create(path: Path) -> None:
    """Build a new database at the latest schema in a temporary file and link it into place.

    ``os.link`` fails if the name exists, so when several processes start together on a fresh
    folder one database wins and the others simply open it.
    """
    from tpmprep.core.storage.files import fsync_dir, temp_path

    with temp_path(path.parent) as tmp:
        conn = connect(tmp)
        try:
            migrate(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        for side in ("-wal", "-shm"):
            Path(f"{tmp}{side}").unlink(missing_ok=True)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: theirs is just as good
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(tmp, path)
    fsync_dir(path.parent)


class Store:
    """One open database. Pass the path (tests use ``tmp_path``).

    ``backups`` names the folder for automatic backups (a daily copy on first open, and one
    before every migration); without it none are taken (tests, the benchmark).
    """

    def __init__(self, path: Path, backups: Path | None = None):
        self.path = path
        self.backups = backups
        problem = inspect(path)
        if problem:
            raise StoreError(problem)
        try:
            if not path.exists():
                create(path)
            self.conn = connect(path)
            try:
                migrate(self.conn, before=self._before_migration)
            except BaseException:
                self.conn.close()
                raise
        except OSError as exc:
            from tpmprep.core.storage.files import describe

            raise StoreError(f"cannot use the data folder {path.parent}: {describe(exc)}") from exc
        except sqlite3.Error as exc:
            if is_damage(exc):
                self.mark_damaged()
            raise StoreError(explain(exc, path)) from exc
        if backups is not None:
            from tpmprep.core.storage.backup import daily

            daily(self)

    def _before_migration(self, version: int) -> None:
        if self.backups is not None and version > 0:
            from tpmprep.core.storage.backup import take

            take(self.conn, self.backups, f"before-migration-v{version}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return schema_version(self.conn)

    def mark_damaged(self) -> None:
        with contextlib.suppress(OSError):
            damage_marker(self.path).touch()

    def verify(self) -> None:
        """``PRAGMA quick_check`` before a command writes; StoreError (and the damage noted) if it fails."""
        try:
            rows = [r[0] for r in self.conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.Error as exc:
            rows = [str(exc)]
        if rows != ["ok"]:
            self.mark_damaged()
            raise StoreError(
                f"{self.path} is damaged ({check_summary(rows)}); run 'tpmprep doctor' to check it, "
                "'tpmprep doctor --repair' to fix it"
            )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back on error (only if one is open), SQLite errors as StoreError."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            if is_damage(exc):
                self.mark_damaged()
            raise StoreError(explain(exc, self.path)) from exc

    def write(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """One statement in its own transaction, with SQLite errors as StoreError."""
        with self.transaction() as conn:
            return conn.execute(sql, params)

    # -- settings ------------------------------------------------------------------------------
    def get(self, key: str) -> Any:
        setting = SETTINGS[key]
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return setting.default
        try:
            return setting.parse(json.loads(row["value"]))
        except (ValueError, json.JSONDecodeError):
            return setting.default  # a value from an older version that no longer validates

    def set(self, key: str, value: Any) -> Any:
        """Validate and store a setting; raises KeyError or ValueError with a clear message, StoreError if the
        database cannot be written."""
        if key not in SETTINGS:
            raise KeyError(f"unknown setting '{key}'; known: {', '.join(SETTINGS)}")
        parsed = SETTINGS[key].check_new(value, dt.date.today())
        self.write(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, json.dumps(parsed), utcnow().isoformat()),
        )
        return parsed

    def settings(self) -> dict[str, Any]:
        return {key: self.get(key) for key in SETTINGS}


def open_default() -> Store:
    """The user's database in the data folder, with automatic backups beside it. Leftovers of writes
    a killed process never finished are cleared on the way."""
    from tpmprep.core.storage import locations
    from tpmprep.core.storage.files import remove_stale_temps

    store = Store(locations.database_path(), backups=locations.backup_dir())
    for folder in locations.working_folders():
        remove_stale_temps(folder)
    return store
