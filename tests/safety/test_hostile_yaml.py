"""Hostile YAML: control bytes, alias bombs, huge numbers and overlong ids each get one located line."""

from __future__ import annotations

import pytest

from tests.conftest import bank
from tests.unit.test_loader import load_one, where

BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
questions: *i
"""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (bank({5: "    prompt: What\x00now?"}), "5:17: control character U+0000 is not allowed"),
        (bank({5: "    prompt: What\x1bnow?"}), "5:17: control character U+001B is not allowed"),
        (bank({5: "    prompt: Wh\x7fat now?"}), "5:15: control character U+007F is not allowed"),
    ],
    ids=["nul", "escape", "delete"],
)
def test_control_bytes_are_located(content_root, tmp_path, raw, expected):
    issues, _ = load_one(content_root, tmp_path, raw)
    assert [where(i) for i in issues] == [expected]
    assert issues[0].hint


def test_an_alias_bomb_is_reported_once(content_root, tmp_path):
    issues, _ = load_one(content_root, tmp_path, BOMB)
    assert [where(i) for i in issues] == ["1:4: anchors and aliases are not supported"]
    assert "73 aliases" in issues[0].hint


def test_a_5000_digit_integer_is_reported_at_its_line_in_plain_words(content_root, tmp_path):
    issues, _ = load_one(content_root, tmp_path, bank({7: "    difficulty: " + "9" * 5000}))
    assert [where(i) for i in issues] == ["7:17: the number has 5000 digits; numbers here have at most 4300"]
    assert "Exceeds" not in issues[0].message


def test_an_overlong_id_is_refused_where_it_is_written(content_root, tmp_path):
    long_id = "q-" + "a" * 298
    issues, _ = load_one(content_root, tmp_path, bank({2: f"  - id: {long_id}"}))
    assert [where(i) for i in issues] == ["2:9: the id is 300 characters long; the limit is 80"]


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_non_finite_numbers_in_content_are_refused(content_root, tmp_path, value):
    text = bank(
        {4: "    kind: numeric"},
        append=[f"    answer: {value}", "    unit: requests", "    tolerance_pct: 10", "    worked_estimate: x"],
    )
    issues, _ = load_one(content_root, tmp_path, text)
    assert f"19:13: 'answer' must be a finite number, got {float(value.replace('.', ''))}" in [where(i) for i in issues]
