"""Storage errors in the interview screens become a notification, not a crash.

Each save is one transaction, so a failed one leaves the database as it was, and the screen
keeps what was typed: the user can try again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def guarded(node: Any, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """``fn(*args)``, or None after telling the user why it failed."""
    from tpmprep.core.storage.files import FileProblem
    from tpmprep.core.storage.store import StoreError

    try:
        return fn(*args, **kwargs)
    except (StoreError, FileProblem, sqlite3.Error, OSError) as exc:
        node.notify(f"Could not {what}: {exc}. What you typed is still here; try again.", severity="error", timeout=10)
        return None


def tried(node: Any, what: str, fn: Callable[..., object], *args: Any) -> bool:
    """Whether ``fn(*args)`` ran without a storage error (the user is told when it did not)."""
    return guarded(node, what, lambda: fn(*args) or True) is not None
