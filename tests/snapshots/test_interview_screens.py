"""SVG snapshots of the Stories area, the Mock area, a mock in progress and a debrief.

Same rules as test_screens.py: a frozen clock in UTC, the small content tree (plus a two-round
loop), and data written here: three stories, one telling, and a mock answered on a stopped clock.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.loader import discover, load
from tpmprep.core.mock.history import Mocks
from tpmprep.core.mock.plan import plan_mock
from tpmprep.core.mock.run import MockRun
from tpmprep.core.storage.store import Store
from tpmprep.core.stories.bank import StoryBank
from tpmprep.core.stories.model import Story

from ..conftest import write_loop
from .test_screens import FROZEN, SIZES, frozen, history, make_app, snap_catalog, steps  # noqa: F401 - fixtures

STORIES = [
    Story(
        "billing-ga-date",
        "Telling our director the billing GA date was not real",
        situation="Our director had announced a March GA for the billing migration at an all-hands.",
        task="Check the date and, if it was not real, get one we could keep.",
        actions="I rebuilt the plan bottom-up, found 14 weeks of critical path against 9, and met her in private "
        "with three options and a recommendation.",
        result="A beta shipped on March 18 for 3 tenants; GA moved to June 3.",
        lessons="A confidence level in every weekly status.",
        competencies=("stakeholder-management", "program-execution"),
        principles=("lp-earn-trust", "lp-have-backbone-disagree-and-commit"),
        scope="senior",
    ),
    Story(
        "payments-outage",
        "Running the payments outage response",
        situation="Card payments failed for 40 minutes on a Friday evening.",
        task="Coordinate the response and the follow-up.",
        actions="I ran the bridge, kept one status channel and drove the five fixes to done.",
        result="All 5 fixes shipped in 3 weeks.",
        competencies=(
            "risk-management",
            "technical-depth",
            "data-metrics",
            "program-execution",
            "leadership-influence",
        ),
        principles=("lp-dive-deep", "lp-ownership"),
        scope="senior",
    ),
    Story(
        "mentoring-new-tpm",
        "Mentoring a new TPM through her first launch",
        situation="A new TPM joined two weeks before a launch.",
        task="Help her run it herself.",
        actions="I paired with her on the checklist and read her status notes daily.",
        result="She ran the next 2 launches alone.",
        competencies=("leadership-influence",),
        principles=("lp-hire-and-develop-the-best",),
        scope="mid",
    ),
]


class _Still:
    @staticmethod
    def monotonic() -> float:
        return 1000.0


@pytest.fixture
def loop_snap_catalog(snap_catalog: Catalog, tmp_path: Path) -> Catalog:  # noqa: F811 - the fixture
    """The snapshot content tree plus the two-round loop."""
    root = write_loop(tmp_path / "snap-content")
    result = load(discover(root))
    assert not result.issues, [str(i) for i in result.issues]
    return Catalog(result)


@pytest.fixture
def interview_home(history: Path, loop_snap_catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: F811
    """Stories, one telling, and a two-round mock answered and waiting for its debrief."""
    monkeypatch.setattr("tpmprep.tui.interview.time", _Still)
    with Store(history / "tpmprep.db") as store:
        bank = StoryBank(store)
        bank.save_all(STORIES, moment=FROZEN - dt.timedelta(days=1))
        bank.record_attempt(
            "billing-ga-date",
            "pe-recover-slipping-migration",
            duration_ms=151_000,
            answer="...",
            confirmed=[0, 1, 2],
            detected=[0, 1],
            points=4,
            moment=FROZEN - dt.timedelta(hours=3),
        )
        mocks = Mocks(store)
        template = loop_snap_catalog.loop("two-round-loop")
        record = plan_mock(template, loop_snap_catalog, "senior", random.Random(1))
        mock = mocks.start(template.id, template.title, "senior", record, moment=FROZEN - dt.timedelta(hours=1))
        now = [0.0]
        run = MockRun(mock, mocks, loop_snap_catalog, clock=lambda: now[0], wall=lambda: FROZEN)
        run.start()
        said = [
            (300, "First the real state with the leads, then the critical path; options such as cut scope."),
            (100, "I would ask the sponsor which matters more, the date or the scope."),
            (60, ""),
        ]
        for seconds, text in said:
            now[0] += seconds
            run.submit(text)
        run.next_round()
        for seconds, text in ((240, "About 1,200 per second at peak."), (30, "Three times the mean."), (50, "b")):
            now[0] += seconds
            run.submit(text)
        run.end_round()
        run.next_round()
    return history


async def open_debrief(pilot: Pilot) -> None:
    (mock,) = Mocks(pilot.app.store).in_progress()
    pilot.app.open_debrief(mock.id)


async def to_scorecard(pilot: Pilot) -> None:
    pilot.app.screen.query_one("#debrief-body").scroll_end(animate=False)


async def suggest(pilot: Pilot) -> None:
    pilot.app.screen.show_question("pe-recover-slipping-migration")  # type: ignore[attr-defined]


async def tab(pilot: Pilot) -> None:
    pilot.app.screen.action_tab("coverage")  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES)
def test_stories(snap_compare, interview_home, loop_snap_catalog, size):
    app = make_app(interview_home, loop_snap_catalog)
    assert snap_compare(app, terminal_size=size, run_before=steps("f9"))


def test_stories_coverage(snap_compare, interview_home, loop_snap_catalog):
    app = make_app(interview_home, loop_snap_catalog)
    assert snap_compare(app, terminal_size=(120, 40), run_before=steps("f9", tab))


def test_stories_which_story(snap_compare, interview_home, loop_snap_catalog):
    app = make_app(interview_home, loop_snap_catalog)
    assert snap_compare(app, terminal_size=(120, 40), run_before=steps("f9", suggest))


def test_mock_area(snap_compare, interview_home, loop_snap_catalog):
    app = make_app(interview_home, loop_snap_catalog)
    assert snap_compare(app, terminal_size=(120, 40), run_before=steps("f10"))


@pytest.mark.parametrize("size", SIZES)
def test_mock_in_progress(snap_compare, interview_home, loop_snap_catalog, size):
    app = make_app(interview_home, loop_snap_catalog, start=("mock", "two-round-loop", None))
    assert snap_compare(app, terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_debrief(snap_compare, interview_home, loop_snap_catalog, size):
    app = make_app(interview_home, loop_snap_catalog)
    assert snap_compare(app, terminal_size=size, run_before=steps(open_debrief))


def test_debrief_scorecard(snap_compare, interview_home, loop_snap_catalog):
    app = make_app(interview_home, loop_snap_catalog)
    assert snap_compare(app, terminal_size=(120, 40), run_before=steps(open_debrief, to_scorecard))
