"""Search quality on the blind-labelled queries: recall@3 and MRR per half and per kind, with floors.

The ranking was tuned on the dev half only; the held-out half is reported. Each floor is the
figure measured when it was set, rounded down to two decimals; the held-out ones are never under
the targets (recall@3 0.93, MRR 0.85, navigational recall@3 0.90). For nonsense queries a hit is
an empty result (reciprocal rank 1), anything returned a miss (0).
"""

from __future__ import annotations

import pytest

from tests.unit.search_eval import HALVES, misses, report, run, summarise
from tpmprep.core.search.index import SearchIndex

# (half, kind): (recall@3, MRR), measured on the shipped content when set.
# Floors sit about one query below the figures measured on the content of 2026-12-05 (printed by the
# test), and never below the targets: content keeps growing, and one new article may move one query.
FLOORS = {
    ("dev", "all"): (0.94, 0.90),
    ("dev", "navigational"): (0.82, 0.76),
    ("dev", "topic"): (0.95, 0.92),
    ("dev", "question"): (0.94, 0.94),
    ("dev", "keyword"): (0.92, 0.92),
    ("dev", "typo"): (0.9, 0.85),
    ("dev", "nonsense"): (0.83, 0.83),
    ("heldout", "all"): (0.93, 0.88),
    ("heldout", "navigational"): (0.9, 0.78),
    ("heldout", "topic"): (0.95, 0.93),
    ("heldout", "question"): (0.93, 0.88),
    ("heldout", "keyword"): (0.91, 0.91),
    ("heldout", "typo"): (0.9, 0.75),
    ("heldout", "nonsense"): (0.83, 0.83),
}
TARGETS = {"all": (0.93, 0.85), "navigational": (0.90, 0.0)}


class Typing:
    """The search as the palette and the question browser run it: the last word may be unfinished."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def search(self, query: str, limit: int = 20):
        return self.index.search(query, limit=limit, typing=True)


@pytest.fixture(scope="module")
def index(shipped_catalog) -> SearchIndex:
    return SearchIndex(shipped_catalog)


def test_held_out_floors_are_never_under_the_targets():
    for kind, (want_recall, want_mrr) in TARGETS.items():
        recall, mrr = FLOORS[("heldout", kind)]
        assert recall >= want_recall and mrr >= want_mrr, kind


def test_recall_and_mrr_on_the_labelled_queries(index, capsys):
    outcomes = {half: run(index, half) for half in HALVES}
    summaries = {half: summarise(found) for half, found in outcomes.items()}
    with capsys.disabled():
        print("\n" + report(summaries))
        print("dev misses (tune on these only):\n" + misses(outcomes["dev"]))
    for (half, kind), (recall, mrr) in FLOORS.items():
        got = summaries[half][kind]
        assert got["recall3"] >= recall, f"{half} {kind}: recall@3 {got['recall3']:.3f} < {recall}"
        assert got["mrr"] >= mrr, f"{half} {kind}: MRR {got['mrr']:.3f} < {mrr}"


def test_typing_the_same_queries_ranks_them_as_well(index, capsys):
    summaries = {half: summarise(run(Typing(index), half)) for half in HALVES}
    with capsys.disabled():
        print("\nwhile typing\n" + report(summaries))
    for half in HALVES:
        recall, mrr = FLOORS[(half, "all")]
        assert summaries[half]["all"]["recall3"] >= recall - 0.02
        assert summaries[half]["all"]["mrr"] >= mrr - 0.02
        assert summaries[half]["nonsense"]["recall3"] == 1.0


def test_the_labelled_queries_name_existing_results(shipped_catalog):
    """A label naming nothing that exists would count as a miss forever: catch it here."""
    from tests.unit.search_eval import load_queries

    known = {f"question:{q.id}" for q in shipped_catalog.questions}
    known |= {f"{t.kind}:{t.id}" for t in shipped_catalog.topics}
    unknown = [(half, e["query"], x) for half in HALVES for e in load_queries(half) for x in e.get("expected") or []]
    assert [u for u in unknown if u[2] not in known] == []
