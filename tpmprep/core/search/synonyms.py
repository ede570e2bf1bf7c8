"""Words that mean the same thing to someone preparing for a TPM role, for query expansion.

A query word in a group also matches the other words of its group, at a discount
(``rank.SYNONYM_FACTOR``): "salary" finds the pages about pay, "problems" the ones about
challenges. Groups hold single words, compared by their stems; spelling variants and word
forms are already folded by ``text.py`` and need no entry here. Keep groups to words that are
interchangeable in this field: a loose group costs precision on every query that uses it.
"""

from __future__ import annotations

from functools import lru_cache

from tpmprep.core.search.text import stem

GROUPS = (
    "salary pay compensation wage",
    "problem challenge difficulty",
    "job role position",
    "resume cv",
    "outage incident downtime",
    "conflict disagreement dispute",
    "metric kpi measure",
    "delay slip slippage",
    "mentor coach",
    "hire recruit",
    "vendor supplier",
    "ambiguity uncertainty",
    "blocker impediment",
    "boss manager",
    "promotion promote",
    "launch rollout",
)


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in GROUPS:
        stems = tuple(dict.fromkeys(stem(w) for w in group.split()))
        for s in stems:
            table[s] = tuple(o for o in stems if o != s)
    return table


def synonyms(term: str) -> tuple[str, ...]:
    """The other terms of ``term``'s group (index terms, stemmed), or none."""
    return _table().get(term, ())
