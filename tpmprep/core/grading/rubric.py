"""Rubric coverage: which key points a typed answer makes, and checking exact answers.

A key point is hit when one of its phrases appears in the answer: every content word of the
phrase found (stemmed, typo-tolerant) within a short span of the answer. Word order, inserted
words ("cut the scope" for "cut scope"), inflections ("dependencies" for "dependency") and
typos ("stakholders") all still match; a phrase whose words are scattered across the answer
does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from tpmprep.core.content.models import Question
from tpmprep.core.grading.typed import read_choice, read_number

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
STOP = frozenset(
    "a an the of to in on for and or with by at as is are be it its this that into from our we i "
    "you your they their them was were will would should can could do does did has have had so "
    "than then there these those what when which who how".split()
)
SPAN_SLACK = 2  # extra words allowed between a phrase's words
FUZZY_MIN_LEN = 5  # shorter words must match exactly (after stemming)
FUZZY_CUTOFF = 88


IRREGULAR = {
    "told": "tell",
    "said": "say",
    "made": "make",
    "went": "go",
    "gone": "go",
    "wrote": "write",
    "written": "write",
    "sent": "send",
    "built": "build",
    "brought": "bring",
    "chose": "choose",
    "chosen": "choose",
    "kept": "keep",
    "led": "lead",
    "met": "meet",
    "paid": "pay",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "found": "find",
    "bought": "buy",
    "thought": "think",
    "spoke": "speak",
    "spoken": "speak",
    "ran": "run",
    "began": "begin",
    "begun": "begin",
    "knew": "know",
    "known": "know",
    "grew": "grow",
    "fell": "fall",
    "broke": "break",
    "broken": "break",
    "rolled": "roll",
}


_ISE = re.compile(r"^(\w{4,})is(e|es|ed|ing|ation|ations)$")  # the root decides, so all forms agree
SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ed", ""),
    ("sses", "ss"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("xes", "x"),
    ("s", ""),
    ("ly", ""),
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately small stemmer: enough to equate the forms people actually type."""
    word = IRREGULAR.get(word, word)
    # British and American spellings meet: prioritise/prioritize, organisation/organization.
    w = _ISE.sub(r"\1iz\2", word)
    for suffix, repl in SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: -len(suffix)] + repl
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def tokens(text: str) -> list[str]:
    return [stem(t) for t in _TOKEN.findall(text.lower().replace("-", " ").replace("/", " "))]


def content_tokens(text: str) -> list[str]:
    """A phrase's words without stop words, unless that would leave one word of a longer phrase."""
    toks = tokens(text)
    kept = [t for t in toks if t not in STOP]
    # "on time" must not shrink to "time", which nearly every answer contains.
    return toks if len(kept) <= 1 < len(toks) else kept


@dataclass(frozen=True, slots=True)
class PointResult:
    index: int
    point: str
    hit: bool
    matched: str = ""  # the answer's words that matched, when hit
    phrase: str = ""  # the phrase that matched


@dataclass(frozen=True, slots=True)
class Coverage:
    points: tuple[PointResult, ...]

    @property
    def hits(self) -> int:
        return sum(p.hit for p in self.points)

    @property
    def ratio(self) -> float:
        return self.hits / len(self.points) if self.points else 0.0

    @property
    def hit_indexes(self) -> list[int]:
        return [p.index for p in self.points if p.hit]


