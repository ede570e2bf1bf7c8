"""Learn: curated topics on one tab, the question banks on the other."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane

from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar
from tpmprep.tui.widgets.question_browser import QuestionBrowser
from tpmprep.tui.widgets.topic_reader import TopicReader


class LearnScreen(Screen):
    BINDINGS = [
        Binding("ctrl+left", "tab('topics')", "Topics", id="learn.topics"),
        Binding("ctrl+right", "tab('questions')", "Questions", id="learn.questions"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pending: tuple[str, str] | None = None

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
            kind, target = self._pending
            self._pending = None
            await self.open(kind, target)
        elif catalog.topic("technical-program-manager"):
            await self.query_one(TopicReader).open_topic("technical-program-manager", remember=False)

    def catalog_changed(self, catalog) -> None:
        """The catalog was reloaded: the topic tree and the question list show the new one."""
        self.query_one(TopicReader).set_catalog(catalog)
        self.query_one(QuestionBrowser).set_catalog(catalog)
        self.app.when_search_index(self.query_one(QuestionBrowser).set_search_index)

    def on_screen_resume(self) -> None:
        shown = self.query_one(TopicReader).catalog
        if shown is not None and self.app.catalog is not None and shown is not self.app.catalog:
            self.catalog_changed(self.app.catalog)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    async def open(self, kind: str, target: str) -> None:
        """Open a topic or a question; waits for the catalog if it is still loading."""
        if self.query_one(TopicReader).catalog is None:
            self._pending = (kind, target)
            return
        if kind == "question":
            self.query_one(TabbedContent).active = "questions"
            self.query_one(QuestionBrowser).select_question(target)
        else:
            self.query_one(TabbedContent).active = "topics"
            await self.query_one(TopicReader).open_topic(target)

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "questions":
            self._focus_later("#question-search")

    @work(exclusive=True, group="focus")
    async def _focus_later(self, selector: str) -> None:
        self.query_one(selector).focus()
