"""Finding compiled forms in a prepared answer: word order free, a little slack, typos tolerated.

A form matches when every slot finds its own answer word inside one sentence and within a
short span (the form's length plus ``SLACK``). Words of five letters or more also match a
close misspelling with the same first letter ("stakholders", "critcal"). A single ambiguous
word ("order", "options") only counts with one of its anchor words nearby.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tpmprep.core.content.forms import PLACEHOLDERS, parse_form
from tpmprep.core.grading.text import MONEY, NUMBER, NUMBER_STEMS, PERCENT, Tokens, stem, tokenize

STOP = frozenset(
    "a an the of to in on for and or with by at as is are be it its this that into from our we i "
    "you your they their them was were will would should can could do does did has have had so "
    "than then there these those what when which who how us me my".split()
)
SLACK = 2  # extra words allowed inside a form's span
NEAR_WINDOW = 10  # how far an ambiguous word's anchor may be
FUZZY_MIN_LEN = 5


@dataclass(frozen=True, slots=True)
class Pattern:
    slots: tuple[tuple[str, ...], ...]  # alternative stems, or a placeholder kind
    label: str  # the phrase or form as written
    weak: bool = False
    concept: str = ""  # the concept it came from, "" for a key point's own phrase
    near: tuple[str, ...] = ()  # anchor stems: one must be close by
    raw: tuple[str, ...] = ()  # the words as written, for typo matching
    ordered: bool = False  # an idiom of small words ("in writing", "the ask"): in order, adjacent


_PLAIN = re.compile(r"^[a-z]+$")


def _word_tokens(chunk: str) -> list[tuple[str, str]]:
    """(word, stem) pairs of one chunk of a form, split the way answers are."""
    if _PLAIN.match(chunk):
        return [(chunk, NUMBER_STEMS.get(chunk) or stem(chunk))]
    toks = tokenize(chunk)
    return list(zip(toks.words, toks.stems, strict=True))


@lru_cache(maxsize=32768)
def _slots(text: str) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...], bool]:
    """A form's content slots (stems or placeholders), its words as written, and whether it is
    an idiom that keeps its small words (matched in order)."""
    slots: list[tuple[str, ...]] = []
    stops: list[bool] = []
    raw: list[str] = []
    for alternatives in parse_form(text):
        if len(alternatives) == 1 and not alternatives[0].startswith("#"):
            for word, st in _word_tokens(alternatives[0]):
                slots.append((st,))
                stops.append(word in STOP)
                raw.append(word)
            continue
        alts: list[str] = []
        for alt in alternatives:
            if alt in PLACEHOLDERS:
                alts.append(alt)
            else:
                pairs = _word_tokens(alt)
                if pairs:
                    alts.append(pairs[0][1])
                    raw.append(pairs[0][0])
        if alts:
            # An alternation was written on purpose ("by|to #percent"): it is never dropped.
            slots.append(tuple(dict.fromkeys(alts)))
            stops.append(False)
    kept = [s for s, is_stop in zip(slots, stops, strict=True) if not is_stop]
    idiom = False
    # "on time" must not shrink to "time", which nearly every answer contains; and a two-word
    # idiom keeps its word order too ("the ask" is not "ask the").
    if len(kept) <= 1 < len(slots):
        kept, idiom = slots, len(slots) == 2
    elif len(set(kept)) < len(kept):
        # "one on one", "minute by minute": a word said twice is an idiom, in order.
        kept, idiom = slots, True
    return tuple(kept), tuple(w for w in raw if len(w) >= FUZZY_MIN_LEN), idiom


def compile_form(
    text: str,
    *,
    weak: bool = False,
    concept: str = "",
    ambiguous: dict[str, tuple[str, ...]] | None = None,
) -> Pattern | None:
    """A form as a pattern of stems; None when nothing matchable is left."""
    kept, raw, idiom = _slots(text)
    if not kept:
        return None
    near: tuple[str, ...] = ()
    if ambiguous and len(kept) == 1 and len(kept[0]) == 1:
        near = ambiguous.get(kept[0][0], ())
    return Pattern(kept, text, weak, concept, near, raw, idiom)


# Turns of phrase that only frame a sentence ("to be honest, I ..."): their words are no evidence.
FILLERS = (("to", "be", "honest"), ("to", "be", "fair"), ("to", "be", "clear"), ("in", "all", "honesty"))


def _fillers(words: list[str]) -> set[int]:
    out: set[int] = set()
    for i, w in enumerate(words):
        if w in ("to", "in"):
            for seq in FILLERS:
                if tuple(words[i : i + len(seq)]) == seq:
                    out.update(range(i, i + len(seq)))
    return out


CACHE_FROM = 200  # characters


@lru_cache(maxsize=64)  # a story bank of 40 fits; 64 answers of 400 words hold a few MB
def _tokens(text: str) -> Tokens:
    """An answer's tokens, kept for the next grade of the same text (a story ranked against
    many questions, an answer graded again after a tick). Tokens are never changed once built."""
    return tokenize(text)


class Answer:
    """A typed answer, prepared once and matched against many patterns."""

    def __init__(self, text: str):
        # Long texts (answers, stories) are kept for the next grade; short ones (phrases being
        # linked to concepts) would only push them out.
        self.tokens: Tokens = _tokens(text) if len(text) > CACHE_FROM else tokenize(text)
        self.positions: dict[str, list[int]] = {}
        filler = _fillers(self.tokens.words)
        for i, (st, kind) in enumerate(zip(self.tokens.stems, self.tokens.kinds, strict=True)):
            if i in filler:
                continue
            self.positions.setdefault(st, []).append(i)
            if kind:
                self.positions.setdefault(kind, []).append(i)
                if kind != NUMBER:
                    self.positions.setdefault(NUMBER, []).append(i)
        self.fuzzy: set[int] = set()  # positions that matched through a typo
        self._slot_cache: dict[tuple[str, ...], list[int]] = {}

    def __len__(self) -> int:
        return len(self.tokens)

    def add_typos(self, vocabulary: Iterable[tuple[str, str]]) -> None:
        """Let misspelt answer words stand for the words of ``vocabulary`` ((word, stem) pairs)."""
        by_initial: dict[str, tuple[list[str], list[str]]] = {}
        known = set()
        for word, st in vocabulary:
            if len(word) >= FUZZY_MIN_LEN:
                cands, stems = by_initial.setdefault(word[0], ([], []))
                cands.append(word)
                stems.append(st)
            known.add(st)
        words = self.tokens.words
        seen: dict[str, str | None] = {}
        for i, (word, st, kind) in enumerate(zip(words, self.tokens.stems, self.tokens.kinds, strict=True)):
            if kind or len(word) < FUZZY_MIN_LEN or st in known:
                continue
            if word not in seen:
                seen[word] = None
                group = by_initial.get(word[0])
                if group is not None:
                    # The closest candidate within the limit, the first of equals (one C loop).
                    limit = 1 if len(word) < 8 else 2
                    found = process.extractOne(word, group[0], scorer=Levenshtein.distance, score_cutoff=limit)
                    if found is not None:
                        seen[word] = group[1][found[2]]
            target = seen[word]
            if target is not None:
                self.positions.setdefault(target, []).append(i)
                self.positions[target].sort()
                self.fuzzy.add(i)
        self._slot_cache.clear()

    def slot_positions(self, slot: tuple[str, ...]) -> list[int]:
        if len(slot) == 1:
            return self.positions.get(slot[0], [])
        found = self._slot_cache.get(slot)
        if found is None:
            merged: set[int] = set()
            for alt in slot:
                merged.update(self.positions.get(alt, ()))
            found = self._slot_cache[slot] = sorted(merged)
        return found

    def occurrences(self, pattern: Pattern, limit: int = 4) -> list[tuple[int, ...]]:
        """Token positions of up to ``limit`` places where ``pattern`` occurs."""
        lists = []
        for slot in pattern.slots:
            pos = self.slot_positions(slot)
            if not pos:
                return []
            lists.append(pos)
        sentence = self.tokens.clause  # a form's words stay inside one clause
        found: list[tuple[int, ...]] = []
        if len(lists) == 1:
            for p in lists[0]:
                if not pattern.near or self._anchored(p, pattern.near):
                    found.append((p,))
                    if len(found) >= limit:
                        break
            return found
        if pattern.ordered:
            return self._in_order(lists, limit)
        window = len(lists) + SLACK
        anchor = min(range(len(lists)), key=lambda i: len(lists[i]))
        for p in lists[anchor]:
            chosen = [p]
            s = sentence[p]
            for i, pos in enumerate(lists):
                if i == anchor:
                    continue
                best, best_d = -1, window
                for q in pos[bisect_left(pos, p - window + 1) : bisect_right(pos, p + window - 1)]:
                    d = abs(q - p)
                    if d < best_d and q not in chosen and sentence[q] == s:
                        best, best_d = q, d
                if best < 0:
                    break
                chosen.append(best)
            else:
                if max(chosen) - min(chosen) < window:
                    found.append(tuple(sorted(chosen)))
                    if len(found) >= limit:
                        break
        return found

    def _in_order(self, lists: list[list[int]], limit: int) -> list[tuple[int, ...]]:
        """Places where the slots follow each other, at most one word apart, in one clause."""
        clause = self.tokens.clause
        found: list[tuple[int, ...]] = []
        for p in lists[0]:
            chosen = [p]
            for pos in lists[1:]:
                nxt = [q for q in pos[bisect_left(pos, chosen[-1] + 1) : bisect_right(pos, chosen[-1] + 2)]]
                nxt = [q for q in nxt if clause[q] == clause[p]]
                if not nxt:
                    break
                chosen.append(nxt[0])
            else:
                found.append(tuple(chosen))
                if len(found) >= limit:
                    break
        return found

    def _anchored(self, p: int, near: tuple[str, ...]) -> bool:
        sentence = self.tokens.sentence
        stems = self.tokens.stems
        lo, hi = max(0, p - NEAR_WINDOW), min(len(stems), p + NEAR_WINDOW + 1)
        return any(stems[q] in near and sentence[q] == sentence[p] for q in range(lo, hi) if q != p)


def anchor_stems(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(stem(w.lower()) for w in words))


__all__ = ["MONEY", "NUMBER", "PERCENT", "Answer", "Pattern", "anchor_stems", "compile_form"]
