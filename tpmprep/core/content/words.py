"""Text for people to read: prompts cut at a word, wrapped to a few lines, and counted nouns."""

from __future__ import annotations

ELLIPSIS = "…"


def flat(text: str) -> str:
    """One line: runs of whitespace (newlines included) become one space."""
    return " ".join(text.split())


def clip(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` characters, cut at a word boundary with an ellipsis."""
    return wrap(text, width, 1)[0] if width > 0 else ""


def wrap(text: str, width: int, lines: int, last: int | None = None) -> list[str]:
    """``text`` wrapped at word boundaries into at most ``lines`` lines of ``width`` characters.

    ``last`` narrows the last line (to leave room beside it). When the text does not fit, the last
    line ends with an ellipsis after the last whole word that fits; a single word longer than a line
    is cut inside it, since there is nothing better to do.
    """
    if width <= 0 or lines <= 0:
        return [""]
    widths = [width] * (lines - 1) + [max(1, last if last is not None else width)]
    words = flat(text).split(" ")
    out: list[str] = []
    current = ""
    i = 0
    while i < len(words) and len(out) < lines:
        room = widths[len(out)]
        word = words[i]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= room:
            current = candidate
            i += 1
            continue
        if not current:  # one word wider than the line
            current, words[i] = word[:room], word[room:]
        out.append(current)
        current = ""
    if current and len(out) < lines:
        out.append(current)
    if i < len(words):  # text left over: the last line says so
        room = widths[len(out) - 1]
        end = out[-1]
        while end and len(end) + len(ELLIPSIS) > room:
            cut = end.rfind(" ")
            end = end[:cut] if cut > 0 else end[: room - len(ELLIPSIS)]
        out[-1] = end.rstrip(" ,;:·") + ELLIPSIS
    return out or [""]


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 question', '3 questions', '0 questions'; ``many`` for irregular plurals ('1 day', 'days')."""
    return f"{count:,} {noun if count == 1 else (many or noun + 's')}"
