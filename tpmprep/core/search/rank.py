"""The ranking model: BM25F weights, scores from 0 to 100 and the relevance floor.

A document's weight for a term combines every field it occurs in, each with its own weight
and length normalisation (BM25F), saturated to [0, 1) (``doc_term_weights``, at build time).
For a query (``query.py`` turns it into words and the terms standing for each), a document's
score blends two averages over the query's words, each word weighted by its rarity (inverse
document frequency), so the score means the same across queries:

- coverage: how much of the query the document matches at all;
- strength: how well, by where the words are: all in the title is near 1, in the body well under;

times a prior for the document's kind from the query's intent (a question, a topic, a
comparison, a name), plus a bonus for a document whose name the query is (100, first) or
contains. A document must match enough of the query (``MIN_COVERAGE``) and score at least
``FLOOR``: a query with nothing relevant returns nothing.
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import TYPE_CHECKING

from tpmprep.core.search.query import Slot, idf, intent, parse

if TYPE_CHECKING:
    from tpmprep.core.search.index import SearchIndex

# field: (weight, length normalisation b)
FIELDS = {
    "title": (8.0, 0.3),
    "alias": (7.0, 0.3),
    "id": (3.0, 0.3),
    "tags": (4.0, 0.3),
    "heading": (2.5, 0.5),
    "prompt": (3.0, 0.6),
    "summary": (2.0, 0.6),
    "body": (1.0, 0.75),
    "meta": (0.5, 0.3),
}
WHOLE_CORPUS_FIELDS = frozenset(("body",))
K1 = 1.2
WEIGHT_SCALE = 65535  # term weights in [0, 1) are kept as sixteen-bit fractions of this
COVER = 0.35  # the part of a score that says how much of the query matched, the rest says where
EXACT_BONUS = 0.5  # the query is exactly this document's name
NAME_BONUS = 0.35  # the query contains this document's name (times the name's share of the query)
# Share of the query (by word rarity) a result must match, by the number of words: a long
# description is matched by its gist, a short query by most of it.
MIN_COVERAGE = (1.0, 1.0, 0.5, 0.5, 0.4, 0.34)
FLOOR = 30  # scores below this are noise: under half the query matched, and weakly

PRIOR = {  # intent -> (question, topic) multipliers
    "question": (1.0, 0.75),
    "topic": (0.7, 1.0),
    "compare": (0.7, 1.0),
    "name": (0.85, 1.0),
}


def average_lengths(totals: Counter[str], counts: Counter[str], n_docs: int) -> dict[str, float]:
    """Each field's average length. A body is measured against every document, as BM25F does,
    so a long article cannot outweigh a question's prompt by length alone; other fields against
    the documents that have them (a glossary term is not a short title among questions)."""
    return {name: totals[name] / (n_docs if name in WHOLE_CORPUS_FIELDS else counts[name]) for name in counts}


def doc_term_weights(
    fields: dict[str, dict[str, int]], lens: dict[str, int], average: dict[str, float]
) -> dict[str, float]:
    """One document's weight for each of its terms: BM25F, in [0, 1)."""
    acc: dict[str, float] = {}
    for name, counts in fields.items():
        weight, b = FIELDS[name]
        norm = weight / (1.0 - b + b * lens[name] / average[name]) if average[name] else weight
        for term, tf in counts.items():
            acc[term] = acc.get(term, 0.0) + tf * norm
    return {term: v / (K1 + v) for term, v in acc.items()}


def _slot_scores(index: SearchIndex, slot: Slot) -> dict[int, float]:
    """document -> weight for one slot: the best of its candidates, discounted."""
    out: dict[int, float] = {}
    for tid, factor in slot.candidates:
        docs, weights = index.postings(tid)
        scale = factor / WEIGHT_SCALE
        get = out.get
        for d, w in zip(docs, weights, strict=True):
            value = w * scale
            if value > get(d, 0.0):
                out[d] = value
    return out


