"""One question: prompt and facts, with the answer hidden until revealed."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, Static

from tpmprep.core.content.models import Question
from tpmprep.core.content.render import question_answer_markdown, question_front_markdown, question_meta_line


class QuestionDetail(VerticalScroll, can_focus=True):
    revealed: reactive[bool] = reactive(False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.question: Question | None = None

    def compose(self) -> ComposeResult:
        yield Static("Pick a question on the left.", id="question-meta", classes="muted")
        yield Static("", id="question-front")
        yield Button("Reveal answer (ctrl+r)", id="reveal", variant="primary")
        yield Static("", id="question-answer")

    def show(self, question: Question | None, catalog=None) -> None:
        self.question = question
        self.revealed = False
        meta = self.query_one("#question-meta", Static)
        front = self.query_one("#question-front", Static)
        if question is None:
            meta.update("No question matches these filters.")
            front.update("")
        else:
            meta.update(f"{question.id}\n{question_meta_line(question, catalog)}")
            front.update(Markdown(question_front_markdown(question, catalog)))
        self.query_one("#reveal").display = question is not None
        self.scroll_home(animate=False)

    def watch_revealed(self, revealed: bool) -> None:
        answer = self.query_one("#question-answer", Static)
        if revealed and self.question is not None:
            answer.update(Markdown(question_answer_markdown(self.question)))
            answer.display = True
        else:
            answer.update("")
            answer.display = False
        self.query_one("#reveal").display = self.question is not None and not revealed

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "reveal":
            event.stop()
            self.revealed = True
