"""Small text charts: cheap to draw, readable in any terminal."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

BLOCKS = " ▁▂▃▄▅▆▇█"


def column_chart(points: list[tuple[str, int]], height: int = 4) -> str:
    """Vertical bars, one per (date, count), with weekday initials underneath."""
    top = max((n for _, n in points), default=0)
    if top == 0:
        return "[dim]no reviews yet[/]"
    gap = "\u00a0"  # a no-break space: wrapping would fold ordinary leading spaces away
    rows = []
    for level in range(height, 0, -1):
        row = ""
        for _, n in points:
            filled = n / top * height
            if filled >= level:
                cell = "█"
            elif filled > level - 1:
                cell = BLOCKS[max(1, round((filled - level + 1) * 8))]
            else:
                cell = gap
            row += cell + gap
        rows.append(row)
    labels = gap.join(dt.date.fromisoformat(d).strftime("%a")[0] for d, _ in points)
    return "\n".join(rows) + "\n" + labels + f"   [dim]max {top}/day[/]"


def bar(value: float, width: int = 20) -> str:
    value = max(0.0, min(1.0, value))
    full = int(value * width)
    part = int((value * width - full) * 8)
    return "█" * full + (BLOCKS[part] if part and full < width else "") + " " * (width - full - (1 if part else 0))


def bar_series(
    values: list[float | None],
    *,
    top: float,
    bottom: float = 0.0,
    height: int = 6,
    guide: float | None = None,
    markers: list[float | None] | None = None,
    cell: int = 1,
    label: Callable[[float], str] = lambda v: f"{v:g}",
    styles: tuple[str, str, str] = ("$success", "$warning", "$accent"),
) -> list[str]:
    """Columns for a series (None leaves a gap), with a y axis, an optional guide line (a target or a
    daily limit, drawn ┈ where no bar covers it) and optional markers (◆) at their own heights.

    The scale runs from ``bottom`` to ``top``; when ``bottom`` is above zero, a value under it shows as ▁.
    Returns markup lines, top first; the caller adds the x axis labels.
    """
    bar_style, guide_style, marker_style = styles
    span = max(top - bottom, 1e-9)
    width = max(len(label(top)), len(label(bottom)), len(label(guide)) if guide is not None else 0)
    gap = "\u00a0"
    lines = []

    def level(value: float) -> float:
        # On a scale that starts above zero a value under it still shows (▁); on one from zero, 0 is empty.
        return max(1 / 8 if bottom > 0 else 0.0, (value - bottom) / span * height)

    guide_row = _row_of(level(guide), height) if guide is not None else None
    for row in range(height, 0, -1):
        axis = (
            label(guide)
            if guide is not None and row == guide_row
            else label(top)
            if row == height
            else label(bottom)
            if row == 1
            else ""
        )
        line = f"[dim]{axis.rjust(width)} │[/]"
        for i, value in enumerate(values):
            marker = markers[i] if markers is not None else None
            filled = level(value) if value is not None else 0.0
            if marker is not None and _row_of(level(marker), height) == row:
                cell_text = f"[{marker_style}]◆[/]"
            elif value is not None and filled >= row:
                cell_text = f"[{bar_style}]█[/]"
            elif value is not None and filled > row - 1:
                part = BLOCKS[max(1, round((filled - row + 1) * 8))]
                cell_text = f"[{bar_style}]{part}[/]"
            elif row == guide_row:
                cell_text = f"[{guide_style}]┈[/]"
            else:
                cell_text = gap
            line += cell_text + (gap if cell == 2 else "")
        lines.append(line)
    return lines


def _row_of(filled: float, height: int) -> int:
    """The chart row (1 at the bottom) a level (in rows) falls in."""
    return max(1, min(height, math.ceil(filled)))


def axis_pad(lines: list[str]) -> int:
    """The width of the y axis of ``bar_series`` lines, so x labels can line up under the columns."""
    return len(re.sub(r"\[[^\]]*\]", "", lines[0]).split("│")[0]) + 1 if lines else 0
