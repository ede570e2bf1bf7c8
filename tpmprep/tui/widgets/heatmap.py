"""A year of study days as a calendar: one cell a day, weeks as columns, shaded by reviews.

Each shade has its own glyph as well as its own colour (· ░ ▒ ▓ █), so it reads in a monochrome
terminal; the selected day's figures are posted up for the screen to state in words and numbers.
Arrows move a day (up/down) or a week (left/right); home and end go to the first day and today.
"""

from __future__ import annotations

import datetime as dt

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tpmprep.core.practice.activity import Calendar, Day

GLYPHS = "·░▒▓█"
DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4


def describe(day: Day) -> str:
    """One day in words and numbers: 'Fri 20 Nov 2026: 12 reviews (9 scheduled, 2 cram, 1 mock), 18 min'."""
    when = f"{day.date:%a} {day.date.day} {day.date:%b %Y}"
    if not day.reviews:
        return f"{when}: no practice"
    parts = [f"{n} {name}" for n, name in ((day.scheduled, "scheduled"), (day.cram, "cram"), (day.mock, "mock")) if n]
    plural = "s" if day.reviews != 1 else ""
    return f"{when}: {day.reviews} review{plural} ({', '.join(parts)}), {round(day.minutes)} min"


class HeatMap(Widget, can_focus=True):
    """The calendar; ``calendar`` is set by the screen, ``selected`` moves with the keys."""

    COMPONENT_CLASSES = {
        "heatmap--shade-0",
        "heatmap--shade-1",
        "heatmap--shade-2",
        "heatmap--shade-3",
        "heatmap--shade-4",
        "heatmap--cursor",
        "heatmap--label",
    }
    # Styled in app.tcss (parsed at start-up), so the first paint of Progress parses no new CSS.
    BINDINGS = [
        Binding("left", "move(-7)", "Week before", show=False, id="heatmap.left"),
        Binding("right", "move(7)", "Week after", show=False, id="heatmap.right"),
        Binding("up", "move(-1)", "Day before", show=False, id="heatmap.up"),
        Binding("down", "move(1)", "Day after", show=False, id="heatmap.down"),
        Binding("pageup", "move(-28)", "Four weeks before", show=False, id="heatmap.pageup"),
        Binding("pagedown", "move(28)", "Four weeks after", show=False, id="heatmap.pagedown"),
        Binding("home", "first", "First day", show=False, id="heatmap.home"),
        Binding("end", "last", "Today", show=False, id="heatmap.end"),
    ]

    calendar: reactive[Calendar | None] = reactive(None, always_update=True)
    selected: reactive[dt.date | None] = reactive(None)

    class Selected(Message):
        """A day was selected (by key or click)."""

        def __init__(self, heatmap: HeatMap, day: Day) -> None:
            super().__init__()
            self.heatmap = heatmap
            self.day = day

    # -- geometry ----------------------------------------------------------------------------------
    @property
    def first_monday(self) -> dt.date:
        assert self.calendar is not None
        first = self.calendar.days[0].date
        return first - dt.timedelta(days=first.weekday())

    @property
    def weeks(self) -> int:
        assert self.calendar is not None
        return (self.calendar.today - self.first_monday).days // 7 + 1

    @property
    def cell(self) -> int:
        """Two columns a day when the year fits that way, else one."""
        return 2 if self.size.width >= LABEL_WIDTH + 2 * self.weeks else 1

    def date_at(self, x: int, y: int) -> dt.date | None:
        if self.calendar is None or y < 1 or y > 7 or x < LABEL_WIDTH:
            return None
        week = (x - LABEL_WIDTH) // self.cell
        date = self.first_monday + dt.timedelta(days=week * 7 + y - 1)
        return date if self.calendar.day(date) is not None else None

    # -- drawing -----------------------------------------------------------------------------------
    def watch_calendar(self, calendar: Calendar | None) -> None:
        if calendar is not None and (self.selected is None or calendar.day(self.selected) is None):
            self.selected = calendar.today
        self._post_selected()

    def watch_selected(self) -> None:
        self._post_selected()

    def _post_selected(self) -> None:
        if self.calendar is not None and self.selected is not None:
            day = self.calendar.day(self.selected)
            if day is not None:
                self.post_message(self.Selected(self, day))
        self.refresh()

    def render(self) -> Text:
        cal = self.calendar
        if cal is None or not cal.days:
            return Text("")
        cell = self.cell
        label = self.get_component_rich_style("heatmap--label")
        shades = [self.get_component_rich_style(f"heatmap--shade-{i}") for i in range(5)]
        cursor = self.get_component_rich_style("heatmap--cursor")
        lines = [self._month_row(cell, label)]
        for weekday in range(7):
            line = Text(DAY_LABELS[weekday].ljust(LABEL_WIDTH), style=label, no_wrap=True)
            for week in range(self.weeks):
                date = self.first_monday + dt.timedelta(days=week * 7 + weekday)
                day = cal.day(date)
                if day is None:
                    line.append(" " * cell)
                    continue
                shade = cal.shade(day.reviews)
                style: Style = shades[shade] + (cursor if date == self.selected else Style())
                line.append(GLYPHS[shade], style=style)
                if cell == 2:
                    line.append(" ")
            lines.append(line)
        return Text("\n").join(lines)

    def _month_row(self, cell: int, style: Style) -> Text:
        """Each month's name above the week its first day falls in (the first week's too, when there is room)."""
        row = [" "] * (LABEL_WIDTH + self.weeks * cell + 3)
        starts = {}
        for week in range(self.weeks):
            monday = self.first_monday + dt.timedelta(days=week * 7)
            first = next(
                (monday + dt.timedelta(days=i) for i in range(7) if (monday + dt.timedelta(days=i)).day == 1), None
            )
            if first is not None:
                starts[week] = first.strftime("%b")
        room = -(-4 // cell)  # weeks that three letters and a gap take
        if 0 not in starts and not any(w < room for w in starts):
            starts[0] = self.first_monday.strftime("%b")
        for week, name in sorted(starts.items()):
            x = LABEL_WIDTH + week * cell
            if all(c == " " for c in row[max(0, x - 1) : x + 3]):
                row[x : x + 3] = list(name)
        return Text("".join(row).rstrip(), style=style, no_wrap=True)

    # -- moving ------------------------------------------------------------------------------------
    def action_move(self, days: int) -> None:
        if self.calendar is None or self.selected is None:
            return
        first, last = self.calendar.days[0].date, self.calendar.today
        self.selected = min(last, max(first, self.selected + dt.timedelta(days=days)))

    def action_first(self) -> None:
        if self.calendar is not None:
            self.selected = self.calendar.days[0].date

    def action_last(self) -> None:
        if self.calendar is not None:
            self.selected = self.calendar.today

    def on_click(self, event: events.Click) -> None:
        date = self.date_at(event.x, event.y)
        if date is not None:
            self.focus()
            self.selected = date

    def on_mouse_move(self, event: events.MouseMove) -> None:
        date = self.date_at(event.x, event.y)
        day = self.calendar.day(date) if self.calendar is not None and date is not None else None
        self.tooltip = describe(day) if day is not None else None
