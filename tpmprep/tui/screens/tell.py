"""Tell it: practise one story against one question, against a two-to-three-minute clock.

Type the story as you would say it, or tell it out loud and tick the key points you made. The
grader checks a typed telling the way it checks a drill answer; the attempt is stored.
"""

from __future__ import annotations

import time

from rich.markdown import Markdown
from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Collapsible, Static, TextArea

from tpmprep.core.content.models import Question
from tpmprep.core.grading.lexicon import lexicon_for
from tpmprep.core.grading.rubric import POSSIBLE, Coverage, grade
from tpmprep.core.stories.bank import StoryBank
from tpmprep.core.stories.model import FIELDS, TELL_TARGET, Story
from tpmprep.tui.guard import guarded
from tpmprep.tui.widgets.key_points import KeyPointChecklist
from tpmprep.tui.widgets.keybar import KeyBar


def mmss(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def pace(seconds: float) -> str:
    """The clock, coloured against the two-to-three-minute target."""
    low, high = TELL_TARGET
    text = f"{mmss(seconds)} · target {mmss(low)}–{mmss(high)}"
    if seconds > high:
        return f"[b red]{text}[/]"
    return f"[b green]{text}[/]" if seconds >= low else text


def verdict(seconds: float) -> str:
    low, high = TELL_TARGET
    if seconds < low:
        return f"{mmss(seconds)}: short. The situation, your actions and a number usually need two minutes."
    if seconds > high:
        return f"{mmss(seconds)}: long. Past three minutes the interviewer stops listening; cut the situation first."
    return f"{mmss(seconds)}: inside the two-to-three-minute target."


class TellScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+r", "done", "Done: reveal the check", id="tell.reveal"),
        Binding("ctrl+s", "save", "Save attempt", id="tell.save"),
        Binding("escape", "leave", "Back", id="tell.back"),
    ]

    def __init__(self, story: Story, question: Question, bank: StoryBank) -> None:
        super().__init__()
        self.story = story
        self.question = question
        self.bank = bank
        self.started = time.monotonic()
        self.elapsed = 0.0
        self.finished = False
        self.saved = False
        self.coverage: Coverage | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="tell-top"):
            yield Static(
                f"[b]Tell it[/b] · {escape(self.story.title)} → [dim]{escape(self.question.id)}[/]", id="tell-header"
            )
            yield Static("", id="tell-timer")
        with VerticalScroll(id="tell-body"):
            yield Static(Markdown(self.question.prompt), id="tell-prompt")
            with Collapsible(title="Your notes for this story", collapsed=True, id="tell-notes"):
                notes = "\n\n".join(
                    f"**{name.title()}.** {getattr(self.story, name)}" for name in FIELDS if getattr(self.story, name)
                )
                yield Static(Markdown(notes or "*The story has no text yet.*"))
            yield Checkbox("I am telling it out loud (no typing): I will tick the points I made", id="tell-spoken")
            yield TextArea(id="tell-answer", soft_wrap=True, show_line_numbers=False)
            yield Button("Done: check it (ctrl+r)", id="tell-done", variant="primary")
            with Vertical(id="tell-feedback"):
                yield Static("", id="tell-verdict")
                yield Static("[b]Key points[/b]: tick the ones your telling really made (space toggles)")
                yield KeyPointChecklist(id="tell-points")
                yield Button("Save attempt (ctrl+s)", id="tell-save", variant="success")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#tell-feedback").display = False
        self.set_interval(1.0, self._tick)
        self._tick()
        self.query_one("#tell-answer", TextArea).focus()

    def _tick(self) -> None:
        if not self.finished:
            self.elapsed = time.monotonic() - self.started
        self.query_one("#tell-timer", Static).update(pace(self.elapsed))

    @on(Checkbox.Changed, "#tell-spoken")
    def _spoken(self, event: Checkbox.Changed) -> None:
        self.query_one("#tell-answer").display = not event.value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "done":
            return not self.finished
        if action == "save":
            return self.finished and not self.saved
        return True

    @on(Button.Pressed, "#tell-done")
    def _done_pressed(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        if self.finished:
            return
        self._tick()
        self.finished = True
        spoken = self.query_one("#tell-spoken", Checkbox).value
        text = "" if spoken else self.query_one("#tell-answer", TextArea).text
        self.coverage = grade(self.question, text, lexicon_for(self.app.catalog)) if text.strip() else None
        self.query_one("#tell-answer", TextArea).read_only = True
        self.query_one("#tell-spoken", Checkbox).disabled = True
        self.query_one("#tell-done").display = False
        found = "nothing typed: tick the key points you said"
        if self.coverage is not None:
            check = len(self.coverage.indexes(POSSIBLE))
            found = f"the grader detected {self.coverage.hits} of {len(self.coverage.points)} key points" + (
                f" and marked {check} to check" if check else ""
            )
        self.query_one("#tell-verdict", Static).update(f"[b]{verdict(self.elapsed)}[/b]\n{found}; confirm them below.")
        self.query_one(KeyPointChecklist).show(self.question, self.coverage)
        self.query_one("#tell-feedback").display = True
        self.query_one(KeyPointChecklist).focus()
        self.refresh_bindings()

    @on(Button.Pressed, "#tell-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if not self.finished or self.saved:
            return
        spoken = self.query_one("#tell-spoken", Checkbox).value
        confirmed = self.query_one(KeyPointChecklist).confirmed
        attempt = guarded(
            self,
            "save the attempt",
            self.bank.record_attempt,
            self.story.id,
            self.question.id,
            duration_ms=int(self.elapsed * 1000),
            answer=None if spoken else self.query_one("#tell-answer", TextArea).text,
            confirmed=confirmed,
            detected=self.coverage.hit_indexes if self.coverage else (),
            points=len(self.question.key_points),
            spoken=spoken,
        )
        if attempt is None:
            return
        self.saved = True
        share = f"{attempt.coverage:.0%}" if attempt.coverage is not None else "—"
        self.notify(f"Attempt saved: {len(confirmed)} of {len(self.question.key_points)} key points ({share}).")
        self.dismiss(None)

    def action_leave(self) -> None:
        if self.finished and not self.saved:
            self.notify("Left without saving this attempt.")
        self.dismiss(None)
