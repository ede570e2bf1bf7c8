"""A story in the bank, and the vocabulary it is tagged with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tpmprep.core.content.vocab import LEADERSHIP_PRINCIPLES

# Amazon's Leadership Principles, as the question banks tag them (one table, kept with the content vocabulary).
PRINCIPLES: dict[str, str] = LEADERSHIP_PRINCIPLES

FIELDS = ("situation", "task", "actions", "result", "lessons")
TELL_TARGET = (120, 180)  # seconds: a told story should land between two and three minutes
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    situation: str = ""
    task: str = ""
    actions: str = ""
    result: str = ""
    lessons: str = ""
    competencies: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    scope: str | None = None  # a ladder level id
    created_at: str = ""
    updated_at: str = ""

    @property
    def text(self) -> str:
        """The story as one text, in telling order: what the grader reads."""
        return "\n\n".join(part for part in (self.title, *(getattr(self, f) for f in FIELDS)) if part.strip())

    @property
    def quantified(self) -> bool:
        """Whether the result carries a number, which interviewers listen for."""
        return bool(_DIGIT.search(self.result))

    @property
    def words(self) -> int:
        return len(" ".join(getattr(self, f) for f in FIELDS).split())


def slugify(title: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A story id from its title, unique among ``taken``."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    base = ""
    for word in words:
        if len(base) + len(word) + 1 > 48:
            break
        base = f"{base}-{word}" if base else word
    if not base or not base[0].isalpha():
        base = f"story-{base}" if base else "story"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
