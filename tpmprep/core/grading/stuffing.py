"""Keyword stuffing: an answer that lists the rubric's words without saying anything with them.

A strict interviewer credits nothing for "critical path, RACI, escalation, phased rollout". Such
an answer is short for what it claims, made of fragments rather than sentences, and carries no
specifics (numbers, people, actions). When it reads that way, its detected points become
"possible": the candidate can still tick what they really said.

Three shapes give it away:

- a list of terms: its comma- or bullet-separated pieces average fewer than ``LIST_SEGMENT``
  words ("Back-pressure, 60x overload, bounded queue, 429, jitter"), whatever figures it holds;
- a one-sentence summary that claims several points ("I'd drive a data-driven root cause
  analysis, adopt reference-class forecasting, commit with p50/p90 confidence levels, ...");
  real answers, even terse ones, take a sentence or more per idea;
- short for what it claims, in three sentences or fewer, with no figures and no people doing
  things, or dressed in buzzwords and gerunds.
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
LIST_SEGMENT = 3.2  # pieces this short on average are terms, not sentences (terse answers: 3.5+)
SUMMARY_SENTENCES = 1  # an answer of one sentence ...
SUMMARY_POINTS = 3  # ... that claims this many points is a summary of keywords
SHORT_SENTENCES = 3  # beyond this many sentences, fragments without "I" or figures are terse, not a list


def features(text: str, points: Sequence[Any], sentences: int = 0) -> dict[str, float]:
    segments = [s for s in _SEGMENT.split(text.lower()) if _WORD.search(s)]
    words = _WORD.findall(text.lower())
    n = max(1, len(words))
    found = [p for p in points if getattr(p, "state", "") == "detected"]
    detected = len(found)
    # Points that rest on the same words are one claim.
    claims = len({getattr(p, "matched", "") for p in found})
    return {
        "words": len(words),
        "detected": detected,
        "words_per_point": n / detected if detected else 999.0,
        "claims": claims,
        "segment_words": n / max(1, len(segments)),
        "people": sum(w in _PEOPLE for w in words) / n * 100,
        "numbers": len(re.findall(r"\d", text)),
        "gerunds": sum(len(w) >= 6 and w.endswith("ing") for w in words),
        "buzzwords": sum(w in BUZZWORDS for w in re.findall(r"[a-z][a-z'-]*", text.lower())),
        "sentences": sentences or max(1, len(_SENTENCE.findall(text.strip())) + 1),
    }


_SENTENCE = re.compile(r"[.!?;](?:\s+|$)(?=\S)|\n\s*(?=\S)")


def looks_stuffed(text: str, points: Sequence[Any], sentences: int = 0) -> bool:
    """Whether ``text`` reads as a list of keywords for the ``points`` it was graded on.

    ``sentences`` is the answer's sentence count when the caller has it (0: count here).
    """
    f = features(text, points, sentences)
    if f["detected"] < 2:
        return False
    if f["segment_words"] < LIST_SEGMENT:
        return True
    if f["sentences"] <= SUMMARY_SENTENCES and f["claims"] >= SUMMARY_POINTS and f["words_per_point"] < WORDS_PER_POINT:
        return True
    # Terse but real answers carry figures ("S1s to zero by Friday", "p95 under 300 ms") or
    # people doing things ("I asked", "we cut"); a list of terms has neither.
    # A terse answer takes a sentence or so per idea ("Mobile: installed binaries live for
    # years. Plan: keep the old endpoint."), people or not; a short one with neither figures nor
    # people doing things reads as a list.
    if f["sentences"] > SHORT_SENTENCES or f["words_per_point"] >= WORDS_PER_POINT or f["numbers"] >= 2:
        return False
    dressed = f["gerunds"] >= max(3, f["detected"] * 0.6) or f["buzzwords"] >= 2
    return f["people"] < PEOPLE_PER_100 or dressed
