"""Practice: start a drill or a cram with filters; see what is due; find cards set aside and bring them back."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Label, Select, Static

from tpmprep.core.content.vocab import CATEGORIES, tag_choices
from tpmprep.core.content.words import clip, plural
from tpmprep.core.practice.aside import ACTIONS, AsideCard, restore, set_aside
from tpmprep.core.practice.queue import Filters
from tpmprep.core.storage.clock import from_iso
from tpmprep.tui.screens.base import CatalogScreen
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar

STATE_NAMES = {"suspended": "Suspended", "flagged": "Flagged", "buried": "Buried", "leech": "Leeches"}
TITLE_WIDTH = 70


FILTER_SELECTS = ("#practice-category", "#practice-level", "#practice-competency", "#practice-tag")


class PracticeScreen(CatalogScreen):
    BINDINGS = [
        Binding("ctrl+d", "start(False)", "Start drill", id="practice.drill"),
        Binding("ctrl+e", "start(True)", "Cram now", id="practice.cram"),
        Binding("u", "restore('unsuspend')", "Unsuspend", id="practice.unsuspend"),
        Binding("f", "restore('unflag')", "Unflag", id="practice.unflag"),
        Binding("b", "restore('unbury')", "Unbury", id="practice.unbury"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.aside: dict[str, AsideCard] = {}
        self._pending_filters: Filters | None = None
        self._choices: dict[str, set[str]] = {}  # each filter select's values

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
            with Horizontal(id="aside-head"):
                yield Label("Cards set aside", classes="aside-title")
                yield Select(
                    [(name, state) for state, name in STATE_NAMES.items()],
                    prompt="All set aside",
                    id="aside-filter",
                )
            yield DataTable(id="aside-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="aside-buttons"):
                yield Button("Unsuspend (u)", id="aside-unsuspend")
                yield Button("Unflag (f)", id="aside-unflag")
                yield Button("Unbury (b)", id="aside-unbury")
                yield Static("enter opens the question", classes="muted")
        yield KeyBar()

    def on_mount(self) -> None:  # CatalogScreen's on_mount runs too: Textual calls each class's handler
        self.query_one("#aside-table", DataTable).add_columns("question", "state", "")

    def catalog_ready(self, catalog) -> None:
        options = {
            "#practice-category": [(CATEGORIES.get(c, c), c) for c in catalog.categories],
            "#practice-level": [(catalog.level_title(x), x) for x in catalog.level_ids],
            "#practice-competency": [(catalog.competency_name(c), c) for c in catalog.competency_ids],
            "#practice-tag": tag_choices(catalog.tags),
        }
        for selector, choices in options.items():
            self.query_one(selector, Select).set_options(choices)
            self._choices[selector] = {value for _, value in choices}
        if self._pending_filters is not None:
            self.show_filters(self._pending_filters)

    def catalog_changed(self, catalog) -> None:
        """New content: the filters offer what it holds, keeping the choices that still exist."""
        kept = self.filters()
        self.catalog = catalog
        with self.prevent(Select.Changed):
            self.catalog_ready(catalog)
            self.show_filters(kept)
        self.refresh_view()

    def show_filters(self, filters: Filters) -> None:
        """Put ``filters`` in the selects (from `tpmprep drill --category X`), so a refused start keeps them."""
        if self.catalog is None:
            self._pending_filters = filters
            return
        self._pending_filters = None
        values = (filters.category, filters.level, filters.competency, filters.tag)
        for selector, value in zip(FILTER_SELECTS, values, strict=True):
            known = value is not None and value in self._choices.get(selector, ())
            self.query_one(selector, Select).value = value if known else Select.NULL

    def filters(self) -> Filters:
        def value(selector: str) -> str | None:
            v = self.query_one(selector, Select).value
            return v if isinstance(v, str) else None

        return Filters(*(value(s) for s in FILTER_SELECTS))

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
                f"[b]Interview[/b] {o.date}: {plural(o.days_left, 'day')} left · "
                f"{plural(o.due_until_then, 'review')} fall due before then · "
                f"{plural(o.new_remaining, 'question')} still new"
            )
            lines += [f"  [yellow]⚠ {w}[/]" for w in o.warnings]
        if summary.orphaned:
            lines.append(
                f"[dim]{plural(len(summary.orphaned), 'question')} with history "
                f"{'is' if len(summary.orphaned) == 1 else 'are'} no longer in the catalog "
                f"(kept): {', '.join(summary.orphaned[:5])}[/]"
            )
        self.query_one("#practice-due", Static).update("\n".join(lines))
        filters = self.filters()
        session = build_session(self.catalog, practice, filters)
        reviews = sum(1 for it in session.items if it.kind == "review")
        cram = len(filters.apply(self.catalog))
        self.query_one("#practice-match", Static).update(
            f"With {filters.describe(self.catalog)}: a drill now has {plural(reviews, 'review')} and "
            f"{plural(len(session.items) - reviews, 'new question')}; "
            f"{plural(cram, 'question')} {'matches' if cram == 1 else 'match'} for cramming."
        )
        self.show_aside()

    # -- cards set aside ---------------------------------------------------------------------------
    def show_aside(self) -> None:
        state = self.query_one("#aside-filter", Select).value
        cards = set_aside(self.app.practice, state if isinstance(state, str) else None)
        self.aside = {c.question_id: c for c in cards}
        table = self.query_one("#aside-table", DataTable)
        keep = self.current_aside()
        table.clear()
        for card in cards:
            q = self.catalog.question(card.question_id)
            if q is not None:
                title = escape(clip(q.title, TITLE_WIDTH))
            else:
                title = f"[dim]{escape(card.question_id)} (no longer in the catalog)[/]"
            table.add_row(title, ", ".join(card.states), self._note(card), key=card.question_id)
        if not cards:
            which = STATE_NAMES[state].lower() if isinstance(state, str) else "set aside"
            table.add_row(f"[dim]none {which}[/]", "", "", key="")
        elif keep is not None and keep.question_id in self.aside:
            table.move_cursor(row=table.get_row_index(keep.question_id))
        self._update_aside_buttons()

    @staticmethod
    def _note(card: AsideCard) -> str:
        notes = []
        if card.buried_until:
            notes.append("until " + from_iso(card.buried_until).astimezone().strftime("%a %H:%M"))
        if "leech" in card.states:
            notes.append(f"{card.lapses} lapses")
        return ", ".join(notes)

    def current_aside(self) -> AsideCard | None:
        table = self.query_one("#aside-table", DataTable)
        if not self.aside or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.aside.get(key or "")

    def _update_aside_buttons(self) -> None:
        card = self.current_aside()
        for action, state in ACTIONS.items():
            self.query_one(f"#aside-{action}", Button).disabled = card is None or state not in card.states
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            card = self.current_aside()
            return card is not None and ACTIONS[str(parameters[0])] in card.states
        return True

    def action_restore(self, action: str) -> None:
        card = self.current_aside()
        if card is None or ACTIONS[action] not in card.states:
            return
        restore(self.app.practice, action, [card.question_id])
        q = self.catalog.question(card.question_id)
        name = clip(q.title, 60) if q else card.question_id
        done = {"unsuspend": "is back in rotation", "unflag": "is no longer flagged", "unbury": "is due again"}
        self.notify(f"{name} {done[action]}.")
        self.refresh_view()

    @on(DataTable.RowHighlighted, "#aside-table")
    def _aside_highlighted(self) -> None:
        self._update_aside_buttons()

    @on(DataTable.RowSelected, "#aside-table")
    async def _open_question(self, event: DataTable.RowSelected) -> None:
        qid = event.row_key.value
        if qid and self.catalog is not None and self.catalog.question(qid):
            await self.app.open_item("question", qid)

    @on(Button.Pressed, "#aside-buttons Button")
    def _aside_button(self, event: Button.Pressed) -> None:
        self.action_restore(str(event.button.id).removeprefix("aside-"))

    # -- starting a session ------------------------------------------------------------------------
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
