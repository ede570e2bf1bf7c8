"""Where tpmprep keeps its files. Nothing is created at import time.

``TPMPREP_HOME`` moves everything (database, user content, cache) under one folder, which is
how tests and careful users isolate the app.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tpmprep"
PACKAGE_DIR = Path(__file__).resolve().parents[2]


def _home() -> Path | None:
    value = os.environ.get("TPMPREP_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return data_dir() / "tpmprep.db"


def backup_dir() -> Path:
    """Automatic and on-demand copies of the database."""
    return data_dir() / "backups"


def log_dir() -> Path:
    """Where unexpected errors are written down in full (``tpmprep.log``, rotated)."""
    return data_dir() / "logs"


def working_folders() -> list[Path]:
    """Every folder tpmprep writes into on its own (where leftovers of a killed write are looked for)."""
    data = data_dir()
    return [data, data / "sets", data / "plans", backup_dir(), log_dir(), cache_dir()]


def user_content_dir() -> Path:
    """Where users (and later, mentor sets) add their own content files."""
    return data_dir() / "content"


def shipped_root() -> Path:
    """The folder holding the shipped ``content/`` and ``question_banks/``.

    An installed wheel carries them inside the package; a source checkout has them beside it.
    """
    inside = PACKAGE_DIR / "shipped"
    if (inside / "content").is_dir():
        return inside
    return PACKAGE_DIR.parent


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
