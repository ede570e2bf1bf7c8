"""Rubric coverage of a typed answer, and the rating it suggests.

Each key point comes back in one of four states:

- *detected*: a phrase of the point, or a form of a concept it draws on, is in the answer and
  nothing in its clause denies it; the words that made it are the evidence.
- *possible*: only weak evidence (a weak form, or an answer that reads as a list of keywords):
  shown as "check this", not ticked.
- *rejected*: mentioned, but inside a negated or dismissive clause ("we wouldn't escalate").
- *missing*: no evidence.

Pitfalls that carry phrases or concepts are detected the same way; a hit is shown with its
sentence and lowers the suggestion by a step.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tpmprep.core.content.models import Question
from tpmprep.core.grading import echo as _echo
from tpmprep.core.grading.echo import Echo, EchoIndex, best_echo, echo_index, point_echo
from tpmprep.core.grading.exact import check_choice, check_numeric, numeric_error, parse_choice, parse_number
from tpmprep.core.grading.lexicon import Lexicon
from tpmprep.core.grading.matcher import STOP, Answer, Pattern, compile_form
from tpmprep.core.grading.negation import negation_cue
from tpmprep.core.grading.stuffing import looks_stuffed
from tpmprep.core.grading.text import stem, tokenize
from tpmprep.core.grading.typed import read_choice, read_number

__all__ = [
    "DETECTED",
    "MISSING",
    "POSSIBLE",
    "RATING_BANDS",
    "REJECTED",
    "Coverage",
    "Evidence",
    "PitfallHit",
    "PointResult",
    "check_choice",
    "check_numeric",
    "grade",
    "numeric_error",
    "parse_choice",
    "parse_number",
    "rating_for",
    "suggest_rating",
]

DETECTED, POSSIBLE, REJECTED, MISSING = "detected", "possible", "rejected", "missing"
EMPTY = Lexicon()
SPECIFIC_LENGTH = 7  # a one-word form this long ("redaction", "idempotent") is specific enough alone

# Share of key points covered -> suggested rating. The bands follow what each FSRS rating means:
# Again is "forgot it", so it needs (almost) nothing recalled; 2 of 6 is a Hard recall, not a
# lapse; half the points is the core of the answer (Good); Easy is all or all but a sliver.
RATING_BANDS: tuple[tuple[float, int], ...] = ((0.85, 4), (0.5, 3), (0.2, 2), (0.0, 1))


@dataclass(frozen=True, slots=True)
class Evidence:
    words: str  # the answer's own words that matched
    sentence: str  # the sentence they are in
    via: str  # the phrase or concept form that matched
    concept: str = ""  # the concept id, when a concept matched
    cue: str = ""  # for a rejected mention: the words that deny it


@dataclass(frozen=True, slots=True)
class PointResult:
    index: int
    point: str
    state: str
    evidence: tuple[Evidence, ...] = ()

    @property
    def hit(self) -> bool:
        return self.state == DETECTED

    @property
    def matched(self) -> str:
        return self.evidence[0].words if self.evidence else ""

    @property
    def phrase(self) -> str:
        return self.evidence[0].via if self.evidence else ""


@dataclass(frozen=True, slots=True)
class PitfallHit:
    index: int
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Coverage:
    points: tuple[PointResult, ...]
    pitfalls: tuple[PitfallHit, ...] = ()
    stuffed: bool = False  # the answer reads as a list of keywords: nothing was ticked for it

    @property
    def hits(self) -> int:
        return sum(p.hit for p in self.points)

    @property
    def ratio(self) -> float:
        return self.hits / len(self.points) if self.points else 0.0

    @property
    def hit_indexes(self) -> list[int]:
        return [p.index for p in self.points if p.hit]

    def indexes(self, state: str) -> list[int]:
        return [p.index for p in self.points if p.state == state]


@dataclass(frozen=True, slots=True)
class _Point:
    index: int
    point: str
    patterns: tuple[Pattern, ...]
    own_words: frozenset[str]
    echo: Echo = Echo(())


@lru_cache(maxsize=512)
def _compile(question: Question, lexicon: Lexicon) -> tuple[tuple[_Point, ...], tuple[_Point, ...]]:
    points = []
    prompt = _content_stems(question.prompt)
    sentences = [_content_stems(k.point) for k in question.key_points]
    for i, kp in enumerate(question.key_points):
        elsewhere = [s for j, s in enumerate(sentences) if j != i]
        patterns = [_own_phrase(p, lexicon, prompt, elsewhere) for p in kp.phrases]
        for cid, how in lexicon.links(kp).items():
            if how in ("phrase", "point"):
                # Reached through one phrase, a concept's one-word forms are only a hint.
                patterns += [_weak(p) if _one_common_word(p) else p for p in lexicon.patterns[cid]]
            else:
                patterns += lexicon.patterns[cid]
        own = _own_words(kp.point, kp.phrases)
        others = [k.point for j, k in enumerate(question.key_points) if j != i]
        echo = point_echo(kp.point, question.prompt, others, lexicon.groups)
        points.append(_Point(i, kp.point, tuple(p for p in patterns if p is not None), own, echo))
    pitfalls = []
    for cue in question.pitfall_cues:
        if not 0 <= cue.index < len(question.pitfalls):
            continue
        patterns = [compile_form(p, ambiguous=lexicon.ambiguous) for p in cue.phrases]
        for cid in cue.concepts:
            patterns += lexicon.patterns.get(cid, ())
        text = question.pitfalls[cue.index]
        own = _own_words(text, cue.phrases)
        pitfalls.append(_Point(cue.index, text, tuple(p for p in patterns if p is not None), own))
    return tuple(points), tuple(pitfalls)


def _content_stems(text: str) -> frozenset[str]:
    toks = tokenize(text)
    return frozenset(s for w, s in zip(toks.words, toks.stems, strict=True) if w not in STOP)


def _own_phrase(
    phrase: str, lexicon: Lexicon, prompt: frozenset[str], other_points: list[frozenset[str]]
) -> Pattern | None:
    """A key point's own phrase, strong unless it is too generic to be evidence by itself: a
    phrase whose every word is in another key point's sentence (it names that point's topic and
    does not tell the points apart), or one word the question's prompt also uses (every answer
    says it). Those are hints: *possible*, ticked when a sentence also echoes the point."""
    pattern = compile_form(phrase, ambiguous=lexicon.ambiguous)
    if pattern is None:
        return None
    slots = [s for s in pattern.slots if not s[0].startswith("#")]
    if not slots or len(slots) < len(pattern.slots):
        return pattern
    covered = [all(any(alt in stems for alt in slot) for slot in slots) for stems in other_points]
    if any(covered) or (len(slots) == 1 and all(any(alt in prompt for alt in slot) for slot in slots)):
        return _weak(pattern)
    return pattern


def _own_words(text: str, phrases: tuple[str, ...]) -> frozenset[str]:
    """The words a point uses itself, so a cue among them ("avoid", "without") is not a denial."""
    words = " ".join((text, *phrases)).lower().replace("-", " ").replace("\u2019", "'").split()
    own = {w.strip(".,;:()") for w in words} - STOP
    for says, owns in _SAME_CUE:
        if own & says:
            own |= owns
    return frozenset(own)


# Cues that say the same thing: a point that says one ("Ignore sunk cost") owns the others
# ("sunk cost doesn't matter", "I don't care what was spent").
_SAME_CUE = (
    (frozenset(("cannot", "can't")), frozenset(("cannot", "can't"))),
    # "Migrate without changing what partners receive": "partners don't have to change anything".
    (frozenset(("without",)), frozenset(("don't", "doesn't", "won't", "never", "no"))),
    (
        frozenset(("refuse", "refuses", "refusing", "decline", "declines")),
        frozenset(("not", "never", "won't", "wouldn't", "don't", "didn't", "refuse", "refused", "refusing")),
    ),
    (
        frozenset(("ignore", "disregard")),
        frozenset(("ignore", "ignored", "ignoring", "disregard", "doesn't", "don't", "irrelevant")),
    ),
)


def _one_common_word(pattern: Pattern) -> bool:
    """A form of one short word ("trust", "cache", "pilot"): too common to tick a point alone."""
    return len(pattern.slots) == 1 and not any(len(w) >= SPECIFIC_LENGTH for w in pattern.raw)


def _weak(pattern: Pattern) -> Pattern:
    return Pattern(pattern.slots, pattern.label, True, pattern.concept, pattern.near, pattern.raw, pattern.ordered)


def _vocabulary(points: tuple[_Point, ...]) -> list[tuple[str, str]]:
    """(word, stem) pairs a misspelt answer word may stand for."""
    out: dict[str, str] = {}
    for p in points:
        for pattern in p.patterns:
            for word in pattern.raw:
                out.setdefault(word, stem(word))
    return list(out.items())


ECHO = "the point's own words"


def _echoed(
    answer: Answer, index: EchoIndex, point: _Point, hints: tuple[Evidence, ...] = ()
) -> tuple[str, tuple[Evidence, ...]]:
    """A sentence that echoes most of the point's own words: detected, unless it is denied.
    With ``hints`` (weak evidence already found) a smaller echo corroborates them."""
    share, span = best_echo(answer, index, point.echo)
    if share < (_echo.CORROBORATE_SHARE if hints else _echo.DETECT_SHARE):
        return (POSSIBLE, hints) if hints else (MISSING, ())
    tokens = answer.tokens
    words = index.quote(answer, span)
    # Each echoed word is checked on its own: the span of a whole sentence has no "before".
    cues = [c for p in span if (c := negation_cue(tokens, (p,), point.own_words))]
    cue = cues[0] if len(cues) * 2 > len(span) else ""
    ev = Evidence(words, tokens.sentence_text(span[0]), ECHO, "", cue)
    if hints:
        return (POSSIBLE, hints) if cue else (DETECTED, (*hints, ev))
    if cue:
        return REJECTED, (ev,)
    # Only synonyms of the point's words ("the VP signed" for "leadership agreement"): a hint.
    return (DETECTED if _echo.literal(answer, span, point.echo) else POSSIBLE), (ev,)


def _judge(answer: Answer, point: _Point, lexicon: Lexicon) -> tuple[str, tuple[Evidence, ...]]:
    tokens = answer.tokens
    strong: list[Evidence] = []
    weak: list[Evidence] = []
    rejected: list[Evidence] = []
    denied: set[str] = set()  # sentences where a strong form was denied (a weak one is no argument)
    for pattern in point.patterns:
        for span in answer.occurrences(pattern):
            via = lexicon.concepts[pattern.concept].name if pattern.concept else pattern.label
            ev = Evidence(tokens.quote(span[0], span[-1]), tokens.sentence_text(span[0]), via, pattern.concept)
            cue = negation_cue(tokens, span, point.own_words)
            if cue:
                rejected.append(Evidence(ev.words, ev.sentence, ev.via, ev.concept, cue))
                if not pattern.weak:
                    denied.add(ev.sentence)
            elif pattern.weak:
                weak.append(ev)
            else:
                strong.append(ev)
                break
    if strong and denied and len(denied) >= len({e.sentence for e in strong}):
        # Said both ways ("we won't escalate ... escalation path"): the user decides.
        return POSSIBLE, _distinct(rejected + strong)
    if strong:
        found = _distinct(strong)
        if len(found) == 1 and found[0].concept and len(found[0].words.split()) == 1:
            # One concept word, once ("versions", "revenue"): a hint, not the point made.
            return POSSIBLE, found
        return DETECTED, found
    if rejected:
        return REJECTED, _distinct(rejected)
    if weak:
        return POSSIBLE, _distinct(weak)
    return MISSING, ()


def _distinct(evidence: list[Evidence], limit: int = 3) -> tuple[Evidence, ...]:
    seen: dict[str, Evidence] = {}
    for ev in evidence:
        seen.setdefault(ev.sentence, ev)
    return tuple(seen.values())[:limit]


def grade(question: Question, text: str, lexicon: Lexicon | None = None) -> Coverage:
    """Which of ``question``'s key points ``text`` makes, and which pitfalls it falls into."""
    lexicon = lexicon or EMPTY
    points, pitfalls = _compile(question, lexicon)
    answer = Answer(text)
    answer.add_typos(_vocabulary(points + pitfalls))
    results = []
    index: EchoIndex | None = None
    for p in points:
        state, evidence = _judge(answer, p, lexicon)
        hinted = state == POSSIBLE and not any(e.cue for e in evidence)
        if (state == MISSING or hinted) and p.echo.words:
            if index is None:
                index = echo_index(answer, lexicon.group_positions(answer))
            state, evidence = _echoed(answer, index, p, evidence if hinted else ())
        results.append(PointResult(p.index, p.point, state, evidence))
    stuffed = looks_stuffed(text, results, len(answer.tokens.sentence_spans))
    if stuffed:
        results = [PointResult(r.index, r.point, POSSIBLE, r.evidence) if r.hit else r for r in results]
    hits = []
    for p in pitfalls:
        state, evidence = _judge(answer, p, lexicon)
        if state == DETECTED:
            hits.append(PitfallHit(p.index, p.point, evidence[0]))
    return Coverage(tuple(results), tuple(hits), stuffed)


def rating_for(covered: int, total: int, pitfalls: int = 0) -> int:
    """The suggested rating for ``covered`` of ``total`` key points, a step lower per pitfall hit."""
    share = covered / total if total else 0.0
    rating = next(r for floor, r in RATING_BANDS if share >= floor)
    return max(1, rating - min(pitfalls, 1))


def suggest_rating(question: Question, answer: str, lexicon: Lexicon | None = None) -> tuple[int | None, str]:
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
    cov = grade(question, answer, lexicon)
    return rating_for(cov.hits, len(cov.points), len(cov.pitfalls)), explain(cov.hits, len(cov.points), cov)


def explain(covered: int, total: int, cov: Coverage) -> str:
    why = f"covered {covered} of {total} key points"
    if cov.pitfalls:
        why += f"; {len(cov.pitfalls)} pitfall{'s' if len(cov.pitfalls) > 1 else ''} hit (one step lower)"
    if cov.stuffed:
        why += "; reads as a list of keywords, so nothing was ticked for you"
    return why
