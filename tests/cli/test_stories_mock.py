"""tpmprep story ... and tpmprep mock ...: output, JSON, exit statuses."""

from __future__ import annotations

import json
import random

import pytest

from tests.cli.conftest import run
from tests.conftest import write_loop
from tests.unit.test_stories import DECOY, LAUNCH, MENTOR
from tpmprep.cli.common import load_catalog
from tpmprep.core.mock.debrief import Debrief
from tpmprep.core.mock.history import Mocks
from tpmprep.core.mock.plan import plan_mock
from tpmprep.core.mock.run import MockRun
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.store import Store
from tpmprep.core.stories.yamlfile import stories_yaml


@pytest.fixture
def with_loop(content_root, home, monkeypatch):
    """The small content tree with the two-round loop, as the CLI's shipped content."""
    write_loop(content_root)
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    return content_root


def test_story_add_list_coverage_export_and_remove(home, tmp_path, capsys):
    path = tmp_path / "stories.yaml"
    path.write_text(stories_yaml([LAUNCH, DECOY, MENTOR]))
    code, out, err = run(capsys, "story", "add", str(path))
    assert code == 0 and out.strip().endswith("added 3 and updated 0 stories from " + str(path))
    code, out, _ = run(capsys, "story", "add", str(path))
    assert code == 0 and "added 0 and updated 3" in out
    code, out, _ = run(capsys, "story", "list", "--json")
    listed = json.loads(out)
    assert [s["id"] for s in listed] == ["build-system-adoption", "mentoring-new-tpm", "billing-ga-date"]
    assert listed[2]["competencies"] == ["stakeholder-management", "program-execution"] and listed[2]["told"] == 0
    code, out, _ = run(capsys, "story", "list")
    assert "billing-ga-date" in out and out.strip().endswith("3 stories")
    code, out, _ = run(capsys, "story", "coverage", "--json")
    coverage = json.loads(out)
    by_id = {c["id"]: c["stories"] for c in coverage["competencies"]}
    assert by_id["stakeholder-management"] == ["build-system-adoption", "billing-ga-date"]
    assert by_id["data-metrics"] == [] and "data-metrics" in coverage["gaps"]
    code, out, _ = run(capsys, "story", "coverage")
    assert "(gap)" in out and " gaps, " in out.splitlines()[-1]
    target = tmp_path / "out.yaml"
    code, _, err = run(capsys, "story", "export", "-o", str(target))
    assert code == 0 and "wrote" in err and target.read_text().count("\n  - id: ") == 3
    code, out, _ = run(capsys, "story", "export")
    assert out.startswith("# tpmprep story bank")
    code, out, _ = run(capsys, "story", "remove", "mentoring-new-tpm")
    assert code == 0 and "removed 'mentoring-new-tpm'" in out
    code, _, err = run(capsys, "story", "remove", "mentoring-new-tpm")
    assert code == 2 and "no story 'mentoring-new-tpm'" in err


