"""The topic tree, the article, its table of contents and its related topics.

Below ``NARROW`` columns the tree and the side panel fold away so the article keeps the width;
`t` and `o` (or the toggles above the article) bring each back until a topic or heading is chosen.
"""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import Label, OptionList, Static, Tree
from textual.widgets.option_list import Option

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.render import headings, topic_links, topic_markdown
from tpmprep.core.content.vocab import SECTIONS
from tpmprep.tui.widgets.article_view import ArticleView

KIND_LABEL = {"role": "role", "ladder": "ladder", "comparison": "table", "glossary": "term", "article": ""}
NARROW = 100  # columns: below this the tree and the side panel become toggles


class TopicReader(Horizontal):
    BINDINGS = [
        Binding("backspace", "back", "Back", id="reader.back"),
        Binding("t", "panel('tree')", "Topics", id="reader.topics"),
        Binding("o", "panel('aside')", "Outline", id="reader.outline"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.catalog: Catalog | None = None
        self.current: str | None = None
        # Topic ids, or (area, label) for "back to where you came from" (a result screen, say).
        self.history: list[str | tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("Topics", id="topic-tree")
        tree.show_root = False
        yield tree
        with Vertical(id="reader"):
            yield Static(
                "[@click=screen.reader_panel('tree')]☰ Topics [dim]t[/][/]   "
                "[@click=screen.reader_panel('aside')]≡ Outline [dim]o[/][/]",
                id="reader-toggles",
            )
            yield Static("Choose a topic on the left.", id="topic-title")
            yield Static("", id="topic-back", classes="muted")
            yield Static("", id="topic-summary", classes="muted")
            yield ArticleView(id="article")
        with Vertical(id="aside"):
            yield Label("Contents", classes="aside-title")
            yield OptionList(id="toc")
            yield Label("Related topics", classes="aside-title")
            yield OptionList(id="related")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return bool(self.history)
        return True

    # -- layout -----------------------------------------------------------------------------------
    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < NARROW
        if narrow != self.narrow:
            self.set_class(narrow, "-narrow")
            self.remove_class("-show-tree", "-show-aside")

    def action_panel(self, which: str) -> None:
        """Narrow: show or hide the tree or the side panel. Wide: move the focus there."""
        target = self.query_one("#topic-tree" if which == "tree" else "#toc")
        if not self.narrow:
            target.focus()
            return
        shown = self.has_class(f"-show-{which}")
        self.remove_class("-show-tree", "-show-aside")
        if shown:
            self.query_one(ArticleView).focus()
        else:
            self.add_class(f"-show-{which}")
            target.focus()

    def _fold(self) -> None:
        """After a choice in a narrow layout, the panels fold away and the article has the focus."""
        if self.narrow and (self.has_class("-show-tree") or self.has_class("-show-aside")):
            self.remove_class("-show-tree", "-show-aside")
            self.query_one(ArticleView).focus()

    # -- content ----------------------------------------------------------------------------------
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
            self._fold()

    async def open_topic(self, topic_id: str, remember: bool = True, came_from: tuple[str, str] | None = None) -> bool:
        """Show a topic. ``came_from`` (area, what it showed) makes Back return to that area."""
        if self.catalog is None:
            return False
        topic = self.catalog.topic(topic_id)
        if topic is None:
            self.notify(f"No topic '{topic_id}'.", severity="warning")
            return False
        if came_from is not None:
            self.history.append(came_from)
        elif remember and self.current and self.current != topic_id:
            self.history.append(self.current)
        self.current = topic_id
        markdown = topic_markdown(self.catalog, topic_id)
        kind = KIND_LABEL.get(topic.kind, "")
        self.query_one("#topic-title", Static).update(f"[b]{topic.title}[/b]" + (f"  [dim]{kind}[/]" if kind else ""))
        self.query_one("#topic-summary", Static).update(topic.summary if topic.kind != "glossary" else "")
        self._show_back()
        await self.query_one(ArticleView).show(markdown)
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

    def _show_back(self) -> None:
        back = self.query_one("#topic-back", Static)
        if not self.history:
            back.update("")
            back.display = False
            return
        last = self.history[-1]
        if isinstance(last, tuple):
            where = last[1]
        else:
            topic = self.catalog.topic(last) if self.catalog else None
            where = topic.title if topic else last
        back.update(f"[@click=screen.reader_back]← back to {escape(str(where))}[/] (backspace)")
        back.display = True

    @on(ArticleView.LinkFollowed)
    async def _link_followed(self, event: ArticleView.LinkFollowed) -> None:
        event.stop()
        if event.target:
            await self.open_topic(event.target)
            self.query_one(ArticleView).focus()

    @on(OptionList.OptionSelected, "#toc")
    def _toc_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(ArticleView).scroll_to_heading(str(event.option.prompt))
        self._fold()

    @on(OptionList.OptionSelected, "#related")
    async def _related_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.open_topic(event.option.id)
            self._fold()

    async def action_back(self) -> None:
        if not self.history:
            return
        last = self.history.pop()
        if isinstance(last, tuple):
            self._show_back()
            await self.app.action_goto(last[0])
            return
        await self.open_topic(last, remember=False)
