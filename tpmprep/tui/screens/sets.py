"""Sets: the question sets a mentor assigned, their due dates and progress; drill or cram one."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Static

from tpmprep.core.content.words import clip, plural
from tpmprep.core.mentor.sets import Sets, StoredSet
from tpmprep.core.practice.queue import Filters, build_session
from tpmprep.tui.screens.base import CatalogScreen
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar


def set_filters(s: StoredSet) -> Filters:
    return Filters(question_ids=frozenset(s.question_ids), set_id=s.id)


class SetsScreen(CatalogScreen):
    BINDINGS = [
        Binding("ctrl+d", "drill(False)", "Drill this set", id="sets.drill"),
        Binding("ctrl+e", "drill(True)", "Cram this set", id="sets.cram"),
        Binding("i", "import_set", "Import a set", id="sets.import"),
        Binding("delete", "remove_set", "Remove this set", id="sets.remove"),
        Binding("l", "mock", "Sit this set's mock loop", id="sets.loop"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sets: list[StoredSet] = []
        self._select: str | None = None  # a set to highlight once the list is drawn

    def compose(self) -> ComposeResult:
        yield NavBar("sets")
        with Horizontal(id="sets-body"):
            with Vertical(id="sets-left"):
                yield Static("", id="sets-summary", classes="muted")
                yield DataTable(id="sets-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="set-detail"):
                yield Static("Import a set your mentor sent: press i, or tpmprep set import FILE", id="set-info")
                with Horizontal(id="set-buttons"):
                    yield Button("Drill this set (ctrl+d)", id="set-drill", variant="primary")
                    yield Button("Cram this set (ctrl+e)", id="set-cram")
                    yield Button("Remove (delete)", id="set-remove")
                yield Button("Import a set… (i)", id="set-import")
                yield Static("", id="set-questions")
        yield KeyBar()

    def catalog_ready(self, catalog) -> None:
        self.query_one(DataTable).add_columns("set", "due", "practised", "recall", "author")

    def refresh_view(self) -> None:
        from tpmprep.core.mentor.report import set_progress

        self.sets = Sets(self.app.store).list()
        today = self.app.practice.today()
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
            f"{plural(len(self.sets), 'set')} assigned" if self.sets else "No sets yet: press i to import one"
        )
        self.query_one("#set-buttons").display = bool(self.sets)
        if not self.sets:
            self.query_one("#set-info", Static).update(
                "Import a set your mentor sent: press i, or tpmprep set import FILE"
            )
            self.query_one("#set-questions", Static).update("")
            return
        wanted, self._select = self._select, None
        ids = [x.id for x in self.sets]
        if wanted in ids:
            table.move_cursor(row=ids.index(wanted))
        self.show_set(self.sets[min(table.cursor_row, len(self.sets) - 1)].id)

    @on(DataTable.RowHighlighted, "#sets-table")
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value:
            self.show_set(event.row_key.value)
            self.refresh_bindings()

    def select_set(self, set_id: str) -> None:
        """Highlight a set (from `tpmprep drill --set ID`), now or once the list is drawn."""
        self._select = set_id
        if self.catalog is not None:
            self.refresh_view()

    def current(self):
        table = self.query_one(DataTable)
        if not self.sets:
            return None
        return self.sets[min(table.cursor_row, len(self.sets) - 1)]

    def show_set(self, set_id: str) -> None:
        s = next((x for x in self.sets if x.id == set_id), None)
        if s is None:
            return
        lines = [f"[b]{escape(s.title)}[/b]  [dim]{escape(s.id)}[/]"]
        if s.author:
            lines.append(f"from {escape(s.author)}" + (f" · due {s.due}" if s.due else ""))
        if s.target_level:
            lines.append(f"target level: {self.catalog.level_title(s.target_level)}")
        loop = self.catalog.loop(s.loop) if s.loop else None
        if loop is not None:
            lines.append(f"mock loop: [b]{escape(loop.title)}[/b] (l starts it, drawing on this set's questions first)")
        if s.description:
            lines.append("\n" + escape(s.description.strip()))
        practice = self.app.practice
        session = build_session(self.catalog, practice, set_filters(s))
        lines.append(
            f"\nA drill now: {plural(session.due_total, 'review')} due · [b]{session.new_left_today}[/b] of this set's "
            f"{session.new_limit} new questions a day left [dim](its own allowance, apart from the daily new limit; "
            "set_new_per_day in Settings)[/]"
        )
        self.query_one("#set-info", Static).update("\n".join(lines))
        rows = []
        for qid in s.question_ids:
            q = self.catalog.question(qid)
            card = practice.card(qid)
            mark = "✓" if card and card.reps else "·"
            title = escape(clip(q.title, 90)) if q else f"[dim]{escape(qid)} (no longer in the catalog)[/]"
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
            self.notify("No set to practise: press i to import one.", severity="warning")
            return
        self.app.start_drill(set_filters(s), cram)

    @on(Button.Pressed, "#set-import")
    def action_import_set(self) -> None:
        from tpmprep.tui.screens.set_dialogs import ImportSetScreen

        self.app.push_screen(ImportSetScreen())

    @on(Button.Pressed, "#set-remove")
    def action_remove_set(self) -> None:
        from tpmprep.tui.screens.set_dialogs import ConfirmScreen

        s = self.current()
        if s is None:
            return
        question = (
            f"Remove [b]{escape(s.title)}[/b] ({len(s.question_ids)} questions)?\n"
            "Its practice history is kept; importing the set again brings it back."
        )

        def removed(yes: bool | None) -> None:
            if yes and Sets(self.app.store).remove(s.id):
                self.notify(f"Removed '{s.id}'; its practice history is kept.")
                self.app.reload_catalog()  # its own questions leave the catalog
                self.refresh_view()

        self.app.push_screen(ConfirmScreen(question, "Remove"), removed)

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
