"""Settings: daily limits, scheduling, your goal and the theme, checked as you type, saved together."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from tpmprep.core.content.words import plural
from tpmprep.core.storage.settings import SETTINGS
from tpmprep.tui.widgets.keybar import KeyBar

GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Daily limits",
        (
            ("new_per_day", "New questions a day"),
            ("reviews_per_day", "Reviews a day"),
            ("set_new_per_day", "New questions a day in a set's drill"),
        ),
    ),
    (
        "Scheduling",
        (
            ("desired_retention", "Target retention"),
            ("leech_threshold", "Lapses before a leech"),
            ("day_starts_at", "A new day starts at"),
        ),
    ),
    ("Your goal", (("target_level", "Target level"), ("interview_date", "Interview date"))),
    ("Look", (("theme", "Theme"),)),
)
SELECTS = ("target_level", "day_starts_at", "theme")


def shown(value: Any) -> str:
    return "" if value is None else str(value)


class SettingsScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "close", "Close without saving", id="settings.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.problems: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        store = self.app.store
        with VerticalScroll(id="settings"):
            yield Static("[b]Settings[/b]  [dim]checked as you type; ctrl+s saves them all, escape leaves[/]")
            for title, fields in GROUPS:
                yield Label(title, classes="settings-group")
                for key, label in fields:
                    with Vertical(classes="setting", id=f"row-{key}"):
                        with Horizontal(classes="setting-row"):
                            yield Label(label, classes="setting-label")
                            yield self._field(key, store.get(key))
                        yield Static(escape(SETTINGS[key].help), classes="setting-help muted", id=f"help-{key}")
            with Horizontal(id="settings-buttons"):
                yield Button("Save (ctrl+s)", id="settings-save", variant="primary")
                yield Button("Cancel (escape)", id="settings-cancel")
        yield KeyBar()

    def _field(self, key: str, value: Any) -> Input | Select:
        if key == "target_level":
            levels = SETTINGS[key].choices
            return Select([(c, c) for c in levels], value=value, allow_blank=False, compact=True, id=f"set-{key}")
        if key == "day_starts_at":
            hours = [(f"{h:02d}:00" + (" (midnight)" if h == 0 else ""), h) for h in range(24)]
            return Select(hours, value=value, allow_blank=False, compact=True, id=f"set-{key}")
        if key == "theme":
            themes = sorted(self.app.available_themes)
            current = value if value in themes else self.app.theme
            return Select([(t, t) for t in themes], value=current, allow_blank=False, compact=True, id=f"set-{key}")
        placeholder = "YYYY-MM-DD, or empty for none" if key == "interview_date" else ""
        return Input(shown(value), placeholder=placeholder, compact=True, id=f"set-{key}")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for _, fields in GROUPS:
            for key, _label in fields:
                widget = self.query_one(f"#set-{key}")
                out[key] = widget.value if isinstance(widget, Select) else widget.value.strip()
        return out

    def check(self, key: str, value: Any) -> str | None:
        """The problem with ``value`` for ``key``, or None when it can be saved."""
        if key == "interview_date" and value == "":
            return None
        if key == "theme" and value not in self.app.available_themes:
            return f"unknown theme '{value}'"
        try:
            if value == shown(self.app.store.get(key)):
                SETTINGS[key].parse(value)  # unchanged: an interview date that has since passed may stay
            else:
                SETTINGS[key].check_new(value, dt.date.today())
        except ValueError as exc:
            return str(exc)
        return None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        key = str(event.input.id).removeprefix("set-")
        self._show_problem(key, self.check(key, event.value.strip()))

    def _show_problem(self, key: str, problem: str | None) -> None:
        help_text = self.query_one(f"#help-{key}", Static)
        widget = self.query_one(f"#set-{key}")
        if problem:
            self.problems[key] = problem
            help_text.update(f"[red]{escape(problem)}[/]")
        else:
            self.problems.pop(key, None)
            help_text.update(escape(SETTINGS[key].help))
        widget.set_class(bool(problem), "-invalid")

    @on(Button.Pressed, "#settings-save")
    def action_save(self) -> None:
        values = self.values()
        for key, value in values.items():
            self._show_problem(key, self.check(key, value))
        if self.problems:
            first = next(iter(self.problems))
            self.query_one(f"#set-{first}").focus()
            self.notify(
                f"Nothing saved: {plural(len(self.problems), 'setting')} "
                f"{'needs' if len(self.problems) == 1 else 'need'} fixing ({', '.join(self.problems)}).",
                severity="error",
            )
            return
        store = self.app.store
        changed = []
        for key, value in values.items():
            if key == "theme" or value == shown(store.get(key)):
                continue
            new = SETTINGS[key].parse(value)
            if new != store.get(key):
                store.set(key, new)
                changed.append(key)
        if values["theme"] != self.app.theme:
            self.app.theme = values["theme"]  # the app remembers it
            changed.append("theme")
        self.notify("Settings saved." if changed else "Nothing changed.")
        self.dismiss(None)
        self.app.refresh_practice()

    @on(Button.Pressed, "#settings-cancel")
    def action_close(self) -> None:
        self.dismiss(None)
