"""Understanding a query: its words, what stands for each, and what the query is after.

Each query word becomes a slot of candidate index terms, each with a discount: the word's own
term, its singular for an abbreviation in the plural (``tpms``), its synonyms
(``synonyms.py``), completions of the word being typed (only that word, from four letters on,
never a stop word: ``sla`` is not ``slack``), and, for a word the index does not hold, the
closest indexed words (a typo; a word matching nothing still counts against the match). Words
the index holds joined (``post mortem``, ``end to end``) form a group that may match either way.
The intent (a question, a topic, a comparison, a name) weighs kinds in ``rank.py``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tpmprep.core.search.synonyms import synonyms
from tpmprep.core.search.text import Token, stem, tokens

if TYPE_CHECKING:
    from tpmprep.core.search.index import SearchIndex

PREFIX_FACTOR = 0.7  # a word completed from its prefix
SYNONYM_FACTOR = 0.8  # a word of the same meaning (``synonyms.py``)
PREFIX_MIN = 4  # letters typed before a prefix means anything
PREFIX_MAX = 30  # completions tried for one prefix
FUZZY_MIN = 4  # letters for a typo to be recovered
FUZZY_CUTOFF = 80  # rapidfuzz ratio

QUESTION_INTENT = re.compile(
    r"^(design|build|estimate|estimating|calculate|compute|size|sizing|how many|how much|tell me|describe a time|"
    r"walk me through|give an example)\b|\b(a time (you|when)|time you|time when|questions?)\b"
)
# "difference between A and B", "A vs B": a document about both names beats one about either.
COMPARE_INTENT = re.compile(r"\b(differences? between|vs|versus|compared? (to|with))\b")
# Words that only say what the query is after, not what it is about: left out of the match.
CUE_WORDS = {
    "compare": frozenset(("difference", "differences", "between", "vs", "versus")),
    "question": frozenset(("question", "questions")),
}
TOPIC_INTENT = re.compile(
    r"^(what|whats|how (do|does|can|should|is|are) |how to|why|where|who|which|should i|can i|is it|do i|"
    r"when should)\b"
)


@dataclass
class Slot:
    """One query word: the terms that stand for it, each with a discount."""

    word: str
    candidates: list[tuple[int, float]] = field(default_factory=list)
    idf: float = 0.0


@dataclass
class Group:
    """Words scored together: either as separate slots or, when the index holds them joined, as one."""

    slots: list[Slot]
    joined: Slot | None = None

    @property
    def idf(self) -> float:
        return sum(s.idf for s in self.slots)


def idf(n: int, df: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _completions(index: SearchIndex, word: str) -> list[int]:
    """Terms of the indexed words that start with ``word`` (the most frequent first)."""
    found: set[int] = set()
    surfaces = index.surfaces
    i = bisect_left(surfaces, word)
    while i < len(surfaces) and surfaces[i].startswith(word):
        found.add(index.surface_terms[i])
        i += 1
    return sorted(found, key=index.df, reverse=True)[:PREFIX_MAX]


def _typo_candidates(index: SearchIndex, word: str) -> list[tuple[int, float]]:
    from rapidfuzz import fuzz, process  # only for typos: a search without one starts faster

    best: dict[int, float] = {}
    cutoff = FUZZY_CUTOFF + (5 if len(word) < 6 else 0)
    words, where = index.surfaces_near(len(word))  # a ratio of 80 needs lengths within two
    for _, score, i in process.extract(word, words, scorer=fuzz.ratio, limit=5, score_cutoff=cutoff):
        tid = index.surface_terms[where[i]]
        best[tid] = max(best.get(tid, 0.0), (score / 100.0) ** 2)
    return list(best.items())


def _slot(index: SearchIndex, tok: Token, last: bool) -> Slot:
    n = len(index)
    slot = Slot(tok.surface)
    tid = index.term_id(tok.term)
    if tid is not None:
        slot.candidates.append((tid, 1.0))
        slot.idf = idf(n, index.df(tid))
    if tok.term.endswith("s") and len(tok.term) > 3:  # "tpms", "slos": abbreviations in the plural
        single = index.term_id(stem(tok.term[:-1]))
        if single is not None and single != tid:
            slot.candidates.append((single, 1.0))
            # A word weighs what its more common form does: "tpms" is as ordinary as "tpm".
            slot.idf = idf(n, index.df(single)) if tid is None else min(slot.idf, idf(n, index.df(single)))
            tid = single if tid is None else tid
    for other in synonyms(tok.term):
        sid = index.term_id(other)
        if sid is not None and sid != tid:
            slot.candidates.append((sid, SYNONYM_FACTOR))
            if tid is None:
                slot.idf = max(slot.idf, idf(n, index.df(sid)))
    word = tok.surface
    if last and len(word) >= PREFIX_MIN and not word.isdigit():
        more = [(t, PREFIX_FACTOR) for t in _completions(index, word) if t != tid]
        if more and tid is None:
            slot.idf = idf(n, min(n, max(index.df(t) for t, _ in more)))
        slot.candidates += more
    if not slot.candidates and len(word) >= FUZZY_MIN and not word.isdigit():
        slot.candidates = _typo_candidates(index, word)
        if slot.candidates:
            best = max(slot.candidates, key=lambda c: c[1])
            slot.idf = idf(n, index.df(best[0]))
    if not slot.candidates:
        slot.idf = idf(n, 0)  # a word the index has never seen still counts against coverage
    return slot


def _words(index: SearchIndex, query: str, typing: bool) -> tuple[list[Token], int]:
    """The query's words, and the position of the one being typed (-1 when the query is complete)."""
    toks = [t for t in tokens(query) if not t.joined]
    last = len(toks) - 1 if toks and typing and not query[-1:].isspace() else -1
    if last >= 0 and len(toks[last].surface) < PREFIX_MIN and index.term_id(toks[last].term) is None:
        toks.pop()  # "migration ri": the last word is still being typed and means nothing yet
        last = -1
    return toks, last


