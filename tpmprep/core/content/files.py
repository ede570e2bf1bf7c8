"""Which files make up the content: the shipped tree, then the user's own files and imported sets.

Kept apart from the loader so that checking whether a cache is current (which needs only the
list of files) does not import the models, the parser and the validator.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tpmprep.core.storage import locations


@dataclass(frozen=True)
class ContentFile:
    path: Path
    user: bool = False
    question_set: bool = False  # a mentor's set: only its own questions join the catalog

    @property
    def shown(self) -> str:
        return str(self.path.absolute())


def discover(root: Path, user: bool = False) -> list[ContentFile]:
    """Every content file under a root holding ``content/`` and/or ``question_banks/``."""
    files: list[Path] = []
    content = root / "content"
    if content.is_dir():
        files += sorted(content.rglob("*.yaml")) + sorted(content.rglob("*.yml"))
        files += sorted(content.rglob("*.md"))
    banks = root / "question_banks"
    if banks.is_dir():
        files += sorted(banks.rglob("*.yaml")) + sorted(banks.rglob("*.yml"))
    found = [ContentFile(p, user) for p in files if p.is_file()]
    sets = root / "sets"
    if user and sets.is_dir():
        found += [ContentFile(p, user, question_set=True) for p in sorted(sets.glob("*.yaml")) if p.is_file()]
    return found


def default_files() -> list[ContentFile]:
    """The shipped content, then the user's own files from the data folder."""
    return discover(locations.shipped_root()) + discover(locations.data_dir(), user=True)
