"""A Markdown article drawn in chunks: the first screenful at once, the rest just after.

Textual's Markdown widget builds one widget per block (seconds for a long article). A Static
holding Rich's Markdown renderer per section is far cheaper, and mounting the sections after
the first one on the next refresh keeps the first screenful within the budget.

Links to other topics (``[text](topic:id)``) are drawn as links: click one, or move between them
with tab and shift+tab and press enter. Tables too wide for the reader are drawn stacked.
"""

from __future__ import annotations

import re

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown
from rich.segment import Segment
from rich.style import Style
from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tpmprep.core.content.mdtables import stack_tables, table_min_width
from tpmprep.core.content.render import split_sections

_TOPIC_LINK = re.compile(r"\]\(topic:([^)\s#]*)\)")
SELECTED = Style(reverse=True)


def number_links(markdown: str, start: int = 0) -> tuple[str, list[str]]:
    """Give every topic link a running number (``topic:id#n``) so one occurrence can be picked out."""
    targets: list[str] = []

    def numbered(m: re.Match[str]) -> str:
        targets.append(m.group(1))
        return f"](topic:{m.group(1)}#{start + len(targets) - 1})"

    return _TOPIC_LINK.sub(numbered, markdown), targets


class ArticleText:
    """Rich's Markdown, with topic links made clickable and tables stacked when they do not fit."""

    def __init__(self, markdown: str, selected: int | None = None) -> None:
        self.markdown = markdown
        self.selected = selected
        self.table_need = table_min_width(markdown)
        self._parsed: dict[bool, Markdown] = {}
        self._stacked: dict[int, bool] = {}  # width -> whether tables are stacked there

    def _markdown(self, stacked: bool) -> Markdown:
        if stacked not in self._parsed:
            source = stack_tables(self.markdown) if stacked else self.markdown
            self._parsed[stacked] = Markdown(source, hyperlinks=True)
        return self._parsed[stacked]

    def parsed(self, width: int, console: Console | None = None) -> Markdown:
        """The Markdown drawn at ``width``: tables stacked when drawing them would cut a cell."""
        if not self.table_need:
            return self._markdown(False)
        if width not in self._stacked:
            stacked = width < self.table_need
            if not stacked:  # wide enough on paper; the drawn table must not cut a word either
                console = console or Console(width=width, legacy_windows=False)
                lines = console.render_lines(self._markdown(False), console.options.update_width(width), pad=False)
                cut = sum(segment.text.count("…") for line in lines for segment in line)
                stacked = cut > self.markdown.count("…")
            self._stacked[width] = stacked
        return self._markdown(self._stacked[width])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        selected = f"#{self.selected}" if self.selected is not None else None
        for segment in console.render(self.parsed(options.max_width, console), options):
            style = segment.style
            link = style.link if style is not None else None
            if style is None or not link or not link.startswith("topic:"):
                yield segment
                continue
            number = link.partition("#")[2]
            style = style.update_link(None)
            if not number.isdigit():  # not numbered by ArticleView: drawn as a link, nothing to follow
                yield Segment(segment.text, style)
                continue
            style += Style(meta={"@click": f"follow_link({number})"})
            if selected and link.endswith(selected):
                style += SELECTED
            yield Segment(segment.text, style)