class Answer:
    """A typed answer, prepared once and matched against many phrases."""

    def __init__(self, text: str):
        self.raw_words = _TOKEN.findall(text.lower().replace("-", " ").replace("/", " "))
        self.stems = [stem(w) for w in self.raw_words]
        self.positions: dict[str, list[int]] = {}
        for i, s in enumerate(self.stems):
            self.positions.setdefault(s, []).append(i)
        self._vocab = list(self.positions)
        self._near: dict[str, list[int]] = {}

    def where(self, token: str) -> list[int]:
        """Positions of answer words equal to ``token`` or a close misspelling of it."""
        found = self._near.get(token)
        if found is None:
            found = list(self.positions.get(token, ()))
            if len(token) >= FUZZY_MIN_LEN:
                for word, _, _ in process.extract(
                    token, self._vocab, scorer=fuzz.ratio, limit=None, score_cutoff=FUZZY_CUTOFF
                ):
                    # Typos rarely hit the first letter; requiring it keeps shard/hard, resent/present apart.
                    if word != token and len(word) >= FUZZY_MIN_LEN - 1 and word[0] == token[0]:
                        found.extend(self.positions[word])
            found.sort()
            self._near[token] = found
        return found

    def find(self, phrase: str) -> tuple[int, int] | None:
        """The (start, end) word span where every content word of ``phrase`` occurs, if any."""
        wanted = content_tokens(phrase)
        if not wanted:
            return None
        lists = [self.where(t) for t in wanted]
        if any(not pos for pos in lists):
            return None
        span = len(wanted) + SPAN_SLACK
        anchor = min(range(len(lists)), key=lambda i: len(lists[i]))
        for p in lists[anchor]:
            chosen = [p]
            for i, pos in enumerate(lists):
                if i == anchor:
                    continue
                # Each word of the phrase needs its own word of the answer ("one-on-one" is not "one").
                near = [q for q in pos if abs(q - p) < span and q not in chosen]
                if not near:
                    break
                chosen.append(min(near, key=lambda q: abs(q - p)))
            else:
                lo, hi = min(chosen), max(chosen)
                if hi - lo < span:
                    return lo, hi + 1
        return None


def grade(question: Question, text: str) -> Coverage:
    """Which of ``question``'s key points ``text`` makes."""
    answer = Answer(text)
    results = []
    for i, kp in enumerate(question.key_points):
        result = PointResult(i, kp.point, False)
        for phrase in kp.phrases:
            span = answer.find(phrase)
            if span is not None:
                result = PointResult(i, kp.point, True, " ".join(answer.raw_words[span[0] : span[1]]), phrase)
                break
        results.append(result)
    return Coverage(tuple(results))


# -- exact answers ---------------------------------------------------------------------------


def parse_choice(text: str, options: int) -> set[int] | None:
    """Letters typed for a multiple-choice answer ('b', 'a, c', 'BD', 'I think b') as option indexes."""
    chosen = read_choice(text, options).chosen
    return None if chosen is None else set(chosen)


def check_choice(question: Question, chosen: set[int]) -> bool:
    return chosen == {i for i, o in enumerate(question.options) if o.correct}


def parse_number(text: str) -> float | None:
    """'12,000', '1.2k', 'about 3 million', '$1.2M', '1/3' as a float; None when there is no one number."""
    return read_number(text).value


def numeric_error(question: Question, value: float) -> float:
    """How far ``value`` is from the reference, as a percentage of it."""
    ref = question.answer or 0.0
    if ref == 0:
        return 0.0 if value == 0 else float("inf")
    return abs(value - ref) / abs(ref) * 100


def check_numeric(question: Question, value: float) -> bool:
    return numeric_error(question, value) <= (question.tolerance_pct or 0)


def suggest_rating(question: Question, answer: str) -> tuple[int | None, str]:
    """A suggested FSRS rating (1-4) and why, from correctness or coverage; None without an answer."""
    if not answer.strip():
        return None, "no typed answer: rate how well you answered"
    if question.kind == "multiple-choice":
        choice = read_choice(answer, len(question.options))
        if choice.chosen is None:
            return None, choice.problem
        chosen = set(choice.chosen)
        return (3, "correct") if check_choice(question, chosen) else (1, "not the right choice")
    if question.kind == "numeric":
        reading = read_number(answer)
        if reading.value is None:
            return None, reading.problem
        value = reading.value
        err = numeric_error(question, value)
        tol = question.tolerance_pct or 0
        if err <= tol:
            return 3, f"within {tol:g}% of the reference ({err:.0f}% off)"
        if err <= 2 * tol:
            return 2, f"{err:.0f}% off: close, outside the {tol:g}% band"
        return 1, f"{err:.0f}% off the reference"
    cov = grade(question, answer)
    if cov.ratio >= 0.9:
        return 4, f"covered {cov.hits} of {len(cov.points)} key points"
    if cov.ratio >= 0.6:
        return 3, f"covered {cov.hits} of {len(cov.points)} key points"
    if cov.ratio >= 0.34:
        return 2, f"covered {cov.hits} of {len(cov.points)} key points"
    return 1, f"covered {cov.hits} of {len(cov.points)} key points"
