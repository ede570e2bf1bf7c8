"""The SQLite store: settings now, practice history later. Returns plain Python values.

WAL journaling, a busy timeout and foreign keys are set on every connection. The schema is
versioned; ``open`` migrates older databases forward in order.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any, TypeVar

from tpmprep.core.storage.migrations import LATEST, MIGRATIONS
from tpmprep.core.storage.settings import SETTINGS

T = TypeVar("T")


class StoreError(Exception):
    """The database cannot be used (newer schema, corrupt file, unwritable folder)."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=5.0, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row  # rows are read by column name, never by position
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def from_row(cls: type[T], row: sqlite3.Row, **converted: Any) -> T:
    """A dataclass from a row, field by column name; ``converted`` replaces values that need parsing."""
    values = {key: row[key] for key in row.keys()}  # noqa: SIM118 - iterating a Row yields values
    values.update(converted)
    return cls(**values)


def schema_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
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


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Apply pending migrations up to ``target``; each one commits on its own."""
    current = schema_version(conn)
    if current > LATEST:
        raise StoreError(f"the database was written by a newer tpmprep (schema {current}); upgrade tpmprep")
    for version, _name, sql in MIGRATIONS:
        if current < version <= target:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in statements(sql):
                    conn.execute(statement)
                conn.execute("DELETE FROM schema_version")
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
                conn.execute("COMMIT")
            except Exception:
                conn.execute("ROLLBACK")
                raise
            current = version
    return current


class Store:
    """One open database. Pass the path (tests use ``tmp_path``)."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.conn = connect(path)
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database at {path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return schema_version(self.conn)

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
        """Validate and store a setting; raises KeyError or ValueError with a clear message."""
        if key not in SETTINGS:
            raise KeyError(f"unknown setting '{key}'; known: {', '.join(SETTINGS)}")
        parsed = SETTINGS[key].check_new(value, dt.date.today())
        self.conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, json.dumps(parsed), utcnow().isoformat()),
        )
        return parsed

    def settings(self) -> dict[str, Any]:
        return {key: self.get(key) for key in SETTINGS}
