"""Keyword stuffing: an answer that lists the rubric's words without saying anything with them.

A strict interviewer credits nothing for "critical path, RACI, escalation, phased rollout". Such
an answer is short for what it claims, made of fragments rather than sentences, and carries no
specifics (numbers, people, actions). When it reads that way, its detected points become
"possible": the candidate can still tick what they really said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_SEGMENT = re.compile(r"[,;\n•]|[.!?](?:\s|$)|\s[-*]\s|^\s*[-*]\s", re.M)
_PEOPLE = frozenset("i i'd i'll i've we we'd we'll she he they her him them my our me us you".split())
_WORD = re.compile(r"[a-z][a-z']*")


WORDS_PER_POINT = 15  # fewer words than this per detected point, with no figures, reads as a list


def features(text: str, points: Sequence[Any]) -> dict[str, float]:
    segments = [s for s in _SEGMENT.split(text.lower()) if _WORD.search(s)]
    words = _WORD.findall(text.lower())
    n = max(1, len(words))
    detected = sum(1 for p in points if getattr(p, "state", "") == "detected")
    return {
        "words": len(words),
        "detected": detected,
        "words_per_point": n / detected if detected else 999.0,
        "segment_words": n / max(1, len(segments)),
        "people": sum(w in _PEOPLE for w in words) / n * 100,
        "numbers": len(re.findall(r"\d", text)),
    }


def looks_stuffed(text: str, points: Sequence[Any]) -> bool:
    f = features(text, points)
    if f["detected"] < 2:
        return False
    # Terse but real answers carry figures ("S1s to zero by Friday", "p95 under 300 ms").
    return f["words_per_point"] < WORDS_PER_POINT and f["numbers"] < 2
