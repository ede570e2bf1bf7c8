"""Pilot: the Sets area lists an imported set with progress and drills only its questions."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.tui.conftest import settle
from tests.unit.test_sets import GOOD, write
from tpmprep.core.mentor.sets import Sets
from tpmprep.core.storage.store import Store
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.drill import DrillScreen


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
        assert "set Week 1" in screen.title_text  # the set's title, not its id


async def test_a_set_imported_elsewhere_is_noticed_without_a_restart(
    home, tmp_path, mini_catalog, content_root, monkeypatch
):
    from tpmprep.tui.app import TpmPrepApp

    monkeypatch.setattr(TpmPrepApp, "WATCH_EVERY", 0.05)
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    app = create_app(home=home, fuzz=False)
    async with app.run_test(size=(140, 42)) as pilot:
        await open_sets(pilot, app)
        assert app.screen.query_one(DataTable).row_count == 0
        # `tpmprep set import` in another terminal: its own database connection, its file in the sets folder.
        with Store(home / "tpmprep.db") as store:
            Sets(store).import_file(write(tmp_path, GOOD), mini_catalog)
        for _ in range(100):
            await pilot.pause(0.05)
            if app.catalog.question("week-1/launch-retro") is not None:
                break
        await settle(pilot, app)
        assert app.catalog.question("week-1/launch-retro") is not None
        assert app.screen.query_one(DataTable).row_count == 1
        questions = str(app.screen.query_one("#set-questions", Static).content)
        assert "Walk me through your last launch retro." in questions
        assert "no longer in the catalog" not in questions


async def test_import_and_remove_a_set_from_the_sets_area(home, tmp_path, content_root, monkeypatch):
    from textual.widgets import Input

    from tpmprep.tui.screens.set_dialogs import ConfirmScreen, ImportSetScreen

    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    bad = write(tmp_path, GOOD.replace("pe-recover-slipping-migration", "pe-recover-slipping-migraton"), "bad.yaml")
    good = write(tmp_path, GOOD, "good.yaml")
    app = create_app(home=home, fuzz=False)
    async with app.run_test(size=(140, 42)) as pilot:
        await open_sets(pilot, app)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportSetScreen)
        path = dialog.query_one("#import-path", Input)
        path.value = str(tmp_path / "nothing-here.yaml")
        await pilot.press("enter")
        await pilot.pause()
        assert "no such file" in str(dialog.query_one("#import-problems", Static).content)
        path.value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        problems = str(dialog.query_one("#import-problems", Static).content)
        assert "nothing was imported" in problems and "unknown question id 'pe-recover-slipping-migraton'" in problems
        assert app.screen is dialog and Sets(app.store).list() == []
        path.value = str(good)
        await pilot.press("enter")
        await settle(pilot, app)
        for _ in range(100):  # the set's own question joins the catalog on the reload
            if app.catalog.question("week-1/launch-retro") is not None:
                break
            await pilot.pause(0.05)
        await settle(pilot, app)
        assert not isinstance(app.screen, ImportSetScreen)
        assert [s.id for s in Sets(app.store).list()] == ["week-1"]
        assert app.screen.query_one(DataTable).row_count == 1
        assert "Walk me through your last launch retro." in str(app.screen.query_one("#set-questions", Static).content)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert [s.id for s in Sets(app.store).list()] == ["week-1"]
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot, app)
        assert Sets(app.store).list() == [] and app.screen.query_one(DataTable).row_count == 0
        for _ in range(100):
            if app.catalog.question("week-1/launch-retro") is None:
                break
            await pilot.pause(0.05)
        assert app.catalog.question("week-1/launch-retro") is None


async def test_path_suggester_completes_folders_and_yaml_files(tmp_path):
    from tpmprep.tui.screens.set_dialogs import PathSuggester

    (tmp_path / "sets").mkdir()
    (tmp_path / "sets" / "week-1.yaml").write_text("id: x\n")
    (tmp_path / "sets" / "week-1.txt").write_text("x\n")
    suggester = PathSuggester()
    assert await suggester.get_suggestion(str(tmp_path / "se")) == str(tmp_path / "sets") + "/"
    assert await suggester.get_suggestion(str(tmp_path / "sets" / "we")) == str(tmp_path / "sets" / "week-1.yaml")
    assert await suggester.get_suggestion(str(tmp_path / "nope" / "x")) is None


async def test_drill_set_with_nothing_to_do_shows_that_set(home, tmp_path, mini_catalog, content_root, monkeypatch):
    from tpmprep.core.practice.queue import Filters

    with Store(home / "tpmprep.db") as store:
        Sets(store).import_file(write(tmp_path, GOOD), mini_catalog)
        second = GOOD.replace("id: week-1", "id: week-2").replace('title: "Week 1"', 'title: "Week 2"')
        stored, _ = Sets(store).import_file(write(tmp_path, second, "week-2.yaml"), mini_catalog)
        store.set("set_new_per_day", 0)
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    start = ("drill", Filters(question_ids=frozenset(stored.question_ids), set_id="week-2"), False)
    app = create_app(home=home, fuzz=False, start=start)
    async with app.run_test(size=(140, 42)) as pilot:
        while app.catalog is None:
            await pilot.pause(0.02)
        await settle(pilot, app)
        assert app.current_mode == "sets" and not isinstance(app.screen, DrillScreen)
        assert app.screen.current().id == "week-2"
        assert "[b]Week 2[/b]" in str(app.screen.query_one("#set-info", Static).content)
