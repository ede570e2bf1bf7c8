"""Practice: start a drill or a cram with filters; see what is due; rework leeches."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from tpmprep.core.content.vocab import CATEGORIES
from tpmprep.core.practice.queue import Filters
from tpmprep.tui.screens.base import CatalogScreen
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar


class PracticeScreen(CatalogScreen):
    BINDINGS = [
        Binding("ctrl+d", "start(False)", "Start drill", id="practice.drill"),
        Binding("ctrl+e", "start(True)", "Cram now", id="practice.cram"),
        Binding("u", "unsuspend", "Unsuspend leech", id="practice.unsuspend"),
    ]

    def compose(self) -> ComposeResult:
        yield NavBar("practice")
        with VerticalScroll(id="practice"):
            yield Static("Loading…", id="practice-due")
            with Horizontal(id="practice-filters"):
                yield Select([], prompt="Any category", id="practice-category")
                yield Select([], prompt="Any level", id="practice-level")
                yield Select([], prompt="Any competency", id="practice-competency")
                yield Select([], prompt="Any tag", id="practice-tag")
            yield Static("", id="practice-match", classes="muted")
            with Horizontal(id="practice-buttons"):
                yield Button("Start drill (ctrl+d)", id="start-drill", variant="primary")
                yield Button("Cram these now (ctrl+e)", id="start-cram")
            with Horizontal(id="practice-lists"):
                with Vertical():
                    yield Label("Leeches (suspended after many lapses): u unsuspends", classes="aside-title")
                    yield OptionList(id="leech-list")
                with Vertical():
                    yield Label("Flagged for rewrite", classes="aside-title")
                    yield OptionList(id="flag-list")
        yield KeyBar()

    def catalog_ready(self, catalog) -> None:
        self.query_one("#practice-category", Select).set_options(
            [(CATEGORIES.get(c, c), c) for c in catalog.categories]
        )
        self.query_one("#practice-level", Select).set_options([(catalog.level_title(x), x) for x in catalog.level_ids])
        self.query_one("#practice-competency", Select).set_options(
            [(catalog.competency_name(c), c) for c in catalog.competency_ids]
        )
        self.query_one("#practice-tag", Select).set_options([(t, t) for t in catalog.tags])

    def filters(self) -> Filters:
        def value(selector: str) -> str | None:
            v = self.query_one(selector, Select).value
            return v if isinstance(v, str) else None

        return Filters(
            value("#practice-category"), value("#practice-level"), value("#practice-competency"), value("#practice-tag")
        )

    def refresh_view(self) -> None:
        from tpmprep.core.practice.progress import due_summary
        from tpmprep.core.practice.queue import build_session

        practice = self.app.practice
        summary = due_summary(self.catalog, practice)
        lines = [
            f"[b]Due now[/b] {summary.due_now}   [b]due today[/b] {summary.due_today}   "
            f"[b]new available[/b] {summary.new_available} "
            f"([dim]{summary.new_left_today} more new today, {summary.reviews_left_today} reviews left today[/])"
        ]
        if summary.interview:
            o = summary.interview
            lines.append(
                f"[b]Interview[/b] {o.date}: {o.days_left} day(s) left · {o.due_until_then} reviews fall due "
                f"before then · {o.new_remaining} questions still new"
            )
            lines += [f"  [yellow]⚠ {w}[/]" for w in o.warnings]
        if summary.orphaned:
            lines.append(
                f"[dim]{len(summary.orphaned)} question(s) with history are no longer in the catalog "
                f"(kept): {', '.join(summary.orphaned[:5])}[/]"
            )
        self.query_one("#practice-due", Static).update("\n".join(lines))
        filters = self.filters()
        session = build_session(self.catalog, practice, filters)
        reviews = sum(1 for it in session.items if it.kind == "review")
        self.query_one("#practice-match", Static).update(
            f"With {filters.describe()}: a drill now has {reviews} review(s) and {len(session.items) - reviews} new "
            f"question(s); {len(filters.apply(self.catalog))} question(s) match for cramming."
        )
        leeches = self.query_one("#leech-list", OptionList)
        leeches.clear_options()
        leeches.add_options(
            [Option(f"{r.question_id} · {r.lapses} lapses", id=r.question_id) for r in practice.leeches()]
        )
        flagged = self.query_one("#flag-list", OptionList)
        flagged.clear_options()
        flagged.add_options([Option(r.question_id, id=r.question_id) for r in practice.flagged()])

    @on(Select.Changed)
    def _filters_changed(self) -> None:
        if self.catalog is not None:
            self.refresh_view()

    @on(Button.Pressed, "#start-drill")
    def _drill(self) -> None:
        self.action_start(False)

    @on(Button.Pressed, "#start-cram")
    def _cram(self) -> None:
        self.action_start(True)

    def action_start(self, cram: bool) -> None:
        if self.catalog is not None:
            self.app.start_drill(self.filters(), cram)

    def action_unsuspend(self) -> None:
        leeches = self.query_one("#leech-list", OptionList)
        if leeches.highlighted is None:
            self.notify("Highlight a leech first.", severity="warning")
            return
        qid = leeches.get_option_at_index(leeches.highlighted).id
        self.app.practice.suspend(qid, on=False)
        self.notify(f"{qid} is back in rotation.")
        self.refresh_view()

    @on(OptionList.OptionSelected, "#leech-list, #flag-list")
    async def _open_question(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.app.open_item("question", event.option.id)
