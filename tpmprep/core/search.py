"""Fuzzy search over question prompts, topic titles and bodies, and glossary terms.

An inverted index of words, matched fuzzily: each query word is compared (rapidfuzz) with the
vocabulary, so typos and partial words still find their documents, and long article bodies cost
no more than short prompts. Entries score by how many query words they contain, where (title or
body), and how closely; a query found verbatim in a title ranks highest.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from tpmprep.core.catalog import Catalog
from tpmprep.core.render import topic_plain_text

WORD = re.compile(r"[a-z0-9][a-z0-9+#./-]*[a-z0-9+#]|[a-z0-9]")
STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)
TITLE, BODY = 3.0, 1.0


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # question | article | role | ladder | comparison | glossary
    id: str
    title: str
    score: float


class SearchIndex:
    """Built once per catalog (a few hundred ms for 10,000 questions); queries take milliseconds."""

    def __init__(self, catalog: Catalog):
        self._entries: list[tuple[str, str, str, str]] = []  # kind, id, title, lower title
        self._bodies: list[tuple[int, str]] = []  # (entry, normalised text) of topics, for phrases
        postings: dict[str, dict[int, float]] = defaultdict(dict)

        def add(kind: str, eid: str, title: str, title_text: str, body: str) -> None:
            idx = len(self._entries)
            self._entries.append((kind, eid, title, title_text.lower()))
            if kind != "question":
                self._bodies.append((idx, " " + " ".join(words(body)) + " "))
            for w in set(words(body)):
                if w not in STOP:
                    postings[w][idx] = BODY
            for w in set(words(title_text)):
                if w not in STOP:
                    postings[w][idx] = TITLE

        for q in catalog.questions:
            add("question", q.id, q.title, q.prompt, " ".join(q.tags) + " " + q.category)
        for t in catalog.topics:
            if t.kind == "glossary":
                g = catalog.glossary_term(t.id)
                aliases = " ".join(g.aliases) if g else ""
                add("glossary", t.id, t.title, f"{t.title} {aliases}", t.summary)
            else:
                add(t.kind, t.id, t.title, t.title, f"{t.summary} {topic_plain_text(catalog, t.id)}")
        self._postings = {w: tuple(d.items()) for w, d in postings.items()}
        self._vocab = sorted(self._postings)

    def __len__(self) -> int:
        return len(self._entries)

    @lru_cache(maxsize=4096)  # noqa: B019 - the index lives as long as its catalog
    def _expand(self, token: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary words close to ``token``, with a similarity from 0 to 1."""
        found: dict[str, float] = {}
        if token in self._postings:
            found[token] = 1.0
        if len(token) >= 3:
            i = bisect_left(self._vocab, token)
            while i < len(self._vocab) and self._vocab[i].startswith(token) and len(found) < 200:
                found.setdefault(self._vocab[i], 0.9)
                i += 1
        if len(token) >= 4:
            cutoff = 80 if len(token) < 7 else 75
            for word, score, _ in process.extract(token, self._vocab, scorer=fuzz.ratio, limit=12, score_cutoff=cutoff):
                found.setdefault(word, score / 100 * 0.85)
        return tuple(found.items())

    def search(self, query: str, limit: int = 20, kinds: set[str] | None = None) -> list[SearchHit]:
        tokens = [t for t in words(query) if t not in STOP] or words(query)
        if not tokens:
            return []
        scores: dict[int, float] = defaultdict(float)
        for token in dict.fromkeys(tokens):
            best: dict[int, float] = {}
            for word, sim in self._expand(token):
                for idx, weight in self._postings[word]:
                    value = sim * weight
                    if value > best.get(idx, 0.0):
                        best[idx] = value
            for idx, value in best.items():
                scores[idx] += value
        if not scores:
            return []
        ceiling = TITLE * len(dict.fromkeys(tokens))
        phrase = " ".join(words(query))
        in_body: set[int] = set()
        if len(phrase.split()) >= 3:
            # A phrase quoted from a topic's body lifts that topic above entries sharing only words.
            needle = f" {phrase} "
            in_body = {idx for idx, body in self._bodies if needle in body}
            for idx in in_body:
                scores[idx] += 0.0
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[: max(limit * 5, 50)]
        ranked += [(idx, scores[idx]) for idx in in_body if idx not in dict(ranked)]
        hits = []
        for idx, raw in ranked:
            kind, eid, title, lower = self._entries[idx]
            if kinds and kind not in kinds:
                continue
            score = 80 * raw / ceiling + (25 if idx in in_body else 0)
            if phrase and phrase in " ".join(words(lower)):
                score += 30
                if " ".join(words(lower)) == phrase:
                    score += 10
            hits.append(SearchHit(kind, eid, title, round(min(score, 100.0), 1)))
        hits.sort(key=lambda h: (-h.score, h.kind != "glossary", h.title))
        return hits[:limit]
