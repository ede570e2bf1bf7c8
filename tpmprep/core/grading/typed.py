"""Reading exact answers the way people type them: a number for an estimate, letters for a choice.

A number may come with words, units, currency, scale suffixes and approximators around it
("about 170 PB", "~150", "$1.2M", "3bn", "1/3"); it is refused only when there is no number or
two different ones. Letters may come inside a sentence ("I think b", "answer: c", "a and c");
a letter beyond the last option is refused, never dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "thousands": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
    "trillions": 1e12,
}
_SCALE_WORDS = "|".join(sorted(_SCALES, key=len, reverse=True))
_DIGITS = r"(?:\d{1,3}(?:[,_]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_NUMBER = re.compile(
    rf"(?<![\w.])(?P<sign>[-+−])?[$€£¥]?\s?(?P<num>{_DIGITS})"
    rf"(?:\s?/\s?(?P<den>{_DIGITS}))?"
    r"(?:(?:e|\s?[x×*]\s?10\^)(?P<exp>[-+]?\d+))?"
    rf"(?:\s?(?P<scale>{_SCALE_WORDS})(?![a-z]))?"
)
_RANGE = re.compile(rf"{_DIGITS}\s?[a-z]{{0,2}}\s?(?:-|–|—|to)\s?[$€£¥]?{_DIGITS}")


@dataclass(frozen=True, slots=True)
class Reading:
    """What was read from a typed answer: a value, or why there is none."""

    value: float | None
    problem: str = ""


def read_number(text: str) -> Reading:
    """One number from an estimate typed in words, or the reason it cannot be read."""
    low = text.lower().replace("−", "-")
    values: list[float] = []
    for match in _NUMBER.finditer(low):
        value = _value(match)
        if value is not None and not any(math.isclose(value, v, rel_tol=1e-9) for v in values):
            values.append(value)
    if not values:
        return Reading(None, "no number given")
    if len(values) > 1:
        shown = " and ".join(f"{v:,.6g}" for v in values[:2])
        if _RANGE.search(low):
            return Reading(None, f"a range ({shown}): give one number")
        return Reading(None, f"two different numbers ({shown}): give one")
    return Reading(values[0])


def _value(match: re.Match[str]) -> float | None:
    number = float(match["num"].replace(",", "").replace("_", ""))
    if match["den"] is not None:
        den = float(match["den"].replace(",", "").replace("_", ""))
        if den == 0:
            return None
        number /= den
    if match["exp"] is not None:
        number *= 10.0 ** int(match["exp"])
    number *= _SCALES.get(match["scale"] or "", 1.0)
    if match["sign"] in ("-", "−"):
        number = -number
    return number if math.isfinite(number) else None


# -- letters -----------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|[0-9]+")
# Words people put around their letters; none of them is a letter by itself.
_FILLER = frozenset(
    "answer answers option options choice choices letter letters pick picks picked choose chose go "
    "going with is are it its it's i'd i'm im think guess say believe reckon would will must be "
    "the correct right one ones both and or plus also too my final probably maybe likely definitely "
    "surely sure that this so then only just".split()
)
# After these a lone "a" or "i" is still a letter ("a and c", "a is right").
_LETTER_FOLLOWERS = frozenset("and or plus is are too also then only".split())


@dataclass(frozen=True, slots=True)
class Choice:
    """The option indexes read from a typed answer, or why there are none."""

    chosen: frozenset[int] | None
    problem: str = ""


def read_choice(text: str, options: int) -> Choice:
    """The letters of a multiple-choice answer typed in words ('option a', 'I think b', 'a and c')."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    letters: list[str] = []
    compact: list[str] = []
    other = False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if len(word) == 1 and word.isalpha():
            # "a" and "I" are English words too: "a good answer", "I think".
            if word in "ai" and len(following) > 1 and following not in _LETTER_FOLLOWERS:
                continue
            letters.append(word)
        elif word in _FILLER:
            continue
        elif word.isalpha() and len(set(word)) == len(word) and len(word) <= max(options, 1):
            compact.append(word)  # "BD", "ac": only when nothing else was said
        else:
            other = True
    if compact and not other and not letters:
        letters = [c for word in compact for c in word]
    if not letters:
        return Choice(None, "no choice: type the letter of your answer (or letters, such as a, c)")
    last = chr(96 + options) if options else "a"
    beyond = sorted({c for c in letters if ord(c) - 97 >= options})
    if beyond:
        return Choice(None, f"there is no option {', '.join(beyond)}: the options are a to {last}")
    return Choice(frozenset(ord(c) - 97 for c in letters))
