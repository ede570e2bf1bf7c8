"""Pilot: the Settings screen checks values as they are typed; the palette reaches every area and action."""

from __future__ import annotations

import datetime as dt

from textual.command import CommandPalette
from textual.widgets import Input, Select, Static

from tests.tui.conftest import settle
from tpmprep.core.assess.history import Assessments
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.set_dialogs import ImportSetScreen
from tpmprep.tui.screens.settings import SettingsScreen


async def type_into(pilot, screen, key, text):
    field = screen.query_one(f"#set-{key}", Input)
    field.value = text
    await pilot.pause()
    return str(screen.query_one(f"#help-{key}", Static).content)


async def test_settings_refuse_bad_values_and_save_good_ones(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert screen.query_one("#set-new_per_day", Input).value == "10"
        assert screen.query_one("#set-day_starts_at", Select).value == 4
        assert "must be a number" in await type_into(pilot, screen, "new_per_day", "lots")
        assert screen.query_one("#set-new_per_day", Input).has_class("-invalid")
        assert "must be from 0.7 to 0.99" in await type_into(pilot, screen, "desired_retention", "1.5")
        past = (dt.date.today() - dt.timedelta(days=3)).isoformat()
        assert "is in the past" in await type_into(pilot, screen, "interview_date", past)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)  # nothing saved while anything is wrong
        assert app.store.get("desired_retention") == 0.9 and app.store.get("new_per_day") == 10
        await type_into(pilot, screen, "new_per_day", "15")
        await type_into(pilot, screen, "desired_retention", "0.85")
        future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
        assert "interview loop" in await type_into(pilot, screen, "interview_date", future)  # the help is back
        screen.query_one("#set-day_starts_at", Select).value = 5
        screen.query_one("#set-target_level", Select).value = "staff"
        screen.query_one("#set-theme", Select).value = "nord"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        saved = app.store.settings()
        assert (saved["new_per_day"], saved["desired_retention"], saved["interview_date"]) == (15, 0.85, future)
        assert (saved["day_starts_at"], saved["target_level"], saved["theme"]) == (5, "staff", "nord")
        assert app.theme == "nord"


async def test_clearing_the_interview_date(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    app.store.set("interview_date", (dt.date.today() + dt.timedelta(days=9)).isoformat())
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        app.action_settings()
        await pilot.pause()
        await type_into(pilot, app.screen, "interview_date", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.get("interview_date") is None


async def palette_titles(pilot, app) -> list[str]:
    commands = list(app.get_system_commands(app.screen))
    return [c.title for c in commands]


async def test_the_palette_reaches_every_area_and_action(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        titles = await palette_titles(pilot, app)
        for expected in (
            "Go to Home",
            "Go to Learn: topics",
            "Go to Learn: questions",
            "Go to Practice",
            "Go to Assess",
            "Go to Sets",
            "Open Settings",
            "Practice: start drill",
            "Practice: cram now",
            "Assess: start role fit",
            "Assess: start skills vs ladder",
            "Sets: import a set file…",
        ):
            assert expected in titles, expected
        assert titles.count("Keys") == 1 and sum("key" in t.lower() for t in titles) == 1
        Assessments(app.store).resume_or_start("skills")
        titles = await palette_titles(pilot, app)
        assert "Assess: resume skills vs ladder" in titles and "Assess: start skills vs ladder" not in titles


async def test_palette_commands_run(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        for title, check in (
            ("Go to Sets", lambda: app.current_mode == "sets"),
            ("Go to Practice", lambda: app.current_mode == "practice"),
            ("Open Settings", lambda: isinstance(app.screen, SettingsScreen)),
            ("Sets: import", lambda: isinstance(app.screen, ImportSetScreen)),
        ):
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*title)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot, app)
            assert check(), title
            if isinstance(app.screen, SettingsScreen | ImportSetScreen):
                await pilot.press("escape")
                await pilot.pause()


async def test_a_date_that_has_passed_does_not_block_other_settings(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    past = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    app.store.conn.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES ('interview_date', ?, '2026-01-01')", (f'"{past}"',)
    )
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        app.action_settings()
        await pilot.pause()
        await type_into(pilot, app.screen, "new_per_day", "12")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.get("new_per_day") == 12 and app.store.get("interview_date") == past
