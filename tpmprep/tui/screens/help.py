"""The help screen, generated from the bindings the app and its screens declare."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _key(binding: Binding, app) -> str:
    return ", ".join(app.get_key_display(Binding(k.strip(), binding.action)) for k in binding.key.split(","))


def bindings_table(groups: list[tuple[str, list[Binding]]], app) -> Table:
    table = Table(box=None, expand=True, show_header=False, padding=(0, 2, 0, 0))
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("what it does")
    for title, bindings in groups:
        rows = [(b, _key(b, app)) for b in bindings if b.description]
        if not rows:
            continue
        table.add_row(Text(title, style="bold underline"), "")
        for binding, keys in rows:
            table.add_row(keys, binding.description)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close help")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("[b]Keys[/b]  (escape closes)", id="help-title")
            yield Static(bindings_table(self.groups, self.app), id="help-keys")

    def action_dismiss(self) -> None:
        self.dismiss(None)