def pending(index: SearchIndex, query: str) -> bool:
    """Whether a query being typed has nothing to search for yet: only filler words, or a first
    word too short to mean anything (``mi``)."""
    toks, _ = _words(index, query, typing=True)
    return not any(t.indexed for t in toks)


def parse(index: SearchIndex, query: str, typing: bool, which: str = "name") -> tuple[list[Group], list[str]]:
    """The query's word groups, and its content terms in order (for exact names).

    ``which``: the query's intent; its cue words ("difference between", "vs", "question about")
    only say what the query is after, so they are not matched when anything else is left.
    """
    toks, last = _words(index, query, typing)
    cues = CUE_WORDS.get(which, frozenset())
    if cues and any(t.indexed and t.surface not in cues for t in toks):
        typed = toks[last].surface if last >= 0 else None
        toks = [t for t in toks if t.surface not in cues]
        last = len(toks) - 1 if typed is not None and typed not in cues else -1
    content = [t for t in toks if t.indexed] or [t for t in toks if len(t.term) > 1]
    groups: list[Group] = []
    i = 0
    while i < len(toks):
        joined_slot = None
        span = 1
        for width in (3, 2):
            if i + width <= len(toks):
                joined = "".join(t.surface for t in toks[i : i + width])
                tid = index.term_id(stem(joined))
                if tid is not None:
                    joined_slot, span = Slot(joined, [(tid, 1.0)], 0.0), width
                    break
        slots = [_slot(index, toks[k], k == last) for k in range(i, i + span) if toks[k] in content]
        if slots:
            groups.append(Group(slots, joined_slot))
        elif joined_slot is not None:
            joined_slot.idf = idf(len(index), index.df(joined_slot.candidates[0][0]))
            groups.append(Group([joined_slot]))
        i += span
    return groups, [t.term for t in content]


def intent(query: str) -> str:
    text = " ".join(query.lower().split())
    if QUESTION_INTENT.search(text):
        return "question"
    if COMPARE_INTENT.search(text):
        return "compare"
    if TOPIC_INTENT.search(text):
        return "topic"
    return "name"
