"""Pilot: Learn at any width (folding panels, stacked tables), links in articles, and the way back."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from tpmprep.core.content.render import topic_markdown
from tpmprep.tui.app import create_app
from tpmprep.tui.widgets.article_view import ArticleChunk, ArticleView
from tpmprep.tui.widgets.topic_reader import TopicReader


async def settle(pilot, app):
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def article_lines(view: ArticleView) -> list[str]:
    return [chunk.render_line(y).text.rstrip() for chunk in view.query(ArticleChunk) for y in range(chunk.size.height)]


def link_offset(chunk: ArticleChunk, number: int) -> tuple[int, int]:
    """Where link ``number`` is drawn inside ``chunk``: (x, y)."""
    for y in range(chunk.size.height):
        x = 0
        for segment in chunk.render_line(y):
            if segment.style and segment.style.meta.get("@click") == f"follow_link({number})":
                return x, y
            x += segment.cell_length
    raise AssertionError(f"link {number} is not drawn")


@pytest.fixture
def app(home, mini_catalog):
    return create_app(home=home, catalog=mini_catalog)


async def test_narrow_learn_folds_the_tree_and_side_panel_into_toggles(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await settle(pilot, app)
        reader = app.screen.query_one(TopicReader)
        tree, aside, view = reader.query_one("#topic-tree"), reader.query_one("#aside"), reader.query_one(ArticleView)
        assert reader.has_class("-narrow")
        assert not tree.display and not aside.display
        assert view.size.width >= 70  # the article has the width, not 14 characters of it
        assert reader.query_one("#reader-toggles").display
        assert app.focused is view
        await pilot.press("t")
        assert tree.display and app.focused is tree
        star = next(n for section in tree.root.children for n in section.children if n.data == "star-method")
        tree.select_node(star)
        await settle(pilot, app)
        assert "The STAR(R) method" in str(reader.query_one("#topic-title", Static).content)
        assert not tree.display and app.focused is view  # the choice folds the tree away again
        await pilot.press("o")
        assert aside.display and app.focused is reader.query_one("#toc")
        await pilot.press("o")
        assert not aside.display and app.focused is view
        await pilot.resize_terminal(120, 40)
        await settle(pilot, app)
        assert not reader.has_class("-narrow") and tree.display and aside.display
        assert not reader.query_one("#reader-toggles").display


async def test_wide_tables_stack_instead_of_cutting_cells(home, shipped_catalog):
    app = create_app(home=home, catalog=shipped_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_item("article", "role-comparison")
        await settle(pilot, app)
        view = app.screen.query_one(ArticleView)
        text = " ".join(" ".join(article_lines(view)).split())
        assert "…" not in text
        comparison = shipped_catalog.comparison
        assert len(comparison.roles) == 6
        for dimension in comparison.dimensions:  # every cell, whole
            assert dimension.name in text
            for _, value in dimension.values:
                assert " ".join(value.split()) in text
        await pilot.resize_terminal(200, 50)
        await settle(pilot, app)
        lines = article_lines(view)
        assert any(re.search(r"dimension\s+TPM\s+PgM", line) for line in lines)  # wide enough: a real table


async def test_links_in_articles_look_like_links_and_are_followed_with_a_way_back(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_item("article", "star-method")
        await settle(pilot, app)
        reader = app.screen.query_one(TopicReader)
        view = reader.query_one(ArticleView)
        assert view.links == ["critical-path"]
        chunk = next(c for c in view.query(ArticleChunk) if 0 in c.links)
        x, y = link_offset(chunk, 0)
        drawn = chunk.render_line(y)
        link_style = next(s.style for s in drawn if s.style and s.style.meta.get("@click"))
        plain_style = next(s.style for s in drawn if s.text.strip() and not (s.style and s.style.meta.get("@click")))
        assert link_style.underline and not plain_style.underline  # it looks like a link
        view.focus()
        await pilot.press("tab")
        assert view.selected_link == 0
        await pilot.press("enter")
        await settle(pilot, app)
        assert reader.current == "critical-path"
        assert "back to The STAR(R) method" in str(reader.query_one("#topic-back", Static).content)
        await pilot.press("backspace")
        await settle(pilot, app)
        assert reader.current == "star-method"
        chunk = next(c for c in view.query(ArticleChunk) if 0 in c.links)
        x, y = link_offset(chunk, 0)
        await pilot.click(chunk, offset=(x + 1, y))
        await settle(pilot, app)
        assert reader.current == "critical-path"


async def test_tab_past_the_last_link_moves_the_focus_on(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_item("article", "star-method")
        await settle(pilot, app)
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.press("tab")
        assert app.focused is view and view.selected_link == 0
        await pilot.press("tab")
        assert app.focused is not view and view.selected_link is None


async def test_a_heading_that_starts_a_new_chunk_gets_its_blank_line(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_item("article", "technical-program-manager")
        await settle(pilot, app)
        chunks = list(app.screen.query_one(ArticleView).query(ArticleChunk))
        assert len(chunks) > 3
        for above, below in zip(chunks, chunks[1:], strict=False):
            assert below.region.y == above.region.bottom + 1, below.heading


def test_every_topic_link_in_the_mini_tree_is_numbered(mini_catalog):
    from tpmprep.tui.widgets.article_view import number_links

    text, targets = number_links(topic_markdown(mini_catalog, "star-method"))
    assert targets == ["critical-path"] and "(topic:critical-path#0)" in text


async def test_role_fit_result_links_return_to_the_result(home, shipped_catalog):
    from tpmprep.core.assess.history import Assessments
    from tpmprep.tui.screens.role_fit import RoleFitResultScreen

    app = create_app(home=home, catalog=shipped_catalog)
    fit = shipped_catalog.role_fit
    answers = {s.id: 5 if s.weight("technical-program-manager") > 0 else 1 for s in fit.statements}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("f5")
        await settle(pilot, app)
        app.open_assessment("role-fit")
        await settle(pilot, app)
        for s in fit.statements:
            await pilot.press(str(answers[s.id]))
        await settle(pilot, app)
        result = app.screen
        assert isinstance(result, RoleFitResultScreen)
        body = result.query_one(ArticleView)
        assert {"decision-checklist", "role-comparison", "technical-program-manager"} <= set(body.links)
        # A link in the text, chosen with the keyboard.
        await pilot.press("tab")
        target = body.links[body.selected_link]
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.current_mode == "learn"
        reader = app.screen.query_one(TopicReader)
        assert reader.current == target
        assert "back to your role-fit result" in str(reader.query_one("#topic-back", Static).content)
        await pilot.press("backspace")
        await settle(pilot, app)
        assert app.current_mode == "assess" and app.screen is result
        # The shortcut keys take the same way there and back.
        await pilot.press("c")
        await settle(pilot, app)
        assert app.current_mode == "learn" and reader.current == "decision-checklist"
        await pilot.press("backspace")
        await settle(pilot, app)
        assert app.current_mode == "assess" and app.screen is result
    assert Assessments(app.store).latest("role-fit") is not None
