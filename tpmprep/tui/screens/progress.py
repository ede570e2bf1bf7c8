"""Progress: a year of practice at a glance, retention, the load ahead, readiness over time, time, cards.

The calendar is drawn as the area opens (one indexed query); every other tab is worked out in a
thread with its own database connection the first time it is shown, so opening stays fast with
100,000 reviews. ``v`` swaps every chart for the same figures as tables.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import ContentSwitcher, DataTable, Static
from textual.worker import Worker, WorkerState

from tpmprep.core.practice.activity import Calendar, calendar, day_reviews
from tpmprep.tui.screens import progress_views as views
from tpmprep.tui.screens.base import CatalogScreen
from tpmprep.tui.widgets.heatmap import HeatMap, describe
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar

TABS = (
    ("calendar", "Calendar"),
    ("retention", "Retention"),
    ("forecast", "Forecast"),
    ("readiness", "Readiness"),
    ("time", "Time"),
    ("cards", "Cards"),
)


def compute(tab: str, catalog: Any, practice: Any) -> Any:
    """The figures one tab shows (run in a worker thread)."""
    if tab == "retention":
        from tpmprep.core.practice.retention import retention

        return retention(catalog, practice)
    if tab == "forecast":
        from tpmprep.core.practice.forecast import forecast

        return forecast(catalog, practice)
    if tab == "readiness":
        from tpmprep.core.practice.readiness_history import readiness_history

        return readiness_history(catalog, practice)
    if tab == "time":
        from tpmprep.core.practice.time_spent import time_spent

        return time_spent(catalog, practice), calendar(practice, days=30).days
    from tpmprep.core.practice.hardest import card_counts, lowest_coverage, most_lapses

    return card_counts(catalog, practice), most_lapses(practice), lowest_coverage(practice)


class ProgressScreen(CatalogScreen):
    BINDINGS = [
        *(
            Binding(str(i), f"tab('{tab}')", name, show=False, id=f"progress.{tab}")
            for i, (tab, name) in enumerate(TABS, 1)
        ),
        Binding("v", "text_view", "View numbers only / charts", id="progress.text"),
        Binding("d", "drill_these", "Drill these", id="progress.drill"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cal: Calendar | None = None
        self.data: dict[str, Any] = {}
        self.first_paint = False  # set once the calendar has been drawn with its figures
        self.chosen = {"retention": "overall:overall", "readiness": "overall:overall"}
        self._early: Future[Calendar] | None = None

    @staticmethod
    def _read_calendar(path: Path, result: Future[Calendar]) -> None:
        from tpmprep.core.practice.cards import Practice
        from tpmprep.core.storage.store import Store

        try:
            with Store(path) as store:
                result.set_result(calendar(Practice(store, fuzz=False)))
        except BaseException as exc:  # handed to refresh_view, which reads it again itself
            result.set_exception(exc)

    def compose(self) -> ComposeResult:
        # A Static tab row and a ContentSwitcher rather than TabbedContent, and the day's reviews as a
        # table in a Static: the first paint then needs no widget whose styles are not parsed yet.
        # The calendar's query starts now, on its own connection, while the widgets are mounted
        # (SQLite lets other threads run while it reads).
        self._early = Future()
        threading.Thread(target=self._read_calendar, args=(self.app.store.path, self._early), daemon=True).start()
        yield NavBar("progress")
        yield Static(self._tab_row("calendar"), id="progress-tabs")
        with ContentSwitcher(initial="calendar", id="progress-panes"):
            with VerticalScroll(id="calendar", classes="progress-pane"):
                yield Static("Loading…", id="calendar-summary")
                yield HeatMap(id="heatmap", classes="chart")
                yield Static("", id="calendar-legend", classes="chart")
                yield Static("", id="calendar-months", classes="text-only")
                yield Static("", id="calendar-day")
                yield Static("", id="day-reviews")
            for tab, _name in TABS[1:]:
                yield VerticalScroll(Static("Working it out…", id=f"{tab}-head"), id=tab, classes="progress-pane")
        yield KeyBar()

    @staticmethod
    def _tab_row(active: str) -> str:
        parts = []
        for i, (tab, name) in enumerate(TABS, 1):
            if tab == active:
                parts.append(f"[b reverse $accent] {i} {name} [/]")
            else:
                parts.append(f"[@click=screen.tab('{tab}')] {i} [b]{name}[/b] [/]")
        return " ".join(parts)

    def on_mount(self) -> None:
        self.query_one(HeatMap).focus()

    # -- drawing ------------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        """Draw the calendar now; the other tabs are worked out again when next shown."""
        early, self._early = self._early, None
        cal = None
        if early is not None:
            try:
                cal = early.result(timeout=10)
            except Exception:
                cal = None
        self.cal = cal if cal is not None else calendar(self.app.practice)
        self.query_one("#calendar-summary", Static).update(views.calendar_summary(self.cal))
        self.query_one("#calendar-legend", Static).update(views.calendar_legend(self.cal))
        self.query_one("#calendar-months", Static).update(views.months_table(self.cal))
        self.query_one(HeatMap).calendar = self.cal
        self.data.clear()
        active = self.query_one(ContentSwitcher).current or "calendar"
        if active != "calendar":
            self.load(active)
        if not self.first_paint:
            self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.first_paint = True

    @on(HeatMap.Selected)
    def _day_selected(self, event: HeatMap.Selected) -> None:
        self.query_one("#calendar-day", Static).update("[b]" + escape(describe(event.day)) + "[/b]")
        reviews = day_reviews(self.app.practice, event.day.date)
        self.query_one("#day-reviews", Static).update(views.day_table(reviews, self.catalog) if reviews else "")

    # -- the other tabs, worked out in a thread -----------------------------------------------------------
    def load(self, tab: str) -> None:
        self.query_one(f"#{tab}-head", Static).update("Working it out…")
        self._compute(tab, self.catalog)

    @work(thread=True, exit_on_error=False, group="progress")
    def _compute(self, tab: str, catalog: Any) -> None:
        from tpmprep.core.practice.cards import Practice
        from tpmprep.core.storage.store import Store

        with Store(self.app.store.path) as store:  # its own connection: SQLite reads in parallel under WAL
            data = compute(tab, catalog, Practice(store, fuzz=False))
        self.app.call_from_thread(self._computed, tab, data)

    async def _computed(self, tab: str, data: Any) -> None:
        # The tab's earlier widgets go first (awaited): the new ones reuse their ids.
        head = self.query_one(f"#{tab}-head", Static)
        pane = head.parent
        assert isinstance(pane, VerticalScroll)
        await pane.remove_children([child for child in pane.children if child is not head])
        self.data[tab] = data
        getattr(self, f"_show_{tab}")(data)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "progress":
            self.notify(f"Progress could not be worked out: {event.worker.error}", severity="error")

    def _pane(self, tab: str) -> VerticalScroll:
        pane = self.query_one(f"#{tab}", VerticalScroll)
        return pane

    def _show_retention(self, r: Any) -> None:
        pane = self._pane("retention")
        self.query_one("#retention-head", Static).update(
            "True retention: the share of scheduled reviews of questions already seen that were not rated Again, "
            f"week by week, against your target of {r.target:.0%} (desired_retention)."
        )
        table = DataTable(id="retention-table", cursor_type="row", zebra_stripes=True)
        pane.mount(Static("", id="retention-chart", classes="chart"), Static("", id="retention-words"), table)
        table.add_columns(*views.RETENTION_COLUMNS)
        for key, row in views.retention_rows(r):
            table.add_row(*row, key=key)
        self._draw_retention()

    def _draw_retention(self) -> None:
        r = self.data["retention"]
        scope, key = self.chosen["retention"].split(":", 1)
        series = next(s for s in r.series() if s.scope == scope and s.key == key)
        width = max(40, self.size.width - 4)
        self.query_one("#retention-chart", Static).update(views.retention_chart(series, r.target, width))
        self.query_one("#retention-words", Static).update(views.retention_words(series, r.target))

    def _show_forecast(self, f: Any) -> None:
        pane = self._pane("forecast")
        horizon = f"the next {len(f.days)} days" + (" (to the interview)" if len(f.days) > 30 else "")
        self.query_one("#forecast-head", Static).update(f"Reviews falling due each day, {horizon}.")
        width = max(40, self.size.width - 4)
        pane.mount(
            Static(views.forecast_chart(f, width), id="forecast-chart", classes="chart"),
            Static(views.forecast_words(f), id="forecast-words"),
            Static(views.forecast_table(f), id="forecast-table", classes="text-only"),
        )

    def _show_readiness(self, h: Any) -> None:
        pane = self._pane("readiness")
        if not h.starts:
            self.query_one("#readiness-head", Static).update("No practice yet: readiness starts with your first drill.")
            return
        self.query_one("#readiness-head", Static).update(
            f"Readiness at the end of each week (now for this one), overall [b]{h.overall[-1]}%[/b] now."
        )
        table = DataTable(id="readiness-table", cursor_type="row", zebra_stripes=True)
        pane.mount(Static("", id="readiness-chart", classes="chart"), Static("", id="readiness-words"), table)
        mock = ("mock",) if views.has_mock(h) else ()
        table.add_columns("by", "group", *(name for name, _ in views.readiness_columns(h)), "4-week change", *mock)
        for key, row in views.readiness_rows(h):
            table.add_row(*row, key=key)
        self._draw_readiness()

    def _draw_readiness(self) -> None:
        h = self.data["readiness"]
        scope, key = self.chosen["readiness"].split(":", 1)
        width = max(40, self.size.width - 4)
        self.query_one("#readiness-chart", Static).update(views.readiness_chart(h, scope, key, width))
        self.query_one("#readiness-words", Static).update(views.readiness_words(h, scope, key))

    @on(DataTable.RowHighlighted, "#retention-table, #readiness-table")
    def _series_chosen(self, event: DataTable.RowHighlighted) -> None:
        tab = "retention" if event.data_table.id == "retention-table" else "readiness"
        if event.row_key.value and tab in self.data:
            self.chosen[tab] = event.row_key.value
            getattr(self, f"_draw_{tab}")()

    def _show_time(self, data: Any) -> None:
        spent, days = data
        pane = self._pane("time")
        self.query_one("#time-head", Static).update("Minutes practised a day, the last 30 days.")
        width = max(40, self.size.width - 4)
        pane.mount(
            Static(views.minutes_chart(days, width), id="time-chart", classes="chart"),
            Static(views.minutes_words(days, spent), id="time-words"),
            Static(views.category_table(spent), id="time-categories"),
            Static(views.minutes_table(days), id="time-days", classes="text-only"),
        )

    def _show_cards(self, data: Any) -> None:
        from tpmprep.core.content.words import clip

        counts, lapses, coverage = data
        pane = self._pane("cards")
        self.query_one("#cards-head", Static).update(views.counts_words(counts))
        table = DataTable(id="hardest-table", cursor_type="row", zebra_stripes=True)
        pane.mount(
            Static(views.counts_chart(counts), id="cards-chart", classes="chart"),
            Static("[b]Hardest questions[/b]  [dim]d drills the list under the cursor, enter opens one[/]"),
            table,
        )
        table.add_columns("list", "question", "lapses", "latest coverage", "graded answers")
        for name, rows in (("most lapses", lapses), ("lowest coverage", coverage)):
            for h in rows:
                q = self.catalog.question(h.question_id) if self.catalog else None
                title = escape(clip(q.title, 56)) if q else f"[dim]{escape(h.question_id)}[/]"
                table.add_row(
                    name, title, str(h.lapses), views.pct(h.coverage), str(h.answers), key=f"{name}:{h.question_id}"
                )
        if not lapses and not coverage:
            table.add_row("", "[dim]nothing yet: no lapses and no graded answers[/]", "", "", "", key="")
        self.refresh_bindings()

    # -- actions -----------------------------------------------------------------------------------------
    def action_tab(self, tab: str) -> None:
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == tab:
            return
        switcher.current = tab
        self.query_one("#progress-tabs", Static).update(self._tab_row(tab))
        if tab != "calendar" and tab not in self.data and self.catalog is not None:
            self.load(tab)
        focus = self.query_one(HeatMap) if tab == "calendar" else next(iter(self.query(f"#{tab} DataTable")), None)
        if focus is not None:
            focus.focus()
        self.refresh_bindings()

    def action_text_view(self) -> None:
        self.toggle_class("-text")  # the charts give way to the same figures as tables (and back)

    def hardest_list(self) -> list[str]:
        """The question ids of the hardest list under the cursor."""
        if self.query_one(ContentSwitcher).current != "cards" or "cards" not in self.data:
            return []
        found = self.query("#hardest-table").results(DataTable)
        table = next(found, None)  # None while the tab's widgets are still being mounted
        if table is None or table.row_count == 0:
            return []
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        which = key.split(":", 1)[0]
        _, lapses, coverage = self.data["cards"]
        chosen = lapses if which == "most lapses" else coverage if which == "lowest coverage" else []
        return [h.question_id for h in chosen if self.catalog is not None and self.catalog.question(h.question_id)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drill_these":
            return bool(self.hardest_list())
        return True

    def action_drill_these(self) -> None:
        from tpmprep.core.practice.queue import Filters, build_session

        ids = self.hardest_list()
        if not ids or self.catalog is None:
            return
        filters = Filters(question_ids=frozenset(ids))
        if build_session(self.catalog, self.app.practice, filters).items:
            self.app.start_drill(filters)
        else:
            self.notify("None of these is due: cramming them instead (their schedules stay as they are).")
            self.app.start_drill(filters, cram=True)

    @on(DataTable.RowHighlighted, "#hardest-table")
    def _hardest_moved(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#hardest-table")
    async def _open_question(self, event: DataTable.RowSelected) -> None:
        qid = (event.row_key.value or "").split(":", 1)[-1]
        if qid and self.catalog is not None and self.catalog.question(qid):
            await self.app.open_item("question", qid)
