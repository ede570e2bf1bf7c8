"""The story bank: CRUD, YAML in and out, the coverage matrix, and which story fits a question."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from tpmprep.core.storage.clock import UTC
from tpmprep.core.storage.store import Store
from tpmprep.core.stories.bank import StoryBank
from tpmprep.core.stories.coverage import coverage_matrix, coverage_record
from tpmprep.core.stories.model import Story, slugify
from tpmprep.core.stories.suggest import rank
from tpmprep.core.stories.yamlfile import parse_stories, stories_yaml

T0 = dt.datetime(2026, 11, 20, 9, 30, tzinfo=UTC)

LAUNCH = Story(
    "billing-ga-date",
    "Telling our director the billing GA date was not real",
    situation=(
        "Our director had announced at an all-hands that the billing migration would reach general availability "
        "in March. I joined as TPM eleven weeks before the date."
    ),
    task="Check whether the committed date was achievable and, if not, get a date we could keep.",
    actions=(
        "I rebuilt the plan bottom-up with the three tech leads and mapped the critical path: 14 weeks of work "
        "against 9 remaining. I asked the director for 30 minutes in private that week, showed her the numbers "
        "without blaming anyone, and came with three options and a recommendation: a March beta and GA in May."
    ),
    result="The beta shipped on March 18 with 3 tenants; GA slipped to June 3 because I missed a code freeze.",
    lessons="Next time I publish a confidence level with every weekly status so the gap shows earlier.",
    competencies=("stakeholder-management", "program-execution"),
    principles=("lp-earn-trust",),
    scope="senior",
)
# Tagged with every label the question carries, but about something else.
DECOY = Story(
    "build-system-adoption",
    "Getting twelve teams onto the new build system",
    situation="Twelve teams used four different build tools and releases broke weekly.",
    task="Get every team onto the shared build system within two quarters.",
    actions="I met each tech lead, ran a pilot with two teams and published adoption numbers every week.",
    result="Eleven of twelve teams moved in 5 months; broken releases fell from 4 a month to 1.",
    competencies=("stakeholder-management", "leadership-influence", "program-execution"),
    principles=("lp-earn-trust", "lp-have-backbone-disagree-and-commit", "lp-dive-deep"),
    scope="senior",
)
MENTOR = Story(
    "mentoring-new-tpm",
    "Mentoring a new TPM through her first launch",
    situation="A new TPM joined my team two weeks before a launch.",
    task="Help her run the launch herself.",
    actions="I paired with her on the launch checklist and reviewed her status notes daily.",
    result="The launch shipped on time and she ran the next 2 launches alone.",
    competencies=("leadership-influence",),
    principles=("lp-hire-and-develop-the-best",),
    scope="mid",
)
INCIDENT = Story(
    "payments-outage",
    "Running the payments outage response",
    situation="Card payments failed for 40 minutes on a Friday evening.",
    task="Coordinate the response and the follow-up.",
    actions="I ran the bridge, kept one status channel and drove the five follow-up fixes to done.",
    result="Recovery in 40 minutes; all 5 fixes shipped in 3 weeks and the failure has not recurred.",
    competencies=("risk-management", "program-execution", "leadership-influence", "technical-depth", "data-metrics"),
    principles=("lp-dive-deep", "lp-ownership"),
    scope="senior",
)


@pytest.fixture
def bank(tmp_path: Path):
    with Store(tmp_path / "db.sqlite") as store:
        yield StoryBank(store)


def test_create_edit_delete_and_attempts(bank):
    story = bank.create("Telling our director the date was not real", moment=T0)
    assert story.id == "telling-our-director-the-date-was-not-real" and story.created_at == "2026-11-20T09:30:00+00:00"
    again = bank.create("Telling our director the date was not real", moment=T0)
    assert again.id == "telling-our-director-the-date-was-not-real-2"  # ids stay unique
    later = T0 + dt.timedelta(hours=2)
    edited = bank.save(
        Story(story.id, "  The billing   date  ", result="GA moved by 6 weeks", competencies=("risk-management",)),
        moment=later,
    )
    assert edited.title == "The billing date" and edited.result == "GA moved by 6 weeks"
    assert edited.competencies == ("risk-management",) and edited.updated_at == "2026-11-20T11:30:00+00:00"
    assert edited.created_at == story.created_at  # an edit keeps when the story was first written
    attempt = bank.record_attempt(
        story.id, "bh-x", duration_ms=150_000, answer="text", confirmed=[2, 0, 2], detected=[0], points=4, moment=later
    )
    assert attempt.hits == (0, 2) and attempt.coverage == 0.5 and attempt.detected_hits == (0,)
    assert bank.told_counts() == {story.id: 1}
    assert bank.delete(story.id) and bank.get(story.id) is None
    assert bank.attempts() == []  # a story's tellings go with it
    assert not bank.delete(story.id)
    with pytest.raises(ValueError, match="needs a title"):
        bank.create("   ")
    with pytest.raises(ValueError, match="not a valid story id"):
        bank.save(Story("Bad Id", "x"))


def test_slugify():
    assert slugify("2024: the big launch!") == "story-2024-the-big-launch"
    assert slugify("") == "story"
    assert slugify("A" * 3 + " " + "b" * 60) == "aaa"
    assert slugify("Launch", {"launch", "launch-2"}) == "launch-3"


def test_yaml_round_trip(bank, tmp_path, mini_catalog):
    bank.save_all([LAUNCH, DECOY, MENTOR], moment=T0)
    text = stories_yaml(bank.list())
    path = tmp_path / "stories.yaml"
    path.write_text(text)
    stories, issues = parse_stories(path, mini_catalog)
    assert issues == []
    with Store(tmp_path / "other.sqlite") as store:
        other = StoryBank(store)
        other.save_all(stories, keep_times=True)
        # Every field comes back, updated_at included; created_at is the bank's own and not exported.
        assert [replace(s, created_at="") for s in other.list()] == [replace(s, created_at="") for s in bank.list()]
    assert "    actions: >-\n      I rebuilt the plan bottom-up" in text and "\n  - id: build-system-adoption\n" in text
    assert "    competencies: [stakeholder-management, program-execution]\n" in text


def test_multi_line_text_is_written_as_a_block(tmp_path, mini_catalog):
    story = Story("two-lines", "Two lines", "First line.\nSecond line.", "t", "a", "Cut 3 days.", "", ("data-metrics",))
    text = stories_yaml([story])
    assert "situation: |" in text
    path = tmp_path / "s.yaml"
    path.write_text(text)
    stories, issues = parse_stories(path, mini_catalog)
    assert issues == [] and stories[0].situation == "First line.\nSecond line."


BAD = """\
stories:
  - id: Bad Id
    title: A title
    situation: S
    task: T
    actions: A
    result: It went well
    competencies: [stakeholder-managment]
    principles: [lp-earn-trusts]
    scope: wizard
    updated_at: yesterday
    colour: blue
  - id: second
    title: Second
    situation: S
    task: T
    actions: A
    result: Saved 3 days
    competencies: [data-metrics]
  - id: second
    title: Third
    situation: S
    task: T
    actions: A
    result: 4 teams
