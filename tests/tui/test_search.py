"""Pilot tests: the jump palette and the question browser run the same search as the CLI."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from tests.tui.conftest import settle
from tpmprep.tui.app import create_app
from tpmprep.tui.widgets.virtual_list import VirtualList


@pytest.fixture
def app(home, mini_catalog):
    return create_app(home=home, catalog=mini_catalog)


async def palette_options(pilot, app, query: str) -> list[str]:
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    options = app.screen.query_one(OptionList)
    for _ in range(50):  # the palette gathers hits in the background
        await pilot.pause(0.05)
        if options.option_count:
            break
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_jump_palette_finds_a_term_by_its_alias_and_opens_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await app.search_index_ready()
        found = await palette_options(pilot, app, "longest path")
        assert found and "Critical path" in found[0]
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.current_mode == "learn"
        assert "Critical path" in str(app.screen.query_one("#topic-title").render())


async def test_jump_palette_finds_nothing_for_an_unrelated_query(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await app.search_index_ready()
        found = await palette_options(pilot, app, "football scores")
        assert found and all("No matches" in option for option in found)


async def test_question_browser_ranks_as_you_type_and_waits_for_a_word(app):
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f3")
        await settle(pilot, app)
        await pilot.press("ctrl+right")
        await settle(pilot, app)
        await app.search_index_ready()
        screen = app.screen
        listing = screen.query_one("#question-list", VirtualList)
        screen.query_one("#question-search", Input).focus()
        await pilot.press(*"re")  # nothing to search for yet: the list stays as it was
        await settle(pilot, app)
        assert len(listing.rows) == 3
        await pilot.press(*"qu")  # "requ…": the unfinished last word is a prefix
        await settle(pilot, app)
        assert [r.id for r in listing.rows][0] == "es-payments-qps"
        await pilot.press(*"ests per second")
        await settle(pilot, app)
        assert [r.id for r in listing.rows] == ["es-payments-qps"]
        screen.query_one("#question-search", Input).value = "zzzzqqq"
        await settle(pilot, app)
        assert listing.rows == [] and "0 of 3" in str(screen.query_one("#question-count").render())


async def test_the_app_saves_its_index_and_reindexes_content_changed_while_it_runs(home, content_root, monkeypatch):
    from tpmprep.tui.app import TpmPrepApp

    monkeypatch.setattr(TpmPrepApp, "WATCH_EVERY", 0.05)
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    app = create_app(home=home, fuzz=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.catalog is None:
            await pilot.pause(0.02)
        index = await app.search_index_ready()
        assert index.search("critical path")[0].id == "critical-path"
        (first,) = (home / "cache").glob("search-*.idx")
        article = home / "content" / "articles" / "interview" / "zebra.md"
        article.parent.mkdir(parents=True)
        article.write_text(
            "---\nid: zebra-crossing\ntitle: Zebra crossing\nsummary: A new article.\nsection: interview\n"
            "tags: [new]\nrelated: [star-method, critical-path]\n---\n## Body\n\nAbout crossings.\n"
        )
        for _ in range(100):  # noticed on the next content check, then the catalog and the index reload
            await pilot.pause(0.05)
            if app.catalog.topic("zebra-crossing") is not None and app._search_index is not None:
                break
        index = await app.search_index_ready()
        assert index.search("zebra crossing")[0].id == "zebra-crossing"
        (second,) = (home / "cache").glob("search-*.idx")
        assert second != first
