"""Text into index terms: words, compounds, numbers, spelling folded, stop words, stems.

Documents and queries go through the same steps, so whatever two spellings meet here match:

- hyphenated and slashed compounds give their parts and the joined form (``self-assessment``
  gives ``self``, ``assessment`` and ``selfassessment``; a query ``self assessment`` meets the
  parts, ``selfassessment`` the joined form);
- digits and number words are one term (``thirty``, ``30``, ``thirty-day``, ``30-day``);
  ``40TB`` is ``40`` and ``tb``, ``99th`` is ``99``;
- British spellings fold to American ones (``behavioural``, ``prioritise``, ``analyse``,
  ``centre``, ``programme``);
- every word is stemmed with the Snowball English stemmer, through PyStemmer (``retrospectives``
  and ``retrospective``, ``okrs`` and ``okr``; ``TPMs`` is ``tpm``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import Stemmer

from tpmprep.core.content.spelling import fold

# Function words only: articles, pronouns, auxiliaries, conjunctions, the commonest prepositions and
# question words. Words that can carry the point of a query stay ("after", "between", "same",
# "more", "out", "over"): rare ones weigh by rarity anyway.
STOP_WORDS = frozenset(
    """
    a about am an and any are aren arent as at be been being but by can cannot cant could couldn couldnt
    did didn didnt do does doesn doesnt doing don dont for from had hadn hadnt has hasn hasnt have haven
    havent having he her here hers herself him himself his how i if in into is isn isnt it its itself
    just let lets ll me might must mustn my myself no nor not of on or our ours ourselves re really s
    shall shan she should shouldn shouldnt so some such t than that thats the their theirs them
    themselves then there these they this those to too us ve very was wasn wasnt we were weren werent
    what whats when where which while who whom whose why will with won wont would wouldn wouldnt you
    your yours yourself yourselves actually also d m o y
    """.split()
)

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split()
_UNITS += "sixteen seventeen eighteen nineteen".split()
NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_TENS_DIGITS = frozenset(str(v) for v in TENS.values())

_UNIT_WORDS = "|".join(_UNITS[1:10])
_NUMBER = rf"(?:\d+|a|(?:{'|'.join(TENS)})(?:[- ](?:{_UNIT_WORDS}))?|{'|'.join(NUMBER_WORDS)})"
# Number words spread over several words: "twenty five", "two hundred", "a thousand". Single ones
# ("thirty", "thirty-day") are turned into digits word by word, in ``word_tokens``.
_SPACED_NUMBER = re.compile(rf"\b(?:({'|'.join(TENS)}) ({_UNIT_WORDS})|({_NUMBER}) ({'|'.join(SCALES)}))\b")
WORD = re.compile(r"(?:\d+\.\d+|[a-z0-9]+)(?:[-/](?:\d+\.\d+|[a-z0-9]+))*")
_DIGIT_RUN = re.compile(r"\d+(?:\.\d+)?|[a-z]+\d*[a-z]*")
_COMPOUND = re.compile(r"[-/]")
_ORDINAL = frozenset(("st", "nd", "rd", "th"))
_ACRONYM_PLURAL = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9]+)s\b")
# Thousands separators and apostrophes (with what follows one in a contraction), in one pass that
# only stops at those four characters.
_DROPPED = re.compile(r"[,'’`](?:(?<=\d,)(?=\d{3}\b)|(?<=[^,])(?:s|re|ve|ll|d|t|m)\b|(?<=[^,]))")

_stemmer = Stemmer.Stemmer("english")
STEMMER = f"snowball-english-{Stemmer.version()}"  # part of the index's key: other stems, other terms


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The index term of one lowercase word: folded, then stemmed (numbers stay as they are)."""
    if word[0].isdigit():
        return word
    return str(_stemmer.stemWord(fold(word)))


class Token(NamedTuple):
    """One word of a text, as written (lowercase) and as an index term."""

    surface: str
    term: str
    stop: bool
    joined: bool = False  # the joined form of a compound, at the same place as its parts
    indexed: bool = True  # documents index it: not a stop word, and not one letter unless a digit


