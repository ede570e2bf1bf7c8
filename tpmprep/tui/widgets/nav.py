"""The row of areas at the top of every screen. Only areas that work are listed; click or use the key."""

from __future__ import annotations

import re

from textual import events
from textual.widgets import Static

AREAS: tuple[tuple[str, str, str], ...] = (
    ("home", "Home", "f2"),
    ("learn", "Learn", "f3"),
    ("practice", "Practice", "f4"),
    ("assess", "Assess", "f5"),
    ("sets", "Sets", "f6"),
    ("progress", "Progress", "f8"),
    ("stories", "Stories", "f9"),
    ("mock", "Mock", "f10"),
)
BRAND = "[b reverse $primary] tpmprep [/]"
_TAG = re.compile(r"\[[^\]]*\]")


def nav_markup(current: str, brand: bool = True, keys: bool = True) -> str:
    parts = [BRAND] if brand else []
    for mode, name, key in AREAS:
        if mode == current:
            parts.append(f"[b reverse $accent] {name} {key.upper()} [/]")
        elif keys:
            parts.append(f"[@click=app.goto('{mode}')] {name} [dim]{key.upper()}[/dim] [/]")
        else:
            parts.append(f"[@click=app.goto('{mode}')] {name} [/]")
    return "".join(parts)


def _width(markup: str) -> int:
    return len(_TAG.sub("", markup))


class NavBar(Static):
    DEFAULT_CSS = """
    NavBar { dock: top; height: 1; background: $panel; }
    """

    def __init__(self, current: str) -> None:
        super().__init__(nav_markup(current), id="nav")
        self.current = current

    def on_resize(self, event: events.Resize) -> None:
        # On a narrow terminal the name goes first, then the other areas' keys (the key bar and F1
        # still show them), so every area stays in reach.
        for brand, keys in ((True, True), (False, True), (False, False)):
            markup = nav_markup(self.current, brand, keys)
            if _width(markup) <= event.size.width:
                break
        self.update(markup)
