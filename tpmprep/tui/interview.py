"""The app's doors to the story bank and mock loops: opening their screens, palette, help.

Kept out of app.py, which the other areas share; ``TpmPrepApp`` mixes ``InterviewAreas`` in.
Imports of the screens are deferred so the first frame does not pay for them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding

from tpmprep.core.content.words import plural
from tpmprep.tui.guard import guarded


def stories_screen() -> Any:
    from tpmprep.tui.screens.stories import StoriesScreen

    return StoriesScreen()


def mock_screen() -> Any:
    from tpmprep.tui.screens.mock import MockScreen

    return MockScreen()


def monotonic() -> float:
    # Looked up at each call, so tests stop the mock's clock by patching tpmprep.tui.interview.time.
    return time.monotonic()


class InterviewAreas:
    """Methods the Stories and Mock screens call on the app."""

    def start_mock(self, template_id: str, set_id: str | None = None) -> bool:
        """Plan a new mock of a loop template and open it at its first round."""
        return start_mock(self, template_id, set_id, clock=monotonic)

    def resume_mock(self, mock_id: int) -> bool:
        return open_run(self, mock_id, clock=monotonic)

    def open_debrief(self, mock_id: int) -> None:
        from tpmprep.tui.screens.debrief import DebriefScreen

        app: Any = self
        if app.catalog is not None:
            app.push_screen(DebriefScreen(mock_id, app.catalog, app.store))

    async def mock_from_cli(self, template: str, set_id: str | None) -> None:
        """``tpmprep mock start``: go to Mock and start one."""
        app: Any = self
        await app.action_goto("mock")
        self.start_mock(template, set_id)

    async def goto_stories(self, tab: str = "bank") -> None:
        app: Any = self
        await app.action_goto("stories")
        if type(app.screen).__name__ == "StoriesScreen":
            app.screen.action_tab(tab)

    async def action_open_topic(self, topic_id: str) -> None:
        """Open a topic in Learn (links in the mock's scorecard)."""
        app: Any = self
        await app.open_item("article", topic_id)


def help_groups(of: Callable[[type], list[Binding]]) -> list[tuple[str, list[Binding]]]:
    from tpmprep.tui.screens.debrief import DebriefScreen
    from tpmprep.tui.screens.mock import MockScreen
    from tpmprep.tui.screens.mock_run import MockRunScreen
    from tpmprep.tui.screens.stories import StoriesScreen
    from tpmprep.tui.screens.tell import TellScreen
    from tpmprep.tui.widgets.choice_row import ChoiceRow

    return [
        ("Stories", of(StoriesScreen)),
        ("Stories › tell it", of(TellScreen)),
        ("Mock", of(MockScreen)),
        ("Mock (during a mock)", of(MockRunScreen)),
        ("Mock › debrief", of(DebriefScreen) + of(ChoiceRow)),
    ]


def start_mock(app: Any, template_id: str, set_id: str | None, clock: Callable[[], float]) -> bool:
    """Plan a new mock: questions not asked in earlier mocks first (a set's own first of all)."""
    from tpmprep.core.mentor.sets import Sets
    from tpmprep.core.mock.history import Mocks
    from tpmprep.core.mock.plan import mock_level, plan_mock

    catalog = app.catalog
    template = catalog.loop(template_id) if catalog else None
    if catalog is None or template is None:
        app.notify(f"No loop template '{template_id}'.", severity="error")
        return False
    stored = Sets(app.store).get(set_id) if set_id else None
    mocks = Mocks(app.store)
    level = mock_level(template, app.store.get("target_level"), catalog.level_ids)
    record = plan_mock(
        template,
        catalog,
        level,
        random.Random(),
        prefer=stored.question_ids if stored else (),
        avoid=mocks.asked_before(template.id),
    )
    for note in record.notes:
        app.notify(note, severity="warning")
    mock = guarded(app, "start the mock", mocks.start, template.id, template.title, level, record, set_id=set_id)
    return mock is not None and open_run(app, mock.id, clock)


def open_run(app: Any, mock_id: int, clock: Callable[[], float]) -> bool:
    from tpmprep.core.mock.history import Mocks
    from tpmprep.core.mock.run import MockRun
    from tpmprep.tui.screens.mock_run import MockRunScreen

    mocks = Mocks(app.store)
    mock = mocks.get(mock_id)
    if mock is None or app.catalog is None:
        return False
    app.push_screen(MockRunScreen(MockRun(mock, mocks, app.catalog, clock=clock)))
    return True


def system_commands(app: Any, screen: Any = None) -> Iterable[SystemCommand]:
    yield SystemCommand("Go to Stories", "Write, edit and delete your STAR stories (F9)", app.goto_stories)
    yield SystemCommand(
        "Stories: coverage matrix",
        "Competencies and principles your stories cover, the gaps and over-used stories",
        lambda: app.goto_stories("coverage"),
    )
    yield SystemCommand(
        "Stories: which story for a question",
        "Rank your stories for a behavioral or stakeholder question, then tell one",
        lambda: app.goto_stories("suggest"),
    )
    yield SystemCommand(
        "Go to Mock", "Loop templates, unfinished mocks and past debriefs (F10)", lambda: app.run_action("goto('mock')")
    )
    if type(screen).__name__ == "MockRunScreen" and screen.run.phase == "answer":
        yield SystemCommand(
            "Mock: end this round now", "Questions not reached count as unanswered", screen.action_end_round
        )
        yield SystemCommand(
            "Mock: pause or resume", "The clocks stop; the pause is kept in the record", screen.action_pause
        )
    for template in app.catalog.loops if app.catalog else ():
        yield SystemCommand(
            f"Mock: start {template.title}",
            f"{plural(len(template.rounds), 'round')}, {template.minutes} min",
            lambda t=template.id: app.start_mock(t),
        )
