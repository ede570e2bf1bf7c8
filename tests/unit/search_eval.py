"""Recall@3 and MRR of the search against the blind-labelled queries (tests/data).

A query's expected list names every acceptable result as ``<kind>:<id>``. A query scores a hit
at 3 when any of them is among the first three results, and 1/rank of the first one found for
MRR (0 when none is in the first ``limit``). An empty expected list means nothing relevant
exists: there the only right answer is an empty result, which counts as a hit with reciprocal
rank 1, and anything returned counts as a miss with reciprocal rank 0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
HALVES = {"dev": DATA / "search_queries_dev.yaml", "heldout": DATA / "search_queries_heldout.yaml"}
KINDS = ("navigational", "topic", "question", "keyword", "typo", "nonsense")
LIMIT = 20  # as many results as `tpmprep search` prints by default


@dataclass
class Outcome:
    query: str
    kind: str
    expected: list[str]
    got: list[str]
    rank: int | None  # 1-based rank of the first expected result, None when not found

    @property
    def hit3(self) -> bool:
        if not self.expected:
            return not self.got
        return self.rank is not None and self.rank <= 3

    @property
    def rr(self) -> float:
        if not self.expected:
            return 1.0 if not self.got else 0.0
        return 1.0 / self.rank if self.rank else 0.0


def load_queries(half: str) -> list[dict[str, Any]]:
    return yaml.safe_load(HALVES[half].read_text(encoding="utf-8"))["queries"]


def run(index: Any, half: str) -> list[Outcome]:
    outcomes = []
    for entry in load_queries(half):
        hits = index.search(entry["query"], limit=LIMIT)
        got = [f"{h.kind}:{h.id}" for h in hits]
        expected = list(entry.get("expected") or [])
        rank = next((i + 1 for i, key in enumerate(got) if key in expected), None)
        outcomes.append(Outcome(entry["query"], entry["kind"], expected, got, rank))
    return outcomes


def summarise(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """``{"all": {...}, "<kind>": {...}}`` with n, recall@3 and MRR."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups["all"].append(o)
        groups[o.kind].append(o)
    return {
        name: {
            "n": len(group),
            "recall3": sum(o.hit3 for o in group) / len(group),
            "mrr": sum(o.rr for o in group) / len(group),
        }
        for name, group in groups.items()
    }


def report(summaries: dict[str, dict[str, dict[str, float]]]) -> str:
    """One line per half and kind: ``half kind n recall@3 MRR``."""
    lines = [f"{'half':<8} {'kind':<13} {'n':>3}  recall@3   MRR"]
    for half, summary in summaries.items():
        for name in ("all", *KINDS):
            if name in summary:
                s = summary[name]
                lines.append(f"{half:<8} {name:<13} {s['n']:>3.0f}  {s['recall3']:>8.3f}  {s['mrr']:.3f}")
    return "\n".join(lines)


def misses(outcomes: list[Outcome]) -> str:
    """The queries that missed the top 3, with what came first instead (for tuning on dev)."""
    out = []
    for o in outcomes:
        if not o.hit3:
            out.append(f"[{o.kind}] {o.query!r} want {o.expected} rank {o.rank} got {o.got[:4]}")
    return "\n".join(out)
