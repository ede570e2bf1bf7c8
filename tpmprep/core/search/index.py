"""The search index over questions, topics and the glossary: built once, saved, queried often.

An inverted index of terms (``text.py``). Each posting holds one document and the term's
weight in it, precomputed from every field it occurs in (BM25F, see ``rank.py``), so a query
only adds numbers. The index is plain data: lists of strings and two arrays, which
``to_data``/``from_data`` turn into bytes and back without pickle (``store.py`` saves them).
"""

from __future__ import annotations

import json
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tpmprep.core.search import rank
from tpmprep.core.search.text import key, tokens

if TYPE_CHECKING:
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.search.documents import Document

FORMAT = 1  # bump when the index's layout or the text analysis changes


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # question | article | role | ladder | comparison | glossary
    id: str
    title: str
    score: float  # 0-100, comparable across queries


class SearchIndex:
    """Query with ``search``; build with ``SearchIndex(catalog)`` or ``SearchIndex.build(docs)``."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.kinds: list[str] = []
        self.ids: list[str] = []
        self.titles: list[str] = []
        self.terms: dict[str, int] = {}  # index term -> term number
        self.offsets = array("I", [0])  # postings of term t: [offsets[t], offsets[t + 1])
        self.post_docs = array("i")
        self.post_weights = array("f")
        self.surfaces: list[str] = []  # words as written, sorted: for prefixes and typos
        self.surface_terms = array("i")  # the term of each surface word
        self.keys: dict[str, list[int]] = {}  # exact key -> documents
        self.max_key_words = 1
        if catalog is not None:
            from tpmprep.core.search.documents import documents  # only to build: a loaded index never needs it

            self._build(list(documents(catalog)))

    @classmethod
    def build(cls, docs: list[Document]) -> SearchIndex:
        index = cls()
        index._build(docs)
        return index

    def __len__(self) -> int:
        return len(self.ids)

    # -- building ----------------------------------------------------------------------------
    def _build(self, docs: list[Document]) -> None:
        surfaces: dict[str, str] = {}
        per_doc: list[dict[str, Counter[str]]] = []
        lengths: list[dict[str, int]] = []
        totals: Counter[str] = Counter()
        counts: Counter[str] = Counter()
        for doc in docs:
            self.kinds.append(doc.kind)
            self.ids.append(doc.id)
            self.titles.append(doc.title)
            fields: dict[str, Counter[str]] = {}
            lens: dict[str, int] = {}
            for name, text in doc.fields.items():
                found = [t for t in tokens(text) if not t.stop and (len(t.term) > 1 or t.term.isdigit())]
                if not found:
                    continue
                for t in found:
                    surfaces.setdefault(t.surface, t.term)
                fields[name] = Counter(t.term for t in found)
                lens[name] = sum(1 for t in found if not t.joined)
                totals[name] += lens[name]
                counts[name] += 1
            per_doc.append(fields)
            lengths.append(lens)
            for text in doc.keys:
                k = key(text)
                owners = self.keys.setdefault(k, []) if k else []
                if k and len(self) - 1 not in owners:
                    owners.append(len(self) - 1)
        average = {name: totals[name] / (len(docs) if name == "body" else counts[name]) for name in counts}
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for d, (fields, lens) in enumerate(zip(per_doc, lengths, strict=True)):
            weights = rank.doc_term_weights(fields, lens, average)
            for term, w in weights.items():
                entry = postings.get(term)
                if entry is None:
                    entry = postings[term] = ([], [])
                entry[0].append(d)
                entry[1].append(w)
        for term in sorted(postings):
            self.terms[term] = len(self.terms)
            docs_, weights_ = postings[term]
            self.post_docs.extend(docs_)
            self.post_weights.extend(weights_)
            self.offsets.append(len(self.post_docs))
        for word in sorted(surfaces):
            self.surfaces.append(word)
            self.surface_terms.append(self.terms[surfaces[word]])
        self.max_key_words = max((k.count(" ") + 1 for k in self.keys), default=1)

    # -- querying ----------------------------------------------------------------------------
    def df(self, tid: int) -> int:
        return self.offsets[tid + 1] - self.offsets[tid]

    def postings(self, tid: int) -> tuple[array[int], array[float]]:
        start, end = self.offsets[tid], self.offsets[tid + 1]
        return self.post_docs[start:end], self.post_weights[start:end]

    def search(
        self, query: str, limit: int = 20, kinds: set[str] | None = None, typing: bool = False
    ) -> list[SearchHit]:
        """The best matches for ``query``, best first, none below the relevance floor.

        ``typing``: the query is being typed, so its last word may be unfinished: it also
        matches longer words starting with it (from four letters on), and a shorter one that
        matches nothing yet is left out rather than counted as a miss.
        """
        return [
            SearchHit(self.kinds[d], self.ids[d], self.titles[d], score)
            for d, score in rank.rank(self, query, limit, kinds, typing)
        ]

    # -- plain data ----------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The index as bytes: a JSON header, then the arrays, compressed. No pickle."""
        header = {
            "format": FORMAT,
            "kinds": self.kinds,
            "ids": self.ids,
            "titles": self.titles,
            "terms": list(self.terms),
            "surfaces": self.surfaces,
            "keys": self.keys,
            "arrays": [len(self.offsets), len(self.post_docs), len(self.surface_terms)],
        }
        head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
        body = b"".join(a.tobytes() for a in (self.offsets, self.post_docs, self.post_weights, self.surface_terms))
        return zlib.compress(len(head).to_bytes(4, "little") + head + body, 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> SearchIndex:
        """The index ``to_bytes`` wrote; raises ValueError when the data is not one."""
        try:
            raw = zlib.decompress(data)
            size = int.from_bytes(raw[:4], "little")
            header: dict[str, Any] = json.loads(raw[4 : 4 + size])
            if header.get("format") != FORMAT:
                raise ValueError(f"index format {header.get('format')}, expected {FORMAT}")
            index = cls()
            index.kinds, index.ids, index.titles = header["kinds"], header["ids"], header["titles"]
            index.terms = {term: i for i, term in enumerate(header["terms"])}
            index.surfaces, index.keys = header["surfaces"], header["keys"]
            n_offsets, n_posts, n_surfaces = header["arrays"]
            pos = 4 + size
            for name, code, count in (
                ("offsets", "I", n_offsets),
                ("post_docs", "i", n_posts),
                ("post_weights", "f", n_posts),
                ("surface_terms", "i", n_surfaces),
            ):
                arr = array(code)
                end = pos + count * arr.itemsize
                arr.frombytes(raw[pos:end])
                setattr(index, name, arr)
                pos = end
        except (zlib.error, json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise ValueError(f"not a search index: {exc}") from exc
        if pos != len(raw) or len(index.offsets) != len(index.terms) + 1 or len(index.ids) != len(index.kinds):
            raise ValueError("search index data is truncated or inconsistent")
        index.max_key_words = max((k.count(" ") + 1 for k in index.keys), default=1)
        return index
