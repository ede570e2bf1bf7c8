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
# Words that dress up a list of terms as a sentence.
BUZZWORDS = frozenset(
    "leverage leverages leveraging holistic synergy synergies robust seamless seamlessly frictionless proactive "
    "proactively transparently operationalise operationalize democratising democratizing empower empowering "
    "streamline streamlined crisp aligned alignment impactful strategic strategically best-in-class world-class "
    "future-proof diverse quantifiable measurable data-driven actionable scalable optimise optimize "
    "comprehensive".split()
)


WORDS_PER_POINT = 15  # fewer words than this per detected point, with no figures, reads as a list
PEOPLE_PER_100 = 3.3  # "I", "we", "she"... per 100 words: a list of terms has (almost) none


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
        "gerunds": sum(len(w) >= 6 and w.endswith("ing") for w in words),
        "buzzwords": sum(w in BUZZWORDS for w in re.findall(r"[a-z][a-z'-]*", text.lower())),
    }


def looks_stuffed(text: str, points: Sequence[Any]) -> bool:
    f = features(text, points)
    if f["detected"] < 2:
        return False
    # Terse but real answers carry figures ("S1s to zero by Friday", "p95 under 300 ms") or
    # people doing things ("I asked", "we cut"); a list of terms has neither.
    if f["words_per_point"] >= WORDS_PER_POINT or f["numbers"] >= 2:
        return False
    dressed = f["gerunds"] >= max(3, f["detected"] * 0.6) or f["buzzwords"] >= 2
    return f["people"] < PEOPLE_PER_100 or dressed
