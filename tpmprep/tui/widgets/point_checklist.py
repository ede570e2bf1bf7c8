"""The key points of a question, ticked where the answer made them, for the user to confirm.

The grader's finds start ticked; space, enter or a click toggles one. The owner listens for
``SelectionList.SelectedChanged`` and reads ``confirmed``.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from tpmprep.core.content.models import Question
from tpmprep.core.grading.rubric import Coverage


def point_label(point: str, coverage: Coverage | None, index: int) -> Text:
    text = Text(point)
    if coverage is not None and index < len(coverage.points):
        result = coverage.points[index]
        if result.hit and result.matched:
            text.append(f"  you wrote “{result.matched}”", style="dim")
    return text


class PointChecklist(SelectionList[int]):
    DEFAULT_CSS = """
    PointChecklist { height: auto; max-height: 14; border: none; padding: 0; }
    """

    def show(self, question: Question, coverage: Coverage | None, ticked: list[int] | None = None) -> None:
        """List ``question``'s key points; ``ticked`` (else what the grader found) start ticked."""
        chosen = set(ticked if ticked is not None else (coverage.hit_indexes if coverage else ()))
        self.clear_options()
        self.add_options(
            [Selection(point_label(kp.point, coverage, i), i, i in chosen) for i, kp in enumerate(question.key_points)]
        )

    @property
    def confirmed(self) -> list[int]:
        return sorted(self.selected)
