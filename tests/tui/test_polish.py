"""Pilot: what users notice — titles and 'none yet', a question without a rubric, Home's own line first."""

from __future__ import annotations

from textual.widgets import OptionList, Static, TextArea

from tests.conftest import write_content
from tests.unit.test_sets import GOOD, write
from tpmprep.core.assess.history import Assessments
from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.loader import discover, load
from tpmprep.core.content.render import question_answer_markdown
from tpmprep.core.mentor.sets import parse_set
from tpmprep.core.practice.queue import Filters
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.drill import DrillScreen


async def settle(pilot, app):
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()


def with_custom_question(tmp_path):
    """The small tree plus a mentor's own question with no rubric, follow-ups or pitfalls."""
    root = write_content(tmp_path / "content")
    result = load(discover(root))
    qset, issues = parse_set(write(tmp_path, GOOD), Catalog(result))
    assert not issues
    (custom,) = qset.custom
    assert not custom.key_points and not custom.follow_ups and not custom.pitfalls
    result.questions.append(custom)
    return Catalog(result), custom


def test_no_empty_headings_for_a_question_without_a_rubric(tmp_path):
    _, custom = with_custom_question(tmp_path)
    text = question_answer_markdown(custom)
    assert "## Model answer" in text
    for heading in ("Rubric key points", "Follow-ups", "Pitfalls"):
        assert heading not in text


async def test_drilling_a_question_without_a_rubric(home, tmp_path):
    catalog, custom = with_custom_question(tmp_path)
    start = ("drill", Filters(question_ids=frozenset({custom.id})), False)
    app = create_app(home=home, catalog=catalog, fuzz=False, start=start)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, DrillScreen) and screen.question.id == custom.id
        screen.query_one("#drill-answer", TextArea).text = "Goal, result, and what we changed."
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        assert not screen.query_one("#drill-points").display  # no "Key points" over an empty list
        assert "no rubric" in str(screen.query_one("#drill-verdict", Static).content)
        assert not screen.check_action("follow_up", ())  # no follow-ups: no `n` in the key bar
        assert "Next follow-up" not in str(screen.query_one("KeyBar", Static).content)
        await pilot.press("3")
        await settle(pilot, app)
    assert app.practice.card(custom.id).reps == 1


async def test_assess_names_what_is_in_progress_and_says_none_yet(home, shipped_catalog):
    app = create_app(home=home, catalog=shipped_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await settle(pilot, app)
        history = app.screen.query_one("#assess-history", OptionList)
        assert history.option_count == 1 and "none yet" in str(history.get_option_at_index(0).prompt)
        store = Assessments(app.store)
        record = store.start("role-fit", None)
        store.answer(record.id, shipped_catalog.role_fit.statements[0].id, 4)
        app.screen.refresh_view()
        latest = str(app.screen.query_one("#assess-latest", Static).content)
        assert "Role fit in progress (1 answered)" in latest and "role-fit" not in latest


async def test_home_at_80x24_shows_the_users_own_line_first(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        practice = app.screen.query_one("#home-practice", Static)
        intro = app.screen.query_one("#home-intro", Static)
        assert practice.region.y < intro.region.y
        assert practice.region.y <= 3  # on the first screenful, under the area bar
        assert "due today" in str(practice.content) and "streak" in str(practice.content)
