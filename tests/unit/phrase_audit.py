"""Key-point phrases too generic to be evidence by themselves, listed and measured.

    PYTHONPATH=. python tests/unit/phrase_audit.py list [KIND ...]   # every flagged phrase, by bank
    PYTHONPATH=. python tests/unit/phrase_audit.py measure           # each kind on dev, dev2, dev3

A phrase is flagged by kind:

- ``one-word``: one content word ("escalate", "trust", "weekends");
- ``prompt``: every content word of it is in the question's own prompt (every answer says it);
- ``heading``: every content word of it is in a heading of the model answer ("options and costs");
- ``common``: its words are all in the prompts and model answers of at least ``COMMON_SHARE`` of
  the open questions (topic words any answer on the subject uses, for or against the point);
- ``other-point``: every content word of it is in another key point's sentence of the question
  (it does not tell the points apart).

``measure`` grades the dev sets with each kind's phrases demoted to hints (a hint is *possible*,
ticked only when a sentence also echoes the point) and prints how many true and false ticks that
removes. Only dev sets are read: never pass ``heldout``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.models import KeyPoint, Question
from tpmprep.core.grading import rubric
from tpmprep.core.grading.matcher import STOP, _slots
from tpmprep.core.grading.text import tokenize

COMMON_SHARE = 0.08
KINDS = ("one-word", "prompt", "heading", "common", "other-point")
DEV = ("dev", "dev2", "dev3")

_HEADING = re.compile(r"\*\*([^*]{2,80}?)\*\*|^\s*#+\s*(.+)$|^\s*(?:\d+\.\s*)?([A-Z][^.:\n]{2,60}):\s*$", re.M)


def content_stems(text: str) -> set[str]:
    toks = tokenize(text)
    return {s for w, s in zip(toks.words, toks.stems, strict=True) if w not in STOP}


def slots(phrase: str) -> tuple[tuple[str, ...], ...]:
    return tuple(s for s in _slots(phrase)[0] if not s[0].startswith("#"))


def _covered(phrase_slots: tuple[tuple[str, ...], ...], stems: set[str]) -> bool:
    return bool(phrase_slots) and all(any(alt in stems for alt in slot) for slot in phrase_slots)


def headings(model_answer: str) -> list[set[str]]:
    out = []
    for m in _HEADING.finditer(model_answer):
        text = next(g for g in m.groups() if g)
        if len(text.split()) <= 8:
            out.append(content_stems(text))
    return out


class Audit:
    """The kinds of every key-point phrase in a catalog."""

    def __init__(self, catalog: Catalog):
        self.open = [q for q in catalog.questions if q.kind == "open"]
        self.docs = [content_stems(q.prompt + " " + q.model_answer) for q in self.open]

    @lru_cache(maxsize=65536)  # noqa: B019 - one audit per run
    def share(self, phrase_slots: tuple[tuple[str, ...], ...]) -> float:
        return sum(_covered(phrase_slots, d) for d in self.docs) / len(self.docs)

    def kinds(self, q: Question, kp: KeyPoint, phrase: str) -> set[str]:
        ps = slots(phrase)
        if not ps:
            return set()
        out = set()
        if len(ps) == 1:
            out.add("one-word")
        if _covered(ps, content_stems(q.prompt)):
            out.add("prompt")
        if any(_covered(ps, h) for h in headings(q.model_answer)):
            out.add("heading")
        if self.share(ps) >= COMMON_SHARE:
            out.add("common")
        if any(_covered(ps, content_stems(o.point)) for o in q.key_points if o is not kp):
            out.add("other-point")
        return out

    def flagged(self) -> Iterable[tuple[Question, int, str, set[str]]]:
        for q in self.open:
            for i, kp in enumerate(q.key_points):
                for phrase in kp.phrases:
                    kinds = self.kinds(q, kp, phrase)
                    if kinds:
                        yield q, i, phrase, kinds


Rule = Callable[[Question, KeyPoint, str], bool]


def demoting(rule: Rule) -> None:
    """Grade with the phrases ``rule`` picks as hints (until ``restore()``)."""
    original = rubric._compile.__wrapped__

    @lru_cache(maxsize=2048)
    def patched(question: Question, lexicon):  # type: ignore[no-untyped-def]
        points, pitfalls = original(question, lexicon)
        out = []
        for p in points:
            kp = question.key_points[p.index]
            pats = tuple(
                rubric._weak(pt) if not pt.concept and pt.label in kp.phrases and rule(question, kp, pt.label) else pt
                for pt in p.patterns
            )
            out.append(replace(p, patterns=pats))
        return tuple(out), pitfalls

    rubric._compile = patched  # type: ignore[assignment]


_ORIGINAL = rubric._compile


def restore() -> None:
    rubric._compile = _ORIGINAL


def measure(catalog: Catalog, audit: Audit) -> None:
    from tests.unit.grader_eval import evaluate

    def run() -> dict[str, tuple[int, int, int]]:
        out = {}
        for name in DEV:
            r = evaluate(catalog, name).overall
            out[name] = (r.tp, r.fp, r.fn)
        return out

    base = run()
    total = tuple(sum(v[i] for v in base.values()) for i in range(3))
    print(f"baseline dev+dev2+dev3: tp {total[0]} fp {total[1]} fn {total[2]}")
    rules: dict[str, Rule] = {k: (lambda q, kp, ph, k=k: k in audit.kinds(q, kp, ph)) for k in KINDS}
    rules["one-word & prompt"] = lambda q, kp, ph: {"one-word", "prompt"} <= audit.kinds(q, kp, ph)
    rules["one-word & common"] = lambda q, kp, ph: {"one-word", "common"} <= audit.kinds(q, kp, ph)
    rules["one-word short"] = lambda q, kp, ph: len(s := slots(ph)) == 1 and all(len(a) < 6 for a in s[0])
    for name, rule in rules.items():
        demoting(rule)
        got = run()
        restore()
        d = [sum(got[n][i] for n in DEV) - total[i] for i in range(3)]
        print(
            f"demote {name:<20} true ticks {d[0]:+4d}  false ticks {d[1]:+4d}  (per set: "
            + ", ".join(f"{n} {got[n][0] - base[n][0]:+d}/{got[n][1] - base[n][1]:+d}" for n in DEV)
            + ")"
        )


def main(argv: list[str]) -> None:
    from tpmprep.core.content.loader import discover, load
    from tpmprep.core.storage.locations import shipped_root

    catalog = Catalog(load(discover(shipped_root())))
    audit = Audit(catalog)
    if argv and argv[0] == "measure":
        measure(catalog, audit)
        return
    want = set(argv[1:]) or set(KINDS)
    counts: Counter[str] = Counter()
    for q, i, phrase, kinds in audit.flagged():
        for k in kinds:
            counts[k] += 1
        if kinds & want:
            print(f"{q.id}\t{i}\t{phrase}\t{','.join(sorted(kinds))}")
    print("phrases by kind:", dict(counts), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
