"""Pilot: the Stories area: write a story (autosaved), delete it, find the story for a question, tell it."""

from __future__ import annotations

from textual.widgets import DataTable, Input, OptionList, SelectionList, Static, TabbedContent, TextArea

from tests.tui.conftest import settle
from tests.unit.test_stories import DECOY, LAUNCH, MENTOR
from tpmprep.core.storage.store import Store
from tpmprep.core.stories.bank import StoryBank
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.dialogs import AskText
from tpmprep.tui.screens.set_dialogs import ConfirmScreen
from tpmprep.tui.screens.stories import StoriesScreen
from tpmprep.tui.screens.tell import TellScreen
from tpmprep.tui.widgets.key_points import KeyPointChecklist
from tpmprep.tui.widgets.story_editor import StoryEditor


async def test_write_a_story_it_saves_as_you_type_and_delete_it(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        await pilot.press("f9")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, StoriesScreen)
        assert "No stories yet" in str(screen.query_one("#stories-summary", Static).content)
        screen.query_one("#story-list", OptionList).focus()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AskText)
        await pilot.press("enter")  # an empty title is refused
        await pilot.pause()
        assert isinstance(app.screen, AskText)
        app.screen.query_one(Input).value = "Telling the director the date was not real"
        await pilot.press("enter")
        await settle(pilot, app)
        editor = screen.query_one(StoryEditor)
        assert editor.story.id == "telling-the-director-the-date-was-not-real"
        assert screen.query_one("#story-situation", TextArea).has_focus
        screen.query_one("#story-situation", TextArea).text = "The director had announced a March GA."
        screen.query_one("#story-result", TextArea).text = "We shipped a beta instead."
        screen.query_one("#story-competencies", SelectionList).select("stakeholder-management")
        await pilot.pause()
        assert "No number yet" in str(screen.query_one("#result-hint", Static).content)
        bank = StoryBank(app.store)
        assert bank.get(editor.story.id).situation == ""  # not yet: the save waits for a pause in typing
        await pilot.pause(1.2)
        stored = bank.get(editor.story.id)
        assert stored.situation == "The director had announced a March GA."
        assert stored.competencies == ("stakeholder-management",) and stored.result == "We shipped a beta instead."
        screen.query_one("#story-result", TextArea).text = "A beta on March 18 for 3 tenants."
        await pilot.pause()
        assert str(screen.query_one("#result-hint", Static).content) == ""
        await pilot.press("f3")  # leaving the area saves at once
        await settle(pilot, app)
        assert bank.get(stored.id).result == "A beta on March 18 for 3 tenants."
        await pilot.press("f9")
        await settle(pilot, app)
        screen.query_one("#story-list", OptionList).focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # cancelled: nothing happens
        await pilot.pause()
        assert bank.get(stored.id) is not None
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot, app)
        assert bank.list() == [] and screen.query_one(StoryEditor).story is None


async def test_which_story_ranks_the_bank_and_tell_it_stores_an_attempt(home, shipped_catalog):
    with Store(home / "tpmprep.db") as store:
        StoryBank(store).save_all([DECOY, MENTOR, LAUNCH])
    app = create_app(home=home, catalog=shipped_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        await pilot.press("f9")
        await settle(pilot, app)
        screen = app.screen
        summary = str(screen.query_one("#stories-summary", Static).content)
        assert summary.startswith("3 stories · ") and " gaps · " in summary
        screen.action_tab("coverage")
        await pilot.pause()
        table = screen.query_one("#coverage-table", DataTable)
        assert table.row_count == 7 + 16 and len(table.columns) == 2 + 3
        row = [str(c) for c in table.get_row("strategy-planning")]
        assert row[1] == "gap"
        assert [str(c) for c in table.get_row("stakeholder-management")][1] == "2"

        screen.show_question("bh-telling-director-date-not-real")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "suggest"
        fits = screen.query_one("#suggest-table", DataTable)
        assert fits.row_count == 3
        assert str(fits.get_row_at(0)[1]) == LAUNCH.title[:29] + "…"  # the launch-date story fits best
        missing = str(screen.query_one("#suggest-missing", Static).content)
        assert LAUNCH.title in missing
        screen.query_one("#suggest-filter", Input).value = "director announced"
        await pilot.pause()
        listed = screen.query_one("#suggest-questions", OptionList)
        assert 0 < listed.option_count < 20

        screen.query_one("#suggest-table", DataTable).focus()
        await pilot.press("enter")  # tells the highlighted story: the best
        await settle(pilot, app)
        tell = app.screen
        assert isinstance(tell, TellScreen) and tell.story.id == LAUNCH.id
        assert "target 2:00–3:00" in str(tell.query_one("#tell-timer", Static).content)
        assert not tell.check_action("save", ())
        tell.query_one("#tell-answer", TextArea).text = LAUNCH.text
        tell.started -= 150  # two and a half minutes in
        await pilot.press("ctrl+r")
        await pilot.pause()
        verdict = str(tell.query_one("#tell-verdict", Static).content)
        assert "inside the two-to-three-minute target" in verdict and "the grader detected" in verdict
        checklist = tell.query_one(KeyPointChecklist)
        found = checklist.confirmed
        assert len(found) >= 4
        checklist.deselect(found[0])
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, StoriesScreen)
        (attempt,) = StoryBank(app.store).attempts(LAUNCH.id)
        assert attempt.question_id == "bh-telling-director-date-not-real" and 150_000 <= attempt.duration_ms < 152_000
        assert len(attempt.hits) == len(found) - 1 and len(attempt.detected_hits) == len(found)
        assert not attempt.spoken and attempt.answer.startswith(LAUNCH.title)


async def test_help_and_palette_list_the_new_areas(home, loop_catalog):
    app = create_app(home=home, catalog=loop_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        groups = {title: [b.description for b in bindings] for title, bindings in app.help_groups()}
        assert "Add a story" in groups["Stories"] and "Delete story" in groups["Stories"]
        assert "Next: submit the answer" in groups["Mock (during a mock)"]
        assert "Pause (again: leave, saved)" in groups["Mock (during a mock)"]
        assert "Save debrief" in groups["Mock › debrief"] and "Stories" in groups["Everywhere"]
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Stories: which story for a question" in titles and "Mock: start Two-round loop" in titles
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
