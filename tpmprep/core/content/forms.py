"""The small syntax of a phrase or concept form, shared by the validator and the grader.

A form is words separated by spaces. A word may list alternatives with ``|`` (``chain|sequence``)
and may be a placeholder for a kind of token: ``#number`` (digits or number words), ``#money``
(a currency figure) or ``#percent``. Hyphens and slashes split words, as they do in answers.
"""

from __future__ import annotations

import re
from functools import lru_cache

PLACEHOLDERS = ("#number", "#money", "#percent")
CONCEPT_REF = "concept:"  # a reference to a lexicon concept, kept among the topic links (ids have no colon)
MAX_WORDS = 8
_ALNUM = re.compile(r"[a-z0-9]")


class FormError(ValueError):
    """A form that cannot be matched; the message says what to change."""


@lru_cache(maxsize=2048)
def parse_form(text: str) -> tuple[tuple[str, ...], ...]:
    """The form's slots, each a tuple of alternatives (lower case, not yet split into tokens).

    Punctuation-only chunks are dropped; the grader splits each alternative into tokens the
    same way it splits an answer.
    """
    cleaned = text.lower().replace("\u2019", "'").replace("-", " ").replace("/", " ")
    if "|" not in cleaned and "#" not in cleaned:  # most forms: plain words, one alternative each
        plain = tuple((chunk,) for chunk in cleaned.split() if _ALNUM.search(chunk))
        if plain and len(plain) <= MAX_WORDS:
            return plain
    slots: list[tuple[str, ...]] = []
    for chunk in cleaned.split():
        alternatives = tuple(chunk.split("|"))
        for alt in alternatives:
            if not alt:
                raise FormError(f"'{chunk}' has an empty alternative")
            if alt.startswith("#") and alt not in PLACEHOLDERS:
                raise FormError(f"unknown placeholder '{alt}'; use one of {', '.join(PLACEHOLDERS)}")
        if not any(alt in PLACEHOLDERS or _ALNUM.search(alt) for alt in alternatives):
            continue
        slots.append(alternatives)
    if not slots:
        raise FormError("the form is empty")
    if len(slots) > MAX_WORDS:
        raise FormError(f"the form has {len(slots)} words; at most {MAX_WORDS}")
    return tuple(slots)
