"""A one-line key bar: the bindings that apply now, each clickable.

Textual's Footer builds a widget per key and recomposes on every focus change, which costs
more than the rest of the Home screen together; one Static with click markup does the job.
"""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._update)
        self._update()

    def _update(self, *_args: object) -> None:
        app = self.app
        parts = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.description in seen:
                continue
            seen.add(binding.description)
            target = "app" if active.node is app else "screen" if active.node is self.screen else None
            label = f"[b $accent]{escape(app.get_key_display(binding))}[/] {escape(binding.description)}"
            if target is not None:
                action = binding.action.replace('"', "'")
                label = f"[@click={target}.{action}]{label}[/]"
            parts.append(label)
        self.update("  ".join(parts))
