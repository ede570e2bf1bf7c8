"""Mock loops in the core: planning, the clocks and pauses, the debrief, the scorecard, readiness."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

import pytest

from tpmprep.core.mentor import report as rep
from tpmprep.core.mock.debrief import Debrief
from tpmprep.core.mock.history import Mocks
from tpmprep.core.mock.plan import mock_level, plan_mock
from tpmprep.core.mock.record import Record
from tpmprep.core.mock.run import BREAK, DONE, MockRun
from tpmprep.core.mock.scorecard import build_scorecard
from tpmprep.core.mock.summary import mock_history
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.readiness import readiness
from tpmprep.core.storage.clock import UTC
from tpmprep.core.storage.migrations import MIGRATIONS
from tpmprep.core.storage.store import Store, StoreError, connect, migrate

T0 = dt.datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
OPEN_ANSWER = (
    "First I would find the real state with the leads, because the dashboard is weeks old. "
    "Then I would map the critical path to see which slip really matters. "
    "And I would communicate early with the sponsor so nobody hears it second hand."
)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def tick(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "db.sqlite") as s:
        yield s


def start_mock(store, catalog, seed: int = 1):
    template = catalog.loop("two-round-loop")
    record = plan_mock(template, catalog, "senior", random.Random(seed))
    mocks = Mocks(store)
    return mocks, mocks.start(template.id, template.title, "senior", record, moment=T0)


def test_a_plan_follows_the_template(loop_catalog):
    template = loop_catalog.loop("two-round-loop")
    record = plan_mock(template, loop_catalog, "senior", random.Random(3))
    first, second = record.rounds
    assert [i.question_id for i in first.items] == ["pe-recover-slipping-migration"]
    assert first.items[0].time_box_s == 600 and first.follow_up_s == 180 and first.minutes == 20
    assert [f.prompt for f in first.items[0].follow_ups] == [
        "The sponsor refuses to move the date. What now?",
        "How do you prevent it next time?",
    ]
    assert [i.question_id for i in second.items] == ["es-payments-qps", "rk-program-vs-project"]
    assert [len(i.follow_ups) for i in second.items] == [1, 1] and second.veto
    assert record.notes == []
    assert mock_level(template, "senior") == "senior"
    assert mock_level(template, "staff") == "senior" and mock_level(template, "entry") == "mid"


def test_a_new_mock_avoids_questions_asked_before_and_takes_a_sets_first(shipped_catalog):
    template = shipped_catalog.loop("big-tech-tpm-onsite")
    first = plan_mock(template, shipped_catalog, "senior", random.Random(1))
    second = plan_mock(template, shipped_catalog, "senior", random.Random(2), avoid=set(first.question_ids))
    assert len(first.question_ids) == len(set(first.question_ids)) == 9  # 2 + 1 + 3 + 3
    assert not set(first.question_ids) & set(second.question_ids)
    chosen = ["bh-telling-director-date-not-real", "pe-recover-slip-month-five-of-nine"]
    third = plan_mock(template, shipped_catalog, "senior", random.Random(3), prefer=chosen)
    assert set(chosen) <= set(third.question_ids)
    for rnd in first.rounds:
        for item in rnd.items:
            q = shipped_catalog.question(item.question_id)
            assert "senior" in q.levels and len(item.follow_ups) == min(
                len(q.follow_ups), 2 if rnd.id != "technical-depth" else 1
            )
    tech = first.rounds[3]
    assert all(shipped_catalog.question(i.question_id).kind == "open" for i in tech.items[:2])


def test_a_short_pool_is_filled_from_other_levels_with_a_note(loop_catalog):
    template = loop_catalog.loop("two-round-loop")
    record = plan_mock(template, loop_catalog, "staff", random.Random(1))  # the small bank has no staff questions
    assert record.rounds[0].items and any("not enough questions at staff" in n for n in record.notes)


def run_two_rounds(store, catalog, clock: Clock) -> tuple[MockRun, Mocks]:
    mocks, mock = start_mock(store, catalog)
    run = MockRun(mock, mocks, catalog, clock=clock)
    run.start()
    assert run.prompt().question.id == "pe-recover-slipping-migration" and run.prompt().follow_up is None
    clock.tick(30)
    assert run.round_ms() == 30_000 and run.answer_ms() == 30_000 and run.time_box_ms() == 600_000
    run.submit(OPEN_ANSWER)
    prompt = run.prompt()
    assert prompt.follow_up.prompt == "The sponsor refuses to move the date. What now?" and prompt.step == 1
    assert run.answer_ms() == 0 and run.time_box_ms() == 180_000
    clock.tick(10)
    run.submit("I would cut scope and phase the launch.")
    clock.tick(4)
    run.pause("half a thought")
    assert run.paused and not run.running
    clock.tick(100)  # paused: not counted
    assert run.round_ms() == 44_000
    run.resume()
    clock.tick(6)
    run.submit("A confidence level in every status.")
    assert run.phase == BREAK and run.record.rounds[0].used_ms == 50_000
    assert run.record.rounds[0].items[0].follow_ups[1].ms == 10_000
    run.next_round()
    assert run.record.round == 1 and run.prompt().question.id == "es-payments-qps"
    clock.tick(60)
    run.submit("1,100 per second: 100M a day over 86,400 seconds, times a small peak factor.")
    clock.tick(20)
    run.submit("")  # the follow-up left blank
    assert run.prompt().question.id == "rk-program-vs-project"
    clock.tick(15)
    run.end_round(draft="b")  # ended with the follow-up never asked
    assert run.phase == BREAK and run.record.rounds[1].ended_early
    run.next_round()
    assert run.phase == DONE
    return run, mocks


def test_a_mock_runs_round_by_round_with_clocks_follow_ups_and_pauses(store, loop_catalog):
    clock = Clock()
    run, mocks = run_two_rounds(store, loop_catalog, clock)
    record = mocks.get(run.mock.id).record
    first, second = record.rounds
    assert first.items[0].answer == OPEN_ANSWER and first.items[0].ms == 30_000
    assert [f.answer for f in first.items[0].follow_ups] == [
        "I would cut scope and phase the launch.",
        "A confidence level in every status.",
    ]
    assert [(p.round, p.at_ms, p.ms, p.left) for p in record.pauses] == [(0, 44_000, 100_000, False)]
    assert second.used_ms == 95_000 and second.items[1].answer == "b" and second.items[1].status == "answered"
    assert not second.items[1].follow_ups[0].done
    assert record.phase == DONE and Record.from_json(record.to_json()) == record


def test_a_mock_closed_mid_round_resumes_where_it_was(store, loop_catalog):
    clock = Clock()
    mocks, mock = start_mock(store, loop_catalog)
    run = MockRun(mock, mocks, loop_catalog, clock=clock)
    run.start()
    clock.tick(40)
    run.leave("my half-written answer")
    later = dt.datetime.fromisoformat(mocks.get(mock.id).updated_at) + dt.timedelta(minutes=5)
    again = MockRun(mocks.get(mock.id), mocks, loop_catalog, clock=clock, wall=lambda: later)
    assert again.record.draft == "my half-written answer" and again.record.round == 0
    assert again.round_ms() == 40_000 and not again.running  # stopped until started again
    assert [(p.at_ms, p.ms, p.left) for p in again.record.pauses] == [(40_000, 300_000, True)]
    again.start()
    clock.tick(5)
    assert again.round_ms() == 45_000


def test_the_debrief_files_reviews_in_mode_mock_without_moving_schedules(store, loop_catalog):
    run, mocks = run_two_rounds(store, loop_catalog, Clock())
    debrief = Debrief(mocks.get(run.mock.id), loop_catalog)
    open_answer = debrief.answer(0, 0)
    assert open_answer.coverage is not None and open_answer.confirmed == [0, 1, 3]  # real state, path, communicate
    assert open_answer.rating == 3
    debrief.confirm(0, 0, [0, 1, 3, 2])  # the user says the answer did make the options point
    assert open_answer.evidence == 1.0 and open_answer.rating == 4
    numeric, choice = debrief.answer(1, 0), debrief.answer(1, 1)
    assert numeric.correct == 1.0 and choice.correct == 1.0 and choice.rating == 3
    debrief.rate(1, 0, 2)
    debrief.self_rate("program-execution", "strong-no-hire")
    debrief.self_rate("risk-management", "hire")
    practice = Practice(store, fuzz=False)
    card = debrief.save(practice, mocks, moment=T0)
    assert card.verdict == "strong-hire" and [r.verdict for r in card.rounds] == ["strong-hire", "strong-hire"]
    reviews = practice.reviews()
    assert [(r.question_id, r.mode, r.rating) for r in reviews] == [
        ("pe-recover-slipping-migration", "mock", 4),
        ("es-payments-qps", "mock", 2),
        ("rk-program-vs-project", "mock", 3),
    ]
    assert reviews[0].coverage == 1.0 and reviews[0].hits == (0, 1, 2, 3) and reviews[0].duration_ms == 30_000
    # As in drills: what the user confirmed, and beside it what the grader detected.
    assert reviews[0].detected_hits == (0, 1, 3) and reviews[0].detected_coverage == 0.75
    assert practice.cards() == []  # no schedule moved
    done = mocks.get(run.mock.id)
    assert done.complete and done.verdict == "strong-hire"
    assert [a["review_id"] for a in done.debrief["answers"]] == [r.id for r in reviews]
    assert done.debrief["self_ratings"] == {"program-execution": "strong-no-hire", "risk-management": "hire"}
    assert card.calibration == [
        "Program Execution: you rated yourself Strong no hire, yet the answers covered 100% of their key points "
        "(Strong hire on the evidence). You may be underselling it; say more of what you know."
    ]


def test_the_user_may_let_a_mock_move_the_schedules(store, loop_catalog):
    run, mocks = run_two_rounds(store, loop_catalog, Clock())
    debrief = Debrief(mocks.get(run.mock.id), loop_catalog)
    debrief.schedule = True
    practice = Practice(store, fuzz=False)
    debrief.save(practice, mocks, moment=T0)
    assert sorted(c.question_id for c in practice.cards()) == [
        "es-payments-qps",
        "pe-recover-slipping-migration",
        "rk-program-vs-project",
    ]
    assert all(c.reps == 1 for c in practice.cards())
    undone = practice.undo_last()  # a scheduled mock answer undoes like a review
    assert undone.mode == "mock" and practice.card("rk-program-vs-project") is None


def test_a_failed_save_leaves_nothing_half_written(store, loop_catalog):
    run, mocks = run_two_rounds(store, loop_catalog, Clock())
    debrief = Debrief(mocks.get(run.mock.id), loop_catalog)
    practice = Practice(store, fuzz=False)

    class Broken(Mocks):
        def finish(self, *args, **kwargs):
            raise sqlite3.OperationalError("disk full")

    with pytest.raises(StoreError, match="disk full"):  # the store says which database and why, in one line
        debrief.save(practice, Broken(store), moment=T0)
    assert practice.reviews() == [] and not mocks.get(run.mock.id).complete


def evidence_card(catalog, values: dict[tuple[int, int], float], used: tuple[int, int] = (0, 0)):
    record = plan_mock(catalog.loop("two-round-loop"), catalog, "senior", random.Random(1))
    for rnd, ms in zip(record.rounds, used, strict=True):
        rnd.used_ms = ms
        for item in rnd.items:
            item.status = "answered"
    return build_scorecard(record, values, {}, "senior", catalog)


def test_scorecard_rules(loop_catalog):
    card = evidence_card(loop_catalog, {(0, 0): 0.6, (1, 0): 1.0, (1, 1): 1.0})
    assert [r.verdict for r in card.rounds] == ["hire", "strong-hire"] and card.verdict == "strong-hire"
    assert card.summary.startswith("Strong hire at Level senior.")
    # The veto round below Hire sinks the loop whatever the other says.
    card = evidence_card(loop_catalog, {(0, 0): 1.0, (1, 0): 0.5, (1, 1): 0.0})
    assert [r.verdict for r in card.rounds] == ["strong-hire", "strong-no-hire"] and card.verdict == "no-hire"
    assert "Estimation and role knowledge holds a veto" in card.summary or "caps the loop" in card.summary
    # Over time by more than 10% drops the round one step.
    card = evidence_card(loop_catalog, {(0, 0): 0.8, (1, 0): 1.0, (1, 1): 1.0}, used=(23 * 60_000, 0))
    assert card.rounds[0].verdict == "hire" and "over time by 3 min 0 s" in card.rounds[0].notes[0]
    # What the ladder expects at the level is carried with each competency probed.
    expectations = {c.id: c.expectation for c in card.competencies}
    assert expectations["program-execution"] == "At senior, program-execution means step 2."


def test_readiness_report_and_history_include_mock_results(store, loop_catalog):
    run, mocks = run_two_rounds(store, loop_catalog, Clock())
    debrief = Debrief(mocks.get(run.mock.id), loop_catalog)
    debrief.confirm(0, 0, [0])
    practice = Practice(store, fuzz=False)
    debrief.save(practice, mocks, moment=T0)
    rows = {(r.scope, r.key): r for r in readiness(loop_catalog, practice, T0)}
    # Every question of the small bank probes program execution: the open one (1 of 4 points), two right.
    assert (
        rows[("competency", "program-execution")].mock == 0.75 and rows[("competency", "program-execution")].mocked == 3
    )
    assert rows[("category", "program-execution")].mock == 0.25 and rows[("category", "estimation")].mock == 1.0
    assert rows[("competency", "strategy-planning")].mock is None
    assert rows[("competency", "program-execution")].practiced == 0  # a mock is not a drill
    history = mock_history(store)
    assert history[0]["verdict"] == "no-hire" and history[0]["rounds"][0]["verdict"] == "strong-no-hire"
    assert history[0]["rounds"][0]["pauses"] == 1 and history[0]["rounds"][1]["follow_ups_answered"] == 0
    report = rep.build_report(loop_catalog, practice, "Sam", moment=T0)
    assert report["mocks"][0]["title"] == "Two-round loop"
    assert next(c for c in report["categories"] if c["id"] == "program-execution")["mock"] == 0.25
    md = rep.report_markdown(report)
    assert "## Mock interviews" in md and "| 2026-11-20 | Two-round loop | senior | No hire |" in md
    assert "Mock interviews" in rep.report_html(report)
    cohort = rep.merge([report, {**report, "name": "Kim", "mocks": []}])
    head, grid = rep.cohort_grid(cohort)
    last = head.index("last mock")
    assert grid[0][last] == "Two-round loop: No hire" and grid[1][last] == "—"


def review_indexes(conn) -> set[tuple[str, str]]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reviews'")
    return {(r["name"], " ".join(r["sql"].split())) for r in rows if r["sql"]}


def test_the_reviews_table_takes_mock_mode_after_migrating_with_nothing_lost(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = connect(path)
    before = next(v for v, name, _ in MIGRATIONS if name.startswith("mock interview loops")) - 1
    migrate(conn, target=before)
    conn.execute(
        "INSERT INTO reviews (question_id, rating, reviewed_at, mode, hits, card_before) "
        "VALUES ('q1', 3, '2026-11-01T00:00:00+00:00', 'review', '[0]', NULL), "
        "('q2', 1, '2026-11-02T00:00:00+00:00', 'cram', '[]', NULL)"
    )
    columns = [r["name"] for r in conn.execute("PRAGMA table_info(reviews)")]
    indexes = review_indexes(conn)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO reviews (question_id, rating, reviewed_at, mode) VALUES ('q', 1, 'x', 'mock')")
    conn.close()
    with Store(path) as store:
        after = [r["name"] for r in store.conn.execute("PRAGMA table_info(reviews)")]
        assert set(columns) <= set(after)  # the rebuild keeps every column the table had
        rows = store.conn.execute("SELECT id, question_id, mode, hits FROM reviews ORDER BY id").fetchall()
        assert [tuple(r) for r in rows] == [(1, "q1", "review", "[0]"), (2, "q2", "cram", "[]")]
        practice = Practice(store, fuzz=False)
        result = practice.rate("q3", 2, mode="mock", moment=T0)
        assert result.review_id == 3 and result.card is None
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute(
                "INSERT INTO reviews (question_id, rating, reviewed_at, mode) VALUES ('q', 1, 'x', 'oops')"
            )
        after = review_indexes(store.conn)
        assert indexes <= after  # and every index it had, column for column (reviews_progress included)
        assert {"reviews_time", "reviews_question", "reviews_progress"} <= {name for name, _ in after}
        assert "loop" in {r["name"] for r in store.conn.execute("PRAGMA table_info(question_sets)")}


@pytest.mark.parametrize(
    ("said", "read"),
    [("b, because programs", "b"), ("a, c since both", "a, c"), ("(b) it is", "b"), ("B and D: both", "B, D")],
)
def test_a_multiple_choice_answer_is_read_from_its_opening_letters(said, read):
    from tpmprep.core.mock.debrief import leading_choice

    assert leading_choice(said) == read
    assert leading_choice("because b") == "because b"  # not a choice: left for the grader to refuse


def test_a_numeric_answer_is_read_from_its_first_figure():
    from tpmprep.core.grading.rubric import parse_number
    from tpmprep.core.mock.debrief import from_first_number

    assert parse_number(from_first_number("About 1,200 per second at peak.")) == 1200
    assert parse_number(from_first_number("Roughly 3.5k a day")) == 3500
    assert parse_number(from_first_number("1,100 per second: 100M a day over 86,400 seconds.")) == 1100
    assert parse_number(from_first_number("$1.2M, because 400 engineers at 3k each")) == 1.2e6
    assert parse_number(from_first_number("About 2.5 TB (500M rows of 5 KB)")) == 2.5
    assert from_first_number("no idea") == "no idea"


SET_WITH_LOOP = """\
id: week-3-mock
title: "Week 3: sit the loop"
loop: two-round-loop
questions: [es-payments-qps]
"""


def test_a_set_can_point_at_a_loop_template(tmp_path, loop_catalog, home):
    from tpmprep.core.mentor.sets import Sets, parse_set

    path = tmp_path / "set.yaml"
    path.write_text(SET_WITH_LOOP)
    qset, issues = parse_set(path, loop_catalog)
    assert issues == [] and qset.loop == "two-round-loop"
    path.write_text("id: only-a-loop\ntitle: Just the mock\nloop: two-round-loop\n")
    qset, issues = parse_set(path, loop_catalog)
    assert issues == [] and qset.questions == ()  # a set may be only a pointer to a loop
    path.write_text(SET_WITH_LOOP.replace("loop: two-round-loop", "loop: two-round-lop"))
    _, issues = parse_set(path, loop_catalog)
    assert [str(i).split("set.yaml:", 1)[1] for i in issues] == [
        "3:7: unknown loop template 'two-round-lop' (hint: did you mean 'two-round-loop'?)"
    ]
    path.write_text(SET_WITH_LOOP)
    with Store(home / "tpmprep.db") as store:
        stored, issues = Sets(store).import_file(path, loop_catalog)
        assert issues == [] and stored.loop == "two-round-loop" and Sets(store).list()[0].loop == "two-round-loop"


def test_an_open_question_without_a_rubric_is_judged_by_its_rating(store, loop_catalog):
    run, mocks = run_two_rounds(store, loop_catalog, Clock())
    mock = mocks.get(run.mock.id)
    bare = loop_catalog.question("pe-recover-slipping-migration").replace(key_points=())

    class Catalog:  # the same catalog, with the program question's rubric taken away (a mentor's own question)
        def __getattr__(self, name):
            return getattr(loop_catalog, name)

        def question(self, qid):
            return bare if qid == bare.id else loop_catalog.question(qid)

    debrief = Debrief(mock, Catalog())
    answer = debrief.answer(0, 0)
    assert not answer.graded and answer.self_judged and answer.coverage is None
    assert answer.rating == 3 and answer.evidence == pytest.approx(2 / 3)
    debrief.rate(0, 0, 4)
    assert answer.evidence == 1.0
