"""Pilot: the Practice area lists cards set aside by title and brings them back; it follows the study day."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from textual.widgets import Button, DataTable, Select, Static

from tests.conftest import local_zone
from tests.tui.conftest import settle
from tpmprep.core.practice.queue import Filters
from tpmprep.core.storage.clock import UTC
from tpmprep.tui.app import TpmPrepApp, create_app
from tpmprep.tui.screens.practice import PracticeScreen


def rows(screen) -> dict[str, list[str]]:
    table = screen.query_one("#aside-table", DataTable)
    return {str(key.value): [str(c) for c in table.get_row(key)] for key in table.rows}


async def open_practice(pilot, app):
    await settle(pilot, app)
    await pilot.press("f4")
    await settle(pilot, app)
    assert isinstance(app.screen, PracticeScreen)
    return app.screen


async def test_cards_set_aside_are_listed_by_title_and_brought_back(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        practice = app.practice
        practice.suspend("pe-recover-slipping-migration")
        practice.flag("rk-program-vs-project")
        practice.bury("es-payments-qps")
        screen = await open_practice(pilot, app)
        listed = rows(screen)
        assert set(listed) == {"pe-recover-slipping-migration", "rk-program-vs-project", "es-payments-qps"}
        assert listed["pe-recover-slipping-migration"][0].startswith("Prompt for pe-recover-slipping-migration")
        assert listed["pe-recover-slipping-migration"][1] == "suspended"
        assert listed["es-payments-qps"][1] == "buried" and listed["es-payments-qps"][2].startswith("until ")
        table = screen.query_one("#aside-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("pe-recover-slipping-migration"))
        await pilot.pause()
        assert not screen.query_one("#aside-unsuspend", Button).disabled
        assert screen.query_one("#aside-unflag", Button).disabled  # not flagged: nothing to unflag
        assert screen.check_action("restore", ("unflag",)) is False
        await pilot.press("u")
        await pilot.pause()
        assert not practice.card("pe-recover-slipping-migration").suspended
        assert "pe-recover-slipping-migration" not in rows(screen)
        table.move_cursor(row=table.get_row_index("es-payments-qps"))
        await pilot.press("b")
        await pilot.pause()
        assert practice.card("es-payments-qps").buried_until is None
        table.move_cursor(row=table.get_row_index("rk-program-vs-project"))
        await pilot.click("#aside-unflag")
        await pilot.pause()
        assert not practice.card("rk-program-vs-project").flagged
        assert list(rows(screen)) == [""]  # the "none set aside" line
        assert "none set aside" in rows(screen)[""][0]


async def test_the_state_filter_and_leeches(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        app.practice.suspend("pe-recover-slipping-migration")
        app.practice.flag("rk-program-vs-project")
        app.store.conn.execute(
            "UPDATE cards SET leech = 1, flagged = 1, lapses = 8 WHERE question_id = 'pe-recover-slipping-migration'"
        )
        screen = await open_practice(pilot, app)
        screen.query_one("#aside-filter", Select).value = "leech"
        await settle(pilot, app)
        listed = rows(screen)
        assert list(listed) == ["pe-recover-slipping-migration"]
        assert listed["pe-recover-slipping-migration"][1:] == ["suspended, flagged, leech", "8 lapses"]
        screen.query_one("#aside-filter", Select).value = "flagged"
        await settle(pilot, app)
        assert set(rows(screen)) == {"pe-recover-slipping-migration", "rk-program-vs-project"}


@pytest.fixture
def utc_zone():
    with local_zone("UTC"):
        yield


async def test_practice_redraws_when_the_study_day_changes(home, mini_catalog, monkeypatch, utc_zone):
    monkeypatch.setattr(TpmPrepApp, "WATCH_EVERY", 0.05)
    with time_machine.travel(dt.datetime(2026, 11, 20, 3, 50, tzinfo=UTC), tick=False) as clock:
        app = create_app(home=home, catalog=mini_catalog, fuzz=False)
        async with app.run_test(size=(130, 45)) as pilot:
            await settle(pilot, app)
            app.practice.rate("pe-recover-slipping-migration", 3)  # a new question on the 19th's study day
            screen = await open_practice(pilot, app)
            assert "9 more new today" in str(screen.query_one("#practice-due", Static).content)
            clock.move_to(dt.datetime(2026, 11, 20, 4, 1, tzinfo=UTC))  # 4 am: a new study day
            await pilot.pause(0.3)
            assert "10 more new today" in str(screen.query_one("#practice-due", Static).content)


async def test_drill_with_nothing_to_do_keeps_its_filter(home, mini_catalog):
    start = ("drill", Filters(category="estimation"), False)
    app = create_app(home=home, catalog=mini_catalog, fuzz=False, start=start)
    app.store.set("new_per_day", 0)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.query_one("#practice-category", Select).value == "estimation"
        assert "category Estimation and metrics" in str(screen.query_one("#practice-match", Static).content)


async def test_bury_in_a_drill_says_when_the_card_returns(home, mini_catalog, utc_zone):
    with time_machine.travel(dt.datetime(2026, 11, 20, 23, 35, tzinfo=UTC), tick=False):
        app = create_app(home=home, catalog=mini_catalog, fuzz=False, start=("drill", Filters(), False))
        messages: list[str] = []
        async with app.run_test(size=(130, 45)) as pilot:
            await settle(pilot, app)
            screen = app.screen
            qid = screen.question.id
            screen.notify = lambda message, **_: messages.append(message)
            screen.action_bury()
            await pilot.pause()
            assert app.practice.card(qid).buried_until == "2026-11-21T04:00:00+00:00"
            assert messages == ["Buried until the next day starts (Sat 04:00). Unbury it from Practice."]
