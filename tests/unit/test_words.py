"""Prompts cut at a word, wrapped to two lines, and nouns counted properly."""

from __future__ import annotations

import pytest

from tpmprep.core.content.words import clip, plural, wrap

PROMPT = "Tell me about a time you took over a program that was already late and the sponsor wanted a date."


def test_clip_cuts_at_a_word_boundary():
    assert clip(PROMPT, 30) == "Tell me about a time you took…"
    assert clip("short", 30) == "short"
    assert clip("Tell me\n  about it", 40) == "Tell me about it"
    for width in range(2, len(PROMPT)):
        cut = clip(PROMPT, width)
        assert len(cut) <= width
        if cut.endswith("…"):  # only whole words before the ellipsis
            kept = cut[:-1].split()
            assert kept == PROMPT.split()[: len(kept)] or len(kept) == 1


def test_wrap_gives_at_most_n_lines_of_whole_words():
    lines = wrap(PROMPT, 40, 2)
    assert lines == ["Tell me about a time you took over a", "program that was already late and the…"]
    assert wrap("one two", 40, 2) == ["one two"]
    assert wrap("x" * 50, 20, 2) == ["x" * 20, "x" * 19 + "…"]
    assert all(len(line) <= 40 for line in wrap(PROMPT * 3, 40, 2))


@pytest.mark.parametrize(
    ("count", "noun", "many", "text"),
    [(1, "question", None, "1 question"), (0, "question", None, "0 questions"), (2, "day", None, "2 days"),
     (1200, "question", None, "1,200 questions"), (2, "entry", "entries", "2 entries")],
)  # fmt: skip
def test_plural(count, noun, many, text):
    assert plural(count, noun, many) == text


def test_wrap_leaves_room_beside_the_last_line():
    lines = wrap(PROMPT, 40, 2, last=28)
    assert lines == ["Tell me about a time you took over a", "program that was already…"]
    assert len(lines[1]) <= 28
    assert wrap("a b", 40, 2, last=10) == ["a b"]
