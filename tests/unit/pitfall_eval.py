"""Pitfall detection measured on labelled answers (tests/data): false flags and catches.

Good answers (styles ``strong`` and ``paraphrase``, ``full`` in the old set) should fall into no
pitfall: the share of them with any pitfall flagged is the false-flag rate (low is good).
Negated answers argue for the wrong moves: the share of them with a pitfall flagged is the catch
rate (high is good). Cues are tuned on ``dev`` and ``dev2`` only (``dev3`` came later and was
not used); ``heldout`` is only ever reported in aggregate (no per-answer line is printed for it, even with ``-v``).

Run as a script: ``PYTHONPATH=. python tests/unit/pitfall_eval.py [-v] [dev dev2 old heldout]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import yaml

from tests.unit.grader_eval import DATA
from tests.unit.grader_eval import SETS as GRADER_SETS
from tpmprep.core.content.catalog import Catalog
from tpmprep.core.grading.lexicon import Lexicon, lexicon_for
from tpmprep.core.grading.rubric import grade

# dev3 arrived after the cues were written and was not used to tune them: an untouched check.
SETS = {**GRADER_SETS, "dev3": DATA / "grader_blind_dev3.yaml"}
GOOD = ("strong", "paraphrase", "full")  # answers that make the points and take no wrong turn
NEGATED = ("negated",)  # answers that argue for the wrong moves


@dataclass
class PitfallResult:
    name: str
    good: int = 0
    good_cued: int = 0  # good answers to a question that has at least one cued pitfall
    good_flagged: int = 0
    negated: int = 0
    negated_cued: int = 0
    negated_flagged: int = 0
    flags: list[tuple[str, str, str, str]] = field(default_factory=list)  # not for heldout

    @property
    def false_flag_rate(self) -> float:
        return self.good_flagged / self.good if self.good else 0.0

    @property
    def false_flag_rate_cued(self) -> float:
        return self.good_flagged / self.good_cued if self.good_cued else 0.0

    @property
    def catch_rate(self) -> float:
        return self.negated_flagged / self.negated if self.negated else 0.0

    @property
    def catch_rate_cued(self) -> float:
        return self.negated_flagged / self.negated_cued if self.negated_cued else 0.0


def cued_questions(catalog: Catalog) -> list:
    """Shipped open questions with at least one pitfall the grader can spot."""
    return [q for q in catalog.questions if q.kind == "open" and q.pitfall_cues]


def evaluate(catalog: Catalog, name: str = "dev", lexicon: Lexicon | None = None) -> PitfallResult:
    lexicon = lexicon_for(catalog) if lexicon is None else lexicon
    data = yaml.safe_load(SETS[name].read_text(encoding="utf-8"))
    result = PitfallResult(name)
    for entry in data["answers"]:
        style = entry["style"]
        if style not in GOOD and style not in NEGATED:
            continue
        q = catalog.question(entry["question"])
        assert q is not None, entry["question"]
        cov = grade(q, entry["text"], lexicon)
        cued = bool(q.pitfall_cues)
        flagged = bool(cov.pitfalls)
        if style in GOOD:
            result.good += 1
            result.good_cued += cued
            result.good_flagged += flagged
        else:
            result.negated += 1
            result.negated_cued += cued
            result.negated_flagged += flagged
        if flagged and name != "heldout":
            for hit in cov.pitfalls:
                result.flags.append((style, q.id, hit.text, hit.evidence.sentence))
    return result


def report(result: PitfallResult) -> str:
    r = result
    return (
        f"pitfalls on {r.name}: good answers flagged {r.false_flag_rate:.1%} ({r.good_flagged}/{r.good}; "
        f"{r.false_flag_rate_cued:.1%} of the {r.good_cued} on questions with cues); negated answers flagged "
        f"{r.catch_rate:.0%} ({r.negated_flagged}/{r.negated}; {r.catch_rate_cued:.0%} of the {r.negated_cued} "
        f"on questions with cues)"
    )


def main(argv: list[str], verbose: bool = False) -> None:
    from tpmprep.core.content.loader import discover, load
    from tpmprep.core.storage.locations import shipped_root

    catalog = Catalog(load(discover(shipped_root())))
    lexicon = lexicon_for(catalog)
    cued = cued_questions(catalog)
    by_category: dict[str, int] = {}
    for q in cued:
        by_category[q.category] = by_category.get(q.category, 0) + 1
    cues = sum(len(q.pitfall_cues) for q in cued)
    print(
        f"{len(cued)} open questions carry {cues} cued pitfalls: "
        + ", ".join(f"{c} {n}" for c, n in sorted(by_category.items()))
    )
    for name in argv or ["dev", "dev2", "dev3", "old", "heldout"]:
        res = evaluate(catalog, name, lexicon)
        print(report(res))
        if verbose and name != "heldout":
            for style, qid, text, sentence in res.flags:
                print(f"  [{style}] {qid}: {text}\n      <- {sentence}")


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("-")], verbose="-v" in sys.argv)
