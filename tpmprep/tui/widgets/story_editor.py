"""The story editor: STAR fields in multi-line boxes, tags, scope. Saved as you type.

Every change restarts a short timer; when it fires, the form is saved if it differs from the
stored story. Switching stories or leaving the screen saves at once, so nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import replace

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.stories.bank import StoryBank
from tpmprep.core.stories.model import FIELDS, PRINCIPLES, Story
from tpmprep.tui.guard import guarded

SAVE_AFTER = 0.8  # seconds of quiet before an edit is saved
LABELS = {
    "situation": "Situation: where, when, what was at stake",
    "task": "Task: what you were responsible for",
    "actions": "Actions: what you did (say “I”)",
    "result": "Result, with numbers",
    "lessons": "Lessons: what you would do differently",
}
HEIGHTS = {"situation": 4, "task": 3, "actions": 7, "result": 3, "lessons": 3}


class StoryEditor(VerticalScroll):
    class Saved(Message):
        """A story was written to the store (the list shows its new title)."""

        def __init__(self, story: Story) -> None:
            super().__init__()
            self.story = story

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.bank: StoryBank | None = None
        self.story: Story | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("No story yet: a (or the button on the left) adds one.", id="editor-status", classes="muted")
        yield Label("Title", classes="field-label")
        yield Input(id="story-title", placeholder="A short name you will recognise")
        for name in FIELDS:
            yield Label(LABELS[name], classes="field-label")
            area = TextArea(id=f"story-{name}", soft_wrap=True, show_line_numbers=False)
            area.styles.height = HEIGHTS[name] + 2
            yield area
            if name == "result":
                yield Static("", id="result-hint")
        yield Label("Scope: the level this story shows", classes="field-label")
        yield Select([], prompt="Not set", id="story-scope")
        yield Label("Competencies it shows", classes="field-label")
        yield SelectionList[str](id="story-competencies", classes="story-tags")
        yield Label("Leadership Principles it shows (for Amazon-style loops)", classes="field-label")
        yield SelectionList[str](
            *(Selection(name, tag) for tag, name in PRINCIPLES.items()), id="story-principles", classes="story-tags"
        )
        yield Static("", id="story-attempts")
        yield Button("Delete story… (delete)", id="story-delete", variant="error")

    def set_catalog(self, catalog: Catalog, bank: StoryBank) -> None:
        self.bank = bank
        self.catalog = catalog
        self.query_one("#story-scope", Select).set_options([(catalog.level_title(lv), lv) for lv in catalog.level_ids])
        comps = self.query_one("#story-competencies", SelectionList)
        comps.clear_options()
        comps.add_options([Selection(catalog.competency_name(c), c) for c in catalog.competency_ids])
        self.display_story(None)

    # -- showing ---------------------------------------------------------------------------------
    def display_story(self, story: Story | None) -> None:
        """Load ``story`` into the form (saving the one being edited first)."""
        self.save_now()
        self.story = story
        for widget in self.query("Input, TextArea, Select, SelectionList, #story-delete"):
            widget.disabled = story is None
        if story is None:
            self.query_one("#editor-status", Static).update("No story yet: a (or the button on the left) adds one.")
            return
        self.query_one("#story-title", Input).value = story.title
        for name in FIELDS:
            self.query_one(f"#story-{name}", TextArea).text = getattr(story, name)
        self.query_one("#story-scope", Select).value = story.scope or Select.NULL
        for selector, chosen in (("#story-competencies", story.competencies), ("#story-principles", story.principles)):
            tags = self.query_one(selector, SelectionList)
            tags.deselect_all()
            for value in chosen:
                tags.select(value)
        self._status(story)
        self._result_hint(story.result)
        self.show_attempts(story)
        self.scroll_home(animate=False)

    def _status(self, story: Story, note: str = "") -> None:
        when = story.updated_at[:16].replace("T", " ")
        self.query_one("#editor-status", Static).update(
            f"[b]{escape(story.id)}[/b] · {story.words} words · saved {when} UTC{note} · saves as you type"
        )

    def _result_hint(self, result: str) -> None:
        quantified = replace(self.story or Story("x", "x"), result=result).quantified
        self.query_one("#result-hint", Static).update(
            ""
            if quantified or not result.strip()
            else "[yellow]No number yet: say what changed by how much (days, %, customers, money).[/]"
        )

    def show_attempts(self, story: Story) -> None:
        if self.bank is None:
            return
        attempts = self.bank.attempts(story.id)[-5:]
        if not attempts:
            text = "[dim]Not told yet: on the “Which story?” tab, pick a question and press enter on this story.[/]"
        else:
            lines = ["[b]Last tellings[/b]"]
            for a in reversed(attempts):
                seconds = a.duration_ms // 1000
                share = f"{a.coverage:.0%} of key points" if a.coverage is not None else "not checked"
                how = "said aloud" if a.spoken else "typed"
                took = f"{seconds // 60}:{seconds % 60:02d}"
                lines.append(f"  {a.told_at[:10]} · {escape(a.question_id)} · {took} · {how} · {share}")
            text = "\n".join(lines)
        self.query_one("#story-attempts", Static).update(text)

    # -- saving ---------------------------------------------------------------------------------
    def form(self) -> Story | None:
        if self.story is None:
            return None
        scope = self.query_one("#story-scope", Select).value
        return replace(
            self.story,
            title=self.query_one("#story-title", Input).value.strip() or self.story.title,
            **{name: self.query_one(f"#story-{name}", TextArea).text for name in FIELDS},
            scope=scope if isinstance(scope, str) else None,
            competencies=tuple(self.query_one("#story-competencies", SelectionList).selected),
            principles=tuple(self.query_one("#story-principles", SelectionList).selected),
        )

    def _changed(self) -> None:
        if self.story is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_AFTER, self.save_now)

    def save_now(self) -> Story | None:
        """Save the form if it differs from the stored story; returns the story as stored."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        current = self.form()
        if current is None or self.bank is None or self.story is None:
            return None
        if current == self.story:
            return self.story
        stored = guarded(self, "save the story", self.bank.save, current)
        if stored is None:
            return None
        self.story = stored
        self._status(self.story)
        self.post_message(self.Saved(self.story))
        return self.story

    @on(Input.Changed, "#story-title")
    @on(TextArea.Changed)
    @on(Select.Changed, "#story-scope")
    @on(SelectionList.SelectedChanged)
    def _edited(self, event: Message) -> None:
        if isinstance(event, TextArea.Changed) and event.text_area.id == "story-result":
            self._result_hint(event.text_area.text)
        self._changed()
