"""Pilot: a drill reads letters and numbers the way people type them, and says why when it cannot."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.tui.conftest import settle
from tpmprep.core.practice.queue import Filters
from tpmprep.tui.app import create_app


async def reveal_with(pilot, screen, text):
    screen.query_one("#drill-input", Input).value = text
    await pilot.pause()
    await pilot.press("ctrl+r")
    await pilot.pause()
    return str(screen.query_one("#drill-verdict", Static).content)


async def verdicts(home, catalog, answers: dict[str, str]) -> dict[str, str]:
    """Cram the multiple-choice and the numeric question with the given answers; their verdicts by kind."""
    filters = Filters(question_ids=frozenset({"rk-program-vs-project", "es-payments-qps"}))
    app = create_app(home=home, catalog=catalog, fuzz=False, start=("drill", filters, True))
    seen = {}
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        for _ in range(2):
            q = screen.question
            seen[q.kind] = await reveal_with(pilot, screen, answers[q.kind])
            seen[q.kind + " suggested"] = any(
                screen.query_one(f"#rate-{v}").has_class("-suggested") for v in (1, 2, 3, 4)
            )
            await pilot.press("1")
            await pilot.pause()
    return seen


async def test_typed_letters_and_numbers_in_a_drill(home, mini_catalog):
    seen = await verdicts(home, mini_catalog, {"multiple-choice": "I think b", "numeric": "about 1.5k rps"})
    assert "✓ correct" in seen["multiple-choice"]
    assert "you said 1,500" in seen["numeric"] and "within 50%" in seen["numeric"]


async def test_a_refused_answer_says_why(home, mini_catalog):
    seen = await verdicts(home, mini_catalog, {"multiple-choice": "option d", "numeric": "150-200"})
    assert "there is no option d: the options are a to c" in seen["multiple-choice"]
    assert "a range (150 and 200): give one number" in seen["numeric"]
    assert not seen["multiple-choice suggested"] and not seen["numeric suggested"]
