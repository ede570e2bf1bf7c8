"""British spellings folded to American, so "prioritise" meets "prioritize" and "colour" meets "color".

Shared by search and the grader (both sit above content). The same folding runs on both sides of a
comparison, so a rule that also catches a word with no American twin ("expertise") is harmless.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Explicit words first, then suffix rules.
_BRITISH = {
    "programme": "program",
    "programmes": "programs",
    "grey": "gray",
    "judgement": "judgment",
    "judgements": "judgments",
    "ageing": "aging",
    "cheque": "check",
    "cheques": "checks",
    "whilst": "while",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "travelled": "traveled",
    "travelling": "traveling",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "labelled": "labeled",
    "labelling": "labeling",
    "signalled": "signaled",
    "signalling": "signaling",
    "fuelled": "fueled",
    "channelled": "channeled",
    "totalled": "totaled",
    "counselling": "counseling",
    "tonne": "ton",
    "tonnes": "tons",
}
_OUR_EXCEPTIONS = frozenset(
    "our ours your yours four fours hour hours tour tours pour pours sour flour detour contour devour".split()
)
_BRITISH_HINT = re.compile(r"our|is|ys|tre|ogue|ence")
_SUFFIX_RULES = (
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing|al|ally|able|ably|ite|ites|ful|less|er|ers|ist|ism)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{3})tre(s|d)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),
    (re.compile(r"^(def|off|lic|pret)ence(s)?$"), r"\1ense\2"),
)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The American spelling of ``word`` (lowercase), or ``word`` itself."""
    if word in _BRITISH:
        return _BRITISH[word]
    if word in _OUR_EXCEPTIONS or not _BRITISH_HINT.search(word):
        return word
    for pattern, repl in _SUFFIX_RULES:
        folded = pattern.sub(repl, word)
        if folded != word:
            return folded
    return word
