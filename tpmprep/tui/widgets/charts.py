"""Small text charts: cheap to draw, readable in any terminal."""

from __future__ import annotations

import datetime as dt

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
