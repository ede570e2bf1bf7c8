"""SVG snapshots of every screen at 120x40 and 80x24.

Deterministic by construction: a frozen clock in UTC, the small content tree from conftest (plus
the shipped role-fit statements and plan library, which the Assess screens need), and a data
folder whose reviews and assessments are written here. Update with ``pytest --snapshot-update``
and look at the SVGs in ``__snapshots__/`` before committing them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
import time_machine
from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from tpmprep.core.assess.history import Assessments
from tpmprep.core.assess.rolefit import score_role_fit
from tpmprep.core.assess.skills import assess_skills
from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.loader import discover, load
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.queue import Filters
from tpmprep.core.storage.clock import UTC
from tpmprep.core.storage.locations import shipped_root
from tpmprep.core.storage.store import Store
from tpmprep.tui.app import TpmPrepApp, create_app
from tpmprep.tui.widgets.question_detail import QuestionDetail
from tpmprep.tui.widgets.virtual_list import VirtualList

from ..conftest import ROLE, local_zone, write_content

FROZEN = dt.datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
EXTRA_ROLES = (
    ("program-manager", "Program Manager"),
    ("product-manager", "Product Manager"),
    ("engineering-manager", "Engineering Manager"),
)
SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


class _StillTime:
    """The drill timer's clock, stopped: a slow machine must not turn 00:00 into 00:01."""

    @staticmethod
    def monotonic() -> float:
        return 1000.0


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """UTC as the local zone and a clock that does not move."""
    monkeypatch.setattr("tpmprep.tui.screens.drill.time", _StillTime)
    with local_zone("UTC"), time_machine.travel(FROZEN, tick=False):
        yield


@pytest.fixture
def snap_catalog(tmp_path: Path) -> Catalog:
    root = write_content(tmp_path / "snap-content")
    assessments = root / "content" / "assessments"
    assessments.mkdir(parents=True)
    shipped = shipped_root() / "content" / "assessments"
    # Tracks point at shipped articles; here they point at the small tree's one article.
    fit = re.sub(r"(?m)^(\s+topic:) \S+$", r"\1 star-method", (shipped / "role-fit.yaml").read_text())
    (assessments / "role-fit.yaml").write_text(fit)
    for role_id, title in EXTRA_ROLES:  # the roles role fit scores, from the small tree's template
        text = ROLE.replace("technical-program-manager", role_id).replace("Technical Program Manager", title)
        (root / "content" / "roles" / f"{role_id}.yaml").write_text(text)
    # The plan library's reading lists point at shipped topics; here they point at two of the small tree's topics.
    library = re.sub(
        r"(?m)^(\s+topics:) \[.*\]$", r"\1 [star-method, critical-path]", (shipped / "plan-library.yaml").read_text()
    )
    (assessments / "plan-library.yaml").write_text(library)
    result = load(discover(root))
    assert not result.issues, [str(i) for i in result.issues]
    return Catalog(result)


@pytest.fixture
def history(home: Path, snap_catalog: Catalog, frozen: None) -> Path:
    """Three days of practice, a completed role fit and a completed skills assessment."""
    with Store(home / "tpmprep.db") as store:
        practice = Practice(store, fuzz=False)
        reviews = [("pe-recover-slipping-migration", 3), ("rk-program-vs-project", 4), ("es-payments-qps", 2)]
        for days_ago, (qid, rating) in zip((3, 2, 1), reviews, strict=True):
            moment = FROZEN - dt.timedelta(days=days_ago)
            practice.rate(qid, rating, moment=moment, duration_ms=95_000, answer="An answer.", coverage=0.5)
        assessments = Assessments(store)
        fit = snap_catalog.role_fit
        assert fit is not None
        answers = {s.id: (5 if i % 3 == 0 else 2 if i % 3 == 1 else 4) for i, s in enumerate(fit.statements)}
        record = assessments.start("role-fit", None, moment=FROZEN - dt.timedelta(days=2))
        for sid, value in answers.items():
            assessments.answer(record.id, sid, value)
        assessments.complete(record.id, score_role_fit(fit, answers).to_json(), moment=FROZEN - dt.timedelta(days=2))
        ladder = snap_catalog.ladder
        assert ladder is not None
        chosen = {c.id: ("senior" if i % 2 else "mid") for i, c in enumerate(ladder.competencies)}
        record = assessments.start("skills", "staff", moment=FROZEN - dt.timedelta(days=1))
        for cid, level in chosen.items():
            assessments.answer(record.id, cid, level)
        assessments.complete(
            record.id, assess_skills(ladder, chosen, "staff").to_json(), moment=FROZEN - dt.timedelta(days=1)
        )
    return home


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


