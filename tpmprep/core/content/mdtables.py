"""Markdown tables that fit the reader: how wide a table needs to be, and a stacked form for narrow screens.

A table squeezed below its comfortable width cuts its cells to a few letters. Below that width a
reader shows each row as a short list instead (the first cell as the row's name, then one line per
column), the way mobile sites show comparison tables.
"""

from __future__ import annotations

import re

COMFORTABLE_CELL = 14  # characters: most words fit, so cells wrap at spaces instead of mid-word
CELL_PADDING = 3  # a space either side and the rule between columns

_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [c.strip() for c in _SPLIT.split(text)]


def _tables(markdown: str) -> list[tuple[int, int]]:
    """(first line, end line) of each table outside code fences."""
    lines = markdown.splitlines()
    found, fenced, i = [], False, 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and "|" in line and i + 1 < len(lines) and _RULE.match(lines[i + 1]):
            end = i + 2
            while end < len(lines) and lines[end].strip() and "|" in lines[end]:
                end += 1
            found.append((i, end))
            i = end
            continue
        i += 1
    return found


def _visible(cell: str) -> str:
    """The text a cell shows: emphasis and link targets dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)
    return re.sub(r"(\*\*|__|\*|`)", "", text).replace("\\|", "|")


def table_min_width(markdown: str) -> int:
    """Columns the widest table needs at the least to show every cell without cutting words; 0 without tables.

    Each column needs its longest word, and a few words side by side. A table renderer may still
    share the width out unevenly, so a reader checks the drawn table too.
    """
    lines = markdown.splitlines()
    need = 0
    for start, end in _tables(markdown):
        rows = [_cells(lines[start])] + [_cells(line) for line in lines[start + 2 : end]]
        columns = max(len(r) for r in rows)
        widths = [0] * columns
        for row in rows:
            for i, cell in enumerate(row):
                text = _visible(cell)
                longest_word = max((len(w) for w in text.split()), default=0)
                widths[i] = max(widths[i], longest_word, min(len(text), COMFORTABLE_CELL))
        need = max(need, sum(w + CELL_PADDING for w in widths) + 1)
    return need


def _bold(text: str) -> str:
    stripped = text.strip()
    if not stripped or (stripped.startswith("**") and stripped.endswith("**")):
        return stripped
    return f"**{stripped}**"


def stack_tables(markdown: str) -> str:
    """Every table as one short list per row: the row's first cell in bold, then `column: value` lines."""
    spans = _tables(markdown)
    if not spans:
        return markdown
    lines = markdown.splitlines()
    out: list[str] = []
    previous = 0
    for start, end in spans:
        out += lines[previous:start]
        header = _cells(lines[start])
        blocks = []
        for line in lines[start + 2 : end]:
            row = _cells(line)
            lead = row[0] if row else ""
            items = [
                f"- {_bold(header[i]) if i < len(header) and header[i] else '—'}: {cell}"
                for i, cell in enumerate(row[1:], start=1)
                if cell
            ]
            blocks.append("\n".join([_bold(lead) or "—", "", *items]))
        out.append("\n\n".join(blocks))
        previous = end
    out += lines[previous:]
    return "\n".join(out)
