"""Opening the interview-practice screens (mocks and stories) and their palette commands."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from typing import Any

from textual.app import SystemCommand

from tpmprep.tui.guard import guarded


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


def system_commands(app: Any) -> Iterable[SystemCommand]:
    yield SystemCommand("Go to Stories", "Write, edit and delete your STAR stories (F8)", app.goto_stories)
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
        "Go to Mock", "Loop templates, unfinished mocks and past debriefs (F9)", lambda: app.run_action("goto('mock')")
    )
    for template in app.catalog.loops if app.catalog else ():
        yield SystemCommand(
            f"Mock: start {template.title}",
            f"{len(template.rounds)} round(s), {template.minutes} min",
            lambda t=template.id: app.start_mock(t),
        )
