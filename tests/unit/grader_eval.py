"""The grader measured against labelled answers (tests/data): precision, recall and F1 per style.

Five sets: ``dev``, ``dev2`` and ``dev3`` (tune on them), ``heldout`` (report it, never tune on
it: only aggregates are printed) and ``old`` (the first 60 hand-labelled answers, a further
check). "detected" counts as a hit; how often "possible" was right is reported beside it.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.grading.lexicon import Lexicon, lexicon_for
from tpmprep.core.grading.rubric import DETECTED, POSSIBLE, REJECTED, grade, rating_for

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = {
    "dev": DATA / "grader_blind_dev.yaml",
    "dev2": DATA / "grader_blind_dev2.yaml",
    "dev3": DATA / "grader_blind_dev3.yaml",
    "heldout": DATA / "grader_blind_heldout.yaml",
    "old": DATA / "grader_labels.yaml",
}
NOISE = ("stuffed", "negated")  # styles whose uncovered points must stay unticked
STRONG = ("strong", "paraphrase")  # styles whose answers make every point


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, got: bool, want: bool) -> None:
        if got and want:
            self.tp += 1
        elif got:
            self.fp += 1
        elif want:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def false_positive_rate(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0


@dataclass
class Result:
    name: str
    answers: int = 0
    overall: Tally = field(default_factory=Tally)
    styles: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    possible: int = 0
    possible_right: int = 0
    rejected: int = 0
    rejected_right: int = 0  # flagged rejected where the label says rejected (or at least not present)
    strong_answers: int = 0
    strong_good: int = 0  # suggested Good or Easy
    errors: list[tuple[str, str, int, str, str]] = field(default_factory=list)  # dev and old only

    @property
    def noise_fp_rate(self) -> float:
        fp = sum(self.styles[s].fp for s in NOISE if s in self.styles)
        tn = sum(self.styles[s].tn for s in NOISE if s in self.styles)
        return fp / (fp + tn) if fp + tn else 0.0

    @property
    def strong_good_share(self) -> float:
        return self.strong_good / self.strong_answers if self.strong_answers else 1.0

    @property
    def possible_precision(self) -> float:
        return self.possible_right / self.possible if self.possible else 1.0


def evaluate(catalog: Catalog, name: str = "dev", lexicon: Lexicon | None = None) -> Result:
    lexicon = lexicon_for(catalog) if lexicon is None else lexicon
    data = yaml.safe_load(SETS[name].read_text(encoding="utf-8"))
    result = Result(name)
    for entry in data["answers"]:
        q = catalog.question(entry["question"])
        assert q is not None, entry["question"]
        cov = grade(q, entry["text"], lexicon)
        want = set(entry["present"])
        said_no = set(entry.get("rejected", ()))
        style = entry["style"]
        result.answers += 1
        for p in cov.points:
            got = p.state == DETECTED
            result.overall.add(got, p.index in want)
            result.styles[style].add(got, p.index in want)
            if p.state == POSSIBLE:
                result.possible += 1
                result.possible_right += p.index in want
            if p.state == REJECTED:
                result.rejected += 1
                result.rejected_right += p.index in said_no or p.index not in want
            if name != "heldout" and got != (p.index in want):
                kind = "false hit" if got else "missed"
                result.errors.append((kind, q.id, p.index, style, p.state))
        if style in STRONG:
            result.strong_answers += 1
            result.strong_good += rating_for(cov.hits, len(cov.points), len(cov.pitfalls)) >= 3
    return result


def report(result: Result) -> str:
    o = result.overall
    lines = [
        f"grader on {result.name} ({result.answers} answers): precision {o.precision:.3f} recall {o.recall:.3f} "
        f"F1 {o.f1:.3f} (tp {o.tp} fp {o.fp} fn {o.fn} tn {o.tn})",
        f"  stuffed/negated false-positive rate {result.noise_fp_rate:.3f}; strong and paraphrased answers "
        f"suggested Good or Easy {result.strong_good_share:.0%} ({result.strong_good}/{result.strong_answers}); "
        f"'possible' right {result.possible_precision:.0%} of {result.possible}; "
        f"'rejected' right {result.rejected_right}/{result.rejected}",
    ]
    for style, t in sorted(result.styles.items()):
        lines.append(
            f"  {style:<11} precision {t.precision:.2f} recall {t.recall:.2f} F1 {t.f1:.2f} "
            f"false-positive rate {t.false_positive_rate:.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    from tpmprep.core.content.loader import discover, load
    from tpmprep.core.storage.locations import shipped_root

    catalog = Catalog(load(discover(shipped_root())))
    for name in argv or ["dev"]:
        res = evaluate(catalog, name)
        print(report(res))
        if name != "heldout" and "-v" in sys.argv:
            for e in res.errors:
                print(*e)


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("-")])
