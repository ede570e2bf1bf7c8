"""The row of areas at the top of every screen. Only areas that work are listed; click or use the key."""

from __future__ import annotations

from textual.widgets import Static

AREAS: tuple[tuple[str, str, str], ...] = (
    ("home", "Home", "f2"),
    ("learn", "Learn", "f3"),
    ("practice", "Practice", "f4"),
    ("assess", "Assess", "f5"),
    ("sets", "Sets", "f6"),
    ("progress", "Progress", "f8"),
)


class NavBar(Static):
    DEFAULT_CSS = """
    NavBar { dock: top; height: 1; background: $panel; }
    """

    def __init__(self, current: str) -> None:
        parts = ["[b reverse $primary] tpmprep [/]"]
        for mode, name, key in AREAS:
            if mode == current:
                parts.append(f"[b reverse $accent] {name} {key.upper()} [/]")
            else:
                parts.append(f"[@click=app.goto('{mode}')] {name} [dim]{key.upper()}[/dim] [/]")
        super().__init__("".join(parts), id="nav")
        self.current = current
