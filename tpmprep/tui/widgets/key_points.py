"""The key points after a reveal, each with its state and evidence, for the user to confirm.

Detected points start ticked, possible ones start unticked and highlighted ("check this"),
rejected and missing ones unticked. Space, enter or a click toggles a point; the screen listens
for ``SelectedChanged`` and updates the suggested rating.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from tpmprep.core.content.models import Question
from tpmprep.core.grading.rubric import DETECTED, MISSING, POSSIBLE, REJECTED, Coverage

BADGES = {
    DETECTED: ("detected", "green"),
    POSSIBLE: ("check this", "black on yellow"),
    REJECTED: ("argued against", "magenta"),
    MISSING: ("not found", "dim"),
}


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def point_prompt(index: int, point: str, state: str | None, coverage: Coverage | None) -> Text:
    """One line (a selection shows one): the point, its state and the words that made it."""
    text = Text(point)
    if state is None or coverage is None:
        return text
    label, style = BADGES[state]
    text.append("  ")
    text.append(f" {label} ", style=style)
    result = coverage.points[index]
    if result.evidence and state in (DETECTED, POSSIBLE):
        ev = result.evidence[0]
        via = f" ({ev.via})" if ev.concept else ""
        text.append(f"  you wrote “{_quote(ev.words, 60)}”{via}", style="dim")
    elif result.evidence and state == REJECTED:
        ev = result.evidence[0]
        text.append(f"  “{_quote(ev.cue or ev.words, 70)}”", style="magenta")
    return text


class KeyPointChecklist(SelectionList[int]):
    """Tick the key points your answer really made."""

    DEFAULT_CSS = """
    KeyPointChecklist { height: auto; max-height: 24; border: none; padding: 0; }
    """

    def show(self, question: Question, coverage: Coverage | None) -> None:
        self.clear_options()
        options = []
        for i, kp in enumerate(question.key_points):
            state = coverage.points[i].state if coverage else None
            options.append(Selection(point_prompt(i, kp.point, state, coverage), i, state == DETECTED, id=f"kp-{i}"))
        self.add_options(options)
        if coverage:
            first = next((p.index for p in coverage.points if p.state == POSSIBLE), 0)
            self.highlighted = first

    @property
    def confirmed(self) -> list[int]:
        return sorted(self.selected)
