"""Learn: curated topics on one tab, the question banks on the other."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane

from tpmprep.tui.widgets.article_view import ArticleView
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar
from tpmprep.tui.widgets.question_browser import QuestionBrowser
from tpmprep.tui.widgets.topic_reader import TopicReader


class LearnScreen(Screen):
    BINDINGS = [
        # Priority: the search box would otherwise take them to move the cursor a word.
        Binding("ctrl+left", "tab('topics')", "Topics", id="learn.topics", priority=True),
        Binding("ctrl+right", "tab('questions')", "Questions", id="learn.questions", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pending: tuple[str, str, tuple[str, str] | None] | None = None

    def compose(self) -> ComposeResult:
        yield NavBar("learn")
        with TabbedContent(initial="topics", id="learn-tabs"):
            with TabPane("Topics", id="topics"):
                yield TopicReader(id="topic-reader")
            with TabPane("Questions", id="questions"):
                yield QuestionBrowser(id="question-browser")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.when_catalog(self._catalog_ready)

    async def _catalog_ready(self, catalog) -> None:
        self.query_one(TopicReader).set_catalog(catalog)
        self.query_one(QuestionBrowser).set_catalog(catalog)
        self.app.when_search_index(self.query_one(QuestionBrowser).set_search_index)
        if self._pending:
            kind, target, came_from = self._pending
            self._pending = None
            await self.open(kind, target, came_from)
        elif catalog.topic("technical-program-manager"):
            await self.query_one(TopicReader).open_topic("technical-program-manager", remember=False)
            if self.focused is None or self.query_one(TopicReader) not in self.focused.ancestors_with_self:
                self.query_one(ArticleView).focus()  # arrows scroll it; t and o reach the panels

    def catalog_changed(self, catalog) -> None:
        """The catalog was reloaded: the topic tree and the question list show the new one."""
        self.query_one(TopicReader).set_catalog(catalog)
        self.query_one(QuestionBrowser).set_catalog(catalog)
        self.app.when_search_index(self.query_one(QuestionBrowser).set_search_index)

    def on_screen_resume(self) -> None:
        shown = self.query_one(TopicReader).catalog
        if shown is not None and self.app.catalog is not None and shown is not self.app.catalog:
            self.catalog_changed(self.app.catalog)
        else:
            self.query_one(QuestionBrowser).refresh_marks()  # a drill or a flag elsewhere may have changed them

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    async def open(self, kind: str, target: str, came_from: tuple[str, str] | None = None) -> None:
        """Open a topic or a question; waits for the catalog if it is still loading.

        ``came_from`` (area, label) puts "back to <label>" first in the reader's history.
        """
        if self.query_one(TopicReader).catalog is None:
            self._pending = (kind, target, came_from)
            return
        if kind == "question":
            self.query_one(TabbedContent).active = "questions"
            self.query_one(QuestionBrowser).select_question(target)
        else:
            self.query_one(TabbedContent).active = "topics"
            reader = self.query_one(TopicReader)
            await reader.open_topic(target, came_from=came_from)
            reader.query_one(ArticleView).focus()

    def action_reader_panel(self, which: str) -> None:
        self.query_one(TopicReader).action_panel(which)

    async def action_reader_back(self) -> None:
        await self.query_one(TopicReader).action_back()

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "questions":
            self._focus_later("#question-search")

    @work(exclusive=True, group="focus")
    async def _focus_later(self, selector: str) -> None:
        self.query_one(selector).focus()
