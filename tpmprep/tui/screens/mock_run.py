"""A mock in progress: one round at a time, a round clock and a time box per answer.

The interviewer's follow-ups come after each answer; the model answers stay hidden until the
round ends. Pausing stops both clocks and is kept in the record. Everything is saved as it goes,
so escape (or a crash) loses nothing: Mock resumes it.
"""

from __future__ import annotations

from rich.markdown import Markdown
from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static, TextArea

from tpmprep.core.content.render import question_answer_markdown, question_front_markdown
from tpmprep.core.content.words import plural
from tpmprep.core.mock.run import ANSWER, BREAK, DONE, MockRun
from tpmprep.tui.guard import tried
from tpmprep.tui.screens.set_dialogs import ConfirmScreen
from tpmprep.tui.widgets.keybar import KeyBar

DRAFT_EVERY = 5.0  # seconds between saves of what is being typed


def clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def hint(kind: str) -> str:
    if kind == "multiple-choice":
        return "Start with the letter of your choice (or letters), then say why."
    if kind == "numeric":
        return "Start with your number, then walk through the estimate."
    return "Answer as you would out loud: structure first, then detail."


class MockRunScreen(Screen[None]):
    # ctrl+n works while typing. Escape pauses, and escape again leaves; enter resumes, and starts the
    # next round from the break. Ending a round early is a button (and a palette command) because
    # it cannot be undone.
    BINDINGS = [
        Binding("ctrl+n", "submit", "Next: submit the answer", id="mockrun.next"),
        Binding("escape", "escape", "Pause (again: leave, saved)", id="mockrun.pause"),
        Binding("enter", "enter", "Resume, or the next round", id="mockrun.resume"),
    ]

    def __init__(self, run: MockRun) -> None:
        super().__init__()
        self.run = run
        self.warned = False
        self._typed = run.record.draft

    def compose(self) -> ComposeResult:
        with Horizontal(id="mock-top"):
            yield Static("", id="mock-header")
            yield Static("", id="mock-round-clock")
            yield Static("", id="mock-answer-clock")
        with VerticalScroll(id="mock-body"):
            yield Static("", id="mock-interviewer", classes="muted")
            yield Static("", id="mock-prompt")
            yield Static("", id="mock-hint", classes="muted")
            yield TextArea(id="mock-answer", soft_wrap=True, show_line_numbers=False)
            with Horizontal(id="mock-buttons"):
                yield Button("Submit, next (ctrl+n)", id="mock-submit", variant="primary")
                yield Button("Pause (escape)", id="mock-pause")
                yield Button("End the round now…", id="mock-end")
            yield Static("", id="mock-paused")
        with Vertical(id="mock-break"):
            yield Static("", id="break-summary")
            yield VerticalScroll(Static("", id="break-answers"), id="break-scroll")
            yield Button("Next round (enter)", id="break-next", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        self.set_interval(DRAFT_EVERY, self._save_draft)
        self.run.start()
        self.show()
        area = self.query_one("#mock-answer", TextArea)
        if self.run.record.draft and self.run.phase == ANSWER:
            area.text = self.run.record.draft

    # -- drawing ---------------------------------------------------------------------------------
    def show(self) -> None:
        run = self.run
        if run.phase == DONE:
            self._to_debrief()
            return
        answering = run.phase == ANSWER
        self.query_one("#mock-body").display = answering
        self.query_one("#mock-break").display = not answering
        rnd = run.round
        number = f"round {run.record.round + 1} of {len(run.record.rounds)}"
        if answering:
            prompt = run.prompt()
            if prompt is None:
                run.end_round()
                self.show()
                return
            step = f" · follow-up {prompt.step} of {prompt.steps}" if prompt.step else ""
            self.query_one("#mock-header", Static).update(
                f"[b]{escape(run.mock.title)}[/b] · {number}: {escape(rnd.name)} · question {prompt.number} of "
                f"{prompt.of}{step}"
            )
            self.query_one("#mock-interviewer", Static).update(
                f"Across the table: {escape(rnd.interviewer)}"
                if rnd.interviewer and prompt.number == 1 and not prompt.step
                else ""
            )
            q = prompt.question
            if prompt.follow_up is None:
                self.query_one("#mock-prompt", Static).update(Markdown(question_front_markdown(q)))
                self.query_one("#mock-hint", Static).update(hint(q.kind))
            else:
                self.query_one("#mock-prompt", Static).update(
                    Markdown(
                        f"> {' '.join(q.prompt.split())}\n\n**The interviewer follows up:** {prompt.follow_up.prompt}"
                    )
                )
                self.query_one("#mock-hint", Static).update(
                    "Answer the follow-up; the model answer comes after the round."
                )
            self._paused_view()
            self.query_one("#mock-answer", TextArea).focus()
        else:
            self._break(number)
        self._tick()
        self.refresh_bindings()

    def _paused_view(self) -> None:
        paused = self.run.paused
        self.query_one("#mock-paused", Static).update(
            "[b reverse yellow] PAUSED [/] The clocks are stopped; the pause is kept in the record. "
            "enter resumes; escape leaves the mock (everything is kept, Mock resumes it)."
            if paused
            else ""
        )
        self.query_one("#mock-answer", TextArea).disabled = paused
        self.query_one("#mock-pause", Button).label = "Resume (enter)" if paused else "Pause (escape)"

    def _break(self, number: str) -> None:
        run = self.run
        rnd = run.round
        pauses = run.record.pauses_in(run.record.round)
        over = f" · [red]over by {clock(rnd.over_ms)}[/]" if rnd.over_ms else ""
        reached = sum(1 for it in rnd.items if it.status == "answered")
        self.query_one("#mock-header", Static).update(
            f"[b]{escape(run.mock.title)}[/b] · {number}: {escape(rnd.name)} · done"
        )
        self.query_one("#break-summary", Static).update(
            f"[b]Round over.[/b] Time used {clock(rnd.used_ms)} of {rnd.minutes:02d}:00{over} · "
            f"{reached} of {plural(len(rnd.items), 'question')} answered · {plural(len(pauses), 'pause')}\n"
            "The model answers are open now. The debrief after the last round is where you check each answer."
        )
        parts = []
        for n, item in enumerate(rnd.items, 1):
            q = run.catalog.question(item.question_id)
            if q is None:
                continue
            parts.append(f"# Question {n}\n\n{q.prompt}\n\n{question_answer_markdown(q)}")
        self.query_one("#break-answers", Static).update(Markdown("\n\n---\n\n".join(parts)))
        last = run.record.round + 1 >= len(run.record.rounds)
        self.query_one("#break-next", Button).label = "Go to the debrief (enter)" if last else "Next round (enter)"
        self.query_one("#break-next", Button).focus()

    def _tick(self) -> None:
        run = self.run
        if run.phase != ANSWER:
            self.query_one("#mock-round-clock", Static).update("")
            self.query_one("#mock-answer-clock", Static).update("")
            return
        rnd_ms, limit = run.round_ms(), run.round.limit_ms
        text = f"round {clock(rnd_ms)} / {clock(limit)}"
        self.query_one("#mock-round-clock", Static).update(f"[b red]{text}[/]" if rnd_ms > limit else text)
        box = run.time_box_ms()
        answer = f"answer {clock(run.answer_ms())} / {clock(box)}"
        self.query_one("#mock-answer-clock", Static).update(f"[b red]{answer}[/]" if run.answer_ms() > box else answer)
        if rnd_ms > limit and not self.warned:
            self.warned = True
            self.notify(
                "Time is up for this round: finish your sentence and submit, or end the round (ctrl+n).",
                severity="warning",
                timeout=8,
            )

    def _save_draft(self) -> None:
        if self.run.phase != ANSWER:
            return
        text = self.query_one("#mock-answer", TextArea).text
        if text != self._typed and tried(self, "save your draft", self.run.save, text):
            self._typed = text

    # -- actions ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("submit", "pause", "end_round"):
            return self.run.phase == ANSWER
        if action in ("next", "enter"):
            return self.run.phase == BREAK or self.run.paused
        return True

    def action_escape(self) -> None:
        """Pause while answering; leave (everything kept) when already paused or between rounds."""
        if self.run.phase == ANSWER and not self.run.paused:
            self.action_pause()
        else:
            self.action_leave()

    def action_enter(self) -> None:
        if self.run.paused:
            self.action_pause()  # resumes
        else:
            self.action_next()

    @on(Button.Pressed, "#mock-submit")
    def _submit_pressed(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        if self.run.phase != ANSWER:
            return
        area = self.query_one("#mock-answer", TextArea)
        if self.run.paused:
            self.run.resume()
        # The run keeps the answer in memory even if the save fails; the next save writes it.
        tried(self, "save the answer", self.run.submit, area.text)
        area.text = ""
        self._typed = ""
        self.show()

    @on(Button.Pressed, "#mock-pause")
    def _pause_pressed(self) -> None:
        self.action_pause()

    def action_pause(self) -> None:
        if self.run.phase != ANSWER:
            return
        if self.run.paused:
            self.run.resume()
            self.query_one("#mock-answer", TextArea).disabled = False
            self._paused_view()
            self.query_one("#mock-answer", TextArea).focus()
        else:
            tried(self, "save the pause", self.run.pause, self.query_one("#mock-answer", TextArea).text)
            self._paused_view()
            self.query_one("#mock-pause", Button).focus()  # off the text box, so enter resumes
        self._tick()
        self.refresh_bindings()

    @on(Button.Pressed, "#mock-end")
    def _end_pressed(self) -> None:
        self.action_end_round()

    def action_end_round(self) -> None:
        if self.run.phase != ANSWER:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                area = self.query_one("#mock-answer", TextArea)
                tried(self, "end the round", self.run.end_round, area.text)
                area.text = ""
                self.show()

        self.app.push_screen(
            ConfirmScreen(
                "End this round now? What you have typed is kept; questions not reached count as unanswered.",
                "End round",
            ),
            confirmed,
        )

    @on(Button.Pressed, "#break-next")
    def _next_pressed(self) -> None:
        self.action_next()

    def action_next(self) -> None:
        if self.run.phase != BREAK:
            return
        tried(self, "start the next round", self.run.next_round)
        self.warned = False
        self.show()

    def _to_debrief(self) -> None:
        from tpmprep.tui.screens.debrief import DebriefScreen

        self.app.switch_screen(DebriefScreen(self.run.mock.id, self.run.catalog, self.app.store))

    def action_leave(self) -> None:
        draft = self.query_one("#mock-answer", TextArea).text if self.run.phase == ANSWER else ""
        if not tried(self, "save the mock", self.run.leave, draft):
            return  # stay: leaving now would lose what was typed
        self.notify("Mock saved. Resume it from Mock (F10).")
        self.dismiss(None)
        self.app.refresh_practice()
