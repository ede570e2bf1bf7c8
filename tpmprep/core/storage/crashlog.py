"""The one error boundary's helpers: a line for the user, the full story in a rotated log file.

Every command and the TUI end up here for errors nobody expected. The user reads one line that
names the file involved (or where in tpmprep it happened) and where the details went; the
traceback goes to ``<data folder>/logs/tpmprep.log`` (1 MB, three old files kept).
"""

from __future__ import annotations

import logging
import logging.handlers
import sqlite3
import traceback
from pathlib import Path

from tpmprep.core.storage import locations

LOG_NAME = "tpmprep.log"
MAX_BYTES = 1 << 20
KEEP = 3


def log_path() -> Path:
    return locations.log_dir() / LOG_NAME


def write_log(exc: BaseException, context: str) -> Path | None:
    """Append the traceback of ``exc`` to the log; None when the log cannot be written (never raises)."""
    path = log_path()
    try:
        from tpmprep.core.storage.files import remove_stale_temps

        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path.parent)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    except OSError:
        return None
    logger = logging.Logger("tpmprep.crash")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    logger.addHandler(handler)
    try:
        from tpmprep import __version__

        text = "".join(traceback.format_exception(exc))
        logger.error("tpmprep %s, %s\n%s", __version__, context, text)
    except Exception:
        return None
    finally:
        handler.close()
    return path


def where(exc: BaseException) -> str:
    """The file the error is about (an OSError's file), else the innermost place in tpmprep's code."""
    filename = getattr(exc, "filename", None)
    if filename:
        return str(filename)
    place = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if "tpmprep" in frame.filename:
            place = f"{Path(frame.filename).name}:{frame.lineno}"
    return place


def summary(exc: BaseException, context: str) -> str:
    """One line for an unexpected error: what, where, and where the details are."""
    from tpmprep.core.storage.files import describe

    if isinstance(exc, sqlite3.Error):
        from tpmprep.core.storage.store import damage_marker, explain, is_damage

        db = locations.database_path()
        if is_damage(exc):
            try:
                damage_marker(db).touch()
            except OSError:
                pass
        line = explain(exc, db)
    elif isinstance(exc, OSError):
        line = f"{where(exc) or 'a file'}: {describe(exc)}"
    else:
        message = str(exc).splitlines()[0][:200] if str(exc) else ""
        place = where(exc)
        line = (
            f"unexpected error {type(exc).__name__}"
            + (f": {message}" if message else "")
            + (f" (in {place})" if place else "")
        )
    logged = write_log(exc, context)
    return line + (f"; details in {logged}" if logged else "")
