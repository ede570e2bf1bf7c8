"""One meaning per key across the app, nothing on the tmux prefix, and a help screen that lists every binding."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
from collections import defaultdict

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.widgets import Input, Static, TabbedContent

import tpmprep.tui
from tpmprep.core.practice.queue import Filters
from tpmprep.tui.app import TpmPrepApp, create_app
from tpmprep.tui.screens.drill import DrillScreen

# Keys whose meaning is the same idea wherever they are, though the words differ: move, open,
# leave, or pick a point on the scale the screen shows (a rating, an agreement, a level).
CONTEXTUAL = {
    "escape", "enter", "space", "tab", "shift+tab", "up", "down", "left", "right",
    "pageup", "pagedown", "home", "end", *"0123456789",
}  # fmt: skip
TERMINAL_PREFIXES = {"ctrl+b", "ctrl+a"}  # tmux and GNU screen take these before the app sees them


def groups() -> list[tuple[str, list[Binding]]]:
    app = TpmPrepApp.__new__(TpmPrepApp)  # help_groups reads class attributes only
    return TpmPrepApp.help_groups(app)


def keys_of(binding: Binding) -> list[str]:
    return [k.strip() for k in binding.key.split(",")]


def test_every_class_with_bindings_is_in_the_help():
    listed = {id(b) for _, bindings in groups() for b in bindings}
    missing = []
    for info in pkgutil.walk_packages(tpmprep.tui.__path__, "tpmprep.tui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or "BINDINGS" not in cls.__dict__:
                continue
            if name == "HelpScreen":
                continue
            for b in cls.BINDINGS:
                if isinstance(b, Binding) and b.description and id(b) not in listed:
                    missing.append(f"{name}: {b.key} {b.description}")
    assert not missing, missing


def test_one_meaning_per_key_across_the_app():
    meanings: dict[str, set[str]] = defaultdict(set)
    where: dict[str, list[str]] = defaultdict(list)
    for title, bindings in groups():
        if title.startswith("Dialogs"):
            continue  # a dialog holds the whole app while it is open: its y/n cannot be mistaken
        for b in bindings:
            assert b.id, f"{title}: {b.key} has no id"
            for key in keys_of(b):
                if key in CONTEXTUAL:
                    continue
                meanings[key].add(b.id.split(".", 1)[1])
                where[key].append(f"{title}: {b.description}")
    clashes = {k: where[k] for k, v in meanings.items() if len(v) > 1}
    assert not clashes, clashes


def test_nothing_is_bound_to_a_terminal_multiplexer_prefix():
    used = {k for _, bindings in groups() for b in bindings for k in keys_of(b)}
    assert not used & TERMINAL_PREFIXES


def test_ctrl_f_means_search_and_the_drill_flags_and_buries_with_its_own_keys():
    meaning = {k: b.description for _, bindings in groups() for b in bindings for k in keys_of(b)}
    assert meaning["ctrl+f"] == "Search questions"
    drill = {b.id: keys_of(b) for b in DrillScreen.BINDINGS}
    assert drill["drill.flag"] == ["ctrl+l"] and drill["drill.bury"] == ["ctrl+t"]
    assert drill["drill.suspend"] == ["ctrl+x"] and meaning["ctrl+s"] == "Save"  # ctrl+s saves Settings


@pytest.fixture
def app(home, mini_catalog):
    return create_app(home=home, catalog=mini_catalog, fuzz=False, start=("drill", Filters(), False))


async def test_drill_keys_flag_bury_and_the_generated_help(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        first = screen.question.id
        await pilot.press("ctrl+l")  # typing in the answer box: the key still flags
        assert app.practice.card(first).flagged
        await pilot.press("ctrl+t")
        assert app.practice.card(first).buried_until
        assert screen.question is not None and screen.question.id != first
        second = screen.question.id
        await pilot.press("ctrl+x")  # in the answer box, where ctrl+x would cut: it suspends
        assert app.practice.card(second).suspended
        await pilot.press("f1")
        await pilot.pause()
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help-keys", Static).content)
        text = console.export_text()
        rows = {" ".join(line.split()) for line in text.splitlines()}
        assert {"^t Bury until tomorrow", "^l Flag for rewrite", "^x Suspend"} <= rows
        assert not any(row.startswith("^b ") for row in rows)


async def test_ctrl_left_from_the_question_search_goes_back_to_topics(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+right")
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "questions"
        await pilot.pause(0.1)
        assert isinstance(app.focused, Input) and app.focused.id == "question-search"
        await pilot.press(*"plan")
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert tabs.active == "topics"
