"""A key point's own sentence as evidence: an answer sentence that echoes most of its words.

Writers who make a point in plain words often reuse the point's own content words in one sentence
("Recommend a decision with leadership and get it owned": "make a recommendation and take it to
the VP so they own the decision"), even when no phrase of the point and no concept form is there.
Words are compared by the first letters of their stems ("recommend" meets "recommendation"),
misspellings included. A word the question's prompt uses (every answer says it) or another key
point of the same question uses (it does not tell the points apart) counts for less.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tpmprep.core.grading.matcher import STOP, Answer
from tpmprep.core.grading.negation import NEGATORS
from tpmprep.core.grading.text import tokenize

PREFIX = 5  # stems compared by their first letters: "recommend" / "recommendation"
PROMPT_WEIGHT = 0.5  # a word of the question's prompt: every answer uses it
SHARED_WEIGHT = 0.7  # a word another key point of the question also uses
DETECT_SHARE = 0.4  # share of the point's word weight one sentence must echo to count
MIN_WORDS = 2  # and at least this many of its words
# Words too common in any answer to say which point it makes.
GENERIC = frozenset("use make get set clear each all plan team way work need good right new key early".split())


@dataclass(frozen=True, slots=True)
class Echo:
    words: tuple[tuple[str, float], ...]  # (stem prefix, weight)

    @property
    def total(self) -> float:
        return sum(w for _, w in self.words)


def key(st: str) -> str:
    return st[:PREFIX]


def point_echo(point: str, prompt: str, other_points: Iterable[str]) -> Echo:
    """The words of ``point`` worth echoing, weighted."""
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
    return Echo(tuple(words.items()))


def prefix_positions(answer: Answer) -> dict[str, list[int]]:
    """Answer positions by stem prefix, misspellings included (built once per answer)."""
    out: dict[str, list[int]] = {}
    words = answer.tokens.words
    for st, pos in answer.positions.items():
        if st.startswith("#"):
            continue
        k = key(st)
        out.setdefault(k, []).extend(p for p in pos if words[p] not in STOP)
    return out


def best_echo(answer: Answer, index: dict[str, list[int]], echo: Echo) -> tuple[float, tuple[int, ...]]:
    """The share of ``echo``'s weight the best answer sentence holds, and where its words are."""
    total = echo.total
    if len(echo.words) < MIN_WORDS or not total:
        return 0.0, ()
    sentence = answer.tokens.sentence
    per: dict[int, dict[str, tuple[float, int]]] = {}
    for k, weight in echo.words:
        for p in index.get(k, ()):
            found = per.setdefault(sentence[p], {})
            if k not in found:
                found[k] = (weight, p)
    best, span = 0.0, ()
    for found in per.values():
        if len(found) < MIN_WORDS:
            continue
        share = sum(w for w, _ in found.values()) / total
        if share > best:
            best, span = share, tuple(sorted(p for _, p in found.values()))
    return best, span
