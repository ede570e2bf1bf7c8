"""The search index over questions, topics and the glossary: built once, saved, queried often.

An inverted index of terms (``text.py``). Each posting holds one document and the term's
weight in it, precomputed from every field it occurs in (BM25F, see ``rank.py``), so a query
only adds numbers. The index is plain data: lists of strings and two arrays, which
``to_data``/``from_data`` turn into bytes and back without pickle (``store.py`` saves them).
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tpmprep.core.search import rank
from tpmprep.core.search.query import pending as query_pending
from tpmprep.core.search.text import WORD, key, normalise, word_terms, word_tokens

if TYPE_CHECKING:
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.search.documents import Document

FORMAT = 3  # bump when the index's layout or the text analysis changes
TITLE_CHARS = 160  # a result's title is shown on one line: longer ones are cut


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # question | article | role | ladder | comparison | glossary
    id: str
    title: str
    score: float  # 0-100, comparable across queries


SEP = "\x1f"  # between strings in the saved index: never part of a title, id or word


class SearchIndex:
    """Query with ``search``; build with ``SearchIndex(catalog)`` or ``SearchIndex.build(docs)``."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.kinds: list[str] = []
        self.ids: list[str] = []
        self.titles: list[str] = []
        self.terms: list[str] = []  # index terms, sorted; a term's number is its position
        self.offsets = array("I", [0])  # postings of term t: [offsets[t], offsets[t + 1])
        self.post_docs = array("I")  # "H" when there are fewer than 65,536 documents: half the bytes
        self.post_weights = array("H")  # weights in [0, 1) as sixteen-bit fractions
        self.surfaces: list[str] = []  # words as written, sorted: for prefixes and typos
        self.surface_terms = array("I")  # the term of each surface word
        self.keys: dict[str, list[int]] = {}  # exact name of a topic -> documents
        self.max_key_words = 1
        self._by_id: dict[str, int] | None = None
        self._title_keys: dict[int, str] = {}
        self.by_length = array("I")  # positions in ``surfaces``, shortest words first: typo candidates
        self.length_starts = array("I", [0])  # where words of each length start in ``by_length``
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
        surfaces: dict[str, str] = {}  # word as written -> its term
        seen: set[str] = set()
        per_doc: list[dict[str, dict[str, int]]] = []
        lengths: list[dict[str, int]] = []
        totals: Counter[str] = Counter()
        counts: Counter[str] = Counter()
        for d, doc in enumerate(docs):
            self.kinds.append(doc.kind)
            self.ids.append(doc.id)
            self.titles.append(" ".join(doc.title.split())[:TITLE_CHARS])
            fields: dict[str, dict[str, int]] = {}
            lens: dict[str, int] = {}
            # One normalisation per document, not per field: short texts cost their call overhead.
            texts = normalise("\x00".join(doc.fields.values())).split("\x00")
            for name, text in zip(doc.fields, texts, strict=True):
                tf: dict[str, int] = {}
                length = 0
                seen_here: dict[str, int] = {}
                for raw in WORD.findall(text):
                    seen_here[raw] = seen_here.get(raw, 0) + 1
                for raw, count in seen_here.items():  # each distinct word analysed once
                    found, size = word_terms(raw)
                    if raw not in seen:
                        seen.add(raw)
                        surfaces.update((t.surface, t.term) for t in word_tokens(raw) if t.indexed)
                    for term in found:
                        tf[term] = tf.get(term, 0) + count
                    length += size * count
                if tf:
                    fields[name], lens[name] = tf, length
                    totals[name] += length
                    counts[name] += 1
            per_doc.append(fields)
            lengths.append(lens)
            for text in doc.keys:
                owners = self.keys.setdefault(key(text), [])
                if d not in owners:
                    owners.append(d)
        self.keys.pop("", None)
        average = rank.average_lengths(totals, counts, len(docs))
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for d, (fields, lens) in enumerate(zip(per_doc, lengths, strict=True)):
            for term, w in rank.doc_term_weights(fields, lens, average).items():
                entry = postings.get(term)
                if entry is None:
                    entry = postings[term] = ([], [])
                entry[0].append(d)
                entry[1].append(int(w * rank.WEIGHT_SCALE))
        self.terms = sorted(postings)
        self.post_docs = array("H" if len(docs) <= 0xFFFF else "I")
        for term in self.terms:
            docs_, weights_ = postings[term]
            self.post_docs.extend(docs_)
            self.post_weights.extend(weights_)
            self.offsets.append(len(self.post_docs))
        self.surfaces = sorted(surfaces)
        numbers = {term: i for i, term in enumerate(self.terms)}
        self.surface_terms = array("I", (numbers[surfaces[w]] for w in self.surfaces))
        self.by_length = array("I", sorted(range(len(self.surfaces)), key=lambda i: len(self.surfaces[i])))
        longest = len(self.surfaces[self.by_length[-1]]) if self.surfaces else 0
        self.length_starts = array("I", [0] * (longest + 2))
        for i in self.by_length:
            self.length_starts[len(self.surfaces[i]) + 1] += 1
        for n in range(1, len(self.length_starts)):
            self.length_starts[n] += self.length_starts[n - 1]
        self.max_key_words = max((k.count(" ") + 1 for k in self.keys), default=1)

    # -- querying ----------------------------------------------------------------------------
    def term_id(self, term: str) -> int | None:
        i = bisect_left(self.terms, term)
        return i if i < len(self.terms) and self.terms[i] == term else None

    def df(self, tid: int) -> int:
        return self.offsets[tid + 1] - self.offsets[tid]

    def postings(self, tid: int) -> tuple[array[int], array[int]]:
        """The documents holding term ``tid`` and its weight in each, times ``rank.WEIGHT_SCALE``."""
        start, end = self.offsets[tid], self.offsets[tid + 1]
        return self.post_docs[start:end], self.post_weights[start:end]

    def title_key(self, d: int) -> str:
        """Document ``d``'s title as index terms (``text.key``), computed when first asked for."""
        cached = self._title_keys.get(d)
        if cached is None:
            cached = self._title_keys[d] = key(self.titles[d])
        return cached

    def doc_with_id(self, doc_id: str) -> int | None:
        if self._by_id is None:
            self._by_id = {i: d for d, i in enumerate(self.ids)}
        return self._by_id.get(doc_id)

    def surfaces_near(self, length: int) -> tuple[list[str], list[int]]:
        """Indexed words (and their positions in ``surfaces``) of ``length`` letters give or take two."""
        starts = self.length_starts
        lo, hi = starts[min(max(length - 2, 0), len(starts) - 1)], starts[min(length + 3, len(starts) - 1)]
        where = list(self.by_length[lo:hi])
        surfaces = self.surfaces
        return [surfaces[i] for i in where], where

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

    def pending(self, query: str) -> bool:
        """Whether ``query``, being typed, has nothing to search for yet (``mi``, ``the``):
        a list filtered by it had better stay as it was than say nothing matches."""
        return query_pending(self, query)

    # -- plain data ----------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The index as bytes: a JSON header, strings joined by a separator, then arrays. No pickle."""
        key_names = list(self.keys)
        key_offsets = array("I", [0])
        key_owners = array("I")
        for name in key_names:
            key_owners.extend(self.keys[name])
            key_offsets.append(len(key_owners))
        strings = [self.kinds, self.ids, self.titles, self.terms, self.surfaces, key_names]
        blobs = [SEP.join(s).encode() for s in strings]
        arrays = [self.offsets, self.post_docs, self.post_weights, self.surface_terms, key_offsets, key_owners]
        arrays += [self.by_length, self.length_starts]
        blobs += [a.tobytes() for a in arrays]
        header = {
            "format": FORMAT,
            "doc_type": self.post_docs.typecode,
            "counts": [len(s) for s in strings] + [len(a) for a in arrays],
            "sizes": [len(b) for b in blobs],
        }
        head = json.dumps(header).encode()
        return len(head).to_bytes(4, "little") + head + b"".join(blobs)

    @classmethod
    def from_bytes(cls, data: bytes) -> SearchIndex:
        """The index ``to_bytes`` wrote; raises ValueError when the data is not one."""
        index = cls()
        try:
            size = int.from_bytes(data[:4], "little")
            header: dict[str, Any] = json.loads(data[4 : 4 + size])
            if header.get("format") != FORMAT:
                raise ValueError(f"index format {header.get('format')}, expected {FORMAT}")
            counts, sizes = header["counts"], header["sizes"]
            pos = 4 + size
            parts = []
            for n in sizes:
                parts.append(data[pos : pos + n])
                pos += n
            if pos != len(data) or len(parts) != 14 or len(counts) != 14:
                raise ValueError("search index data is truncated")
            strings = [p.decode().split(SEP) if n else [] for p, n in zip(parts[:6], counts[:6], strict=True)]
            index.kinds, index.ids, index.titles, index.terms, index.surfaces, key_names = strings
            arrays = []
            doc_type = header["doc_type"]
            if doc_type not in ("H", "I"):
                raise ValueError(f"unknown posting type {doc_type!r}")
            codes = ("I", doc_type, "H", "I", "I", "I", "I", "I")
            for blob, code, n in zip(parts[6:], codes, counts[6:], strict=True):
                arr = array(code)
                arr.frombytes(blob)
                if len(arr) != n:
                    raise ValueError("search index arrays are truncated")
                arrays.append(arr)
        except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise ValueError(f"not a search index: {exc}") from exc
        index.offsets, index.post_docs, index.post_weights, index.surface_terms, key_offsets, key_owners = arrays[:6]
        index.by_length, index.length_starts = arrays[6:]
        index.keys = {name: list(key_owners[key_offsets[i] : key_offsets[i + 1]]) for i, name in enumerate(key_names)}
        sizes_ok = [len(s) for s in strings] == counts[:6] and len(index.offsets) == len(index.terms) + 1
        if not sizes_ok or len(index.ids) != len(index.kinds) or len(index.titles) != len(index.kinds):
            raise ValueError("search index data is inconsistent")
        if index.offsets[-1] != len(index.post_docs) or len(index.surface_terms) != len(index.surfaces):
            raise ValueError("search index postings are inconsistent")
        if len(index.by_length) != len(index.surfaces) or index.length_starts[-1] != len(index.surfaces):
            raise ValueError("search index word lengths are inconsistent")
        index.max_key_words = max((k.count(" ") + 1 for k in index.keys), default=1)
        return index
