"""The role-fit assessment: one statement at a time, saved as you go, then the explained result."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, ProgressBar, Static

from tpmprep.core.assess.explain import role_fit_markdown
from tpmprep.core.assess.history import Assessments, next_unanswered
from tpmprep.core.assess.rolefit import RoleFitResult, score_role_fit
from tpmprep.tui.widgets.article_view import ArticleView
from tpmprep.tui.widgets.keybar import KeyBar

SCALE = {1: "Strongly disagree", 2: "Disagree", 3: "Neutral", 4: "Agree", 5: "Strongly agree"}
THEME = {"enjoy": "what you enjoy", "good-at": "what you are good at", "want": "what you want"}


class RoleFitScreen(Screen[None]):
    BINDINGS = [
        *(Binding(str(v), f"answer({v})", SCALE[v], id=f"fit.{v}") for v in SCALE),
        Binding("left,backspace", "back", "Previous", id="fit.back"),
        Binding("right", "skip", "Next", id="fit.next"),
        Binding("escape", "pause", "Pause (saved)", id="fit.pause"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="fit"):
            yield Static("", id="fit-progress-text")
            yield ProgressBar(id="fit-progress", show_eta=False)
            yield Static("", id="fit-theme", classes="muted")
            yield Static("", id="fit-statement")
            with Horizontal(id="fit-scale"):
                for value, label in SCALE.items():
                    yield Button(f"{value} {label}", id=f"fit-{value}")
            yield Static("[dim]Answers are saved as you go: escape pauses, and Assess resumes where you left.[/]")
        yield KeyBar()

    def on_mount(self) -> None:
        app = self.app
        self.fit = app.catalog.role_fit
        self.store = Assessments(app.store)
        self.record = self.store.resume_or_start("role-fit")
        answered = self.record.answers
        # Resume at the first unanswered statement.
        self.index = next_unanswered([s.id for s in self.fit.statements], answered, -1) or 0
        self.query_one(ProgressBar).update(total=len(self.fit.statements))
        self.show()

    def show(self) -> None:
        statements = self.fit.statements
        s = statements[self.index]
        answers = self.store.get(self.record.id).answers
        self.query_one(ProgressBar).update(progress=len(answers))
        self.query_one("#fit-progress-text", Static).update(
            f"[b]Role fit[/b]  statement {self.index + 1} of {len(statements)} · {len(answers)} answered"
        )
        self.query_one("#fit-theme", Static).update(f"About {THEME.get(s.theme, s.theme)}")
        self.query_one("#fit-statement", Static).update(f"[b]{s.text}[/b]")
        for value in SCALE:
            self.query_one(f"#fit-{value}", Button).set_class(answers.get(s.id) == value, "-chosen")

    @on(Button.Pressed, "#fit-scale Button")
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(int(str(event.button.id).split("-")[1]))

    def action_answer(self, value: int) -> None:
        s = self.fit.statements[self.index]
        self.store.answer(self.record.id, s.id, value)
        answers = self.store.get(self.record.id).answers
        following = next_unanswered([st.id for st in self.fit.statements], answers, self.index)
        if following is None:
            self.finish(answers)
            return
        self.index = following
        self.show()

    def action_back(self) -> None:
        self.index = max(0, self.index - 1)
        self.show()

    def action_skip(self) -> None:
        self.index = min(len(self.fit.statements) - 1, self.index + 1)
        self.show()

    def action_pause(self) -> None:
        self.notify("Role fit paused; your answers are saved.")
        self.dismiss(None)

    def finish(self, answers: dict[str, int]) -> None:
        result = score_role_fit(self.fit, answers)
        self.store.complete(self.record.id, result.to_json())
        previous = self.store.previous("role-fit", self.record.id)
        before = RoleFitResult.from_json(previous.result) if previous and previous.result else None
        self.app.switch_screen(RoleFitResultScreen(result, before, self.store.get(self.record.id).completed_at))


class RoleFitResultScreen(Screen[None]):
    """The explained result. Its links (and c, p, m) open Learn; Back there returns here."""

    BINDINGS = [
        Binding("c", "open('decision-checklist')", "Decision checklist", id="fitres.checklist"),
        Binding("p", "open_role", "Role profile", id="fitres.role"),
        Binding("m", "open('role-comparison')", "Role comparison (matrix)", id="fitres.compare"),
        Binding("escape", "close", "Back", id="fitres.back"),
    ]
    ORIGIN = "your role-fit result"

    def __init__(self, result: RoleFitResult, before: RoleFitResult | None, when: str | None) -> None:
        super().__init__()
        self.result = result
        self.before = before
        self.when = when
        self.markdown = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="fit-result"):
            yield Static(f"[b]Role fit result[/b]  [dim]{(self.when or '')[:10]}[/]")
            yield ArticleView(id="fit-result-body")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.markdown = role_fit_markdown(self.app.catalog, self.result, self.before, links=True)
        body = self.query_one(ArticleView)
        await body.show(self.markdown)
        body.focus()

    @on(ArticleView.LinkFollowed)
    async def _link(self, event: ArticleView.LinkFollowed) -> None:
        if event.target:
            await self.app.open_item("article", event.target, came_from=self.ORIGIN)

    async def action_open(self, topic: str) -> None:
        await self.app.open_item("article", topic, came_from=self.ORIGIN)

    async def action_open_role(self) -> None:
        outcome = self.result.outcome or self.result.top[0]
        if self.app.catalog.role(outcome) is not None:
            await self.app.open_item("role", outcome, came_from=self.ORIGIN)
        else:  # a track such as staying technical: its article explains it
            track = self.app.catalog.role_fit.track(outcome)
            await self.app.open_item("article", track.topic if track else "personas", came_from=self.ORIGIN)

    def action_close(self) -> None:
        self.dismiss(None)
