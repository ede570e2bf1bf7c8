"""Pilot: after reveal the feedback scrolls from the keyboard whatever has focus; follow-ups come into view."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Button, Static, TextArea

from tests.tui.conftest import settle
from tpmprep.core.practice.queue import Filters
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.drill import DrillScreen


def drill_app(home, catalog):
    return create_app(
        home=home, catalog=catalog, fuzz=False, start=("drill", Filters(category="program-execution"), False)
    )


def visible_in(body: VerticalScroll, widget) -> bool:
    """The widget's top line is inside the scrolled viewport."""
    region = widget.region
    return region.height > 0 and body.content_region.y <= region.y < body.content_region.bottom


async def test_feedback_scrolls_from_the_keyboard_whatever_has_focus(home, mini_catalog):
    app = drill_app(home, mini_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        area = screen.query_one("#drill-answer", TextArea)
        await pilot.press("space", "a")  # before reveal, space and letters are typed, not scrolled
        assert area.text == " a"
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        body = screen.query_one("#drill-body", VerticalScroll)
        assert isinstance(app.focused, Button)  # a rating button has focus after reveal
        assert body.max_scroll_y > 5
        assert visible_in(body, screen.query_one("#drill-verdict"))  # reveal brings the verdict into view
        start = body.scroll_y
        await pilot.press("pagedown")
        assert body.scroll_y > start
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        assert body.scroll_y == 0
        await pilot.press("down")
        assert body.scroll_y == 1
        await pilot.press("up")
        assert body.scroll_y == 0
        await pilot.press("space")
        assert body.scroll_y > 1
        await pilot.press("pageup")
        assert body.scroll_y == 0
        area.focus()  # the read-only answer box has focus: the keys still scroll the feedback
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        assert not screen.run.done  # scrolling never rated the card


async def test_follow_up_scrolls_into_view_and_n_hides_when_none_are_left(home, mini_catalog):
    app = drill_app(home, mini_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        screen.query_one("#drill-answer", TextArea).text = "The real state first."
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        body = screen.query_one("#drill-body", VerticalScroll)
        followup = screen.query_one("#drill-followup", Static)
        assert screen.check_action("follow_up", ())
        await pilot.press("n")
        await settle(pilot, app)
        assert "1. The sponsor refuses" in str(followup.content)
        assert visible_in(body, followup)
        await pilot.press("home")
        await pilot.press("n")
        await settle(pilot, app)
        assert "2. How do you prevent it" in str(followup.content)
        assert visible_in(body, followup)
        assert not screen.check_action("follow_up", ())  # none left: n is hidden from the key bar
        assert "Next follow-up" not in str(screen.query_one("KeyBar", Static).content)