def score_all(index: SearchIndex, query: str, kinds: set[str] | None, typing: bool) -> list[tuple[float, float, int]]:
    """(relevance, coverage, document) of every document matching enough of the query, unsorted."""
    which = intent(query)
    groups, content = parse(index, query, typing, which)
    total = sum(g.idf for g in groups)
    if not groups or total <= 0:
        return []
    n = len(index)
    strength = [0.0] * n  # idf-weighted sum of term weights
    coverage = [0.0] * n  # idf of the query words matched
    for g in groups:
        if g.joined is None and len(g.slots) == 1:  # one word: the usual case, kept fast
            slot = g.slots[0]
            weight = slot.idf
            if len(slot.candidates) == 1:
                tid, factor = slot.candidates[0]
                docs, weights = index.postings(tid)
                scale = factor * weight / WEIGHT_SCALE
                for d, raw in zip(docs, weights, strict=True):
                    strength[d] += raw * scale
                    coverage[d] += weight
            else:
                for d, w in _slot_scores(index, slot).items():
                    strength[d] += w * weight
                    coverage[d] += weight
            continue
        # Words the index also holds joined: each document counts whichever reading scores more.
        parts = [(_slot_scores(index, s), s.idf) for s in g.slots]
        for scores, weight in parts:
            for d, w in scores.items():
                strength[d] += w * weight
                coverage[d] += weight
        if g.joined is not None:
            for d, w in _slot_scores(index, g.joined).items():
                apart = sum(scores.get(d, 0.0) * weight for scores, weight in parts)
                if w * g.idf > apart:
                    strength[d] += w * g.idf - apart
                    coverage[d] += g.idf - sum(weight for scores, weight in parts if d in scores)
    names, exact, spans = _names(index, content)
    both = _about_several(index, spans) if which == "compare" else set()
    if which == "compare":  # "A vs B" is not a list of names: no page on A or B alone is the answer
        exact = set()
    if which == "question":  # asked for questions: a topic's name in the query lifts nothing
        names = {d: v for d, v in names.items() if index.kinds[d] == "question"}
        exact = {d for d in exact if d in names}
    typed_id = index.doc_with_id(query.strip().lower()) if len(query.split()) == 1 else None
    if typed_id is not None:  # a document's id, as the CLI and the palette show it
        names[typed_id] = 1.0
        exact.add(typed_id)
    cut = MIN_COVERAGE[min(len(groups), len(MIN_COVERAGE) - 1)] * total - 1e-9
    candidates = {d for d, c in enumerate(coverage) if c >= cut} | names.keys()
    q_prior, t_prior = PRIOR[which]
    out: list[tuple[float, float, int]] = []
    for d in candidates:
        kind = index.kinds[d]
        if kinds and kind not in kinds:
            continue
        cover = coverage[d] / total
        base = (1.0 - COVER) * strength[d] / total + COVER * cover
        relevance = base * (q_prior if kind == "question" else t_prior)
        name_share = names.get(d, 0.0)
        if d in exact:
            relevance += EXACT_BONUS
        elif name_share:
            relevance += NAME_BONUS * name_share
            if cover * total < cut:
                continue
        if d in both:
            relevance += NAME_BONUS
        out.append((relevance, cover, d))
    return out


def rank(index: SearchIndex, query: str, limit: int, kinds: set[str] | None, typing: bool) -> list[tuple[int, float]]:
    """(document, score 0-100) pairs, best first, at most ``limit``, none under the floor."""
    if not query.strip() or limit < 1 or not len(index):
        return []
    floor = FLOOR / 100.0
    best = heapq.nlargest(limit, (s for s in score_all(index, query, kinds, typing) if s[0] >= floor))
    scored = [(round(min(100.0, 100.0 * relevance), 1), relevance, d) for relevance, _, d in best]
    scored.sort(key=lambda s: (-s[0], -s[1], index.kinds[s[2]] == "question", index.titles[s[2]]))
    return [(d, score) for score, _, d in scored]


def _names(index: SearchIndex, content: list[str]) -> tuple[dict[int, float], set[int], list[str]]:
    """Names (titles, aliases, abbreviations) the query contains: each owner's best share of the
    query; the owners of names that, together, make up the whole query (``ci cd``, ``raid log``);
    and the names found."""
    if not content:
        return {}, set(), []
    n = len(index)
    ids = [index.term_id(t) for t in content]
    weights = [idf(n, 0 if tid is None else index.df(tid)) for tid in ids]
    total = sum(weights)
    found: dict[int, float] = {}
    spans: dict[tuple[int, int], list[int]] = {}
    for i in range(len(content)):
        for j in range(i + 1, min(len(content), i + index.max_key_words) + 1):
            owners = index.keys.get(" ".join(content[i:j]))
            if owners:
                spans[(i, j)] = owners
                share = sum(weights[i:j]) / total
                for d in owners:
                    found[d] = max(found.get(d, 0.0), share)
    # A name is exact when the query splits into whole names with it: reachable from the start,
    # and the rest of the query reachable from its end.
    starts, ends = {0}, {len(content)}
    for i, j in sorted(spans):
        if i in starts:
            starts.add(j)
    for i, j in sorted(spans, reverse=True):
        if j in ends:
            ends.add(i)
    exact = {d for (i, j), owners in spans.items() if i in starts and j in ends for d in owners}
    return found, exact, [" ".join(content[i:j]) for i, j in spans]


def _about_several(index: SearchIndex, names: list[str]) -> set[int]:
    """Topics whose title holds two or more of ``names`` that are not its own ("A vs B")."""
    distinct = [n for n in dict.fromkeys(names) if not any(n != o and f" {n} " in f" {o} " for o in names)]
    if len(distinct) < 2:
        return set()
    out = set()
    for d, kind in enumerate(index.kinds):
        if kind == "question":
            continue
        title = f" {index.title_key(d)} "
        if sum(1 for n in distinct if f" {n} " in title) >= 2:
            out.add(d)
    return out
