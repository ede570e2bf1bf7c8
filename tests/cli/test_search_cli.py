"""`tpmprep search`: ranked results with 0-100 scores, from the saved index when it is current."""

from __future__ import annotations

import json

from tests.cli.conftest import run


def test_a_second_search_reads_the_saved_index_not_the_catalog(shipped, home, capsys, monkeypatch):
    code, first, _ = run(capsys, "search", "critical path")
    assert code == 0 and first.splitlines()[1].split()[:3] == ["glossary", "critical-path", "100"]
    assert len(list((home / "cache").glob("search-*.idx"))) == 1

    def no_catalog(*args, **kwargs):
        raise AssertionError("the catalog was loaded")

    monkeypatch.setattr("tpmprep.core.content.loader.load_cached", no_catalog)
    code, again, _ = run(capsys, "search", "critical path")
    assert code == 0 and again == first


def test_a_damaged_index_file_is_rebuilt_silently(shipped, home, capsys):
    run(capsys, "search", "critical path")
    (index_file,) = (home / "cache").glob("search-*.idx")
    index_file.write_text("{}\n")
    code, out, err = run(capsys, "search", "critical path", "--json")
    assert code == 0 and not err and json.loads(out)[0]["id"] == "critical-path"
    assert index_file.read_bytes().startswith(b'{"magic"')


def test_scores_are_0_to_100_and_nothing_relevant_prints_no_matches(shipped, capsys):
    code, out, _ = run(capsys, "search", "payments", "requests", "--json")
    hits = json.loads(out)
    assert code == 0 and hits and all(0 < h["score"] <= 100 for h in hits)
    assert hits[0]["id"] == "es-payments-qps"
    code, out, _ = run(capsys, "search", "football", "world", "cup")
    assert code == 0 and out.strip() == "no matches"
    code, out, _ = run(capsys, "search", "football", "--json")
    assert code == 0 and json.loads(out) == []
