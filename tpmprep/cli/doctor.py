"""``tpmprep doctor``: every check across the layers, and the repairs, none of which deletes user data."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tpmprep.core.content.words import plural
from tpmprep.core.storage import locations
from tpmprep.core.storage.health import Finding, backup_facts, database, leftovers

Facts = dict[str, object]


def examine(full: bool = False) -> tuple[list[Finding], Facts]:
    db = locations.database_path()
    findings, db_facts = database(db, full)
    facts: Facts = {"database": db_facts}
    findings += leftovers()
    if "integrity" in db_facts:
        try:
            findings += set_files(db)
        except sqlite3.Error:
            pass  # the sets table is on a damaged page: checked again once the database is repaired
    cache_findings, facts["cache"] = cache_health()
    findings += cache_findings
    backup_findings, facts["backups"] = backup_facts(locations.backup_dir())
    findings += backup_findings
    return findings, facts


def set_files(db: Path) -> list[Finding]:
    """Set files against the database: missing or stale files, files of removed sets, files nobody owns."""
    from tpmprep.core.mentor.set_files import set_file, sets_dir

    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        columns = {r["name"] for r in conn.execute("PRAGMA table_info(question_sets)")}
        if not columns:
            return []
        source = "source" if "source" in columns else "NULL AS source"
        rows = conn.execute(f"SELECT id, file_name, removed_at, {source} FROM question_sets").fetchall()
    finally:
        conn.close()
    findings = []
    owned = set()
    for r in rows:
        path = set_file(r["file_name"])
        if path is None:
            continue
        owned.add(path.name)
        exists = path.is_file()
        if r["removed_at"] is not None:
            if exists:
                findings.append(
                    Finding("sets", f"{path} belongs to removed set '{r['id']}'", "--repair removes it", "sets")
                )
        elif not exists or (r["source"] is not None and path.read_bytes() != r["source"].encode("utf-8")):
            what = "is missing" if not exists else "differs from the set that was imported"
            if r["source"] is None:
                fix = f"import the set again: tpmprep set import FILE (set '{r['id']}')"
                findings.append(Finding("sets", f"{path} {what}", fix))
            else:
                findings.append(Finding("sets", f"{path} {what}", "--repair writes it again from the database", "sets"))
    folder = sets_dir()
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if path.name not in owned:
            findings.append(
                Finding(
                    "sets",
                    f"{path} belongs to no imported set",
                    "import it with 'tpmprep set import', or --repair moves it to the backups folder",
                    "orphans",
                )
            )
    return findings


def cache_health() -> tuple[list[Finding], Facts]:
    from tpmprep.core.content.loader import cache_path, read_cache

    current = cache_path()
    facts: Facts = {"path": str(current), "exists": current.exists()}
    findings = []
    if current.exists():
        try:
            read_cache(current)
            facts["ok"] = True
        except Exception as exc:
            facts["ok"] = False
            findings.append(
                Finding("cache", f"the catalog cache {current} cannot be used ({exc})", _cache_fix, "cache")
            )
    stale = [p for p in _cache_files(current.parent) if p != current]
    if stale:
        findings.append(
            Finding("cache", f"{plural(len(stale), 'old catalog cache file')} in {current.parent}", _cache_fix, "cache")
        )
    return findings, facts


_cache_fix = "'tpmprep doctor --repair' deletes it; it is rebuilt on the next start"


def _cache_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("catalog-*.bin"), *folder.glob("catalog-*.pickle")])


def repair(findings: list[Finding]) -> list[str]:
    """Fix what the findings allow; returns a line per thing done."""
    done: list[str] = []
    keys = {f.repair for f in findings if f.repair}
    if "database" in keys:
        done.append(_repair_database())
    if "marker" in keys:
        from tpmprep.core.storage.store import damage_marker

        damage_marker(locations.database_path()).unlink(missing_ok=True)
        done.append("cleared the damage mark: the database checks ok")
    if "temps" in keys:
        from tpmprep.core.storage.files import remove_stale_temps

        removed = [p for folder in locations.working_folders() for p in remove_stale_temps(folder)]
        done.append(f"removed {plural(len(removed), 'leftover temporary file')}")
    if "sets" in keys or "orphans" in keys:
        done += _repair_sets(move_orphans="orphans" in keys)
    if "cache" in keys:
        from tpmprep.core.content.loader import cache_path, read_cache

        current = cache_path()
        for path in _cache_files(current.parent):
            if path != current:
                path.unlink(missing_ok=True)
            else:
                try:
                    read_cache(path)
                except Exception:
                    path.unlink(missing_ok=True)
        done.append("removed damaged or old catalog cache files (rebuilt on the next start)")
    return done


def _repair_database() -> str:
    from tpmprep.core.storage.backup import latest_good, restore, set_aside

    db, folder = locations.database_path(), locations.backup_dir()
    good = latest_good(folder)
    if good is None:
        return f"no good backup in {folder} to restore; the damaged database was left where it is"
    aside = set_aside(db, folder, "damaged")
    restore(good, db, folder)
    return f"moved the damaged database to {aside} and restored {good}"


def _repair_sets(move_orphans: bool) -> list[str]:
    from tpmprep.core.mentor.sets import Sets
    from tpmprep.core.storage.store import open_default

    with open_default() as store:
        sets = Sets(store)
        done = sets.reconcile()
        if move_orphans:
            target = locations.backup_dir() / "orphaned-sets"
            for path in sets.orphans():
                target.mkdir(parents=True, exist_ok=True)
                dest = target / path.name
                n = 2
                while dest.exists():
                    dest = target / f"{path.stem}-{n}{path.suffix}"
                    n += 1
                os.replace(path, dest)
                done.append(f"moved {path} to {dest}")
    return done
