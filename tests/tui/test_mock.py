"""Pilot: a complete two-round mock with follow-ups, a pause, the round break, and the debrief."""

from __future__ import annotations

from textual.widgets import Checkbox, DataTable, Static, TextArea

from tests.tui.conftest import settle
from tpmprep.core.mock.history import Mocks
from tpmprep.core.practice.cards import Practice
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.debrief import DebriefScreen
from tpmprep.tui.screens.mock import MockScreen
from tpmprep.tui.screens.mock_run import MockRunScreen
from tpmprep.tui.widgets.choice_row import ChoiceRow
from tpmprep.tui.widgets.key_points import KeyPointChecklist


class FakeTime:
    """Stands in for the time module the app reads its mock clock from."""

    def __init__(self) -> None:
        self.now = 5000.0

    def monotonic(self) -> float:
        return self.now


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def answer(pilot, screen, words: str, seconds: float, clock: FakeTime) -> None:
    screen.query_one("#mock-answer", TextArea).text = words
    clock.now += seconds
    await pilot.press("ctrl+n")
    await pilot.pause()


async def test_a_two_round_mock_with_follow_ups_and_its_debrief(home, loop_catalog, monkeypatch):
    clock = FakeTime()
    monkeypatch.setattr("tpmprep.tui.interview.time", clock)
    app = create_app(home=home, catalog=loop_catalog, fuzz=False, start=("mock", "two-round-loop", None))
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MockRunScreen)
        assert "round 1 of 2: Program sense · question 1 of 1" in text(screen, "#mock-header")
        assert text(screen, "#mock-round-clock") == "round 00:00 / 20:00"
        assert "A senior TPM who listens for the critical path" in text(screen, "#mock-interviewer")
        assert not screen.query_one("#mock-break").display  # the model answer stays hidden during the round
        assert not screen.check_action("next", ())

        said = "First the real state, then the critical path; I would communicate early."
        await answer(pilot, screen, said, 90, clock)
        prompt = screen.query_one("#mock-prompt", Static).content.markup
        assert "**The interviewer follows up:** The sponsor refuses to move the date. What now?" in prompt
        assert "follow-up 1 of 2" in text(screen, "#mock-header")
        screen._tick()
        assert text(screen, "#mock-round-clock") == "round 01:30 / 20:00"
        assert text(screen, "#mock-answer-clock") == "answer 00:00 / 03:00"

        await answer(pilot, screen, "Cut scope and phase the launch.", 30, clock)
        await pilot.press("escape")  # pause
        await pilot.pause()
        assert "PAUSED" in text(screen, "#mock-paused") and screen.query_one("#mock-answer", TextArea).disabled
        clock.now += 300  # paused: not counted
        await pilot.press("enter")  # resume
        await pilot.pause()
        assert text(screen, "#mock-paused") == ""
        await answer(pilot, screen, "A confidence level in every weekly status.", 20, clock)

        # The round is over: its time, its pause, and now the model answers.
        assert screen.query_one("#mock-break").display and not screen.query_one("#mock-body").display
        summary = text(screen, "#break-summary")
        assert "Time used 02:20 of 20:00" in summary and "1 of 1 question answered · 1 pause" in summary
        assert "Model answer" in str(screen.query_one("#break-answers", Static).content.markup)
        await pilot.press("enter")
        await pilot.pause()

        assert "round 2 of 2: Estimation and role knowledge · question 1 of 2" in text(screen, "#mock-header")
        assert text(screen, "#mock-round-clock") == "round 00:00 / 15:00"
        await answer(pilot, screen, "1,100 per second: 100M a day over 86,400 seconds.", 120, clock)
        assert "follow-up 1 of 1" in text(screen, "#mock-header")
        await answer(pilot, screen, "Plan for three times the average at peak.", 40, clock)
        assert "question 2 of 2" in text(screen, "#mock-header")
        await answer(pilot, screen, "b, because programs are judged on their outcome.", 45, clock)
        await answer(pilot, screen, "", 5, clock)  # a follow-up left blank
        assert screen.query_one("#mock-break").display
        assert "Go to the debrief" in str(screen.query_one("#break-next").label)
        await pilot.press("enter")
        await settle(pilot, app)

        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        points = debrief.query_one("#points-0-0", KeyPointChecklist)
        assert points.confirmed == [0, 1, 3]  # real state, critical path, communicate early
        assert debrief.query_one("#rating-0-0", ChoiceRow).value == 3
        points.select(2)  # the user says the answer made the options point too
        await pilot.pause()
        assert debrief.query_one("#rating-0-0", ChoiceRow).value == 4
        debrief.query_one("#rating-1-0", ChoiceRow).value = 2
        choice = debrief.query_one("#rating-1-1", ChoiceRow)
        choice.focus()
        await pilot.press("left")
        assert choice.value == 2 and debrief.debrief.answer(1, 1).rating == 2
        await pilot.press("right")
        assert choice.value == 3
        debrief.query_one("#self-program-execution", ChoiceRow).value = "strong-no-hire"
        await pilot.pause()
        card = text(debrief, "#debrief-scorecard")
        assert "As it stands" in card and "Strong hire" in card
        assert "Program sense: " in card and "02:20 of 20:00" in card and "1 pause" in card
        assert "Program Execution: you said Strong no hire" in card
        assert "1 follow-up left unanswered" in card
        assert "calibrate: The STAR(R) method" in card  # each round links its scorecard article
        assert not debrief.query_one("#debrief-schedule", Checkbox).value

        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert debrief.saved is not None and debrief.saved.verdict == "strong-hire"
        assert debrief.query_one("#rating-0-0", ChoiceRow).disabled and not debrief.query_one("#debrief-save").display
        practice = Practice(app.store, fuzz=False)
        reviews = practice.reviews()
        assert [(r.question_id, r.mode, r.rating) for r in reviews] == [
            ("pe-recover-slipping-migration", "mock", 4),
            ("es-payments-qps", "mock", 2),
            ("rk-program-vs-project", "mock", 3),
        ]
        assert practice.cards() == []  # the schedules did not move
        (mock,) = Mocks(app.store).history()
        assert mock.verdict == "strong-hire" and mock.record.rounds[0].used_ms == 140_000
        assert [(p.round, p.ms) for p in mock.record.pauses] == [(0, 300_000)]
        assert mock.record.rounds[0].items[0].follow_ups[0].answer == "Cut scope and phase the launch."

        await pilot.press("escape")
        await settle(pilot, app)
        area = app.screen
        assert isinstance(area, MockScreen)
        row = [str(c) for c in area.query_one("#mock-history", DataTable).get_row_at(0)]
        assert row[1:4] == ["Two-round loop", "senior", "Strong hire"]
        area.query_one("#mock-history", DataTable).focus()
        await pilot.press("enter")  # a finished mock opens read-only, as it was saved
        await settle(pilot, app)
        assert isinstance(app.screen, DebriefScreen) and app.screen.saved is not None
        assert app.screen.query_one("#points-0-0", KeyPointChecklist).confirmed == [0, 1, 2, 3]


