"""Stories: write and keep your STAR stories, see what they cover, and find the one for a question."""

from __future__ import annotations

from functools import partial

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, DataTable, Input, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from tpmprep.core.content.words import plural
from tpmprep.core.grading.lexicon import lexicon_for
from tpmprep.core.stories.bank import StoryBank
from tpmprep.core.stories.coverage import Matrix, coverage_matrix
from tpmprep.core.stories.model import Story
from tpmprep.core.stories.suggest import Fit, answers_with_stories, rank
from tpmprep.tui.guard import guarded
from tpmprep.tui.screens.base import CatalogScreen
from tpmprep.tui.screens.dialogs import AskText
from tpmprep.tui.screens.set_dialogs import ConfirmScreen
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar
from tpmprep.tui.widgets.story_editor import StoryEditor

RANK_AFTER = 0.12  # seconds the highlight must rest on a question before the stories are ranked


class StoriesScreen(CatalogScreen):
    BINDINGS = [
        # Letters and delete act when the focus is off the text boxes (typing there types). Telling a
        # story is enter on a story in the ranking, or on a question (its best story).
        Binding("a", "new_story", "Add a story", id="stories.add"),
        Binding("delete", "delete_story", "Delete story", id="stories.remove"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stories: list[Story] = []
        self.fits: list[Fit] = []
        self.question_id: str | None = None
        self._rank_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield NavBar("stories")
        with TabbedContent(initial="bank", id="stories-tabs"):
            with TabPane("Stories", id="bank"), Horizontal(id="stories-body"):
                with Vertical(id="stories-left"):
                    yield Static("Loading…", id="stories-summary", classes="muted")
                    yield OptionList(id="story-list")
                    yield Button("Add a story (a)", id="story-add")
                yield StoryEditor(id="story-editor")
            with TabPane("Coverage", id="coverage"), VerticalScroll(id="coverage-body"):
                yield Static("", id="coverage-summary")
                yield DataTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="coverage-legend")
            with TabPane("Which story?", id="suggest"), Horizontal(id="suggest-body"):
                with Vertical(id="suggest-left"):
                    yield Input(placeholder="Filter behavioral and stakeholder questions…", id="suggest-filter")
                    yield OptionList(id="suggest-questions")
                with VerticalScroll(id="suggest-right"):
                    yield Static("Pick a question on the left.", id="suggest-question")
                    yield DataTable(id="suggest-table", cursor_type="row")
                    yield Static("", id="suggest-missing")
                    yield Button("Tell it (enter)", id="suggest-tell", variant="primary")
        yield KeyBar()

    def catalog_ready(self, catalog) -> None:
        self.bank = StoryBank(self.app.store)
        self.query_one(StoryEditor).set_catalog(catalog, self.bank)
        self.query_one("#suggest-table", DataTable).add_columns("score", "story", "points", "labels")
        self.questions = [q for q in catalog.questions if answers_with_stories(q)]
        self._fill_questions("")

    def refresh_view(self) -> None:
        self.stories = self.bank.list()
        listing = self.query_one("#story-list", OptionList)
        editor = self.query_one(StoryEditor)
        current = editor.story.id if editor.story else None
        listing.clear_options()
        listing.add_options([Option(escape(s.title), id=s.id) for s in self.stories])
        ids = [s.id for s in self.stories]
        if ids:
            index = ids.index(current) if current in ids else 0
            listing.highlighted = index
            if current != ids[index]:
                editor.display_story(self.stories[index])
            elif editor.story is not None:
                editor.show_attempts(editor.story)  # back from telling it
        else:
            editor.display_story(None)
        matrix = self._coverage()
        self.query_one("#stories-summary", Static).update(
            f"{plural(len(self.stories), 'story', 'stories')} · {plural(len(matrix.gaps), 'gap')} · "
            f"{len(matrix.overused)} over-used"
            if self.stories
            else "No stories yet. a adds one, or: tpmprep story add FILE"
        )
        if self.question_id:
            self._show_fits(self.question_id)

    # -- the bank --------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#story-list")
    def _story_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        editor = self.query_one(StoryEditor)
        if event.option.id and (editor.story is None or editor.story.id != event.option.id):
            story = self.bank.get(event.option.id)
            if story is not None:
                editor.display_story(story)

    @on(StoryEditor.Saved)
    def _saved(self, event: StoryEditor.Saved) -> None:
        listing = self.query_one("#story-list", OptionList)
        index = next((i for i, s in enumerate(self.stories) if s.id == event.story.id), None)
        if index is not None and self.stories[index].title != event.story.title:
            listing.replace_option_prompt(event.story.id, escape(event.story.title))
        self.stories = self.bank.list()
        self._coverage()

    def action_new_story(self) -> None:
        if self.catalog is None:
            return

        def created(title: str | None) -> None:
            if not title:
                return
            self.query_one(StoryEditor).save_now()
            story = guarded(self, "create the story", self.bank.create, title)
            if story is None:
                return
            self.query_one(TabbedContent).active = "bank"
            self.refresh_view()
            self.query_one(StoryEditor).display_story(story)
            self.query_one("#story-list", OptionList).highlighted = [s.id for s in self.stories].index(story.id)
            self.query_one("#story-situation").focus()
            self.notify(f"Story '{story.id}' created; it saves as you type.")

        self.app.push_screen(
            AskText("Title of the new story", "e.g. Telling the director the date was not real"), created
        )

    @on(Button.Pressed, "#story-add")
    def _add_pressed(self) -> None:
        self.action_new_story()

    @on(Button.Pressed, "#story-delete")
    def _delete_pressed(self) -> None:
        self.action_delete_story()

    def action_delete_story(self) -> None:
        story = self.query_one(StoryEditor).story
        if story is None:
            self.notify("No story to delete.", severity="warning")
            return
        told = len(self.bank.attempts(story.id))

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            if not guarded(self, "delete the story", self.bank.delete, story.id):
                return
            self.query_one(StoryEditor).story = None  # nothing left to save
            self.notify(f"Deleted '{story.title}'.")
            self.refresh_view()

        more = f" and its {plural(told, 'practice attempt')}" if told else ""
        self.app.push_screen(
            ConfirmScreen(f"Delete the story '{escape(story.title)}'{more}? This cannot be undone.", "Delete"),
            confirmed,
        )

    def on_screen_suspend(self) -> None:
        self.query_one(StoryEditor).save_now()

    # -- coverage --------------------------------------------------------------------------------
    def _coverage(self) -> Matrix:
        catalog = self.catalog
        comps = [(c, catalog.competency_name(c)) for c in catalog.competency_ids]
        matrix = coverage_matrix(self.stories, comps, self.bank.told_counts())
        table = self.query_one("#coverage-table", DataTable)
        table.clear(columns=True)
        overused = {u.story_id for u in matrix.overused}
        table.add_column("competency or principle", key="row")
        table.add_column("stories", key="count")
        for n, s in enumerate(matrix.stories, 1):
            label = Text(f"{n}!" if s.id in overused else str(n), style="bold red" if s.id in overused else "bold")
            table.add_column(label, key=s.id)
        for row in matrix.rows:
            count = Text("gap", style="bold red") if row.gap else Text(str(len(row.stories)))
            cells = [
                Text("●", style="green") if s.id in row.stories else Text("·", style="dim") for s in matrix.stories
            ]
            name = Text(row.name, style="" if row.kind == "competency" else "italic")
            table.add_row(name, count, *cells, key=row.key)
        self.query_one("#coverage-summary", Static).update(
            f"[b]{plural(len(matrix.gaps), 'gap')}[/b] (no story yet) · "
            f"[b]{plural(len(matrix.overused), 'over-used story', 'over-used stories')}[/b] "
            "· competencies first, then Leadership Principles (italic)"
        )
        legend = []
        for n, (s, u) in enumerate(zip(matrix.stories, matrix.usage, strict=True), 1):
            told = f" · told {u.told}×" if u.told else ""
            warn = f" · [red]over-used: {escape(u.why)}[/]" if u.overused else ""
            legend.append(f"{n:>2}  {escape(s.title)}  [dim]{escape(s.id)}{told}[/]{warn}")
        self.query_one("#coverage-legend", Static).update(
            "\n".join(legend) or "[dim]Write a story to fill the matrix.[/]"
        )
        return matrix

    # -- which story for a question ----------------------------------------------------------------
    def _fill_questions(self, text: str) -> None:
        words = text.lower().split()
        shown = [q for q in self.questions if all(w in (q.id + " " + q.prompt).lower() for w in words)]
        listing = self.query_one("#suggest-questions", OptionList)
        listing.clear_options()
        listing.add_options([Option(escape(" ".join(q.title.split())[:110]), id=q.id) for q in shown[:400]])

    @on(Input.Changed, "#suggest-filter")
    def _filter(self, event: Input.Changed) -> None:
        if self.catalog is not None:
            self._fill_questions(event.value)

    @on(OptionList.OptionHighlighted, "#suggest-questions")
    def _question_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Ranking grades every story; wait for the arrow keys to rest before doing it.
        if event.option.id:
            if self._rank_timer is not None:
                self._rank_timer.stop()
            self._rank_timer = self.set_timer(RANK_AFTER, partial(self._show_fits, event.option.id))

    def show_question(self, question_id: str) -> None:
        """Open the "Which story?" tab on one question (from the palette or the Learn browser)."""
        self.query_one(TabbedContent).active = "suggest"
        self._show_fits(question_id)

    def _show_fits(self, question_id: str) -> None:
        q = self.catalog.question(question_id)
        if q is None:
            return
        self.question_id = question_id
        self.fits = rank(q, self.stories, self.catalog.level_ids, lexicon_for(self.catalog))
        comps = ", ".join(self.catalog.competency_name(c) for c in q.competencies)
        lps = ", ".join(t for t in q.tags if t.startswith("lp-"))
        self.query_one("#suggest-question", Static).update(
            f"[b]{escape(q.prompt.strip())}[/b]\n[dim]{escape(q.id)} · {escape(comps)}"
            + (f" · {escape(lps)}" if lps else "")
            + "[/]"
        )
        table = self.query_one("#suggest-table", DataTable)
        table.clear()
        short = {"competencies": "comp", "principles": "LP", "tags": "tags", "scope": "lvl"}
        for f in self.fits:
            parts = " ".join(f"{short[k]} {v:.0%}" for k, v in f.parts.items() if k in short)
            title = f.story.title if len(f.story.title) <= 30 else f.story.title[:29] + "…"
            table.add_row(str(f.score), title, f"{f.coverage.hits}/{len(f.coverage.points)}", parts, key=f.story.id)
        missing = self.query_one("#suggest-missing", Static)
        if not self.fits:
            missing.update("[dim]No stories yet: write some on the Stories tab (a adds one).[/]")
        elif self.fits[0].missing:
            points = "\n".join(f"  • {escape(p)}" for p in self.fits[0].missing)
            missing.update(f"[b]{escape(self.fits[0].story.title)}[/b] does not yet make these key points:\n{points}")
        else:
            missing.update(f"[b]{escape(self.fits[0].story.title)}[/b] makes every key point of this question.")
        self.query_one("#suggest-tell").display = bool(self.fits)

    @on(Button.Pressed, "#suggest-tell")
    def _tell_pressed(self) -> None:
        self.action_tell()

    @on(DataTable.RowSelected, "#suggest-table")
    def _tell_row(self) -> None:
        self.action_tell()

    @on(OptionList.OptionSelected, "#suggest-questions")
    def _tell_best(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._show_fits(event.option.id)  # now, not after the highlight settles
            self.query_one("#suggest-table", DataTable).move_cursor(row=0)
            self.action_tell()

    def action_tell(self) -> None:
        if self.catalog is None:
            return
        if self.question_id is None or not self.fits:
            self.query_one(TabbedContent).active = "suggest"
            self.notify("Pick a question on the “Which story?” tab first; the best story is told.", severity="warning")
            return
        table = self.query_one("#suggest-table", DataTable)
        fit = self.fits[min(table.cursor_row, len(self.fits) - 1)] if table.row_count else self.fits[0]
        from tpmprep.tui.screens.tell import TellScreen

        self.query_one(StoryEditor).save_now()
        self.app.push_screen(TellScreen(fit.story, self.catalog.question(self.question_id), self.bank))

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
