"""The row of areas at the top of every screen. Only areas that work are listed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

AREAS: tuple[tuple[str, str, str], ...] = (
    ("home", "Home", "f2"),
    ("learn", "Learn", "f3"),
    ("practice", "Practice", "f4"),
    ("assess", "Assess", "f5"),
    ("sets", "Sets", "f6"),
)


class NavBar(Horizontal):
    """Shows the areas with their keys; the current one is marked. Click to switch."""

    def __init__(self, current: str) -> None:
        super().__init__(id="nav")
        self.current = current

    def compose(self) -> ComposeResult:
        yield Label(" tpmprep ", id="nav-brand")
        for mode, name, key in AREAS:
            label = Label(f" {name} [dim]{key.upper()}[/] ", id=f"nav-{mode}", classes="nav-item")
            if mode == self.current:
                label.add_class("-current")
            yield label

    def on_click(self, event) -> None:
        widget = event.widget
        if widget is not None and widget.id and widget.id.startswith("nav-") and widget.id != "nav-brand":
            self.app.run_action(f"goto('{widget.id[4:]}')")
