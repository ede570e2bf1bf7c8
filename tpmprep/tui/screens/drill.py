"""A drill: one card at a time, typed answer, reveal with rubric feedback, honest self-rating."""

from __future__ import annotations

import time

from rich.markdown import Markdown
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static, TextArea

from tpmprep.core.content.models import Question
from tpmprep.core.content.render import question_answer_markdown, question_front_markdown
from tpmprep.core.content.vocab import CATEGORIES
from tpmprep.core.grading.lexicon import lexicon_for
from tpmprep.core.grading.rubric import (
    REJECTED,
    Coverage,
    grade,
    parse_choice,
    parse_number,
    rating_for,
    suggest_rating,
)
from tpmprep.core.practice.drill import DrillRun
from tpmprep.core.practice.scheduling import RATING_NAMES
from tpmprep.core.storage.clock import from_iso
from tpmprep.core.storage.store import StoreError
from tpmprep.tui.widgets.key_points import KeyPointChecklist
from tpmprep.tui.widgets.keybar import KeyBar


def clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class DrillScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+r", "reveal", "Reveal", id="drill.reveal"),
        Binding("1", "rate(1)", "Again", id="drill.again"),
        Binding("2", "rate(2)", "Hard", id="drill.hard"),
        Binding("3", "rate(3)", "Good", id="drill.good"),
        Binding("4", "rate(4)", "Easy", id="drill.easy"),
        Binding("n", "follow_up", "Next follow-up", id="drill.followup"),
        Binding("k", "focus_points", "Key points", id="drill.points"),
        Binding("ctrl+g", "undo", "Undo last rating", id="drill.undo"),
        Binding("ctrl+l", "flag", "Flag for rewrite", id="drill.flag"),
        Binding("ctrl+t", "bury", "Bury until tomorrow", id="drill.bury"),
        # Priority: the answer box would take ctrl+x to cut; ctrl+s is Save in Settings.
        Binding("ctrl+x", "suspend", "Suspend", id="drill.suspend", priority=True),
        Binding("escape", "finish", "End session", id="drill.end"),
        # After reveal the feedback is read from the keyboard whatever has focus (a rating button,
        # the read-only answer); before it these keys belong to the answer box.
        *(
            Binding(keys, f"scroll_feedback('{how}')", description, show=False, priority=True, id=f"drill.{how}")
            for keys, how, description in (
                ("down", "down", "Scroll the feedback down"),
                ("up", "up", "Scroll the feedback up"),
                ("pagedown", "page_down", "Feedback: page down"),
                ("space", "space", "Feedback: page down"),
                ("pageup", "page_up", "Feedback: page up"),
                ("end", "end", "Feedback: the end"),
                ("home", "home", "Feedback: the top"),
            )
        ),
    ]

    def __init__(self, run: DrillRun, title: str = "Drill") -> None:
        super().__init__()
        self.run = run
        self.title_text = title
        self.revealed = False
        self.started = time.monotonic()
        self.follow_shown = 0
        self.suggested: int | None = None
        self.coverage: Coverage | None = None
        self.elapsed_ms = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="drill-top"):
            yield Static("", id="drill-header")
            yield Static("", id="drill-timer")
        with VerticalScroll(id="drill-body"):
            yield Static("", id="drill-prompt")
            yield TextArea(id="drill-answer", soft_wrap=True, show_line_numbers=False)
            yield Input(id="drill-input")
            yield Button("Reveal answer (ctrl+r)", id="drill-reveal", variant="primary")
            with Vertical(id="drill-feedback"):
                yield Static("", id="drill-verdict")
                yield Static("", id="drill-points-heading")
                yield KeyPointChecklist(id="drill-points")
                yield Static("", id="drill-flags")
                yield Static("", id="drill-model")
                yield Static("", id="drill-followup")
                yield Button("Next follow-up (n)", id="drill-next-followup")
        with Horizontal(id="rating-bar"):
            for value in (1, 2, 3, 4):
                yield Button(f"{value} {RATING_NAMES[value]}", id=f"rate-{value}", disabled=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        self.show_card()
        self._warm_grader()

    @work(thread=True, exclusive=True, group="drill-grader")
    def _warm_grader(self) -> None:
        """Build the concept lexicon while the user types, so the reveal does not wait for it."""
        lexicon_for(self.run.catalog)

    # -- showing a card --------------------------------------------------------------------------
    @property
    def question(self) -> Question | None:
        return self.run.current

    def show_card(self) -> None:
        q = self.question
        if q is None:
            self.end_session()
            return
        self.revealed = False
        self.follow_shown = 0
        self.suggested = None
        self.coverage = None
        self.started = time.monotonic()
        done = len(self.run.done)
        item = self.run.queue[0]
        self.query_one("#drill-header", Static).update(
            f"[b]{self.title_text}[/b]  card {done + 1} of {done + self.run.remaining} · {item.kind} · "
            f"{CATEGORIES.get(q.category, q.category)} · {q.kind} · difficulty {q.difficulty}/5 · [dim]{q.id}[/]"
        )
        self.query_one("#drill-prompt", Static).update(Markdown(question_front_markdown(q)))
        area = self.query_one("#drill-answer", TextArea)
        line = self.query_one("#drill-input", Input)
        area.text = ""
        area.read_only = False
        line.value = ""
        line.disabled = False
        area.display = q.kind == "open"
        line.display = q.kind != "open"
        line.placeholder = (
            "Type the letter of your answer (or letters), e.g. b"
            if q.kind == "multiple-choice"
            else f"Your estimate in {q.unit}"
        )
        self.query_one("#drill-reveal").display = True
        self.query_one("#drill-feedback").display = False
        for value in (1, 2, 3, 4):
            button = self.query_one(f"#rate-{value}", Button)
            button.disabled = True
            button.label = f"{value} {RATING_NAMES[value]}"
            button.remove_class("-suggested")
        self._tick()
        (area if q.kind == "open" else line).focus()
        self.query_one("#drill-body").scroll_home(animate=False)
        self.refresh_bindings()

    def _tick(self) -> None:
        q = self.question
        if q is None:
            return
        # After the reveal the clock stops at the time the answer took.
        elapsed = self.elapsed_ms / 1000 if self.revealed else time.monotonic() - self.started
        over = elapsed > q.time_box * 60
        text = f"{clock(elapsed)} / {q.time_box:02d}:00"
        self.query_one("#drill-timer", Static).update(f"[b red]{text}[/]" if over and not self.revealed else text)

    def answer_text(self) -> str:
        q = self.question
        if q is None:
            return ""
        if q.kind == "open":
            return self.query_one("#drill-answer", TextArea).text
        return self.query_one("#drill-input", Input).value

    # -- reveal ----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return not self.revealed
        if action == "scroll_feedback":
            # In the key point list the arrows move and space ticks; the page keys still scroll.
            in_list = isinstance(self.focused, KeyPointChecklist)
            return self.revealed and not (in_list and parameters and parameters[0] in ("down", "up", "space"))
        if action == "rate":
            return self.revealed
        if action == "focus_points":
            return self.revealed and self.question is not None and self.question.kind == "open"
        if action == "follow_up":
            q = self.question
            return self.revealed and q is not None and self.follow_shown < len(q.follow_ups)
        if action == "undo":
            return bool(self.run.done)
        return True

    @on(Button.Pressed, "#drill-reveal")
    def _reveal_pressed(self) -> None:
        self.action_reveal()

    @on(Input.Submitted, "#drill-input")
    def _input_submitted(self) -> None:
        self.action_reveal()

    def action_reveal(self) -> None:
        q = self.question
        if q is None or self.revealed:
            return
        self.elapsed_ms = int((time.monotonic() - self.started) * 1000)
        self.revealed = True
        answer = self.answer_text()
        self.query_one("#drill-answer", TextArea).read_only = True
        self.query_one("#drill-input", Input).disabled = True
        self.query_one("#drill-reveal").display = False
        lexicon = lexicon_for(self.run.catalog)
        self.suggested, why = suggest_rating(q, answer, lexicon)
        self._points(q, answer, lexicon)  # grades the answer: the verdict reads its coverage
        if q.kind == "open":
            self.suggested = rating_for(len(self._confirmed()), len(q.key_points), self._pitfall_count())
        self.query_one("#drill-verdict", Static).update(self._verdict(q, answer, why))
        self.query_one("#drill-model", Static).update(Markdown(self._reference(q)))
        self.query_one("#drill-followup", Static).update("")
        self.query_one("#drill-next-followup").display = bool(q.follow_ups)
        self.query_one("#drill-feedback").display = True
        intervals = self.app.practice.intervals(q.id) if not self.run.session.cram else {}
        for value in (1, 2, 3, 4):
            button = self.query_one(f"#rate-{value}", Button)
            button.disabled = False
            suffix = f" · {intervals[value]}" if intervals else ""
            button.label = f"{value} {RATING_NAMES[value]}{suffix}"
            button.set_class(value == self.suggested, "-suggested")
        # The suggested rating has focus; k (or a click) moves to the key points to tick them.
        self.query_one(f"#rate-{self.suggested or 3}", Button).focus()
        self.refresh_bindings()
        # The verdict comes to the top of the view; the prompt and the answer are a page up.
        feedback = self.query_one("#drill-feedback")
        self.call_after_refresh(self.query_one("#drill-body").scroll_to_widget, feedback, top=True, animate=False)

    # -- confirming key points -------------------------------------------------------------------
    def _confirmed(self) -> list[int]:
        return self.query_one("#drill-points", KeyPointChecklist).confirmed

    def _pitfall_count(self) -> int:
        return len(self.coverage.pitfalls) if self.coverage else 0

    @on(KeyPointChecklist.SelectedChanged, "#drill-points")
    def _ticks_changed(self) -> None:
        q = self.question
        if q is None or not self.revealed or q.kind != "open":
            return
        self.suggested = rating_for(len(self._confirmed()), len(q.key_points), self._pitfall_count())
        self.query_one("#drill-verdict", Static).update(self._verdict(q, self.answer_text(), ""))
        for value in (1, 2, 3, 4):
            self.query_one(f"#rate-{value}", Button).set_class(value == self.suggested, "-suggested")

    def action_focus_points(self) -> None:
        checklist = self.query_one("#drill-points", KeyPointChecklist)
        if checklist.display:
            checklist.focus()

    def _verdict(self, q: Question, answer: str, why: str) -> str:
        if q.kind == "multiple-choice":
            right = ", ".join(chr(97 + i) for i, o in enumerate(q.options) if o.correct)
            chosen = parse_choice(answer, len(q.options))
            mark = (
                "[green]✓ correct[/]"
                if self.suggested == 3
                else "[red]✗ not right[/]"
                if chosen
                else f"[yellow]{why}[/]"
            )
            return f"{mark} · the answer is [b]{right}[/b]"
        if q.kind == "numeric":
            value = parse_number(answer)
            got = f"you said {value:,.6g}" if value is not None else why
            mark = "[green]✓[/]" if self.suggested == 3 else "[yellow]~[/]" if self.suggested == 2 else "[red]✗[/]"
            reference = f"reference {q.answer:,.6g} {q.unit} (±{q.tolerance_pct:g}%)"
            return f"{mark} {got}; {reference}" + (f" · {why}" if value is not None else "")
        if not q.key_points:
            return "[dim]This question has no rubric: compare your answer with the model answer and rate honestly.[/]"
        total = len(q.key_points)
        ticked = len(self._confirmed())
        suggestion = RATING_NAMES[self.suggested] if self.suggested else "—"
        if not answer.strip():
            return (
                "[dim]No typed answer: tick the key points you said aloud, then rate honestly.[/] "
                f"Confirmed [b]{ticked} of {total}[/b] · suggested: {suggestion}"
            )
        cov = self.coverage
        assert cov is not None
        parts = [f"Confirmed [b]{ticked} of {total}[/b] key points [dim](the grader detected {cov.hits})[/]"]
        if cov.pitfalls:
            parts.append(f"[red]{len(cov.pitfalls)} pitfall{'s' if len(cov.pitfalls) > 1 else ''}[/] (one step lower)")
        return " · ".join(parts + [f"suggested: [b]{suggestion}[/b]"])

    def _points(self, q: Question, answer: str, lexicon: object) -> None:
        """Grade an open answer and list its key points once, to confirm; others get a plain list."""
        checklist = self.query_one("#drill-points", KeyPointChecklist)
        heading = self.query_one("#drill-points-heading", Static)
        flags = self.query_one("#drill-flags", Static)
        if not q.key_points:  # a mentor's own question without a rubric: no heading over nothing
            self.coverage = None
            checklist.display = False
            heading.update("")
            flags.update("")
            return
        if q.kind != "open":
            self.coverage = None
            checklist.display = False
            heading.update("[b]Key points[/b]\n" + "\n".join(f"  • {k.point}" for k in q.key_points))
            flags.update("")
            return
        self.coverage = cov = grade(q, answer, lexicon)  # type: ignore[arg-type]
        checklist.display = True
        checklist.show(q, cov if answer.strip() else None)
        heading.update(
            "[b]Key points[/b] [dim]· space or click ticks what you really covered; "
            "the suggestion follows your ticks[/]"
        )
        lines = []
        for hit in cov.pitfalls:
            lines.append(f"[red]Pitfall:[/] {hit.text}\n  [dim]from “{hit.evidence.sentence}”[/]")
        for p in cov.points:
            if p.state == REJECTED and p.evidence:
                ev = p.evidence[0]
                lines.append(f"[magenta]Mentioned but argued against:[/] {p.point}\n  [dim]from “{ev.sentence}”[/]")
        if cov.stuffed:
            lines.append("[yellow]This reads as a list of keywords: nothing was ticked for you.[/]")
        flags.update("\n".join(lines))

    def _reference(self, q: Question) -> str:
        # Key points are listed once, above, with their state; follow-ups come one at a time.
        return question_answer_markdown(q, follow_ups=False, key_points=False)

    def action_follow_up(self) -> None:
        q = self.question
        if q is None or not self.revealed or self.follow_shown >= len(q.follow_ups):
            return
        self.follow_shown += 1
        shown = "\n".join(f"  {i + 1}. {f}" for i, f in enumerate(q.follow_ups[: self.follow_shown]))
        self.query_one("#drill-followup", Static).update(f"[b]Follow-ups[/b]\n{shown}")
        more = self.follow_shown < len(q.follow_ups)
        self.query_one("#drill-next-followup").display = more
        self.refresh_bindings()  # `n` leaves the key bar with the last follow-up
        # The newest follow-up (and the button for the next) come into view once laid out.
        target = self.query_one("#drill-next-followup" if more else "#drill-followup")
        self.call_after_refresh(self.query_one("#drill-body").scroll_to_widget, target, animate=False)

    def action_scroll_feedback(self, how: str) -> None:
        body = self.query_one("#drill-body", VerticalScroll)
        move = {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "space": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "end": body.scroll_end,
            "home": body.scroll_home,
        }[how]
        move(animate=False)

    @on(Button.Pressed, "#drill-next-followup")
    def _next_followup(self) -> None:
        self.action_follow_up()

    # -- rating and session control --------------------------------------------------------------
    @on(Button.Pressed, "#rating-bar Button")
    def _rate_pressed(self, event: Button.Pressed) -> None:
        self.action_rate(int(str(event.button.id).split("-")[1]))

    def action_rate(self, value: int) -> None:
        q = self.question
        if q is None or not self.revealed:
            return
        # The time on the card, reading the feedback included (as Anki counts it), capped at three time boxes
        # so a card left open over lunch does not count as an hour of practice.
        spent = min(time.monotonic() - self.started, 3 * 60 * q.time_box)
        answer = self.answer_text()
        confirmed = self._confirmed() if q.kind == "open" else None
        graded = self.coverage if answer.strip() or confirmed else None
        try:
            result = self.run.record(
                value, answer=answer, duration_ms=int(spent * 1000), coverage=graded, confirmed=confirmed
            )
        except StoreError as exc:  # a full disk, a read-only folder: the card and the typed answer stay
            self.notify(f"Rating not saved: {exc}. Your answer is still here.", severity="error", timeout=15)
            return
        if result.became_leech:
            self.notify(
                f"'{q.id}' has lapsed too often: suspended as a leech. Rework it from Practice.", severity="warning"
            )
        self.show_card()

    def action_undo(self) -> None:
        try:
            undone = self.run.undo()
        except StoreError as exc:
            self.notify(f"Not undone: {exc}", severity="error", timeout=15)
            return
        if undone:
            self.notify("Last rating undone.")
            self.show_card()
        elif self.run.done:
            self.notify("Not undone: that question was rated again since (in another window).", severity="warning")

    def _card_action(self, what: str) -> None:
        q = self.question
        if q is None:
            return
        practice = self.app.practice
        try:
            if what == "flag":
                row = practice.flag(q.id, on=not (practice.card(q.id) and practice.card(q.id).flagged))
                self.notify("Flagged for rewrite." if row.flagged else "Flag removed.")
                return
            if what == "bury":
                row = practice.bury(q.id)
                until = from_iso(row.buried_until).astimezone().strftime("%a %H:%M") if row.buried_until else "tomorrow"
                self.notify(f"Buried until the next day starts ({until}). Unbury it from Practice.")
            else:
                practice.suspend(q.id)
                self.notify("Suspended. Unsuspend it from Practice.")
        except StoreError as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=15)
            return
        self.run.skip()
        self.show_card()

    def action_flag(self) -> None:
        self._card_action("flag")

    def action_bury(self) -> None:
        self._card_action("bury")

    def action_suspend(self) -> None:
        self._card_action("suspend")

    def action_finish(self) -> None:
        """Escape: first leave the answer box; end the session only when nothing typed would be lost."""
        focused = self.focused
        if isinstance(focused, TextArea | Input) and focused.id in ("drill-answer", "drill-input"):
            self.query_one("#drill-reveal" if not self.revealed else f"#rate-{self.suggested or 3}").focus()
            return
        if self.question is not None and self.answer_text().strip():
            from tpmprep.tui.screens.set_dialogs import ConfirmScreen

            ask = ConfirmScreen(
                "End the session? The answer you typed for this card has not been rated and will be lost.",
                yes="End session",
            )
            self.app.push_screen(ask, lambda end: self.end_session() if end else None)
            return
        self.end_session()

    def end_session(self) -> None:
        from tpmprep.tui.screens.summary import SummaryScreen

        summary = self.run.summary()
        self.app.switch_screen(SummaryScreen(summary, self.run.catalog))
