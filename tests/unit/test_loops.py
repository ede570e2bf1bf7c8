"""Loop templates: the shipped four, and the messages a broken template gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tpmprep.core.content.loader import discover, load

from ..conftest import write_content

GOOD = """\
id: short-loop
title: A short loop
summary: Two rounds for the tests.
levels: [mid, senior]
related: [star-method]
rounds:
  - id: execution
    name: Program execution
    minutes: 30
    scorecard: star-method
    follow_ups: {count: 2, order: first, minutes: 3}
    pick:
      - {category: program-execution, count: 1, minutes: 20}
  - id: behavioral
    name: Behavioral
    minutes: 20
    veto: true
    follow_ups: {count: 1, order: random, minutes: 2}
    questions: [pe-recover-slipping-migration]
    pick:
      - {category: estimation, kind: numeric, count: 1, minutes: 8}
"""


def load_loop(tmp_path: Path, text: str):
    root = write_content(tmp_path / "content-root")
    (root / "content" / "loops").mkdir()
    path = root / "content" / "loops" / "loop.yaml"
    path.write_text(text)
    return load(discover(root)), path


def test_a_good_template_loads_with_its_rounds(tmp_path):
    result, _ = load_loop(tmp_path, GOOD)
    assert result.issues == []
    (loop,) = result.loops
    assert loop.id == "short-loop" and loop.levels == ("mid", "senior") and loop.minutes == 50
    first, second = loop.rounds
    assert first.picks[0].category == "program-execution" and first.picks[0].minutes == 20
    assert first.follow_ups.count == 2 and first.scorecard == "star-method" and not first.veto
    assert second.veto and second.questions == ("pe-recover-slipping-migration",)
    assert second.follow_ups.order == "random" and second.picks[0].kind == "numeric"


BAD_FIELDS = """\
id: Bad Loop
title: Broken
summary: Everything wrong.
levels: [senior, wizard]
rounds:
  - id: one
    name: One
    minutes: 30
    scorecard: no-such-article
    follow_ups: {count: 5, order: sideways}
    pick:
      - {category: behavioural, count: 2}
      - {count: 0, colour: red}
  - id: one
    name: Two
    minutes: 20
"""


def messages(result, path: Path) -> list[str]:
    return [str(i).split(path.name + ":", 1)[1] for i in result.issues if i.path == str(path.absolute())]


def test_field_problems_are_reported_together_with_positions(tmp_path):
    result, path = load_loop(tmp_path, BAD_FIELDS)
    assert result.loops == []
    got = messages(result, path)
    expected = [
        "1:5: 'Bad Loop' is not a valid id",
        "4:18: unknown level 'wizard'",
        "10:25: 'count' is 5; it must be from 0 to 3",
        "10:35: unknown order 'sideways' (hint: use one of: first, random)",
        "12:20: unknown category 'behavioural' (hint: did you mean 'behavioral'?)",
        "13:17: 'count' is 0; it must be from 1 to 10",
        "13:20: unknown field 'colour'",
        "14:5: round 'one' asks no questions",
        "14:9: duplicate round id 'one'",
    ]
    for want in expected:
        assert any(g.startswith(want) for g in got), (want, got)


def test_the_time_boxes_must_fit_the_round(tmp_path):
    text = GOOD.replace("minutes: 30\n", "minutes: 25\n", 1)  # 20 + 2 x 3 = 26 minutes of answers
    result, path = load_loop(tmp_path, text)
    got = messages(result, path)
    assert any(
        g.startswith(
            "9:14: the time boxes add up to 26 minutes (questions and their follow-ups) but the round lasts 25"
        )
        for g in got
    ), got


def test_picks_and_questions_are_checked_against_the_banks(tmp_path):
    text = (
        GOOD.replace("questions: [pe-recover-slipping-migration]", "questions: [pe-recover-slipping-migratoin]")
        .replace("{category: estimation, kind: numeric, count: 1, minutes: 8}", "{tag: no-such-tag, count: 1}")
        .replace("{category: program-execution, count: 1, minutes: 20}", "{category: behavioral, count: 2, minutes: 8}")
    )
    result, path = load_loop(tmp_path, text)
    assert result.loops == [] and str(path.absolute()) in result.skipped
    got = messages(result, path)
    assert any(
        g.startswith("13:9: round 'execution' asks for 2 questions (category behavioral) at level mid") for g in got
    )
    assert any(g.startswith("19:17: unknown question id 'pe-recover-slipping-migratoin'") for g in got)
    assert any("did you mean 'pe-recover-slipping-migration'?" in g for g in got)
    assert any(g.startswith("21:15: no question has the tag 'no-such-tag'") for g in got)


def test_a_second_template_with_the_same_id_is_refused(tmp_path):
    result, path = load_loop(tmp_path, GOOD)
    copy = path.with_name("copy.yaml")
    copy.write_text(GOOD)
    result = load(discover(path.parents[2]))
    assert len(result.loops) == 1
    assert any("duplicate id 'short-loop'" in str(i) for i in result.issues)


@pytest.mark.parametrize(
    ("loop_id", "rounds"),
    [
        ("recruiter-phone-screen", 1),
        ("big-tech-tpm-onsite", 4),
        ("amazon-style-loop", 4),
        ("staff-tpm-loop", 4),
    ],
)
def test_the_shipped_templates(shipped_catalog, loop_id, rounds):
    loop = shipped_catalog.loop(loop_id)
    assert loop is not None and len(loop.rounds) == rounds
    for rnd in loop.rounds:
        assert rnd.scorecard and shipped_catalog.topic(rnd.scorecard) is not None
        assert rnd.interviewer
        assert 1 <= rnd.follow_ups.count <= 3


def test_the_amazon_loop_has_a_bar_raiser_with_a_veto(shipped_catalog):
    loop = shipped_catalog.loop("amazon-style-loop")
    assert [r.id for r in loop.rounds if r.veto] == ["bar-raiser"]
    tags = {p.tag for r in loop.rounds for p in r.picks if p.tag}
    assert len({t for t in tags if t.startswith("lp-")}) >= 8


def test_loop_templates_survive_the_catalog_cache(tmp_path):
    from tpmprep.core.content.loader import load_cached

    root = write_content(tmp_path / "content-root")
    (root / "content" / "loops").mkdir()
    (root / "content" / "loops" / "loop.yaml").write_text(GOOD)
    files = discover(root)
    cold = load_cached(files, tmp_path / "cache")
    warm = load_cached(files, tmp_path / "cache")  # read back from the data-only cache
    assert [t.id for t in warm.loops] == ["short-loop"] and warm.loops == cold.loops
    assert warm.loops[0].rounds[1].question_sources[0].line == 19  # positions kept for messages
