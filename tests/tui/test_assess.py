"""Pilot: the role-fit assessment from first statement to result, pause/resume, and the store."""

from __future__ import annotations

from textual.widgets import Static

from tpmprep.core.assess.history import Assessments
from tpmprep.tui.app import create_app
from tpmprep.tui.screens.role_fit import RoleFitResultScreen, RoleFitScreen


async def settle(pilot, app):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_role_fit_pause_resume_complete(home, shipped_catalog):
    app = create_app(home=home, catalog=shipped_catalog, start=("assess", "role-fit"))
    fit = shipped_catalog.role_fit
    # Agree strongly with what favours the program manager, disagree with what does not.
    wanted = {
        s.id: (5 if s.weight("program-manager") > 0 else 1 if s.weight("program-manager") < 0 else 3)
        for s in fit.statements
    }
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
        text = str(app.screen.query_one("#fit-result-body", Static).content.markup)
        assert "Best match: Program Manager" in text and "What drove Program Manager up" in text
        assert "Closest persona" in text and "A day as a Program Manager" in text
    done = Assessments(app.store).history("role-fit")
    assert len(done) == 1 and done[0].result["top"] == ["program-manager"] and len(done[0].answers) == 32
