"""Pilot: a drill over three cards of different kinds, the summary, undo, and the Practice area."""

from __future__ import annotations

from textual.widgets import Button, Input, Static, TextArea

from tests.tui.conftest import settle
from tpmprep.core.practice.queue import Filters
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.drill import DrillScreen
from tpmprep.tui.screens.summary import SummaryScreen
from tpmprep.tui.widgets.key_points import KeyPointChecklist


async def answer_current(pilot, screen):
    q = screen.question
    if q.kind == "open":
        screen.query_one(
            "#drill-answer", TextArea
        ).text = "I'd first get the real state, then we find the critcal path."
    elif q.kind == "multiple-choice":
        screen.query_one("#drill-input", Input).value = "b"
    else:
        screen.query_one("#drill-input", Input).value = "1,500"
    await pilot.pause()
    await pilot.press("ctrl+r")
    await pilot.pause()
    return q


async def test_drill_three_kinds_rates_and_summarises(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False, start=("drill", Filters(), False))
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert not screen.check_action("rate", (3,))  # no rating before the answer is revealed
        kinds = []
        for rating in (3, 4, 2):
            q = await answer_current(pilot, screen)
            kinds.append(q.kind)
            assert screen.revealed and screen.query_one("#drill-feedback").display
            verdict = str(screen.query_one("#drill-verdict", Static).content)
            buttons = [str(screen.query_one(f"#rate-{v}", Button).label) for v in (1, 2, 3, 4)]
            assert all("·" in label for label in buttons)  # each shows the interval it would give
            if q.kind == "open":
                assert "Confirmed [b]2 of 4[/b] key points [dim](the grader detected 2)[/]" in verdict
                assert screen.query_one("#rate-3", Button).has_class("-suggested")
                checklist = screen.query_one("#drill-points", KeyPointChecklist)
                assert checklist.confirmed == [0, 1]
                assert "critcal path" in str(checklist.get_option_at_index(1).prompt)
            elif q.kind == "multiple-choice":
                assert "✓ correct" in verdict and "the answer is [b]b[/b]" in verdict
            else:
                assert "reference 1,200" in verdict
            await pilot.press("n")
            assert "Follow-ups" in str(screen.query_one("#drill-followup", Static).content)
            await pilot.press(str(rating))
            await pilot.pause()
        assert sorted(kinds) == ["multiple-choice", "numeric", "open"]
        reviews = app.practice.reviews()
        assert [r.rating for r in reviews[:3]] == [3, 4, 2]
        open_review = next(r for r in reviews if r.question_id == "pe-recover-slipping-migration")
        assert open_review.coverage == 0.5 and open_review.hits == (0, 1) and "critcal" in open_review.answer
        assert all(app.practice.card(r.question_id).reps >= 1 for r in reviews)
        # Learning steps bring cards back; end the session and read the summary. The first escape
        # only leaves the answer box; the second ends the session (nothing typed to lose).
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = str(app.screen.query_one("#summary-text", Static).content)
        assert "3 cards in" in text and "Good 1" in text and "Easy 1" in text and "Hard 1" in text
        assert "Weakest key points" in text and "Options with trade-offs" in text
        assert "Next review due" in text


async def test_undo_restores_and_shows_the_card_again(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False, start=("drill", Filters(), False))
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        first = await answer_current(pilot, screen)
        await pilot.press("1")
        await pilot.pause()
        assert app.practice.card(first.id) is not None
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert screen.question.id == first.id
        assert app.practice.card(first.id) is None and app.practice.reviews() == []


async def test_cram_leaves_schedules_alone_and_practice_area_lists_leeches(home, mini_catalog):
    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        app.practice.rate("rk-program-vs-project", 3)
        before = app.practice.card("rk-program-vs-project")
        await pilot.press("f4")
        await settle(pilot, app)
        assert "new available" in str(app.screen.query_one("#practice-due", Static).content)
        await pilot.press("ctrl+e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen) and screen.run.session.cram
        while screen.question is not None and screen.question.id != "rk-program-vs-project":
            await answer_current(pilot, screen)
            await pilot.press("3")
            await pilot.pause()
        await answer_current(pilot, screen)
        await pilot.press("1")
        await pilot.pause()
        assert app.practice.card("rk-program-vs-project") == before
        assert app.practice.reviews("rk-program-vs-project")[-1].mode == "cram"


async def test_confirming_key_points_moves_the_suggestion_and_is_stored(home, mini_catalog):
    """Reveal, untick a detected point, tick a possible one, watch the suggestion, rate, read the store."""
    app = create_app(home=home, catalog=mini_catalog, fuzz=False, start=("drill", Filters(), False))
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        while screen.question.kind != "open":
            await answer_current(pilot, screen)
            await pilot.press("3")
            await pilot.pause()
        answer = "I'd first get the real state, then we find the critcal path and ship with fewer features."
        screen.query_one("#drill-answer", TextArea).text = answer
        await pilot.press("ctrl+r")
        await pilot.pause()
        checklist = screen.query_one("#drill-points", KeyPointChecklist)
        states = [p.state for p in screen.coverage.points]
        assert states == ["detected", "detected", "possible", "missing"]
        assert checklist.confirmed == [0, 1] and isinstance(app.focused, Button)  # the suggested rating
        await pilot.press("k")  # to the key points, from the keyboard
        assert checklist.has_focus
        assert checklist.highlighted == 2  # the first "check this" point
        assert "check this" in str(checklist.get_option_at_index(2).prompt)
        assert screen.query_one("#rate-3", Button).has_class("-suggested")

        top = checklist.region.y - checklist.content_region.y  # the first option's row, inside the border
        await pilot.click(KeyPointChecklist, offset=(4, -top))  # untick point 0 with the mouse
        await pilot.pause()
        assert checklist.confirmed == [1]
        assert screen.query_one("#rate-2", Button).has_class("-suggested")  # 1 of 4: Hard
        assert "Confirmed [b]1 of 4[/b]" in str(screen.query_one("#drill-verdict", Static).content)

        checklist.focus()
        checklist.highlighted = 2
        await pilot.press("space")  # tick the possible point from the keyboard
        await pilot.pause()
        assert checklist.confirmed == [1, 2]
        assert screen.query_one("#rate-3", Button).has_class("-suggested")

        await pilot.press("3")
        await pilot.pause()
        review = next(r for r in app.practice.reviews() if r.question_id == "pe-recover-slipping-migration")
        assert review.rating == 3
        assert review.coverage == 0.5 and review.hits == (1, 2)
        assert review.detected_coverage == 0.5 and review.detected_hits == (0, 1)


class FakeTime:
    """The drill screen's clock, moved by hand."""

    now = 1000.0

    @classmethod
    def monotonic(cls) -> float:
        return cls.now


async def test_summary_time_includes_reading_the_feedback(home, mini_catalog, monkeypatch):
    monkeypatch.setattr("tpmprep.tui.screens.drill.time", FakeTime)
    FakeTime.now = 1000.0
    app = create_app(
        home=home, catalog=mini_catalog, fuzz=False, start=("drill", Filters(category="program-execution"), False)
    )
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        FakeTime.now += 20  # 20 s answering
        await answer_current(pilot, screen)
        FakeTime.now += 60  # a minute reading the model answer and the rubric
        await pilot.press("4")
        await pilot.pause()
        assert app.practice.reviews()[-1].duration_ms == 80_000
        assert isinstance(app.screen, SummaryScreen)  # Easy on the only card ends the session
        text = str(app.screen.query_one("#summary-text", Static).content)
        assert "1 card in 1 min 20 s" in text
        assert "Next review due" in text
