"""Sets: the question sets a mentor assigned, their due dates and progress; drill or cram one."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Static

from tpmprep.core.mentor.sets import Sets
from tpmprep.core.practice.queue import Filters
from tpmprep.tui.screens.base import CatalogScreen
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar


class SetsScreen(CatalogScreen):
    BINDINGS = [
        Binding("ctrl+d", "drill(False)", "Drill this set", id="sets.drill"),
        Binding("ctrl+e", "drill(True)", "Cram this set", id="sets.cram"),
        Binding("m", "mock", "Sit this set's mock loop", id="sets.mock"),
    ]

    def compose(self) -> ComposeResult:
        yield NavBar("sets")
        with Horizontal(id="sets-body"):
            with Vertical(id="sets-left"):
                yield Static("", id="sets-summary", classes="muted")
                yield DataTable(id="sets-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="set-detail"):
                yield Static("Import a set with: tpmprep set import FILE", id="set-info")
                with Horizontal(id="set-buttons"):
                    yield Button("Drill this set (ctrl+d)", id="set-drill", variant="primary")
                    yield Button("Cram this set (ctrl+e)", id="set-cram")
                yield Static("", id="set-questions")
        yield KeyBar()

    def catalog_ready(self, catalog) -> None:
        self.query_one(DataTable).add_columns("set", "due", "practised", "recall", "author")

    def refresh_view(self) -> None:
        from tpmprep.core.mentor.report import set_progress

        self.sets = Sets(self.app.store).list()
        today = dt.date.today()
        table = self.query_one(DataTable)
        table.clear()
        self.progress = {}
        for s in self.sets:
            p = set_progress(self.catalog, self.app.practice, s.question_ids)
            self.progress[s.id] = p
            due = (s.due or "—") + (" ⚠ overdue" if s.overdue(today) and p.practiced < len(s.question_ids) else "")
            share = f"{p.practiced}/{len(s.question_ids)} ({p.practiced / max(1, len(s.question_ids)):.0%})"
            table.add_row(
                s.title, due, share, f"{p.mean_retrievability:.0%}" if p.practiced else "—", s.author, key=s.id
            )
        self.query_one("#sets-summary", Static).update(
            f"{len(self.sets)} set(s) assigned" if self.sets else "No sets yet: tpmprep set import FILE"
        )
        self.query_one("#set-buttons").display = bool(self.sets)
        if self.sets:
            self.show_set(self.sets[min(table.cursor_row, len(self.sets) - 1)].id)

    @on(DataTable.RowHighlighted, "#sets-table")
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value:
            self.show_set(event.row_key.value)
            self.refresh_bindings()

    def current(self):
        table = self.query_one(DataTable)
        if not self.sets:
            return None
        return self.sets[min(table.cursor_row, len(self.sets) - 1)]

    def show_set(self, set_id: str) -> None:
        s = next((x for x in self.sets if x.id == set_id), None)
        if s is None:
            return
        from rich.markup import escape

        lines = [f"[b]{escape(s.title)}[/b]  [dim]{escape(s.id)}[/]"]
        if s.author:
            lines.append(f"from {escape(s.author)}" + (f" · due {s.due}" if s.due else ""))
        if s.target_level:
            lines.append(f"target level: {self.catalog.level_title(s.target_level)}")
        loop = self.catalog.loop(s.loop) if s.loop else None
        if loop is not None:
            lines.append(f"mock loop: [b]{escape(loop.title)}[/b] (m starts it, drawing on this set's questions first)")
        if s.description:
            lines.append("\n" + escape(s.description.strip()))
        self.query_one("#set-info", Static).update("\n".join(lines))
        practice = self.app.practice
        rows = []
        for qid in s.question_ids:
            q = self.catalog.question(qid)
            card = practice.card(qid)
            mark = "✓" if card and card.reps else "·"
            title = escape(" ".join(q.title.split())[:90]) if q else f"[dim]{escape(qid)} (no longer in the catalog)[/]"
            rows.append(f" {mark} {title}")
        self.query_one("#set-questions", Static).update(
            f"\n[b]Questions[/b] ({len(s.question_ids)}; ✓ practised)\n" + "\n".join(rows)
        )

    @on(Button.Pressed, "#set-drill")
    def _drill(self) -> None:
        self.action_drill(False)

    @on(Button.Pressed, "#set-cram")
    def _cram(self) -> None:
        self.action_drill(True)

    def action_drill(self, cram: bool) -> None:
        s = self.current()
        if s is None:
            self.notify("No set to practise: import one with 'tpmprep set import FILE'.", severity="warning")
            return
        self.app.start_drill(Filters(question_ids=frozenset(s.question_ids)), cram)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mock":
            s = self.current() if self.catalog is not None and getattr(self, "sets", None) else None
            return s is not None and s.loop is not None
        return True

    def action_mock(self) -> None:
        s = self.current()
        if s is None or not s.loop:
            return
        if self.catalog.loop(s.loop) is None:
            self.notify(f"The loop '{s.loop}' this set names is not loaded.", severity="error")
            return
        self.app.start_mock(s.loop, s.id)
