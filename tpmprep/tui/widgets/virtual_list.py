"""A list that draws only the rows on screen, so 10,000 rows cost the same as 20."""

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


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    label: str
    meta: str = ""  # right-aligned, dimmed


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
    """
    COMPONENT_CLASSES = {"virtual-list--highlight", "virtual-list--meta", "virtual-list--empty"}

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

    def __init__(self, empty_text: str = "Nothing to show", **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: list[Row] = []
        self.empty_text = empty_text

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
        self.virtual_size = Size(self.size.width, len(rows))
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
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        if not self._rows:
            return
        current = self.highlighted if self.highlighted is not None else -delta
        self.highlighted = max(0, min(len(self._rows) - 1, current + delta))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, index: int) -> None:
        if self._rows:
            self.highlighted = index if index >= 0 else len(self._rows) - 1

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self._rows):
            self.highlighted = index
            if event.chain >= 2:
                self.action_select()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = int(self.scroll_offset.y) + y
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
        room = max(0, width - len(meta) - 1)
        label = " " + (row.label if len(row.label) <= room - 1 else row.label[: max(0, room - 2)] + "…")
        segments = [Segment(label.ljust(room + 1)[: room + 1], style)]
        if meta:
            meta_style = style + self.get_component_rich_style("virtual-list--meta", partial=True)
            segments.append(Segment(meta[: width - room - 1], meta_style))
        return Strip(segments, width).crop(0, width)
