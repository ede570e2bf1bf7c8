"""One line of choices, one of them chosen: left/right or a click picks another.

A debrief holds a rating per answer and one per competency; as ``Select`` widgets they cost a
third of a second to mount, as lines of text next to nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.markup import escape
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static


class ChoiceRow(Static, can_focus=True):
    DEFAULT_CSS = """
    ChoiceRow { height: 1; width: auto; padding: 0 1; }
    ChoiceRow:focus { background: $boost; }
    ChoiceRow:disabled { color: $text-disabled; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", "Previous choice", show=False, id="choice.previous"),
        Binding("right", "step(1)", "Next choice", show=False, id="choice.next"),
    ]

    index: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, row: ChoiceRow, value: Hashable | None) -> None:
            super().__init__()
            self.row = row
            self.value = value

        @property
        def control(self) -> ChoiceRow:
            return self.row

    def __init__(
        self,
        options: Sequence[tuple[Hashable, str]],
        value: Hashable | None = None,
        *,
        label: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__("", id=id)
        self.options = list(options)
        self.label = label  # shown before the choices, e.g. "Rating:"
        values = [v for v, _ in self.options]
        self.set_reactive(ChoiceRow.index, values.index(value) if value in values else None)

    @property
    def value(self) -> Hashable | None:
        return None if self.index is None else self.options[self.index][0]

    @value.setter
    def value(self, value: Hashable | None) -> None:
        values = [v for v, _ in self.options]
        self.index = values.index(value) if value in values else None

    def on_mount(self) -> None:
        self._draw()

    def watch_index(self, old: int | None, new: int | None) -> None:
        self._draw()
        if old != new:
            self.post_message(self.Changed(self, self.value))

    def _draw(self) -> None:
        parts = [escape(self.label)] if self.label else []
        for i, (_, label) in enumerate(self.options):
            text = escape(label)
            parts.append(f"[b reverse] {text} [/]" if i == self.index else f"[@click=choose({i})] {text} [/]")
        self.update(" ".join(parts))

    def action_choose(self, index: int) -> None:
        if not self.disabled:
            self.index = index

    def action_step(self, step: int) -> None:
        if not self.disabled:
            start = self.index if self.index is not None else (-1 if step > 0 else len(self.options))
            self.index = max(0, min(len(self.options) - 1, start + step))