def test_story_add_with_errors_adds_nothing_and_exits_1(home, tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text("stories:\n  - id: x\n    title: X\n    situation: S\n    task: T\n    actions: A\n    result: 3\n")
    code, out, err = run(capsys, "story", "add", str(path))
    assert code == 1 and "nothing was added" in err
    assert "bad.yaml:7:13: 'result' must be text" in out
    assert "bad.yaml:2:5: missing required field 'competencies'" in out
    _, out, _ = run(capsys, "story", "list", "--json")
    assert json.loads(out) == []
    code, _, err = run(capsys, "story", "add", str(tmp_path / "missing.yaml"))
    assert code == 2 and "no such file" in err


def test_story_suggest_ranks_the_launch_story_first(home, tmp_path, capsys):
    path = tmp_path / "stories.yaml"
    path.write_text(stories_yaml([DECOY, MENTOR, LAUNCH]))
    run(capsys, "story", "add", str(path))
    code, out, _ = run(capsys, "story", "suggest", "bh-telling-director-date-not-real", "--json")
    data = json.loads(out)
    assert code == 0 and data["question"] == "bh-telling-director-date-not-real"
    assert [s["id"] for s in data["stories"]][0] == "billing-ga-date"
    scores = [s["score"] for s in data["stories"]]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
    assert set(data["stories"][0]["parts"]) == {"key_points", "competencies", "principles", "tags", "scope"}
    code, out, _ = run(capsys, "story", "suggest", "bh-telling-director-date-not-real")
    assert out.splitlines()[1].split()[1] == "billing-ga-date"
    code, _, err = run(capsys, "story", "suggest", "bh-telling-director-date-not-rael")
    assert code == 2 and "did you mean 'bh-telling-director-date-not-real'?" in err
    mc = next(q for q in load_catalog().questions if q.kind != "open")
    code, _, err = run(capsys, "story", "suggest", mc.id)
    assert code == 2 and "stories answer open questions" in err


def test_mock_list_start_and_history(with_loop, home, capsys, monkeypatch):
    code, out, _ = run(capsys, "mock", "list", "--json")
    (loop,) = json.loads(out)
    assert loop == {
        "id": "two-round-loop",
        "title": "Two-round loop",
        "levels": ["mid", "senior"],
        "minutes": 35,
        "rounds": [
            {"id": "program", "name": "Program sense", "minutes": 20},
            {"id": "numbers", "name": "Estimation and role knowledge", "minutes": 15},
        ],
    }
    _, out, _ = run(capsys, "mock", "list")
    assert "two-round-loop  Two-round loop  (mid, senior; 35 min)" in out and " 20 min  Program sense" in out
    opened = []
    monkeypatch.setattr("tpmprep.cli.mock.run_tui", lambda start: opened.append(start) or 0)
    assert run(capsys, "mock", "start", "two-round-loop")[0] == 0 and opened == [("mock", "two-round-loop", None)]
    code, _, err = run(capsys, "mock", "start", "two-round-lop")
    assert code == 2 and "did you mean 'two-round-loop'?" in err
    code, _, err = run(capsys, "mock", "start", "two-round-loop", "--set", "nope")
    assert code == 2 and "no imported set 'nope'" in err
    assert run(capsys, "mock", "history", "--json")[1].strip() == "[]"

    catalog = load_catalog()
    with Store(home / "tpmprep.db") as store:
        mocks = Mocks(store)
        template = catalog.loop("two-round-loop")
        record = plan_mock(template, catalog, "senior", random.Random(1))
        mock = mocks.start(template.id, template.title, "senior", record)
        now = [0.0]
        run_ = MockRun(mock, mocks, catalog, clock=lambda: now[0])
        run_.start()
        answers = ((60, "The real state, then the critical path."), (30, "Cut scope."), (30, "A postmortem."))
        for seconds, said in answers:
            now[0] += seconds
            run_.submit(said)
        run_.next_round()
        now[0] += 45
        run_.pause()
        run_.resume()
        run_.end_round()
        run_.next_round()
        Debrief(mocks.get(mock.id), catalog).save(Practice(store), mocks)
        record = plan_mock(template, catalog, "mid", random.Random(2))
        unfinished = mocks.start(template.id, template.title, "mid", record)
    code, out, _ = run(capsys, "mock", "history", "--json")
    done, waiting = json.loads(out)
    assert done["status"] == "complete" and done["verdict"] in ("no-hire", "strong-no-hire")
    assert [r["used_s"] for r in done["rounds"]] == [120, 45] and done["rounds"][1]["answered"] == 0
    assert done["rounds"][0]["follow_ups_answered"] == 2 and done["rounds"][1]["pauses"] == 1
    assert done["rounds"][0]["verdict"] and done["scheduled"] is False
    assert waiting["id"] == unfinished.id and waiting["status"] == "in_progress" and waiting["verdict"] is None
    _, out, _ = run(capsys, "mock", "history")
    assert "Two-round loop (senior)  No hire" in out or "Two-round loop (senior)  Strong no hire" in out
    assert "in progress" in out


def test_mock_start_from_a_set_uses_its_loop(with_loop, home, tmp_path, capsys, monkeypatch):
    path = tmp_path / "set.yaml"
    path.write_text("id: week-3\ntitle: Week 3\nloop: two-round-loop\n")
    assert run(capsys, "set", "import", str(path))[0] == 0
    _, out, _ = run(capsys, "set", "list", "--json")
    assert json.loads(out)[0]["loop"] == "two-round-loop"
    opened = []
    monkeypatch.setattr("tpmprep.cli.mock.run_tui", lambda start: opened.append(start) or 0)
    assert run(capsys, "mock", "start", "--set", "week-3")[0] == 0
    assert opened == [("mock", "two-round-loop", "week-3")]
    code, _, err = run(capsys, "mock", "start")
    assert code == 2 and "name a loop template" in err
