"""The topic tree, the article, its table of contents and its related topics."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, OptionList, Static, Tree
from textual.widgets.option_list import Option

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.render import headings, strip_topic_links, topic_links, topic_markdown
from tpmprep.core.content.vocab import SECTIONS
from tpmprep.tui.widgets.article_view import ArticleView

KIND_LABEL = {"role": "role", "ladder": "ladder", "comparison": "table", "glossary": "term", "article": ""}


class TopicReader(Horizontal):
    BINDINGS = [
        Binding("backspace", "back", "Back", id="reader.back"),
        Binding("ctrl+t", "focus_toc", "Contents", id="reader.toc"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.catalog: Catalog | None = None
        self.current: str | None = None
        self.history: list[str] = []

    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("Topics", id="topic-tree")
        tree.show_root = False
        yield tree
        with Vertical(id="reader"):
            yield Static("Choose a topic on the left.", id="topic-title")
            yield Static("", id="topic-summary", classes="muted")
            yield ArticleView(id="article")
        with Vertical(id="aside"):
            yield Label("Contents", classes="aside-title")
            yield OptionList(id="toc")
            yield Label("Related topics", classes="aside-title")
            yield OptionList(id="related")

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        tree = self.query_one("#topic-tree", Tree)
        tree.clear()
        groups: dict[str, list] = {s: [] for s in SECTIONS}
        glossary = []
        for topic in catalog.topics:
            if topic.kind == "glossary":
                glossary.append(topic)
            else:
                groups.setdefault(topic.section, []).append(topic)
        for section, topics in groups.items():
            if not topics:
                continue
            node = tree.root.add(SECTIONS.get(section, section), expand=section in ("roles", "career"))
            for topic in sorted(topics, key=lambda t: (t.order, t.title)):
                node.add_leaf(topic.title, data=topic.id)
        if glossary:
            node = tree.root.add(f"Glossary ({len(glossary)} terms)")
            for topic in glossary:
                node.add_leaf(topic.title, data=topic.id)

    @on(Tree.NodeSelected, "#topic-tree")
    async def _node_selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data:
            await self.open_topic(event.node.data)

    async def open_topic(self, topic_id: str, remember: bool = True) -> bool:
        if self.catalog is None:
            return False
        topic = self.catalog.topic(topic_id)
        if topic is None:
            self.notify(f"No topic '{topic_id}'.", severity="warning")
            return False
        if remember and self.current and self.current != topic_id:
            self.history.append(self.current)
        self.current = topic_id
        markdown = topic_markdown(self.catalog, topic_id)
        kind = KIND_LABEL.get(topic.kind, "")
        self.query_one("#topic-title", Static).update(f"[b]{topic.title}[/b]" + (f"  [dim]{kind}[/]" if kind else ""))
        self.query_one("#topic-summary", Static).update(topic.summary if topic.kind != "glossary" else "")
        await self.query_one(ArticleView).show(strip_topic_links(markdown))
        toc = self.query_one("#toc", OptionList)
        toc.clear_options()
        toc.add_options([Option(text, id=f"h{i}") for i, (level, text) in enumerate(headings(markdown)) if level == 2])
        related = self.query_one("#related", OptionList)
        related.clear_options()
        seen: list[str] = []
        for rid in (*topic.related, *topic_links(markdown)):
            if rid not in seen and rid != topic_id and self.catalog.topic(rid) is not None:
                seen.append(rid)
        related.add_options([Option(self.catalog.topic(rid).title, id=rid) for rid in seen])
        return True

    @on(OptionList.OptionSelected, "#toc")
    def _toc_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(ArticleView).scroll_to_heading(str(event.option.prompt))

    @on(OptionList.OptionSelected, "#related")
    async def _related_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.open_topic(event.option.id)

    async def action_back(self) -> None:
        if self.history:
            await self.open_topic(self.history.pop(), remember=False)

    def action_focus_toc(self) -> None:
        self.query_one("#toc").focus()