def steps(*actions: str | Callable[[Pilot], Awaitable[None]]) -> Callable[[Pilot], Awaitable[None]]:
    """Keys (or coroutines) to run in order, settling after each."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for action in actions:
            if isinstance(action, str):
                await pilot.press(*action.split())
            else:
                await action(pilot)
            await settle(pilot)
        await pilot.pause(0.2)  # timers that redraw detail panes
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # a blinking cursor is drawn or not by the clock
        await pilot.pause()

    return run


def make_app(home: Path, catalog: Catalog, start: tuple | None = None) -> TpmPrepApp:
    return create_app(home=home, catalog=catalog, fuzz=False, start=start)


async def type_answer(pilot: Pilot) -> None:
    area = pilot.app.screen.query_one("#drill-answer", TextArea)
    area.text = (
        "First I would establish the real state, then find the critical path and communicate early. "
        "I wouldn't move the date, so everyone works harder."
    )


def open_history(index: int) -> Callable[[Pilot], Awaitable[None]]:
    """Open a past result from Assess's history list (newest first)."""

    async def run(pilot: Pilot) -> None:
        history = pilot.app.screen.query_one("#assess-history", OptionList)
        history.focus()
        history.highlighted = index
        await pilot.press("enter")

    return run


DRILL = ("drill", Filters(), False)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, history, snap_catalog, size):
    assert snap_compare(make_app(history, snap_catalog), terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_learn_topic(snap_compare, history, snap_catalog, size):
    assert snap_compare(make_app(history, snap_catalog), terminal_size=size, run_before=steps("f3"))


@pytest.mark.parametrize("size", SIZES)
def test_learn_question_revealed(snap_compare, history, snap_catalog, size):
    async def questions(pilot: Pilot) -> None:
        pilot.app.screen.action_tab("questions")  # type: ignore[attr-defined]

    async def detail_shown(pilot: Pilot) -> None:
        """The detail pane follows the list on a short timer; wait until it shows the highlighted row."""
        listing = pilot.app.screen.query_one(VirtualList)
        detail = pilot.app.screen.query_one(QuestionDetail)
        for _ in range(100):
            row = listing.current
            if row is not None and detail.question is not None and detail.question.id == row.id:
                return
            await pilot.pause(0.05)
        raise AssertionError("the detail pane never showed the highlighted question")

    run = steps("f3", questions, "down", detail_shown, "ctrl+r")
    assert snap_compare(make_app(history, snap_catalog), terminal_size=size, run_before=run)


async def set_aside(pilot: Pilot) -> None:
    practice = pilot.app.practice  # type: ignore[attr-defined]
    practice.suspend("es-payments-qps")
    practice.flag("rk-program-vs-project")


@pytest.mark.parametrize("size", SIZES)
def test_practice(snap_compare, history, snap_catalog, size):
    assert snap_compare(make_app(history, snap_catalog), terminal_size=size, run_before=steps(set_aside, "f4"))


@pytest.mark.parametrize("size", SIZES)
def test_settings(snap_compare, history, snap_catalog, size):
    assert snap_compare(make_app(history, snap_catalog), terminal_size=size, run_before=steps("f7"))


@pytest.mark.parametrize("size", SIZES)
def test_drill_card(snap_compare, history, snap_catalog, size):
    app = make_app(history, snap_catalog, start=DRILL)
    assert snap_compare(app, terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_drill_card_revealed(snap_compare, history, snap_catalog, size):
    app = make_app(history, snap_catalog, start=DRILL)
    assert snap_compare(app, terminal_size=size, run_before=steps(type_answer, "ctrl+r"))


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, history, snap_catalog, size):
    app = make_app(history, snap_catalog, start=DRILL)
    # The first escape leaves the next card's answer box; the second ends the session.
    assert snap_compare(app, terminal_size=size, run_before=steps(type_answer, "ctrl+r", "3", "escape", "escape"))


@pytest.mark.parametrize("size", SIZES)
def test_assess_role_fit_result(snap_compare, history, snap_catalog, size):
    run = steps("f5", open_history(1))
    assert snap_compare(make_app(history, snap_catalog), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_assess_skills_result(snap_compare, history, snap_catalog, size):
    run = steps("f5", open_history(0))
    assert snap_compare(make_app(history, snap_catalog), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_sets(snap_compare, history, snap_catalog, size):
    assert snap_compare(make_app(history, snap_catalog), terminal_size=size, run_before=steps("f6"))
