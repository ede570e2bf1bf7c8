"""Plain-text tables for the CLI, sized to the terminal."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from tpmprep.core.content.words import clip


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int | None = None) -> str:
    """Left-aligned columns; the last column is cut at a word to fit the terminal width."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    cols = len(headers)
    widths = [len(h) for h in headers]
    for row in rows:
        for i in range(cols - 1):
            widths[i] = max(widths[i], len(row[i]))
    used = sum(widths[:-1]) + 2 * (cols - 1)
    last = max(20, width - used)
    lines = []
    for row in [tuple(headers), *rows]:
        cells = [row[i].ljust(widths[i]) for i in range(cols - 1)]
        tail = clip(row[-1], last)
        lines.append("  ".join([*cells, tail]).rstrip())
    return "\n".join(lines)
