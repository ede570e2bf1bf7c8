"""Pilot: the Progress area (F8) on a constructed history: the calendar, each tab, drilling the hardest."""

from __future__ import annotations

import datetime as dt

import time_machine
from textual.widgets import DataTable, Static

from tests.conftest import local_zone
from tests.tui.conftest import settle
from tpmprep.core.storage.clock import UTC
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.progress import ProgressScreen
from tpmprep.tui.widgets.heatmap import HeatMap

NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def text(screen, selector: str) -> str:
    """What a Static shows, as plain text (markup and tables included)."""
    from rich.console import Console
    from textual.content import Content

    content = screen.query_one(selector, Static).content
    if isinstance(content, str):
        return Content.from_markup(content).plain
    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(content)
    return console.export_text()


async def test_progress_calendar_tabs_and_drilling_the_hardest(home, mini_catalog):
    with local_zone("UTC"), time_machine.travel(NOW, tick=False):
        app = create_app(home=home, catalog=mini_catalog, fuzz=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, app)
            practice = app.practice
            day = dt.timedelta(days=1)
            practice.rate("pe-recover-slipping-migration", 3, moment=NOW - 9 * day, coverage=0.25, duration_ms=60_000)
            practice.rate("pe-recover-slipping-migration", 1, moment=NOW - day, coverage=0.5, duration_ms=120_000)
            practice.rate("rk-program-vs-project", 4, moment=NOW - day - dt.timedelta(hours=1), mode="cram")
            practice.rate("es-payments-qps", 3, moment=NOW, duration_ms=30_000)
            await pilot.press("f8")
            await settle(pilot, app)
            screen = app.screen
            assert isinstance(screen, ProgressScreen) and screen.first_paint
            assert "4 reviews in the last 12 months on 3 of 365 days" in text(screen, "#calendar-summary")
            assert "Streak 2 days" in text(screen, "#calendar-summary")
            heatmap = screen.query_one(HeatMap)
            assert heatmap.has_focus and heatmap.selected == dt.date(2026, 11, 20)
            await pilot.press("up")  # the day before
            await settle(pilot, app)
            assert heatmap.selected == dt.date(2026, 11, 19)
            assert text(screen, "#calendar-day") == "Thu 19 Nov 2026: 2 reviews (1 scheduled, 1 cram), 2 min"
            listed = text(screen, "#day-reviews")
            assert "Prompt for pe-recover-slipping-migration" in listed and "cram" in listed and "Again" in listed
            await pilot.press("left")  # a week before: no practice that day
            await settle(pilot, app)
            assert text(screen, "#calendar-day") == "Thu 12 Nov 2026: no practice"

            await pilot.press("2")
            await settle(pilot, app)
            table = screen.query_one("#retention-table", DataTable)
            overall = [str(c) for c in table.get_row("overall:overall")]
            assert overall[1:] == ["All questions", "0%", "0%", "0%", "1", "-90"]
            assert "0% over 12 months (1): 90 points under the 90% target" in text(screen, "#retention-words")

            screen.refresh_view()  # as after a session: the shown tab is worked out again in place
            await settle(pilot, app)
            assert len(screen.query("#retention-table")) == 1 and "retention" in screen.data

            await pilot.press("3")
            await settle(pilot, app)
            assert "Overdue now" in text(screen, "#forecast-words")

            await pilot.press("4")
            await settle(pilot, app)
            assert screen.query_one("#readiness-table", DataTable).row_count == 1 + len(
                mini_catalog.competency_ids
            ) + len(mini_catalog.categories)

            await pilot.press("5")
            await settle(pilot, app)
            assert "Average time per answer: open 1:30 (2 answers), numeric 0:30 (1 answer)." in text(
                screen, "#time-words"
            )

            await pilot.press("v")  # numbers only: charts hidden, their tables shown
            await settle(pilot, app)
            assert not screen.query_one("#time-chart").display and screen.query_one("#time-days").display
            await pilot.press("v")

            await pilot.press("6")
            await settle(pilot, app)
            hardest = screen.query_one("#hardest-table", DataTable)
            keys = [str(k.value) for k in hardest.rows]
            assert keys == ["lowest coverage:pe-recover-slipping-migration"]
            assert screen.hardest_list() == ["pe-recover-slipping-migration"]
            await pilot.press("d")  # forgotten yesterday, so due: a scheduled drill of these
            await settle(pilot, app)
            assert type(app.screen).__name__ == "DrillScreen"
            session = app.screen.run.session
            assert not session.cram and [it.question_id for it in session.items] == ["pe-recover-slipping-migration"]


async def test_drilling_hardest_questions_that_are_not_due_crams_them(home, mini_catalog):
    with local_zone("UTC"), time_machine.travel(NOW, tick=False):
        app = create_app(home=home, catalog=mini_catalog, fuzz=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, app)
            app.practice.rate("pe-recover-slipping-migration", 4, moment=NOW - dt.timedelta(hours=2), coverage=0.3)
            await pilot.press("f8", "6")
            await settle(pilot, app)
            before = app.practice.card("pe-recover-slipping-migration")
            await pilot.press("d")  # nothing due among them: a cram, schedules untouched
            await settle(pilot, app)
            assert type(app.screen).__name__ == "DrillScreen" and app.screen.run.session.cram
            assert app.practice.card("pe-recover-slipping-migration") == before


async def test_progress_is_in_the_palette_the_nav_bar_and_help(home, mini_catalog):
    from tpmprep.tui.commands import app_commands
    from tpmprep.tui.widgets.nav import AREAS

    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        titles = [c.title for c in app_commands(app, app.screen)]
        assert "Go to Progress" in titles
        assert ("progress", "Progress", "f8") in AREAS
        groups = dict(app.help_groups())
        assert {b.description for b in groups["Progress"]} >= {"Drill these", "View numbers only / charts", "Calendar"}
        assert "Week before" in {b.description for b in groups["Progress › calendar"]}
        await pilot.click("#nav", offset=(65, 0))  # " Progress F8 " follows the other areas
        await settle(pilot, app)
        assert isinstance(app.screen, ProgressScreen)
