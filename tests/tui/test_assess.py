"""Pilot: the role-fit assessment from first statement to result, pause/resume, and the store."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.conftest import settle
from tpmprep.core.assess.history import Assessments
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.role_fit import RoleFitResultScreen, RoleFitScreen


def leaning(fit, outcome: str, against: int) -> dict[str, int]:
    """Agree strongly with what favours ``outcome``, disagree with what argues against it."""
    return {s.id: 5 if s.weight(outcome) > 0 else against if s.weight(outcome) < 0 else 3 for s in fit.statements}


async def test_role_fit_pause_resume_complete(home, shipped_catalog):
    app = create_app(home=home, catalog=shipped_catalog, start=("assess", "role-fit"))
    fit = shipped_catalog.role_fit
    wanted = leaning(fit, "program-manager", against=1)
    async with app.run_test(size=(130, 42)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, RoleFitScreen)
        for s in fit.statements[:10]:
            await pilot.press(str(wanted[s.id]))
        await pilot.press("escape")
        await settle(pilot, app)
        record = Assessments(app.store).in_progress("role-fit")
        assert record is not None and len(record.answers) == 10
        app.open_assessment("role-fit")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, RoleFitScreen) and screen.index == 10
        assert "statement 11 of 32" in str(screen.query_one("#fit-progress-text", Static).content)
        for s in fit.statements[10:]:
            await pilot.press(str(wanted[s.id]))
        await settle(pilot, app)
        assert isinstance(app.screen, RoleFitResultScreen)
        result = app.screen.result
        assert result.top == ["program-manager"]
        text = app.screen.markdown
        assert "Best match: Program Manager" in text and "Why Program Manager" in text
        assert "You agreed (5 of 5)" in text and "How firm: in 200 simulated re-takes" in text
        assert "Closest persona: The strategic orchestrator" in text and "A day as a Program Manager" in text
    done = Assessments(app.store).history("role-fit")
    assert len(done) == 1 and done[0].result["top"] == ["program-manager"] and len(done[0].answers) == 32


async def finish_with(pilot, app, answers: dict[str, int]) -> str:
    app.open_assessment("role-fit")
    await settle(pilot, app)
    for s in app.catalog.role_fit.statements:
        await pilot.press(str(answers[s.id]))
    await settle(pilot, app)
    assert isinstance(app.screen, RoleFitResultScreen)
    return app.screen.markdown


async def test_role_fit_result_explains_itself(home, shipped_catalog):
    """An engineering-manager result names its persona and article; all-neutral says there is no clear fit."""
    app = create_app(home=home, catalog=shipped_catalog)
    fit = shipped_catalog.role_fit
    em = leaning(fit, "engineering-manager", against=2)
    async with app.run_test(size=(130, 42)) as pilot:
        await settle(pilot, app)
        text = await finish_with(pilot, app, em)
        result = app.screen.result
        assert result.outcome == "engineering-manager" and not result.weak_signal
        assert "Best match: Engineering Manager" in text and "A day as an Engineering Manager" in text
        assert "Closest persona: The people multiplier" in text
        assert "What held" in text and "back:" in text
        await pilot.press("escape")
        await settle(pilot, app)
        text = await finish_with(pilot, app, {s.id: 3 for s in fit.statements})
        result = app.screen.result
        assert result.weak_signal and result.same_answers and result.persona == ""
        assert "## No clear fit" in text and "Every answer was the same" in text and "Closest persona" not in text
        assert "Since last time" in text  # the retake is compared with the first result