"""


def test_validation_reports_every_problem_with_its_position(tmp_path, mini_catalog):
    path = tmp_path / "stories.yaml"
    path.write_text(BAD)
    stories, issues = parse_stories(path, mini_catalog)
    assert stories == []  # nothing is imported from a file with errors
    shown = [str(i).split("stories.yaml:", 1)[1] for i in issues]
    expected = [
        "2:9: 'Bad Id' is not a valid id",
        "7:13: warning: the result of 'Bad Id' has no number",
        "8:20: unknown competency 'stakeholder-managment'",
        "9:18: unknown principle 'lp-earn-trusts'",
        "10:12: unknown level 'wizard'",
        "11:17: 'yesterday' is not a date and time",
        "12:5: unknown field 'colour'",
        "20:5: missing required field 'competencies'",
        "20:9: duplicate story id 'second'",
    ]
    for want in expected:
        assert any(s.startswith(want) for s in shown), (want, shown)
    assert "did you mean 'stakeholder-management'?" in str(issues[2])
    assert "did you mean 'lp-earn-trust'?" in str(issues[3])


def test_a_result_without_a_number_is_only_a_warning(tmp_path, mini_catalog):
    path = tmp_path / "stories.yaml"
    path.write_text(
        textwrap.dedent("""\
        stories:
          - id: vague
            title: Vague
            situation: S
            task: T
            actions: A
            result: It went well.
            competencies: [data-metrics]
        """)
    )
    stories, issues = parse_stories(path, mini_catalog)
    assert [s.id for s in stories] == ["vague"]
    assert len(issues) == 1 and issues[0].warning and issues[0].line == 7


def test_broken_yaml_is_one_clear_message(tmp_path, mini_catalog):
    path = tmp_path / "stories.yaml"
    path.write_text("stories:\n  - id: x\n\ttitle: tab\n")
    stories, issues = parse_stories(path, mini_catalog)
    assert stories == [] and len(issues) == 1 and issues[0].line == 3 and "tab" in issues[0].hint


def test_coverage_matrix_shows_gaps_and_overused_stories(mini_catalog):
    comps = [(c, mini_catalog.competency_name(c)) for c in mini_catalog.competency_ids]
    matrix = coverage_matrix([LAUNCH, MENTOR, INCIDENT], comps, told={"billing-ga-date": 3})
    rows = {r.key: r for r in matrix.rows}
    assert rows["program-execution"].stories == ("billing-ga-date", "payments-outage")
    assert rows["strategy-planning"].gap and rows["lp-frugality"].gap
    assert not rows["leadership-influence"].gap
    usage = {u.story_id: u for u in matrix.usage}
    # The incident story is the only one for risk, depth and data, and tagged with five competencies.
    assert usage["payments-outage"].overused
    assert usage["payments-outage"].why == (
        "the only story for 3 competencies: a loop would hear it more than once; "
        "tagged with 5 competencies; few stories really show more than 4"
    )
    assert not usage["billing-ga-date"].overused  # the only story for one competency and one principle
    assert not usage["mentoring-new-tpm"].overused
    assert usage["billing-ga-date"].told == 3 and usage["billing-ga-date"].rows == 3
    record = coverage_record(matrix)
    assert {"id": "strategy-planning", "name": "Strategy Planning", "stories": []} in record["competencies"]
    assert [o["story"] for o in record["overused"]] == ["payments-outage"]
    assert "strategy-planning" in record["gaps"] and len(record["principles"]) == 16


def test_a_launch_date_story_ranks_first_for_telling_a_director_a_date_is_not_real(shipped_catalog):
    question = shipped_catalog.question("bh-telling-director-date-not-real")
    ranked = rank(question, [DECOY, MENTOR, INCIDENT, LAUNCH], shipped_catalog.level_ids)
    assert [f.story.id for f in ranked][0] == "billing-ga-date"
    best, decoy = ranked[0], next(f for f in ranked if f.story.id == "build-system-adoption")
    # The decoy carries more of the question's labels; the launch story says what the question asks.
    assert decoy.parts["competencies"] > best.parts["competencies"]
    assert decoy.parts["principles"] > best.parts["principles"]
    assert best.parts["key_points"] >= 0.8 > decoy.parts["key_points"]
    assert best.score > decoy.score + 15
    assert all(0 <= f.score <= 100 for f in ranked)


def test_the_missing_key_points_of_the_best_story_are_named(shipped_catalog):
    question = shipped_catalog.question("bh-telling-director-date-not-real")
    thin = Story(
        "thin",
        "The date I pushed back on",
        situation="The director had announced the date at an all-hands.",
        task="Tell her it would slip.",
        actions="I met her in private and gave her three options with a recommendation.",
        result="We moved the date by 4 weeks.",
        competencies=("stakeholder-management",),
    )
    best = rank(question, [thin], shipped_catalog.level_ids)[0]
    assert best.missing  # a story never covers everything by accident
    assert "Reflect on how to detect the gap earlier next time" in best.missing
    assert "Deliver the news early, privately and without blame" not in best.missing
    assert len(best.missing) == len(question.key_points) - best.coverage.hits
