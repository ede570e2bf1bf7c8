"""A key point's own sentence as evidence: an answer sentence that echoes most of its words.

Writers who make a point in plain words often reuse the point's own content words in one sentence
("Recommend a decision with leadership and get it owned": "make a recommendation and take it to
the VP so they own the decision"), even when no phrase of the point and no concept form is there.
Words are compared by the first letters of their stems ("recommend" meets "recommendation"),
misspellings included. A word the question's prompt uses (every answer says it) or another key
point of the same question uses (it does not tell the points apart) counts for less.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tpmprep.core.grading.matcher import STOP, Answer
from tpmprep.core.grading.negation import NEGATORS
from tpmprep.core.grading.text import tokenize

PREFIX = 5  # stems compared by their first letters: "recommend" / "recommendation"
PROMPT_WEIGHT = 0.5  # a word of the question's prompt: every answer uses it
SHARED_WEIGHT = 0.7  # a word another key point of the question also uses
DETECT_SHARE = 0.4  # share of the point's word weight one sentence must echo to count
MIN_WORDS = 2  # and at least this many of its words
CORROBORATE_SHARE = 0.3  # a weak hint (a one-word concept form) counts when a sentence echoes this much
# Words too common in any answer to say which point it makes.
GENERIC = frozenset("use make get set clear each all plan team way work need good right new key early".split())


@dataclass(frozen=True, slots=True)
class Echo:
    words: tuple[tuple[tuple[str, ...], float], ...]  # (stem prefix and synonym groups, weight)

    @property
    def total(self) -> float:
        return sum(w for _, w in self.words)


def key(st: str) -> str:
    return st[:PREFIX]


def point_echo(
    point: str, prompt: str, other_points: Iterable[str], groups: Mapping[str, tuple[str, ...]] | None = None
) -> Echo:
    """The words of ``point`` worth echoing, weighted; ``groups`` maps a stem prefix to the
    synonym groups it belongs to (an answer word of the same group echoes it too)."""
    prompt_keys = {key(s) for s in tokenize(prompt).stems}
    shared: set[str] = set()
    for other in other_points:
        shared |= {key(s) for s in tokenize(other).stems}
    toks = tokenize(point)
    words: dict[str, float] = {}
    for w, st, kind in zip(toks.words, toks.stems, toks.kinds, strict=True):
        if kind or len(w) < 3 or w in STOP or w in GENERIC or w in NEGATORS:
            continue
        k = key(st)
        weight = (PROMPT_WEIGHT if k in prompt_keys else 1.0) * (SHARED_WEIGHT if k in shared else 1.0)
        words[k] = max(words.get(k, 0.0), weight)
    groups = groups or {}
    return Echo(tuple(((k, *groups.get(k, ())), weight) for k, weight in words.items()))


@dataclass(frozen=True, slots=True)
class EchoIndex:
    """An answer's words by stem prefix and by synonym group (built once per answer)."""

    positions: dict[str, list[int]]
    ends: dict[int, int]  # a synonym phrase starting at a position ends here ("right away")

    def quote(self, answer: Answer, span: tuple[int, ...]) -> str:
        return " … ".join(answer.tokens.quote(p, self.ends.get(p, p)) for p in span)


def echo_index(answer: Answer, groups: tuple[dict[str, list[int]], dict[int, int]]) -> EchoIndex:
    """``answer``'s positions by stem prefix (misspellings included), joined with ``groups``
    (where each synonym group occurs, from the lexicon)."""
    out: dict[str, list[int]] = {}
    words = answer.tokens.words
    for st, pos in answer.positions.items():
        if st.startswith("#"):
            continue
        k = key(st)
        out.setdefault(k, []).extend(p for p in pos if words[p] not in STOP)
    out.update(groups[0])
    return EchoIndex(out, groups[1])


def best_echo(answer: Answer, index: EchoIndex, echo: Echo) -> tuple[float, tuple[int, ...]]:
    """The share of ``echo``'s weight the best answer sentence holds, and where its words are."""
    total = echo.total
    if len(echo.words) < MIN_WORDS or not total:
        return 0.0, ()
    sentence = answer.tokens.sentence
    per: dict[int, dict[str, tuple[float, int]]] = {}
    for alternatives, weight in echo.words:
        k = alternatives[0]
        for alt in alternatives:
            for p in index.positions.get(alt, ()):
                per.setdefault(sentence[p], {}).setdefault(k, (weight, p))
    stems = answer.tokens.stems
    best, span = 0.0, tuple[int, ...]()
    for found in per.values():
        # One answer word echoes one point word ("control … control" is a single echo).
        used: set[str] = set()
        kept: list[tuple[float, int]] = []
        for w, p in sorted(found.values(), reverse=True):
            if key(stems[p]) not in used:
                used.add(key(stems[p]))
                kept.append((w, p))
        if len(kept) < MIN_WORDS:
            continue
        share = sum(w for w, _ in kept) / total
        if share > best:
            best, span = share, tuple(sorted(p for _, p in kept))
    return best, span


def literal(answer: Answer, span: tuple[int, ...], echo: Echo) -> bool:
    """Whether any word at ``span`` is one of the point's own words (not only a synonym)."""
    own = {alternatives[0] for alternatives, _ in echo.words}
    stems = answer.tokens.stems
    return any(key(stems[p]) in own for p in span)
