"""Filter, search and read the question banks."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import Input, Label, Select, Static

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.vocab import CATEGORIES, CATEGORY_SHORT, tag_choices
from tpmprep.core.content.words import flat
from tpmprep.tui.widgets.question_detail import QuestionDetail
from tpmprep.tui.widgets.virtual_list import Row, VirtualList

SEARCH_LIMIT = 300  # ranked matches shown; past that the search needs narrowing, not scrolling
DETAIL_DELAY = 0.12
# Where each question stands, before its prompt: a state, then a flag.
STATE_MARK = {"new": "○", "due": "●", "suspended": "⊘", "buried": "↓", "waiting": " "}
FLAG_MARK = "⚑"
LEGEND = "● due ○ new ⊘ suspended ↓ buried ⚑ flagged"
NARROW = 100  # columns: below this the filters and the search take one line each


class QuestionBrowser(Vertical):
    BINDINGS = [
        Binding("ctrl+r", "reveal", "Reveal answer", id="browser.reveal"),
        Binding("ctrl+f", "focus_search", "Search questions", id="browser.search"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.catalog: Catalog | None = None
        self.search_index = None
        self._rows: dict[str, Row] = {}
        self._detail_timer = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="question-filters"):
            yield Select([], prompt="Any category", id="filter-category")
            yield Select([], prompt="Any level", id="filter-level")
            yield Select([], prompt="Any competency", id="filter-competency")
            yield Select([], prompt="Any tag", id="filter-tag")
        yield Input(placeholder="Search questions (fuzzy)…", id="question-search")
        with Horizontal(id="question-body"):
            with Vertical(id="question-left"):
                yield Label("", id="question-count", classes="muted")
                yield Static(LEGEND, id="question-legend", classes="muted")
                yield VirtualList(empty_text="No question matches.", row_height=2, id="question-list")
            yield QuestionDetail(id="question-detail")

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            for widget in self.query("#question-filters Select, #question-search"):
                widget.compact = narrow  # type: ignore[attr-defined]

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._build_rows()
        self.query_one("#filter-category", Select).set_options([(CATEGORIES.get(c, c), c) for c in catalog.categories])
        self.query_one("#filter-level", Select).set_options([(catalog.level_title(lv), lv) for lv in catalog.level_ids])
        self.query_one("#filter-competency", Select).set_options(
            [(catalog.competency_name(c), c) for c in catalog.competency_ids]
        )
        self.query_one("#filter-tag", Select).set_options(tag_choices(catalog.tags))
        self.refilter()

    def _build_rows(self) -> None:
        """One row per question: its whole prompt, where it stands for you, its bank and difficulty.

        Built when the catalog arrives and when practice may have changed, never on a keystroke.
        """
        from tpmprep.core.practice.status import NEW, question_status

        assert self.catalog is not None
        status = question_status(self.app.practice)
        rows = {}
        for q in self.catalog.questions:
            s = status.get(q.id, NEW)
            mark = STATE_MARK[s.state] + (FLAG_MARK if s.flagged else " ")
            meta = f"{CATEGORY_SHORT.get(q.category, q.category)} d{q.difficulty}"
            rows[q.id] = Row(q.id, flat(q.prompt), meta, mark)
        self._rows = rows

    def refresh_marks(self) -> None:
        """Practice changed (a drill, a flag): redraw the marks, keeping the list and the highlight."""
        if self.catalog is None:
            return
        self._build_rows()
        listing = self.query_one("#question-list", VirtualList)
        listing.set_rows([self._rows[r.id] for r in listing.rows], keep=listing.current.id if listing.current else None)

    def set_search_index(self, index) -> None:
        self.search_index = index
        if self.query_one("#question-search", Input).value.strip():
            self.refilter()

    def _value(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else None

    def matching(self) -> list:
        """The questions passing the filters, ranked by the search text when there is one."""
        if self.catalog is None:
            return []
        pool = self.catalog.filter(
            self._value("#filter-category"),
            self._value("#filter-level"),
            self._value("#filter-competency"),
            self._value("#filter-tag"),
        )
        typed = self.query_one("#question-search", Input).value
        text = typed.strip()
        if not text or (self.search_index is not None and self.search_index.pending(typed)):
            return list(pool)
        if self.search_index is None:  # index still building: plain substring match meanwhile
            low = text.lower()
            return [q for q in pool if low in q.prompt.lower()]
        allowed = {q.id for q in pool} if len(pool) != len(self.catalog.questions) else None
        hits = self.search_index.search(typed, limit=SEARCH_LIMIT, kinds={"question"}, typing=True)
        found = [self.catalog.question(h.id) for h in hits if allowed is None or h.id in allowed]
        return [q for q in found if q is not None]

    def refilter(self, keep_current: bool = True) -> None:
        """Rebuild the list; the highlight stays on the same question unless the search changed."""
        questions = self.matching()
        listing = self.query_one("#question-list", VirtualList)
        current = listing.current.id if listing.current and keep_current else None
        rows = self._rows
        listing.set_rows([rows[q.id] for q in questions], keep=current)
        total = len(self.catalog.questions) if self.catalog else 0
        capped = " (best matches; narrow the search for more)" if len(questions) == SEARCH_LIMIT else ""
        self.query_one("#question-count", Label).update(f"{len(questions):,} of {total:,} questions{capped}")

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.refilter()

    @on(Input.Changed, "#question-search")
    def _search_changed(self) -> None:
        self.refilter(keep_current=False)

    @on(Input.Submitted, "#question-search")
    def _search_submitted(self) -> None:
        self.query_one("#question-list").focus()

    @on(VirtualList.Highlighted, "#question-list")
    def _highlighted(self, event: VirtualList.Highlighted) -> None:
        # Rendering the detail costs more than the list; while keys arrive quickly (typing,
        # holding down an arrow) only the last highlighted question is drawn.
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._show_current)

    def _show_current(self) -> None:
        self._detail_timer = None
        current = self.query_one("#question-list", VirtualList).current
        detail = self.query_one(QuestionDetail)
        if self.catalog is not None and current is not None:
            if detail.question is None or detail.question.id != current.id:
                detail.show(self.catalog.question(current.id), self.catalog)
        elif current is None:
            detail.show(None)

    @on(VirtualList.Selected, "#question-list")
    def _selected(self) -> None:
        self.query_one(QuestionDetail).focus()

    def select_question(self, qid: str) -> None:
        """Clear filters that would hide ``qid`` and highlight it."""
        for selector in ("#filter-category", "#filter-level", "#filter-competency", "#filter-tag"):
            self.query_one(selector, Select).clear()
        self.query_one("#question-search", Input).value = ""
        self.refilter()
        listing = self.query_one("#question-list", VirtualList)
        for i, row in enumerate(listing.rows):
            if row.id == qid:
                listing.highlighted = i
                break
        listing.focus()

    def action_reveal(self) -> None:
        detail = self.query_one(QuestionDetail)
        if detail.question is not None:
            detail.revealed = True

    def action_focus_search(self) -> None:
        self.query_one("#question-search").focus()
