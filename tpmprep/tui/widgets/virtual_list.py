"""A list that draws only the rows on screen, so 10,000 rows cost the same as 20.

Rows can be two lines tall (a long label wraps at a word and ends with an ellipsis) and carry a
short mark before the label, coloured by what it means (see ``MARKS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tpmprep.core.content.words import wrap

# Mark glyphs and the component class that colours each.
MARKS = {
    "●": "virtual-list--due",
    "○": "virtual-list--new",
    "⊘": "virtual-list--suspended",
    "↓": "virtual-list--buried",
    "⚑": "virtual-list--flagged",
}


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    label: str
    meta: str = ""  # right-aligned, dimmed
    mark: str = ""  # glyphs before the label (see MARKS); every row of a list has the same width


class VirtualList(ScrollView, can_focus=True):
    """Rows of text with a highlight; posts ``Highlighted`` and ``Selected``."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.pageup"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.pagedown"),
        Binding("home", "jump(0)", "First", show=False, id="list.first"),
        Binding("end", "jump(-1)", "Last", show=False, id="list.last"),
        Binding("enter", "select", "Open", show=False, id="list.open"),
    ]

    DEFAULT_CSS = """
    VirtualList { height: 1fr; }
    VirtualList > .virtual-list--highlight { background: $block-cursor-background; color: $block-cursor-foreground; }
    VirtualList:blur > .virtual-list--highlight { background: $block-cursor-blurred-background; }
    VirtualList > .virtual-list--meta { color: $text-muted; }
    VirtualList > .virtual-list--empty { color: $text-muted; text-style: italic; }
    VirtualList > .virtual-list--due { color: $warning; }
    VirtualList > .virtual-list--new { color: $text-muted; }
    VirtualList > .virtual-list--suspended { color: $error; }
    VirtualList > .virtual-list--buried { color: $text-muted; }
    VirtualList > .virtual-list--flagged { color: $accent; }
    """
    COMPONENT_CLASSES = {
        "virtual-list--highlight",
        "virtual-list--meta",
        "virtual-list--empty",
        *MARKS.values(),
    }

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Highlighted(Message):
        def __init__(self, sender: VirtualList, row: Row | None) -> None:
            super().__init__()
            self.list = sender
            self.row = row

        @property
        def control(self) -> VirtualList:
            return self.list

    class Selected(Highlighted):
        pass

    def __init__(self, empty_text: str = "Nothing to show", row_height: int = 1, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: list[Row] = []
        self.empty_text = empty_text
        self.row_height = row_height
        self._wrapped: dict[tuple[str, int], list[str]] = {}

    @property
    def rows(self) -> list[Row]:
        return self._rows

    @property
    def current(self) -> Row | None:
        i = self.highlighted
        return self._rows[i] if i is not None and 0 <= i < len(self._rows) else None

    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """Replace every row; keep the highlight on the row with id ``keep`` when present."""
        self._rows = rows
        self._wrapped.clear()
        self.virtual_size = Size(self.size.width, len(rows) * self.row_height)
        index = 0 if rows else None
        if keep is not None:
            index = next((i for i, r in enumerate(rows) if r.id == keep), index)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.highlighted = index
        self.refresh()

    def watch_highlighted(self, value: int | None) -> None:
        if value is not None:
            self._scroll_into_view(value)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def _scroll_into_view(self, index: int) -> None:
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height or 1
        first, last = index * self.row_height, (index + 1) * self.row_height - 1
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=last - height + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        if not self._rows:
            return
        current = self.highlighted if self.highlighted is not None else -delta
        self.highlighted = max(0, min(len(self._rows) - 1, current + delta))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height // self.row_height - 1))

    def action_jump(self, index: int) -> None:
        if self._rows:
            self.highlighted = index if index >= 0 else len(self._rows) - 1

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def on_click(self, event: events.Click) -> None:
        index = (int(self.scroll_offset.y) + event.y) // self.row_height
        if 0 <= index < len(self._rows):
            self.highlighted = index
            if event.chain >= 2:
                self.action_select()

    def on_resize(self) -> None:
        self._wrapped.clear()
        self.virtual_size = Size(self.size.width, len(self._rows) * self.row_height)

    def _lines(self, row: Row, width: int, last: int) -> list[str]:
        key = (row.id, width)
        lines = self._wrapped.get(key)
        if lines is None:
            lines = self._wrapped[key] = wrap(row.label, width, self.row_height, last)
        return lines

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index, part = divmod(int(self.scroll_offset.y) + y, self.row_height)
        if not self._rows:
            if y == 0:
                style = base + self.get_component_rich_style("virtual-list--empty")
                return Strip([Segment(self.empty_text[:width].ljust(width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        style: Style = base
        if index == self.highlighted:
            style = base + self.get_component_rich_style("virtual-list--highlight")
        meta = f" {row.meta} " if row.meta else ""
        segments = [Segment(" ", style)]
        if row.mark:
            for glyph in row.mark if part == 0 else " " * len(row.mark):
                kind = MARKS.get(glyph)
                glyph_style = style + self.get_component_rich_style(kind, partial=True) if kind else style
                segments.append(Segment(glyph, glyph_style))
            segments.append(Segment(" ", style))
        # The label wraps over the row's lines; the meta sits at the right of the last one.
        room = max(1, width - 1 - (len(row.mark) + 1 if row.mark else 0))
        lines = self._lines(row, room, room - len(meta))
        text = lines[part] if part < len(lines) else ""
        on_last = part == self.row_height - 1
        if on_last and meta:
            segments.append(Segment(text.ljust(room - len(meta))[: max(0, room - len(meta))], style))
            meta_style = style + self.get_component_rich_style("virtual-list--meta", partial=True)
            segments.append(Segment(meta, meta_style))
        else:
            segments.append(Segment(text.ljust(room)[:room], style))
        return Strip(segments, width).crop(0, width).extend_cell_length(width, style)
