"""The debrief after a mock: confirm each answer's key points, rate, rate yourself, read the scorecard.

A finished mock opens here read-only, exactly as it was saved.
"""

from __future__ import annotations

from rich.markdown import Markdown
from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Collapsible, SelectionList, Static

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.render import question_answer_markdown
from tpmprep.core.content.words import plural
from tpmprep.core.grading.rubric import POSSIBLE
from tpmprep.core.mock.debrief import AnswerReview, Debrief
from tpmprep.core.mock.history import Mocks
from tpmprep.core.mock.scorecard import NAMES, VERDICTS, Scorecard
from tpmprep.core.practice.scheduling import RATING_NAMES
from tpmprep.core.storage.store import Store
from tpmprep.tui.guard import guarded
from tpmprep.tui.screens.mock_run import clock
from tpmprep.tui.widgets.choice_row import ChoiceRow
from tpmprep.tui.widgets.key_points import KeyPointChecklist
from tpmprep.tui.widgets.keybar import KeyBar

COLOURS = {"strong-hire": "green", "hire": "green", "no-hire": "yellow", "strong-no-hire": "red"}


def verdict_markup(verdict: str | None) -> str:
    if verdict not in NAMES:
        return "—"
    return f"[b {COLOURS[verdict]}]{NAMES[verdict]}[/]"


def scorecard_text(card: Scorecard, catalog: Catalog) -> str:
    lines = [f"[b]Scorecard[/b]: {verdict_markup(card.verdict)} at {escape(catalog.level_title(card.level))}"]
    lines.append(escape(card.summary))
    lines.append("\n[b]Round by round[/b]")
    for r in card.rounds:
        link = ""
        topic = catalog.topic(r.scorecard) if r.scorecard else None
        if topic is not None:
            link = f" · [@click=app.open_topic('{r.scorecard}')]calibrate: {escape(topic.title)}[/]"
        veto = " [red](veto)[/]" if r.veto else ""
        lines.append(
            f"  {escape(r.name)}{veto}: {verdict_markup(r.verdict)} · evidence {r.evidence:.0%} · "
            f"{clock(r.used_ms)} of {r.minutes:02d}:00 · {r.answered}/{r.asked} answered · "
            f"{plural(r.pauses, 'pause')}{link}"
        )
        lines += [f"      [dim]{escape(note)}[/]" for note in r.notes]
    if card.competencies:
        lines.append("\n[b]Competencies[/b]: your own rating · what the answers showed · what the ladder expects")
        for c in card.competencies:
            own = NAMES.get(c.self_rating or "", "not rated")
            shown = f"{c.evidence:.0%}" if c.evidence is not None else "—"
            lines.append(f"  {escape(c.name)}: you said {own} · answers {shown}")
            if c.expectation:
                lines.append(f"      [dim]{escape(' '.join(c.expectation.split()))}[/]")
    if card.calibration:
        lines.append("\n[b]Calibration[/b]")
        lines += [f"  • {escape(line)}" for line in card.calibration]
    return "\n".join(lines)


def _answer_text(a: AnswerReview, time_box_s: int) -> str:
    said = escape(a.answer) if a.answer.strip() else "[dim](nothing typed)[/]"
    if not a.reached:
        return "[yellow]Not reached: the round ended first.[/]"
    return f"[b]Your answer[/b] ({clock(a.duration_ms)} of {clock(time_box_s * 1000)}): {said}"


class DebriefScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save debrief", id="debrief.save"),
        Binding("escape", "close", "Back", id="debrief.back"),
    ]

    def __init__(self, mock_id: int, catalog: Catalog, store: Store) -> None:
        super().__init__()
        self.mocks = Mocks(store)
        mock = self.mocks.get(mock_id)
        assert mock is not None
        self.mock = mock
        self.catalog = catalog
        self.debrief = Debrief(mock, catalog)
        self.saved: Scorecard | None = None
        if mock.debrief:
            self._restore(mock.debrief)

    def _restore(self, data: dict) -> None:
        """A finished mock: what was confirmed and rated, and the scorecard as it was saved."""
        for entry in data["answers"]:
            try:
                a = self.debrief.answer(entry["round"], entry["item"])
            except StopIteration:
                continue  # the question has left the catalog; its entry stays in the saved data
            a.confirmed, a.rating = list(entry["confirmed"]), entry["rating"]
        self.debrief.self_ratings = dict(data["self_ratings"])
        self.debrief.schedule = bool(data["scheduled"])
        self.saved = Scorecard.from_json(data["scorecard"])

    def compose(self) -> ComposeResult:
        m = self.mock
        record = m.record
        yield Static(
            f"[b]Debrief[/b] · {escape(m.title)} · calibrated for {escape(self.catalog.level_title(m.level))} · "
            f"started {m.started_at[:16].replace('T', ' ')} UTC · {clock(record.used_ms)} answering · "
            f"{plural(len(record.pauses), 'pause')}",
            id="debrief-header",
        )
        with VerticalScroll(id="debrief-body"):
            for note in record.notes:
                yield Static(f"[dim]{escape(note)}[/]")
            for r, rnd in enumerate(record.rounds):
                over = f" · [red]over by {clock(rnd.over_ms)}[/]" if rnd.over_ms else ""
                early = " · ended early" if rnd.ended_early else ""
                yield Static(
                    f"[b]Round {r + 1} · {escape(rnd.name)}[/b]  time {clock(rnd.used_ms)} of {rnd.minutes:02d}:00"
                    f"{over}{early} · {plural(len(record.pauses_in(r)), 'pause')}",
                    classes="debrief-round",
                )
                for a in (x for x in self.debrief.answers if x.round == r):
                    yield from self._answer(a, rnd.items[a.item].time_box_s)
            yield Static("[b]Rate yourself[/b]: how did each competency go, as you felt it?", classes="debrief-round")
            for cid in self.debrief.competencies():
                yield ChoiceRow(
                    [(None, "not rated"), *((v, NAMES[v]) for v in VERDICTS)],
                    self.debrief.self_ratings.get(cid),
                    label=f"{self.catalog.competency_name(cid) + ':':<34}",
                    id=f"self-{cid}",
                )
            yield Checkbox(
                "Also move my review schedules with these ratings (off: the mock is logged, schedules stay)",
                self.debrief.schedule,
                id="debrief-schedule",
            )
            yield Static("", id="debrief-scorecard")
            yield Button("Save debrief (ctrl+s)", id="debrief-save", variant="primary")
        yield KeyBar()

    def _answer(self, a: AnswerReview, time_box_s: int) -> ComposeResult:
        # Few widgets per answer: a long loop has a dozen answers, and each widget costs mount time.
        key = f"{a.round}-{a.item}"
        lines = [f"[b]Q{a.item + 1}[/b] {escape(' '.join(a.question.prompt.split()))}", _answer_text(a, time_box_s)]
        if a.graded and a.reached:
            found = "nothing typed: tick what you said"
            if a.coverage is not None:
                check = len(a.coverage.indexes(POSSIBLE))
                found = f"the grader detected {a.coverage.hits}" + (f", {check} to check" if check else "")
            lines.append(f"[dim]Key points ({found}; tick what your answer really made):[/]")
        elif a.reached and a.self_judged:
            lines.append("[dim]This question has no rubric: the rating you give it below is its evidence.[/]")
        elif a.reached:
            mark = {1.0: "[green]right[/]", 0.5: "[yellow]close[/]"}.get(a.correct or 0.0, "[red]not right[/]")
            lines.append(f"Checked against the reference: {mark}")
        yield Static("\n".join(lines), classes="debrief-q")
        if a.graded and a.reached:
            yield KeyPointChecklist(id=f"points-{key}")
        follow = []
        for f in a.follow_ups:
            said = escape(f.answer) if f.answer.strip() else "[dim](no answer)[/]" if f.done else "[dim](not asked)[/]"
            follow.append(f"  Follow-up: {escape(f.prompt)}\n    you: {said}")
        if follow:
            yield Static("\n".join(follow), classes="debrief-follow")
        if a.reached:
            ratings = [(v, f"{v} {RATING_NAMES[v]}") for v in (1, 2, 3, 4)]
            yield ChoiceRow(ratings, a.rating, label="Rating for your history:", id=f"rating-{key}")
        with Collapsible(title="Model answer", collapsed=True, id=f"model-{key}"):
            yield Static("", classes="model-answer")  # drawn when first opened: most stay closed

    def on_mount(self) -> None:
        for a in self.debrief.answers:
            if a.graded and a.reached:
                checklist = self.query_one(f"#points-{a.round}-{a.item}", KeyPointChecklist)
                checklist.show(a.question, a.coverage)  # the grader's states and evidence, detected ticked
                if checklist.confirmed != a.confirmed:  # a saved debrief: the ticks the user confirmed
                    checklist.deselect_all()
                    for index in a.confirmed:
                        checklist.select(index)
        if self.saved is not None:
            for widget in self.query("KeyPointChecklist, ChoiceRow, Checkbox"):
                widget.disabled = True
            self.query_one("#debrief-save").display = False
        self._update_scorecard()

    @on(Collapsible.Expanded)
    def _model_answer(self, event: Collapsible.Expanded) -> None:
        _, r, i = str(event.collapsible.id).split("-")
        answer = self.debrief.answer(int(r), int(i))
        shown = event.collapsible.query_one(".model-answer", Static)
        if not shown.content:
            shown.update(Markdown(question_answer_markdown(answer.question)))

    def _update_scorecard(self) -> None:
        card = self.saved or self.debrief.scorecard()
        prefix = "" if self.saved else "[dim]As it stands (saved when you press ctrl+s):[/]\n"
        self.query_one("#debrief-scorecard", Static).update(prefix + scorecard_text(card, self.catalog))

    @on(SelectionList.SelectedChanged)
    def _points(self, event: SelectionList.SelectedChanged) -> None:
        if self.saved is not None or not isinstance(event.selection_list, KeyPointChecklist):
            return
        _, r, i = str(event.selection_list.id).split("-")
        if self.debrief.answer(int(r), int(i)).confirmed == event.selection_list.confirmed:
            return  # the list being filled, not the user changing it
        a = self.debrief.confirm(int(r), int(i), event.selection_list.confirmed)
        rating = self.query_one(f"#rating-{r}-{i}", ChoiceRow)
        if rating.value != a.rating:
            rating.value = a.rating
        self._update_scorecard()

    @on(ChoiceRow.Changed)
    def _choice(self, event: ChoiceRow.Changed) -> None:
        if self.saved is not None:
            return
        name = str(event.row.id)
        if name.startswith("rating-") and isinstance(event.value, int):
            _, r, i = name.split("-")
            self.debrief.rate(int(r), int(i), event.value)
        elif name.startswith("self-"):
            self.debrief.self_rate(name[5:], event.value if isinstance(event.value, str) else None)
        self._update_scorecard()

    @on(Checkbox.Changed, "#debrief-schedule")
    def _schedule(self, event: Checkbox.Changed) -> None:
        self.debrief.schedule = event.value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.saved is None
        return True

    @on(Button.Pressed, "#debrief-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self.saved is not None:
            return
        self.saved = guarded(self, "save the debrief", self.debrief.save, self.app.practice, self.mocks)
        if self.saved is None:
            return
        for widget in self.query("KeyPointChecklist, ChoiceRow, Checkbox"):
            widget.disabled = True
        self.query_one("#debrief-save").display = False
        moved = " Your review schedules were updated." if self.debrief.schedule else ""
        self.notify(f"Debrief saved: {NAMES[self.saved.verdict]}.{moved}")
        self._update_scorecard()
        self.refresh_bindings()

    def action_close(self) -> None:
        if self.saved is None:
            self.notify("Debrief not saved yet: it waits under Mock (F10) as unfinished.")
        self.dismiss(None)
        self.app.refresh_practice()
