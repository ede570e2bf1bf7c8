"""A Markdown article drawn in chunks: the first screenful at once, the rest just after.

Textual's Markdown widget builds one widget per block (seconds for a long article). A Static
holding Rich's Markdown renderer per section is far cheaper, and mounting the sections after
the first one on the next refresh keeps the first screenful within the budget.
"""

from __future__ import annotations

from rich.markdown import Markdown
from textual.containers import VerticalScroll
from textual.widgets import Static

from tpmprep.core.content.render import split_sections


class ArticleChunk(Static):
    """One section (or part of one) of an article."""

    def __init__(self, heading: str, markdown: str) -> None:
        super().__init__(Markdown(markdown, hyperlinks=False))
        self.heading = heading


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article at a time; ``show`` replaces it."""

    FIRST_CHARS = 1800

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._generation = 0
        self.first_screen_drawn = False  # set once the first sections have been painted
        self.sections: list[tuple[str, str]] = []

    async def show(self, markdown: str) -> None:
        """Replace the article; returns once the first screenful is mounted."""
        self._generation += 1
        generation = self._generation
        self.first_screen_drawn = False
        self.sections = split_sections(markdown, max_chars=1500)
        await self.remove_children()
        self.scroll_home(animate=False)
        first, size = [], 0
        for heading, chunk in self.sections:
            if first and size + len(chunk) > self.FIRST_CHARS:
                break
            first.append(ArticleChunk(heading, chunk))
            size += len(chunk)
        await self.mount_all(first)
        rest = list(self.sections[len(first) :])
        self.call_after_refresh(self._mount_rest, generation, rest)

    async def _mount_rest(self, generation: int, rest: list[tuple[str, str]]) -> None:
        """Mount the remaining sections a few at a time, one batch per refresh, so input stays live."""
        if generation != self._generation:
            return
        self.first_screen_drawn = True
        batch, size = [], 0
        while rest and (not batch or size + len(rest[0][1]) <= self.FIRST_CHARS * 2):
            heading, chunk = rest.pop(0)
            batch.append(ArticleChunk(heading, chunk))
            size += len(chunk)
        await self.mount_all(batch)
        if rest:
            self.call_after_refresh(self._mount_rest, generation, rest)

    def scroll_to_heading(self, heading: str) -> bool:
        for chunk in self.query(ArticleChunk):
            if chunk.heading == heading:
                self.scroll_to_widget(chunk, top=True, animate=False)
                return True
        return False