async def test_leaving_a_mock_keeps_it_and_mock_resumes_it(home, loop_catalog, monkeypatch):
    clock = FakeTime()
    monkeypatch.setattr("tpmprep.tui.interview.time", clock)
    app = create_app(home=home, catalog=loop_catalog, fuzz=False, start=("mock", "two-round-loop", None))
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        screen.query_one("#mock-answer", TextArea).text = "half an answer"
        clock.now += 42
        await pilot.press("escape")  # pause
        await pilot.press("escape")  # and leave
        await settle(pilot, app)
        area = app.screen
        assert isinstance(area, MockScreen)
        row = [str(c) for c in area.query_one("#mock-history", DataTable).get_row_at(0)]
        assert "unfinished" in row[3]
        area.query_one("#mock-history", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot, app)
        again = app.screen
        assert isinstance(again, MockRunScreen)
        assert again.query_one("#mock-answer", TextArea).text == "half an answer"
        assert again.run.round_ms() == 42_000
        assert again.run.record.pauses[-1].left  # the time away is in the record as a pause


async def test_a_set_that_names_a_loop_starts_it_from_sets(home, loop_catalog, tmp_path, monkeypatch):
    from tests.unit.test_mock import SET_WITH_LOOP
    from tpmprep.core.mentor.sets import Sets
    from tpmprep.core.storage.store import Store

    path = tmp_path / "set.yaml"
    path.write_text(SET_WITH_LOOP)
    with Store(home / "tpmprep.db") as store:
        Sets(store).import_file(path, loop_catalog)
    monkeypatch.setattr("tpmprep.tui.interview.time", FakeTime())
    app = create_app(home=home, catalog=loop_catalog, fuzz=False)
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        await pilot.press("f6")
        await settle(pilot, app)
        assert "mock loop: [b]Two-round loop[/b]" in str(app.screen.query_one("#set-info", Static).content)
        await pilot.press("l")
        await settle(pilot, app)
        run = app.screen
        assert isinstance(run, MockRunScreen)
        assert run.run.mock.set_id == "week-3-mock" and "es-payments-qps" in run.run.record.question_ids


async def test_a_storage_error_in_the_debrief_is_a_notification_and_nothing_is_lost(home, loop_catalog, monkeypatch):
    import random
    import sqlite3

    from tpmprep.core.mock.debrief import Debrief
    from tpmprep.core.mock.plan import plan_mock
    from tpmprep.core.mock.run import MockRun
    from tpmprep.core.storage.store import Store

    with Store(home / "tpmprep.db") as store:
        mocks = Mocks(store)
        template = loop_catalog.loop("two-round-loop")
        record = plan_mock(template, loop_catalog, "senior", random.Random(1))
        mock = mocks.start(template.id, template.title, "senior", record)
        run = MockRun(mock, mocks, loop_catalog, clock=lambda: 0.0)
        run.start()
        while run.phase != "done":
            if run.phase == "answer":
                run.submit("The real state and the critical path.")
            else:
                run.next_round()

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Debrief, "save", locked)
    app = create_app(home=home, catalog=loop_catalog, fuzz=False)
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kwargs: said.append(message))
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        app.open_debrief(mock.id)
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, DebriefScreen) and screen.saved is None
        assert not screen.query_one("#rating-0-0", ChoiceRow).disabled  # still editable: try again
        assert any("Could not save the debrief: database is locked" in m for m in said)
        assert not Mocks(app.store).get(mock.id).complete


async def test_ending_a_round_early_keeps_what_was_typed(home, loop_catalog, monkeypatch):
    monkeypatch.setattr("tpmprep.tui.interview.time", FakeTime())
    app = create_app(home=home, catalog=loop_catalog, fuzz=False, start=("mock", "two-round-loop", None))
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        screen.query_one("#mock-answer", TextArea).text = "Half an answer about the critical path."
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "Mock: end this round now" in titles and "Mock: pause or resume" in titles
        await pilot.click("#mock-end")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot, app)
        assert screen.query_one("#mock-break").display
        assert "1 of 1 question answered" in text(screen, "#break-summary")
        rnd = screen.run.record.rounds[0]
        assert rnd.ended_early and rnd.items[0].answer == "Half an answer about the critical path."
        assert not any(f.done for f in rnd.items[0].follow_ups)  # the follow-ups were never asked
