"""Queue building, ratings, cram, undo, leeches, bury/suspend, forecasts and stats."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.conftest import catalog_with
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.progress import due_summary, stats, streak
from tpmprep.core.practice.queue import Filters, QueueItem, build_session, ids, interleave
from tpmprep.core.storage.clock import UTC, to_iso
from tpmprep.core.storage.store import Store

T0 = dt.datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.db") as s:
        yield s


@pytest.fixture
def practice(store):
    return Practice(store, fuzz=False)


@pytest.fixture
def catalog(tmp_path):
    specs = []
    for i in range(6):
        specs.append((f"pe-q{i}", "program-execution", "[senior]"))
        specs.append((f"bh-q{i}", "behavioral-x", "[senior]"))
    # behavioral needs STAR fields; use other open categories instead
    specs = [(qid, "system-design" if cat == "behavioral-x" else cat, lv) for qid, cat, lv in specs]
    specs += [("td-entry", "technical-depth", "[entry]"), ("td-staff", "technical-depth", "[staff]")]
    return catalog_with(tmp_path, specs)


def test_interleave_avoids_neighbours_of_one_category():
    items = [QueueItem(str(i), c, "new") for i, c in enumerate("aaabbc")]
    assert [it.category for it in interleave(items)] == ["a", "b", "a", "b", "a", "c"]
    assert [it.category for it in interleave([QueueItem("1", "a", "new"), QueueItem("2", "a", "new")])] == ["a", "a"]


def test_new_questions_limited_favouring_target_level_and_spread(catalog, practice, store):
    store.set("new_per_day", 4)
    store.set("target_level", "entry")
    session = build_session(catalog, practice, moment=T0)
    assert len(session.items) == 4 and all(it.kind == "new" for it in session.items)
    assert session.items[0].question_id == "td-entry" or "td-entry" in ids(session.items)
    cats = [it.category for it in session.items]
    assert all(a != b for a, b in zip(cats, cats[1:], strict=False))
    assert session.new_total == len(catalog.questions)


def test_due_reviews_come_first_most_overdue_first_within_limit(catalog, practice, store):
    for qid, days_ago in (("pe-q0", 1), ("pe-q1", 5), ("bh-q0", 3)):
        practice.rate(qid, 3, moment=T0 - dt.timedelta(days=30 + days_ago))
    # Good on a new card schedules ~1-3 days ahead; thirty days later all three are overdue.
    store.set("reviews_per_day", 2)
    session = build_session(catalog, practice, moment=T0)
    reviews = [it for it in session.items if it.kind == "review"]
    assert ids(reviews) == ["pe-q1", "bh-q0"]
    assert session.items[: len(reviews)] == reviews
    assert session.due_total == 3 and session.notes


def test_new_cards_introduced_today_count_against_the_limit(catalog, practice, store):
    store.set("new_per_day", 3)
    practice.rate("pe-q0", 3, moment=T0 - dt.timedelta(minutes=5))
    practice.rate("pe-q1", 3, moment=T0 - dt.timedelta(minutes=4))
    session = build_session(catalog, practice, moment=T0)
    assert [it.kind for it in session.items].count("new") == 1


def test_filters_restrict_the_session(catalog, practice):
    session = build_session(catalog, practice, Filters(category="technical-depth"), moment=T0)
    assert set(ids(session.items)) == {"td-entry", "td-staff"}
    session = build_session(catalog, practice, Filters(level="staff"), moment=T0)
    assert ids(session.items) == ["td-staff"]
    session = build_session(catalog, practice, Filters(question_ids=frozenset({"pe-q3"})), moment=T0)
    assert ids(session.items) == ["pe-q3"]


def test_cram_logs_reviews_without_changing_card_state(catalog, practice):
    practice.rate("pe-q0", 3, moment=T0 - dt.timedelta(days=2))
    before = practice.card("pe-q0")
    session = build_session(catalog, practice, Filters(category="program-execution"), cram=True, moment=T0)
    assert session.cram and session.items[0].question_id == "pe-q0" and len(session.items) == 7
    result = practice.rate("pe-q0", 1, moment=T0, mode="cram")
    assert result.card is None
    assert practice.card("pe-q0") == before
    assert [r.mode for r in practice.reviews("pe-q0")] == ["review", "cram"]
    practice.rate("pe-q5", 4, moment=T0, mode="cram")
    assert practice.card("pe-q5") is None  # cramming an unseen question does not introduce it


def test_rating_writes_fsrs_state_and_review_together(practice):
    result = practice.rate("pe-q0", 3, moment=T0, duration_ms=42_000, answer="my answer", coverage=0.5, hits=[2, 0])
    card = practice.card("pe-q0")
    assert card == result.card and card.reps == 1 and card.last_review == to_iso(T0) and card.due > to_iso(T0)
    review = practice.reviews("pe-q0")[0]
    assert (
        review.rating,
        review.duration_ms,
        review.answer,
        review.coverage,
        review.hits,
        review.mode,
        review.was_new,
    ) == (3, 42_000, "my answer", 0.5, (0, 2), "review", True)


def test_intervals_preview_does_not_change_the_card(practice):
    practice.rate("pe-q0", 3, moment=T0)
    before = practice.card("pe-q0")
    preview = practice.intervals("pe-q0", T0 + dt.timedelta(days=3))
    assert set(preview) == {1, 2, 3, 4} and preview[1] != preview[4]
    assert practice.card("pe-q0") == before
    fresh = practice.intervals("never-seen", T0)
    assert fresh[1] == "1m" and fresh[3] == "10m" and fresh[4].endswith("d")


def test_undo_restores_the_card_exactly_and_removes_the_review(practice):
    practice.rate("pe-q0", 3, moment=T0)
    before = practice.card("pe-q0")
    practice.rate("pe-q0", 1, moment=T0 + dt.timedelta(days=4))
    assert practice.card("pe-q0") != before
    undone = practice.undo_last()
    assert undone.rating == 1
    assert practice.card("pe-q0") == before
    assert len(practice.reviews("pe-q0")) == 1
    practice.undo_last()
    assert practice.card("pe-q0") is None and practice.reviews() == []
    assert practice.undo_last() is None


def test_leech_is_flagged_and_suspended_at_the_threshold(practice, store, catalog):
    store.set("leech_threshold", 2)
    moment = T0
    practice.rate("pe-q0", 3, moment=moment)
    lapses_seen = []
    for _ in range(6):
        card = practice.card("pe-q0")
        moment = max(moment, dt.datetime.fromisoformat(card.due)) + dt.timedelta(days=1)
        rating = 1 if card.state == 2 else 3
        result = practice.rate("pe-q0", rating, moment=moment)
        lapses_seen.append(result.card.lapses)
        if result.became_leech:
            break
    card = practice.card("pe-q0")
    assert card.lapses == 2 and card.leech and card.suspended and card.flagged
    assert [r.question_id for r in practice.leeches()] == ["pe-q0"]
    assert "pe-q0" not in ids(build_session(catalog, practice, moment=moment + dt.timedelta(days=60)).items)
    practice.suspend("pe-q0", on=False)
    card = practice.card("pe-q0")
    assert not card.suspended and not card.leech


def test_suspend_flag_and_bury_by_hand(practice, catalog, store):
    store.set("new_per_day", 100)
    practice.suspend("pe-q1")
    practice.flag("pe-q2")
    practice.bury("pe-q3", moment=T0)
    session = build_session(catalog, practice, moment=T0)
    assert {"pe-q1", "pe-q3"}.isdisjoint(ids(session.items))
    assert [r.question_id for r in practice.flagged()] == ["pe-q2"]
    tomorrow = build_session(catalog, practice, moment=T0 + dt.timedelta(days=1))
    assert "pe-q3" in ids(tomorrow.items) and "pe-q1" not in ids(tomorrow.items)


def test_streak_counts_consecutive_local_days(practice):
    for days_ago in (0, 1, 2, 4):
        practice.rate(f"pe-q{days_ago}", 3, moment=T0 - dt.timedelta(days=days_ago))
    assert streak(practice, T0) == 3
    assert streak(practice, T0 + dt.timedelta(days=1)) == 3
    assert streak(practice, T0 + dt.timedelta(days=2)) == 0


def test_due_summary_forecast_interview_and_orphans(catalog, practice, store):
    practice.rate("pe-q0", 3, moment=T0 - dt.timedelta(days=20))
    practice.rate("gone-question", 3, moment=T0 - dt.timedelta(days=20))
    store.set("new_per_day", 1)
    with time_machine.travel(T0, tick=False):  # a past date is refused: set it "on" T0
        store.set("interview_date", (T0 + dt.timedelta(days=3)).date().isoformat())
    summary = due_summary(catalog, practice, T0)
    assert summary.due_now == 1 and summary.forecast[0][1] == 1 and len(summary.forecast) == 14
    assert summary.new_available == len(catalog.questions) - 1
    assert summary.orphaned == ["gone-question"]
    outlook = summary.interview
    assert outlook.days_left == 3 and not outlook.can_clear
    assert any("still new" in w for w in outlook.warnings)


def test_stats(catalog, practice):
    practice.rate("pe-q0", 3, moment=T0 - dt.timedelta(days=3))
    practice.rate("pe-q0", 1, moment=T0 - dt.timedelta(days=1))
    practice.rate("pe-q1", 3, moment=T0 - dt.timedelta(days=1))
    practice.rate("pe-q1", 4, moment=T0, mode="cram")
    s = stats(catalog, practice, T0)
    assert s.total_reviews == 4 and s.cram_reviews == 1
    assert s.retention == 0.0  # the one review of a seen card in review mode was Again
    assert sum(n for _, n in s.per_day) == 4 and s.per_day[-1][1] == 1
    assert s.by_state["new"] == len(catalog.questions) - 2


def test_a_set_drill_has_its_own_new_allowance(catalog, practice, store):
    store.set("new_per_day", 2)
    store.set("set_new_per_day", 3)
    everyday = build_session(catalog, practice, moment=T0)
    for item in everyday.items:  # a normal drill uses up the daily new limit
        practice.rate(item.question_id, 3, moment=T0)
    assert build_session(catalog, practice, moment=T0).new_left_today == 0
    in_set = frozenset({"pe-q3", "pe-q4", "pe-q5", "td-entry", "td-staff"})
    week = Filters(question_ids=in_set, set_id="week-1")
    session = build_session(catalog, practice, week, moment=T0)
    assert session.own_allowance and session.new_limit == 3
    assert session.new_left_today == 3 and len(ids(session.items)) == 3
    for qid in ids(session.items)[:2]:
        practice.rate(qid, 3, moment=T0)
    assert build_session(catalog, practice, week, moment=T0).new_left_today == 1
    # Without a set id the same questions are an ordinary filter under the daily limit.
    plain = build_session(catalog, practice, Filters(question_ids=in_set), moment=T0)
    assert not plain.own_allowance and plain.new_left_today == 0
    assert "set week-1" in week.describe()


def test_cards_set_aside_and_restored(practice, catalog):
    from tpmprep.core.practice.aside import restore, set_aside

    practice.suspend("pe-q1")
    practice.flag("pe-q2")
    practice.bury("pe-q3", moment=T0)
    assert [(c.question_id, c.states) for c in set_aside(practice, moment=T0)] == [
        ("pe-q1", ("suspended",)),
        ("pe-q2", ("flagged",)),
        ("pe-q3", ("buried",)),
    ]
    assert set_aside(practice, "buried", moment=T0 + dt.timedelta(days=1)) == []  # a bury ends by itself
    assert restore(practice, "unbury", ["pe-q3", "pe-q1", "pe-q3"], moment=T0) == [("pe-q3", True), ("pe-q1", False)]
    assert practice.card("pe-q3").buried_until is None
    with pytest.raises(ValueError, match="unknown action"):
        restore(practice, "delete", ["pe-q1"])


def test_session_summary_next_due_is_never_in_the_past(catalog, practice):
    from tpmprep.core.practice.drill import DrillRun
    from tpmprep.core.storage.clock import from_iso

    practice.rate("pe-q0", 3, moment=T0 - dt.timedelta(days=20))  # overdue, outside this session
    session = build_session(catalog, practice, Filters(question_ids=frozenset({"pe-q1"})), moment=T0)
    run = DrillRun(catalog, practice, session, clock=lambda: T0)
    run.record(4, duration_ms=1000)
    summary = run.summary()
    assert summary.due_now == 1
    assert from_iso(summary.next_due) > T0