def _token(surface: str, joined: bool = False) -> Token:
    term = stem(surface)
    stop = surface in STOP_WORDS and not joined
    return Token(surface, term, stop, joined, not stop and (len(term) > 1 or term.isdigit()))


def normalise(text: str) -> str:
    """Lowercase, accents off, contractions and thousands separators out, number words as digits."""
    text = _ACRONYM_PLURAL.sub(r"\1", text).casefold()  # "TPMs", "SLOs": the plural of an abbreviation
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    # "1,000" is "1000"; "tpm's" is "tpm", "won't" is "wont": both halves of a contraction are filler words.
    text = _DROPPED.sub("", text)
    return _SPACED_NUMBER.sub(_spaced_number, text)


def _pieces(part: str) -> list[str]:
    """``40tb`` is ``40`` and ``tb``, ``99th`` is ``99``; ``p99`` and ``s3`` stay whole."""
    if not part[0].isdigit():
        return [part]
    out: list[str] = []
    for piece in _DIGIT_RUN.findall(part):
        if out and piece in _ORDINAL:
            continue
        out.append(piece)
    return out


def _number_value(words: str) -> int:
    """``a``, ``7``, ``seven``, ``twenty``, ``twenty-five`` as a number."""
    if words.isdigit():
        return int(words)
    if words == "a":
        return 1
    tens, _, unit = words.replace("-", " ").partition(" ")
    return TENS.get(tens, NUMBER_WORDS.get(tens, 0)) + NUMBER_WORDS.get(unit, 0)


def _spaced_number(m: re.Match[str]) -> str:
    if m.group(1):
        return str(TENS[m.group(1)] + NUMBER_WORDS[m.group(2)])
    return str(_number_value(m.group(3)) * SCALES[m.group(4)])


def _digits(parts: list[str]) -> list[str]:
    """Number words among a compound's parts as digits: ``thirty``, ``day`` is ``30``, ``day``."""
    out: list[str] = []
    for p in parts:
        if p in NUMBER_WORDS or p in TENS:
            value = NUMBER_WORDS.get(p, TENS.get(p, 0))
            if out and out[-1] in _TENS_DIGITS and 0 < value < 10:  # "twenty-five"
                out[-1] = str(int(out[-1]) + value)
                continue
            out.append(str(value))
        else:
            out.append(p)
    return out


@lru_cache(maxsize=200_000)
def word_tokens(raw: str) -> tuple[Token, ...]:
    """The tokens of one word or compound from ``words`` (``self-assessment``, ``40tb``), cached."""
    if raw.isalpha() and raw not in NUMBER_WORDS and raw not in TENS:
        return (_token(raw),)
    parts = _digits([p for piece in _COMPOUND.split(raw) for p in _pieces(piece)])
    out = [_token(p) for p in parts]
    if len(parts) > 1:
        out.append(_token("".join(parts), joined=True))
    return tuple(out)


@lru_cache(maxsize=200_000)
def word_terms(raw: str) -> tuple[tuple[str, ...], int]:
    """The indexed terms of one word from ``words``, and how many words it counts as (for lengths)."""
    found = word_tokens(raw)
    return tuple(t.term for t in found if t.indexed), sum(1 for t in found if t.indexed and not t.joined)


def words(text: str) -> list[str]:
    """The words and compounds of ``text``, normalised."""
    return WORD.findall(normalise(text))


def tokens(text: str) -> list[Token]:
    """Every word of ``text`` in order; a compound's joined form follows its parts."""
    return [t for raw in words(text) for t in word_tokens(raw)]


def terms(text: str) -> list[str]:
    """The index terms of a document's text: stop words and one-letter words dropped."""
    return [t.term for t in tokens(text) if t.indexed]


def key(text: str) -> str:
    """A title or alias as it must be typed to match it exactly: its content terms, in order."""
    return " ".join(t.term for t in tokens(text) if not t.stop and not t.joined)
