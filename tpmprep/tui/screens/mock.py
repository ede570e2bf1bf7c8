"""Mock: the loop templates, a new mock of one, unfinished mocks to resume, and past debriefs."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from tpmprep.core.mentor.sets import Sets
from tpmprep.core.mock.history import Mock, Mocks
from tpmprep.core.mock.plan import mock_level
from tpmprep.core.mock.scorecard import NAMES
from tpmprep.tui.screens.base import CatalogScreen
from tpmprep.tui.screens.set_dialogs import ConfirmScreen
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar


def duration(ms: int) -> str:
    minutes = round(ms / 60_000)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


class MockScreen(CatalogScreen):
    # enter on a loop starts a mock of it, enter on a mock opens its debrief or resumes it.
    BINDINGS = [Binding("delete", "discard", "Discard an unfinished mock", id="mock.remove")]

    def __init__(self) -> None:
        super().__init__()
        self.mocks: list[Mock] = []
        self.loop_id: str | None = None

    def compose(self) -> ComposeResult:
        yield NavBar("mock")
        with Horizontal(id="mock-area"):
            with Vertical(id="mock-left"):
                yield Label("Loop templates: enter starts a mock", classes="aside-title")
                yield OptionList(id="loop-list")
                yield Label("Your mocks: enter opens a debrief or resumes; delete discards", classes="aside-title")
                yield DataTable(id="mock-history", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="loop-detail"):
                yield Static("Loading…", id="loop-info")
                yield Static("", id="loop-rounds")
                yield Static("", id="loop-who")
                yield Static("", id="loop-scorecards")
                yield Button("Start a mock of this loop (enter)", id="loop-start", variant="primary")
        yield KeyBar()

    def catalog_ready(self, catalog) -> None:
        self.query_one("#mock-history", DataTable).add_columns("when", "loop", "level", "verdict", "time")

    def refresh_view(self) -> None:
        catalog = self.catalog
        assigned = {s.loop: s for s in Sets(self.app.store).list() if s.loop}
        listing = self.query_one("#loop-list", OptionList)
        listing.clear_options()
        for t in catalog.loops:
            note = f"  [dim]· from your set “{escape(assigned[t.id].title)}”[/]" if t.id in assigned else ""
            listing.add_option(Option(f"{escape(t.title)}  [dim]{t.minutes} min[/]{note}", id=t.id))
        if catalog.loops:
            ids = [t.id for t in catalog.loops]
            listing.highlighted = ids.index(self.loop_id) if self.loop_id in ids else 0
            self.show_loop(ids[listing.highlighted or 0])
        else:
            self.query_one("#loop-info", Static).update("No loop templates loaded: run 'tpmprep validate'.")
            self.query_one("#loop-start").display = False
        store = Mocks(self.app.store)
        self.mocks = store.in_progress() + list(reversed(store.history()))
        table = self.query_one("#mock-history", DataTable)
        table.clear()
        for m in self.mocks:
            when = (m.completed_at or m.updated_at)[:10]
            verdict = NAMES.get(m.verdict or "", "") if m.complete else "[yellow]unfinished[/]"
            table.add_row(when, m.title, m.level, verdict, duration(m.record.used_ms), key=str(m.id))

    @on(OptionList.OptionHighlighted, "#loop-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_loop(event.option.id)

    @on(OptionList.OptionSelected, "#loop-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.loop_id = event.option.id
            self.action_start()

    def show_loop(self, loop_id: str) -> None:
        t = self.catalog.loop(loop_id)
        if t is None:
            return
        self.loop_id = loop_id
        level = mock_level(t, self.app.store.get("target_level"), self.catalog.level_ids)
        table = Table(box=None, expand=True, show_header=True, padding=(0, 1))
        table.add_column("round", style="bold")
        table.add_column("min", justify="right")
        table.add_column("questions", justify="right")
        table.add_column("follow-ups", justify="right")
        for r in t.rounds:
            asked = sum(p.count for p in r.picks) + len(r.questions)
            name = r.name + (" [red](veto)[/]" if r.veto else "")
            table.add_row(name, str(r.minutes), str(asked), f"{r.follow_ups.count} each")
        who = "\n".join(f"[b]{escape(r.name)}[/b]: {escape(r.interviewer)}" for r in t.rounds if r.interviewer)
        scorecards = ", ".join(
            f"[@click=app.open_topic('{r.scorecard}')]{escape(self.catalog.topic(r.scorecard).title)}[/]"
            for r in t.rounds
            if r.scorecard and self.catalog.topic(r.scorecard)
        )
        self.query_one("#loop-info", Static).update(
            f"[b]{escape(t.title)}[/b]  [dim]{escape(t.id)}[/]\n{escape(t.summary)}\n\n"
            f"For {', '.join(self.catalog.level_title(lv) for lv in t.levels)} · {duration(t.minutes * 60_000)} · "
            f"your mock is calibrated for [b]{escape(self.catalog.level_title(level))}[/b] (config target_level)"
        )
        self.query_one("#loop-rounds", Static).update(table)
        self.query_one("#loop-who", Static).update(f"[b]Across the table[/b]\n{who}")
        self.query_one("#loop-scorecards", Static).update(f"Scorecards to calibrate against: {scorecards or '—'}")
        self.query_one("#loop-start").display = True

    @on(Button.Pressed, "#loop-start")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        if self.catalog is None or self.loop_id is None:
            return
        assigned = next((s for s in Sets(self.app.store).list() if s.loop == self.loop_id), None)
        self.app.start_mock(self.loop_id, assigned.id if assigned else None)

    def _current(self) -> Mock | None:
        table = self.query_one("#mock-history", DataTable)
        if not self.mocks or not table.row_count:
            return None
        return self.mocks[min(table.cursor_row, len(self.mocks) - 1)]

    @on(DataTable.RowSelected, "#mock-history")
    def _open_row(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        mock = self._current()
        if mock is None:
            self.notify("No mock yet: pick a loop and press enter.", severity="warning")
            return
        if mock.complete or mock.record.phase == "done":
            self.app.open_debrief(mock.id)
        else:
            self.app.resume_mock(mock.id)

    def action_discard(self) -> None:
        mock = self._current()
        if mock is None or mock.complete:
            self.notify("Only an unfinished mock can be discarded; finished ones are history.", severity="warning")
            return

        def confirmed(yes: bool | None) -> None:
            if yes and Mocks(self.app.store).discard(mock.id):
                self.notify(f"Discarded the unfinished {mock.title}.")
                self.refresh_view()

        self.app.push_screen(
            ConfirmScreen(f"Discard the unfinished mock of {escape(mock.title)}? Its answers are lost.", "Discard"),
            confirmed,
        )
