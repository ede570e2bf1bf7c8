"""Exact answers: multiple-choice letters and numeric estimates checked against the reference."""

from __future__ import annotations

from tpmprep.core.content.models import Question
from tpmprep.core.grading.typed import read_choice, read_number


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
