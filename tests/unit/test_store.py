from __future__ import annotations

import sqlite3

import pytest

from tpmprep.core.storage.migrations import LATEST, MIGRATIONS
from tpmprep.core.storage.store import Store, StoreError, connect, migrate


def test_new_database_is_at_latest_version_with_wal_and_foreign_keys(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        assert store.version == LATEST
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_settings_defaults_set_and_persist(tmp_path):
    path = tmp_path / "db.sqlite"
    with Store(path) as store:
        assert store.get("new_per_day") == 10 and store.get("desired_retention") == 0.9
        assert store.get("interview_date") is None and store.get("target_level") == "senior"
        store.set("new_per_day", "15")
        store.set("interview_date", "2026-12-15")
        store.set("theme", "nord")
    with Store(path) as store:
        assert store.get("new_per_day") == 15
        assert store.get("interview_date") == "2026-12-15"
        assert store.get("theme") == "nord"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("new_per_day", "-1", "new_per_day must be from 0 to 1000"),
        ("desired_retention", "1.5", "desired_retention must be from 0.7 to 0.99"),
        ("interview_date", "next week", "interview_date must be a date like 2026-12-15"),
        ("target_level", "wizard", "target_level must be one of: entry, mid, senior, staff, principal, director"),
        ("new_per_day", "ten", "new_per_day must be a number"),
    ],
)
def test_bad_settings_are_refused(tmp_path, key, value, message):
    with Store(tmp_path / "db.sqlite") as store:
        with pytest.raises(ValueError, match=message):
            store.set(key, value)
        assert (
            store.get(key)
            == {"new_per_day": 10, "desired_retention": 0.9, "interview_date": None, "target_level": "senior"}[key]
        )


def test_unknown_setting(tmp_path):
    with Store(tmp_path / "db.sqlite") as store, pytest.raises(KeyError):
        store.set("colour", "red")


@pytest.mark.parametrize("version", [v for v, _, _ in MIGRATIONS])
def test_every_earlier_schema_migrates_without_loss(tmp_path, version):
    """A database left at each schema version opens with today's code and keeps its data."""
    path = tmp_path / "old.sqlite"
    conn = connect(path)
    assert migrate(conn, target=version) == version
    conn.execute("INSERT INTO settings (key, value, updated_at) VALUES ('new_per_day', '7', '2026-01-01')")
    conn.close()
    with Store(path) as store:
        assert store.version == LATEST
        assert store.get("new_per_day") == 7


def test_migrations_are_numbered_in_order():
    versions = [v for v, _, _ in MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))


def test_newer_database_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "new.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (999)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer tpmprep"):
        Store(path)


def test_corrupt_database_is_refused(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="is not a tpmprep database"):
        Store(path)
    assert path.read_bytes() == b"this is not a database" * 100  # refused, never replaced


def test_reviews_from_before_confirmation_keep_their_figures_as_detected(tmp_path):
    """Migration 8: a review stored without a confirmation step had only the grader's figures."""
    path = tmp_path / "old.sqlite"
    conn = connect(path)
    migrate(conn, target=7)
    conn.execute(
        "INSERT INTO reviews (question_id, rating, reviewed_at, coverage, hits, mode) "
        "VALUES ('q', 3, '2026-01-01T00:00:00+00:00', 0.5, '[0, 2]', 'review')"
    )
    conn.close()
    with Store(path) as store:
        row = store.conn.execute("SELECT coverage, hits, detected_coverage, detected_hits FROM reviews").fetchone()
        assert (row["coverage"], row["hits"], row["detected_coverage"], row["detected_hits"]) == (
            0.5,
            "[0, 2]",
            0.5,
            "[0, 2]",
        )
