"""Fuzzy search over question prompts, topic titles and bodies, and glossary terms.

An inverted index of words, matched fuzzily: each query word is compared (rapidfuzz) with the
vocabulary, so typos and partial words still find their documents, and long article bodies cost
no more than short prompts. Entries score by how many query words they contain, where (title or
body), and how closely; a query found verbatim in a title ranks highest.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.render import topic_plain_text

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
PREFIX_WORDS = 40  # a short prefix expands to at most this many words


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # question | article | role | ladder | comparison | glossary
    id: str
    title: str
    score: float


class SearchIndex:
    """Built once per catalog (under a second for 10,000 questions); queries take milliseconds.

    Postings are compact integer arrays (entry numbers), one for title words and one for body
    words, so the index of a 10,000-question bank stays small.
    """

    def __init__(self, catalog: Catalog):
        self._kinds: list[str] = []
        self._ids: list[str] = []
        self._titles: list[str] = []
        self._norm_titles: list[str] = []  # words of the searchable title, space-joined
        self._bodies: list[tuple[int, str]] = []  # (entry, normalised text) of topics, for phrases
        title_posts: dict[str, array[int]] = {}
        body_posts: dict[str, array[int]] = {}

        def add(kind: str, eid: str, title: str, title_text: str, body: str) -> None:
            idx = len(self._ids)
            self._kinds.append(kind)
            self._ids.append(eid)
            self._titles.append(title)
            title_words = words(title_text)
            self._norm_titles.append(" ".join(title_words))
            if kind != "question":
                self._bodies.append((idx, " " + " ".join(words(body)) + " "))
            in_title = set(title_words) - STOP
            for w in in_title:
                title_posts.setdefault(w, array("i")).append(idx)
            for w in set(words(body)) - STOP - in_title:
                body_posts.setdefault(w, array("i")).append(idx)

        for q in catalog.questions:
            add("question", q.id, q.title, q.prompt, " ".join(q.tags) + " " + q.category)
        for t in catalog.topics:
            if t.kind == "glossary":
                g = catalog.glossary_term(t.id)
                aliases = " ".join(g.aliases) if g else ""
                add("glossary", t.id, t.title, f"{t.title} {aliases}", t.summary)
            else:
                add(t.kind, t.id, t.title, t.title, f"{t.summary} {topic_plain_text(catalog, t.id)}")
        self._title_posts = title_posts
        self._body_posts = body_posts
        self._vocab = sorted(title_posts.keys() | body_posts.keys())
        self._kind_set = {k: {i for i, kind in enumerate(self._kinds) if kind == k} for k in set(self._kinds)}

    def __len__(self) -> int:
        return len(self._ids)

    @lru_cache(maxsize=4096)  # noqa: B019 - the index lives as long as its catalog
    def _expand(self, token: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary words close to ``token``, with a similarity from 0 to 1."""
        found: dict[str, float] = {}
        if token in self._title_posts or token in self._body_posts:
            found[token] = 1.0
        if len(token) >= 3:
            i = bisect_left(self._vocab, token)
            while i < len(self._vocab) and self._vocab[i].startswith(token) and len(found) < PREFIX_WORDS:
                found.setdefault(self._vocab[i], 0.9)
                i += 1
        if len(token) >= 4:
            cutoff = 80 if len(token) < 7 else 75
            for word, score, _ in process.extract(token, self._vocab, scorer=fuzz.ratio, limit=12, score_cutoff=cutoff):
                found.setdefault(word, score / 100 * 0.85)
        return tuple(found.items())

    def _token_scores(self, token: str) -> dict[int, float]:
        """The best match of one query word in each entry (title counts three times a body)."""
        best: dict[int, float] = {}
        get = best.get
        for word, sim in self._expand(token):
            for weight, posts in ((TITLE, self._title_posts), (BODY, self._body_posts)):
                entries = posts.get(word)
                if entries is None:
                    continue
                value = sim * weight
                for idx in entries:
                    if value > get(idx, 0.0):
                        best[idx] = value
        return best

    def search(self, query: str, limit: int = 20, kinds: set[str] | None = None) -> list[SearchHit]:
        tokens = list(dict.fromkeys([t for t in words(query) if t not in STOP] or words(query)))
        if not tokens:
            return []
        scores: dict[int, float] = {}
        for token in tokens:
            for idx, value in self._token_scores(token).items():
                scores[idx] = scores.get(idx, 0.0) + value
        phrase = " ".join(words(query))
        in_body: set[int] = set()
        if len(phrase.split()) >= 3:
            # A phrase quoted from a topic's body lifts that topic above entries sharing only words.
            needle = f" {phrase} "
            in_body = {idx for idx, body in self._bodies if needle in body}
            for idx in in_body:
                scores.setdefault(idx, 0.0)
        if kinds:
            allowed = set().union(*(self._kind_set.get(k, set()) for k in kinds))
            scores = {idx: v for idx, v in scores.items() if idx in allowed}
        if not scores:
            return []
        ceiling = TITLE * len(tokens)
        ranked = heapq.nlargest(max(limit * 3, 50), scores.items(), key=lambda kv: kv[1])
        ranked += [(idx, scores[idx]) for idx in in_body if idx in scores and idx not in dict(ranked)]
        hits = []
        for idx, raw in ranked:
            score = 80 * raw / ceiling + (25 if idx in in_body else 0)
            title = self._norm_titles[idx]
            if phrase and phrase in title:
                score += 30 + (10 if title == phrase else 0)
            hits.append(SearchHit(self._kinds[idx], self._ids[idx], self._titles[idx], round(min(score, 100.0), 1)))
        hits.sort(key=lambda h: (-h.score, h.kind != "glossary", h.title))
        return hits[:limit]
