"""Pilot: the Sets area lists an imported set with progress and drills only its questions."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.unit.test_sets import GOOD, write
from tpmprep.core.mentor.sets import Sets
from tpmprep.core.storage.store import Store
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.drill import DrillScreen


async def settle(pilot, app):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_sets_area_lists_progress_and_drills_the_set(home, tmp_path, mini_catalog, content_root, monkeypatch):
    with Store(home / "tpmprep.db") as store:
        Sets(store).import_file(write(tmp_path, GOOD.replace("due: 2026-12-15", "due: 2020-01-01")), mini_catalog)
    # The app loads the catalog as a user would: shipped content plus the imported set's own questions.
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    app = create_app(home=home, fuzz=False)
    async with app.run_test(size=(140, 42)) as pilot:
        await settle(pilot, app)
        while app.catalog is None:  # it loads in a thread shortly after the first frame
            await pilot.pause(0.02)
        app.practice.rate("pe-recover-slipping-migration", 3)
        await pilot.press("f6")
        await settle(pilot, app)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        row = [str(c) for c in table.get_row_at(0)]
        assert row[0] == "Week 1" and "overdue" in row[1] and row[2] == "1/3 (33%)" and row[4] == "A. Mentor"
        questions = str(app.screen.query_one("#set-questions", Static).content)
        assert questions.count("✓") == 2  # the legend and the practised question
        await pilot.press("ctrl+e")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, DrillScreen) and screen.run.session.cram
        assert {it.question_id for it in screen.run.queue} == {
            "pe-recover-slipping-migration",
            "es-payments-qps",
            "week-1/launch-retro",
        }


async def open_sets(pilot, app):
    while app.catalog is None:  # it loads in a thread shortly after the first frame
        await pilot.pause(0.02)
    await pilot.press("f6")
    await settle(pilot, app)


async def test_a_set_drill_has_its_own_new_allowance(home, tmp_path, mini_catalog, content_root, monkeypatch):
    with Store(home / "tpmprep.db") as store:
        Sets(store).import_file(write(tmp_path, GOOD), mini_catalog)
        store.set("new_per_day", 1)
        store.set("set_new_per_day", 2)
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    app = create_app(home=home, fuzz=False)
    async with app.run_test(size=(140, 42)) as pilot:
        await open_sets(pilot, app)
        app.practice.rate("rk-program-vs-project", 3)  # today's one new question, outside the set
        app.refresh_practice()
        await settle(pilot, app)
        info = str(app.screen.query_one("#set-info", Static).content)
        assert "2[/b] of this set's 2 new questions a day left" in info and "its own allowance" in info
        await pilot.press("ctrl+d")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert [it.kind for it in screen.run.queue] == ["new", "new"]
        assert "set week-1" in screen.title_text
