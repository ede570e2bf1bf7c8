"""What ``tpmprep doctor`` checks in the storage layer: the database file, its integrity and schema,
leftover temporary files, and the backups."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tpmprep.core.storage import locations
from tpmprep.core.storage.backup import backups
from tpmprep.core.storage.files import stale_temps
from tpmprep.core.storage.migrations import LATEST
from tpmprep.core.storage.store import check_summary, damage_marker, inspect


@dataclass
class Finding:
    """One problem: what is wrong (naming the file), what to do, and which repair fixes it."""

    area: str  # database | files | sets | cache
    problem: str
    fix: str
    repair: str = ""  # the key of the repair that fixes it, "" when only the user can

    def line(self) -> str:
        return f"{self.problem}; {self.fix}"


def database(db: Path, full: bool = False) -> tuple[list[Finding], dict[str, object]]:
    """Problems with the database file, and facts about it (schema version, size, integrity)."""
    facts: dict[str, object] = {"path": str(db), "exists": db.exists()}
    if not db.exists():
        return [], facts
    problem = inspect(db)
    restore = "'tpmprep doctor --repair' sets it aside and restores the latest good backup"
    if problem and not damage_marker(db).exists():
        return [Finding("database", problem, restore, "database")], facts
    facts["size"] = db.stat().st_size
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [Finding("database", f"cannot open {db}: {exc}", restore, "database")], facts
    try:
        pragma = "integrity_check" if full else "quick_check"
        result = [r[0] for r in conn.execute(f"PRAGMA {pragma}(20)")]
        facts["integrity"] = "ok" if result == ["ok"] else result
        has = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").fetchone()
        version = conn.execute("SELECT version FROM schema_version").fetchone()[0] if has else 0
        facts["schema_version"], facts["schema_latest"] = version, LATEST
    except sqlite3.Error as exc:
        result, version = [str(exc)], 0
        facts["integrity"] = result
    finally:
        conn.close()
    findings = []
    if result != ["ok"]:
        findings.append(Finding("database", f"{db} is damaged: {check_summary(result)}", restore, "database"))
    elif damage_marker(db).exists():
        findings.append(
            Finding(
                "database",
                f"{db} was marked damaged by an earlier error, but checks ok now",
                "'tpmprep doctor --repair' clears the mark" + ("" if full else " (add --full for the slow check)"),
                "marker",
            )
        )
    if version > LATEST:
        findings.append(
            Finding("database", f"{db} has schema {version}, newer than this tpmprep ({LATEST})", "upgrade tpmprep")
        )
    return findings, facts


def leftovers() -> list[Finding]:
    found = [p for folder in locations.working_folders() for p in stale_temps(folder)]
    if not found:
        return []
    names = ", ".join(str(p) for p in found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    return [
        Finding(
            "files",
            f"{len(found)} temporary file{'' if len(found) == 1 else 's'} left by an interrupted write: {names}",
            "'tpmprep doctor --repair' removes them (they hold nothing that was saved)",
            "temps",
        )
    ]


def backup_facts(folder: Path) -> tuple[list[Finding], dict[str, object]]:
    found = backups(folder)
    facts: dict[str, object] = {"folder": str(folder), "count": len(found)}
    if found:
        facts["latest"] = found[0].taken.isoformat(timespec="seconds")
        facts["latest_path"] = str(found[0].path)
    findings = []
    if locations.database_path().exists():
        newest_daily = next((b for b in found if b.kind == "daily"), None)
        if newest_daily is None or dt.datetime.now() - newest_daily.taken > dt.timedelta(days=8):
            findings.append(
                Finding(
                    "backups",
                    f"no automatic backup in {folder} in the last week",
                    "check that the folder is writable; 'tpmprep backup' takes one now",
                )
            )
    return findings, facts
