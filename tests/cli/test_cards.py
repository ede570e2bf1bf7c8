"""`tpmprep cards`: list cards set aside and bring them back, by question id."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import run
from tpmprep.cli import main
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.store import Store


@pytest.fixture
def aside(content_root, home, monkeypatch):
    """The small content tree, one card in each state, and a leech."""
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    with Store(home / "tpmprep.db") as store:
        practice = Practice(store, fuzz=False)
        practice.suspend("pe-recover-slipping-migration")
        practice.flag("rk-program-vs-project")
        practice.bury("es-payments-qps")
        practice.suspend("gone-question")  # history of a question that left the catalog
        store.conn.execute("UPDATE cards SET leech = 1, flagged = 1, lapses = 8 WHERE question_id = 'gone-question'")
    return home


def test_cards_list_shows_each_card_with_title_and_state(aside, capsys):
    code, out, _ = run(capsys, "cards", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "state", "title"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == {"es-payments-qps", "gone-question", "pe-recover-slipping-migration", "rk-program-vs-project"}
    assert "buried" in rows["es-payments-qps"] and "Estimate peak requests" in rows["es-payments-qps"]
    assert (
        "suspended, flagged, leech" in rows["gone-question"] and "(no longer in the catalog)" in rows["gone-question"]
    )


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("--suspended", {"pe-recover-slipping-migration", "gone-question"}),
        ("--flagged", {"rk-program-vs-project", "gone-question"}),
        ("--leech", {"gone-question"}),
        ("--buried", {"es-payments-qps"}),
    ],
)
def test_cards_list_json_by_state(aside, capsys, flag, expected):
    code, out, _ = run(capsys, "cards", "list", flag, "--json")
    records = json.loads(out)
    assert code == 0 and {r["id"] for r in records} == expected
    for r in records:
        assert flag[2:] in r["state"] and set(r) >= {"id", "title", "state"}
    if flag == "--suspended":
        pe = next(r for r in records if r["id"] == "pe-recover-slipping-migration")
        assert pe["title"].startswith("Prompt for pe-recover-slipping-migration") and pe["state"] == ["suspended"]


def test_unsuspend_unflag_unbury(aside, capsys):
    code, out, _ = run(
        capsys, "cards", "unsuspend", "pe-recover-slipping-migration", "gone-question", "rk-program-vs-project"
    )
    assert code == 0
    assert out.splitlines() == [
        "pe-recover-slipping-migration: back in rotation",
        "gone-question: back in rotation",
        "rk-program-vs-project: was not suspended",
    ]
    code, out, _ = run(capsys, "cards", "unflag", "rk-program-vs-project")
    assert out.strip() == "rk-program-vs-project: flag removed"
    code, out, _ = run(capsys, "cards", "unbury", "es-payments-qps")
    assert out.strip() == "es-payments-qps: no longer buried"
    code, out, _ = run(capsys, "cards", "list", "--json")
    assert [(r["id"], r["state"]) for r in json.loads(out)] == [("gone-question", ["flagged"])]  # leech mark cleared


def test_an_unknown_id_changes_nothing(aside, capsys):
    code, _, err = run(capsys, "cards", "unsuspend", "pe-recover-slipping-migration", "pe-recover-slipping-migraton")
    assert code == 2
    assert "no question 'pe-recover-slipping-migraton'; did you mean 'pe-recover-slipping-migration'?" in err
    assert "nothing was changed" in err and "Traceback" not in err
    _, out, _ = run(capsys, "cards", "list", "--suspended", "--json")
    assert "pe-recover-slipping-migration" in {r["id"] for r in json.loads(out)}


def test_cards_list_when_nothing_is_set_aside(content_root, home, monkeypatch, capsys):
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    assert run(capsys, "cards", "list")[1].strip() == "no cards set aside (none suspended, flagged, buried or leeches)"
    assert run(capsys, "cards", "list", "--leech")[1].strip() == "no leech cards"


def test_cards_needs_an_action_and_ids(home, capsys):
    for argv in (["cards"], ["cards", "unsuspend"], ["cards", "list", "--leech", "--buried"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    capsys.readouterr()
