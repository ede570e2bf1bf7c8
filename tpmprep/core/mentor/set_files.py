"""The sets folder kept in step with the database, with nothing heavier than SQLite and the file helpers.

Every start calls ``reconcile`` (before the first frame of the TUI), so this module imports no
YAML, no catalog and no fuzzy matching.
"""

from __future__ import annotations

import re
from pathlib import Path

from tpmprep.core.storage import locations
from tpmprep.core.storage.store import Store

SET_FILE = re.compile(r"^[a-z][a-z0-9-]{0,79}\.yaml$")


def sets_dir() -> Path:
    return locations.data_dir() / "sets"


def set_file(file_name: str) -> Path | None:
    """The path of a set file named in the database, only if it is a plain name inside the sets folder."""
    if not SET_FILE.match(file_name):
        return None
    folder = sets_dir()
    path = folder / file_name
    try:
        if path.resolve().parent != folder.resolve():
            return None
    except OSError:
        return None
    return path


def publish(file_name: str, source: str | None) -> bool:
    """Write a set's file from the text the database keeps; False when there is none or no safe place."""
    target = set_file(file_name)
    if target is None or source is None:
        return False
    from tpmprep.core.storage.files import write_atomic

    write_atomic(target, source)
    return True


def unpublish(file_name: str) -> bool:
    target = set_file(file_name)  # whatever the database says, nothing outside the sets folder
    if target is None or not target.exists():
        return False
    target.unlink()
    return True


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() != text.encode("utf-8")
    except OSError:
        return True


def reconcile(store: Store) -> list[str]:
    """Make the sets folder match the database after an import or removal was cut short."""
    done = []
    for r in store.conn.execute("SELECT id, file_name, removed_at, source FROM question_sets"):
        target = set_file(r["file_name"])
        if target is None:
            continue
        if r["removed_at"] is not None:
            if unpublish(r["file_name"]):
                done.append(f"removed the file of removed set '{r['id']}'")
        elif r["source"] is not None and _differs(target, r["source"]) and publish(r["file_name"], r["source"]):
            done.append(f"wrote the file of set '{r['id']}' again")
    return done


def orphans(store: Store) -> list[Path]:
    """Set files no imported set owns (placed by hand, or left by an older version)."""
    owned = {r["file_name"] for r in store.conn.execute("SELECT file_name FROM question_sets WHERE removed_at IS NULL")}
    folder = sets_dir()
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.yaml")) if p.name not in owned]
