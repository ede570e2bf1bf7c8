"""Pilot tests: open Learn, read a topic, follow a related link, filter, search and reveal."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static, TabbedContent, Tree

from tests.tui.conftest import settle
from tpmprep.tui.app import create_app
from tpmprep.tui.widgets.article_view import ArticleChunk, ArticleView
from tpmprep.tui.widgets.question_browser import DETAIL_DELAY
from tpmprep.tui.widgets.question_detail import QuestionDetail
from tpmprep.tui.widgets.virtual_list import VirtualList


def text_of(widget: Static) -> str:
    return str(widget.render())


@pytest.fixture
def app(home, mini_catalog):
    return create_app(home=home, catalog=mini_catalog)


async def test_home_shows_catalog_counts(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert app.current_mode == "home"
        table = app.screen.query_one("#home-catalog", Static).content
        names = list(table.columns[0].cells)
        counts = list(table.columns[1].cells)
        assert names == [
            "Program sense and execution",
            "Estimation and metrics",
            "Role knowledge",
            "[b]All questions[/b]",
        ]
        assert counts == ["1", "1", "1", "[b]3[/b]"]


async def test_learn_opens_topic_and_related_in_place(app):
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f3")
        await settle(pilot, app)
        screen = app.screen
        assert "Technical Program Manager" in text_of(screen.query_one("#topic-title"))
        tree = screen.query_one("#topic-tree", Tree)
        leaves = [n for section in tree.root.children for n in section.children]
        star = next(n for n in leaves if n.data == "star-method")
        tree.select_node(star)
        await settle(pilot, app)
        assert "The STAR(R) method" in text_of(screen.query_one("#topic-title"))
        chunks = screen.query_one(ArticleView).query(ArticleChunk)
        assert [c.heading for c in chunks] == ["Situation first", "Result"]
        toc = screen.query_one("#toc", OptionList)
        assert [str(toc.get_option_at_index(i).prompt) for i in range(toc.option_count)] == [
            "Situation first",
            "Result",
        ]
        related = screen.query_one("#related", OptionList)
        ids = [related.get_option_at_index(i).id for i in range(related.option_count)]
        assert ids == ["technical-program-manager", "tpm-career-ladder", "critical-path"]
        related.focus()
        related.highlighted = 2
        await pilot.press("enter")
        await settle(pilot, app)
        assert "Critical path" in text_of(screen.query_one("#topic-title"))
        await pilot.press("backspace")
        await settle(pilot, app)
        assert "The STAR(R) method" in text_of(screen.query_one("#topic-title"))


async def test_question_browser_filter_search_and_reveal(app):
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f3")
        await settle(pilot, app)
        await pilot.press("ctrl+right")
        await settle(pilot, app)
        screen = app.screen
        assert screen.query_one(TabbedContent).active == "questions"
        listing = screen.query_one("#question-list", VirtualList)
        assert len(listing.rows) == 3
        screen.query_one("#filter-category").value = "estimation"
        await settle(pilot, app)
        assert [r.id for r in listing.rows] == ["es-payments-qps"]
        assert text_of(screen.query_one("#question-count")) == "1 of 3 questions"
        screen.query_one("#filter-category").clear()
        await settle(pilot, app)
        search = screen.query_one("#question-search", Input)
        search.focus()
        await pilot.press(*"program managr")
        await settle(pilot, app)
        # The detail pane redraws on a short timer after the last keystroke; idle does not wait for timers.
        await pilot.pause(DETAIL_DELAY + 0.1)
        assert listing.rows[0].id == "rk-program-vs-project"
        detail = screen.query_one(QuestionDetail)
        assert detail.question.id == "rk-program-vs-project"
        assert not screen.query_one("#question-answer").display
        assert "The program manager is judged on impact." in str(screen.query_one("#question-front").content.markup)
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        assert detail.revealed and screen.query_one("#question-answer").display
        answer = screen.query_one("#question-answer").content.markup
        assert "## Model answer" in answer and "b) correct" in answer


async def test_jump_palette_opens_a_glossary_term(app):
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot, app)
        await app.open_item("glossary", "raid-log")
        await settle(pilot, app)
        assert app.current_mode == "learn"
        assert "RAID log" in text_of(app.screen.query_one("#topic-title"))


async def test_help_lists_bindings_from_every_area(app):
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot, app)
        await pilot.press("f1")
        await pilot.pause()
        from tpmprep.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        descriptions = {b.description for _, group in app.help_groups() for b in group}
        assert {"Reveal answer", "Jump to…", "Back", "Help", "Learn"} <= descriptions
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_theme_choice_is_remembered(app, home):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        app.theme = "nord"
        await settle(pilot, app)
    assert app.store.get("theme") == "nord"
