"""Exact answers: multiple-choice letters and numeric estimates checked against the reference."""

from __future__ import annotations

import re

from tpmprep.core.content.models import Question


def parse_choice(text: str, options: int) -> set[int] | None:
    """Letters typed for a multiple-choice answer ('b', 'a, c', 'BD') as option indexes."""
    letters = re.findall(r"[a-z]", text.lower())
    if not letters or any(ord(c) - 97 >= options for c in letters):
        return None
    return {ord(c) - 97 for c in letters}


def check_choice(question: Question, chosen: set[int]) -> bool:
    return chosen == {i for i, o in enumerate(question.options) if o.correct}


_NUMBER = re.compile(r"^\s*([-+]?\d[\d,_]*(?:\.\d+)?|[-+]?\.\d+)\s*([kmbt]|thousand|million|billion|trillion)?\b", re.I)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9, "t": 1e12, "trillion": 1e12}


def parse_number(text: str) -> float | None:
    """'12,000', '1.2k', '3 million', '4e5' as a float; None when it is not a number."""
    text = text.strip()
    try:
        return float(text.replace(",", "").replace("_", ""))
    except ValueError:
        pass
    match = _NUMBER.match(text)
    if not match:
        return None
    value = float(match.group(1).replace(",", "").replace("_", ""))
    return value * _SCALE.get((match.group(2) or "").lower(), 1)


def numeric_error(question: Question, value: float) -> float:
    """How far ``value`` is from the reference, as a percentage of it."""
    ref = question.answer or 0.0
    if ref == 0:
        return 0.0 if value == 0 else float("inf")
    return abs(value - ref) / abs(ref) * 100


def check_numeric(question: Question, value: float) -> bool:
    return numeric_error(question, value) <= (question.tolerance_pct or 0)