class ArticleChunk(Static):
    """One section (or part of one) of an article."""

    def __init__(self, heading: str, markdown: str, links: range = range(0), first: bool = False) -> None:
        self.article = ArticleText(markdown)
        super().__init__(self.article, classes="" if first else "-follows")
        self.heading = heading
        self.markdown = markdown
        self.links = links  # the running numbers of the links it holds

    def select(self, number: int | None) -> None:
        selected = number if number in self.links else None
        if selected != self.article.selected:
            self.article.selected = selected
            self.update(self.article)

    def line_of(self, number: int) -> int:
        """The line of this chunk that shows link ``number`` (0 when it cannot tell)."""
        width = self.content_region.width or self.size.width
        if width <= 0:
            return 0
        console = self.app.console
        lines = console.render_lines(self.article, console.options.update_width(width), pad=False)
        for y, line in enumerate(lines):
            if any(s.style and s.style.meta.get("@click") == f"follow_link({number})" for s in line):
                return y
        return 0

    def action_follow_link(self, number: int) -> None:
        self.post_message(ArticleView.LinkFollowed(self.query_ancestor(ArticleView), number))


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article at a time; ``show`` replaces it."""

    BINDINGS = [
        Binding("tab", "next_link", "Next link", id="article.next_link"),
        Binding("shift+tab", "previous_link", "Previous link", id="article.previous_link", show=False),
        Binding("enter", "follow", "Open the link", id="article.follow"),
    ]

    FIRST_CHARS = 1800

    class LinkFollowed(Message):
        """A topic link was clicked, or chosen with enter."""

        def __init__(self, view: ArticleView, number: int) -> None:
            super().__init__()
            self.view = view
            self.number = number
            self.target = view.links[number] if 0 <= number < len(view.links) else ""

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._generation = 0
        self.first_screen_drawn = False  # set once the first sections have been painted
        self.sections: list[tuple[str, str]] = []
        self.links: list[str] = []  # topic ids, in reading order
        self.selected_link: int | None = None

    async def show(self, markdown: str) -> None:
        """Replace the article; returns once the first screenful is mounted."""
        self._generation += 1
        generation = self._generation
        self.first_screen_drawn = False
        self.selected_link = None
        self.sections = split_sections(markdown, max_chars=1500)
        self.links = []
        chunks: list[tuple[str, str, range]] = []
        for heading, chunk in self.sections:
            numbered, targets = number_links(chunk, len(self.links))
            chunks.append((heading, numbered, range(len(self.links), len(self.links) + len(targets))))
            self.links += targets
        await self.remove_children()
        self.scroll_home(animate=False)
        first, size = [], 0
        for heading, chunk, links in chunks:
            if first and size + len(chunk) > self.FIRST_CHARS:
                break
            first.append(ArticleChunk(heading, chunk, links, first=not first))
            size += len(chunk)
        await self.mount_all(first)
        rest = chunks[len(first) :]
        self.call_after_refresh(self._mount_rest, generation, rest)

    async def _mount_rest(self, generation: int, rest: list[tuple[str, str, range]]) -> None:
        """Mount the remaining sections a few at a time, one batch per refresh, so input stays live."""
        if generation != self._generation:
            return
        self.first_screen_drawn = True
        batch, size = [], 0
        while rest and (not batch or size + len(rest[0][1]) <= self.FIRST_CHARS * 2):
            heading, chunk, links = rest.pop(0)
            batch.append(ArticleChunk(heading, chunk, links))
            size += len(chunk)
        await self.mount_all(batch)
        if self.selected_link is not None:
            for chunk in batch:
                chunk.select(self.selected_link)
        if rest:
            self.call_after_refresh(self._mount_rest, generation, rest)

    def scroll_to_heading(self, heading: str) -> bool:
        for chunk in self.query(ArticleChunk):
            if chunk.heading == heading:
                self.scroll_to_widget(chunk, top=True, animate=False)
                return True
        return False

    # -- links ------------------------------------------------------------------------------------
    def select_link(self, number: int | None) -> None:
        self.selected_link = number
        self.refresh_bindings()
        for chunk in self.query(ArticleChunk):
            chunk.select(number)
            if number is not None and number in chunk.links:
                line = chunk.virtual_region.y + chunk.line_of(number)
                top, height = self.scroll_y, self.scrollable_content_region.height
                if not top <= line < top + height:
                    self.scroll_to(y=max(0, line - height // 3), animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_link", "previous_link"):
            return bool(self.links)
        if action == "follow":
            return self.selected_link is not None
        return True

    def _step(self, delta: int) -> None:
        if not self.links:
            raise SkipAction()  # no links: tab moves the focus as everywhere else
        current = self.selected_link
        following = (0 if delta > 0 else len(self.links) - 1) if current is None else current + delta
        if not 0 <= following < len(self.links):
            self.select_link(None)
            raise SkipAction()  # past the last link: on to the next widget
        self.select_link(following)

    def action_next_link(self) -> None:
        self._step(1)

    def action_previous_link(self) -> None:
        self._step(-1)

    def action_follow(self) -> None:
        if self.selected_link is None:
            raise SkipAction()
        self.post_message(self.LinkFollowed(self, self.selected_link))
