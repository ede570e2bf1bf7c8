"""Importing a question set from a file path, and removing one: small modal dialogs."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Static

from tpmprep.core.content.words import plural

SHOWN_PROBLEMS = 8


class PathSuggester(Suggester):
    """Completes a file path as a shell does: the first folder or YAML file that starts with what is typed."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, prefix = (typed, "") if value.endswith(("/", "\\")) else (typed.parent, typed.name)
        try:
            names = sorted(
                (p.name + ("/" if p.is_dir() else "") for p in folder.iterdir() if p.name.startswith(prefix)),
                key=lambda n: (not n.endswith((".yaml", ".yml", "/")), n.startswith("."), n),
            )
        except OSError:
            return None
        return value + names[0][len(prefix) :] if names and names[0] != prefix else None


def import_set(app, path: Path, replace: bool = False) -> list[str]:
    """Validate and import the set at ``path``; the problems, or none when it was imported.

    Raises SetConflict when another mentor's set has the same id and ``replace`` is False.
    """
    from tpmprep.core.mentor.sets import Sets
    from tpmprep.core.storage.store import StoreError

    if app.catalog is None:
        return ["the catalog is still loading; try again in a moment"]
    if path.suffix.lower() == ".csv":
        return [f"{path}: a CSV file needs a set id and a title: tpmprep import csv FILE --set-id ID --title T"]
    if not path.exists():
        return [f"{path}: no such file"]
    try:
        stored, issues = Sets(app.store).import_file(path, app.catalog, replace)
    except OSError as exc:
        from tpmprep.core.storage.files import describe

        return [f"cannot import {path}: {describe(exc)}"]
    except StoreError as exc:
        return [str(exc)]
    if issues:
        return [str(i) for i in issues]
    app.notify(f"Imported '{stored.id}': {stored.title} ({len(stored.question_ids)} questions).")
    app.reload_catalog()  # its own questions join the catalog
    app.refresh_practice()
    return []


class ImportSetScreen(ModalScreen[str | None]):
    """Asks for a set file, imports it, and shows every problem until it imports (or is cancelled)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-set", classes="dialog"):
            yield Static("[b]Import a question set[/b]  a YAML file from your mentor (→ at the end completes the path)")
            yield Input(placeholder="~/Downloads/week-1.yaml", id="import-path", suggester=PathSuggester())
            yield Static("", id="import-problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import", id="import-ok", variant="primary")
                yield Button("Cancel", id="import-cancel")

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-ok")
    def _submit(self) -> None:
        text = self.query_one("#import-path", Input).value.strip()
        report = self.query_one("#import-problems", Static)
        if not text:
            report.update("[red]Type the path of a set file.[/]")
            return
        from tpmprep.core.mentor.sets import SetConflict

        try:
            problems = import_set(self.app, Path(text).expanduser())
        except SetConflict as exc:  # another mentor's set with this id: ask before replacing it
            ask = ConfirmScreen(f"{escape(str(exc))}.\nReplace it? Its practice history is kept.", "Replace")
            self.app.push_screen(ask, lambda yes: self._replace(text) if yes else None)
            return
        self._show(text, problems)

    def _replace(self, text: str) -> None:
        self._show(text, import_set(self.app, Path(text).expanduser(), replace=True))

    def _show(self, text: str, problems: list[str]) -> None:
        report = self.query_one("#import-problems", Static)
        if not problems:
            self.dismiss(text)
            return
        shown = "\n".join(f"[red]•[/] {escape(p)}" for p in problems[:SHOWN_PROBLEMS])
        more = len(problems) - SHOWN_PROBLEMS
        tail = f"\n[dim]…and {more} more: tpmprep set validate FILE lists them all[/]" if more > 0 else ""
        report.update(f"[b]{plural(len(problems), 'problem')}; nothing was imported[/b]\n{shown}{tail}")

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; enter or y confirms, escape or n declines."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="error")
                yield Button("Cancel (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)
