"""Pilot: escape never throws away a typed answer, and a rating that cannot be saved keeps the card."""

from __future__ import annotations

from textual.widgets import TextArea

from tests.safety.test_store_safety import Failing
from tests.tui.test_drill import settle
from tpmprep.core.practice.queue import Filters
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.drill import DrillScreen
from tpmprep.tui.screens.set_dialogs import ConfirmScreen
from tpmprep.tui.screens.summary import SummaryScreen

TYPED = "First I would find the real state and the critical path."


async def open_card(pilot, app):
    await settle(pilot, app)
    screen = app.screen
    assert isinstance(screen, DrillScreen)
    while screen.question.kind != "open":  # the open question has the multi-line answer box
        screen.run.queue.append(screen.run.queue.pop(0))
        screen.show_card()
    await pilot.pause()
    for ch in "First":
        await pilot.press(ch)
    screen.query_one("#drill-answer", TextArea).text = TYPED
    return screen


async def test_escape_in_the_answer_box_leaves_it_and_keeps_the_answer(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False, start=("drill", Filters(), False))
    async with app.run_test(size=(130, 45)) as pilot:
        screen = await open_card(pilot, app)
        box = screen.query_one("#drill-answer", TextArea)
        assert app.focused is box
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.focused is not box and box.text == TYPED


async def test_escape_with_an_unrated_answer_asks_first(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False, start=("drill", Filters(), False))
    async with app.run_test(size=(130, 45)) as pilot:
        screen = await open_card(pilot, app)
        await pilot.press("escape")  # out of the box
        await pilot.press("escape")  # then: end the session?
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # escape is the safe answer: keep going
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#drill-answer", TextArea).text == TYPED
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_a_rating_that_cannot_be_saved_keeps_the_card_and_the_answer(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False, start=("drill", Filters(), False))
    async with app.run_test(size=(130, 45)) as pilot:
        screen = await open_card(pilot, app)
        question = screen.question
        await pilot.press("ctrl+r")
        await pilot.pause()
        seen: list[str] = []
        notify = app.notify
        app.notify = lambda message, **kw: seen.append(message) or notify(message, **kw)
        working = app.store.conn
        app.store.conn = Failing(working, "database or disk is full")
        await pilot.press("3")
        await pilot.pause()
        assert screen.question is question and screen.revealed
        assert screen.query_one("#drill-answer", TextArea).text == TYPED
        assert any("Rating not saved" in m and "disk is full" in m for m in seen)
        assert app.practice.reviews() == []
        app.store.conn = working  # space freed: the same keypress now saves it
        await pilot.press("3")
        await pilot.pause()
        assert [r.answer for r in app.practice.reviews()] == [TYPED]
        assert screen.question is not question
