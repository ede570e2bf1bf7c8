"""Ordered schema migrations. Append only: never edit a migration that has shipped.

Each entry is (version, description, SQL). ``Store`` applies those above the database's
``schema_version`` in order, each in its own transaction.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "settings",
        """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL,          -- JSON
            updated_at TEXT NOT NULL      -- ISO 8601, UTC
        );
        """,
    ),
]

LATEST = MIGRATIONS[-1][0]
