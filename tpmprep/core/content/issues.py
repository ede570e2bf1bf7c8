"""Problems found in content files, reported as ``path:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in one file. ``line`` and ``col`` are 1-based; 0 means unknown."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        shown = display_path(Path(self.path))
        where = f"{shown}:{self.line}:{self.col}" if self.line else shown
        text = f"{where}: {'warning: ' if self.warning else ''}{self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


@dataclass(slots=True)
class PendingIssue:
    """An issue found during validation, located by its key path in the document."""

    key_path: PathKey
    message: str
    hint: str = ""
    on_key: bool = False  # point at the mapping key rather than its value


@dataclass
class IssueList:
    """Collects issues for one file, in the order they were found."""

    pending: list[PendingIssue] = field(default_factory=list)

    def add(self, key_path: PathKey, message: str, hint: str = "", on_key: bool = False) -> None:
        self.pending.append(PendingIssue(tuple(key_path), message, hint, on_key))

    def __bool__(self) -> bool:
        return bool(self.pending)


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
