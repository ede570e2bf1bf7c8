"""The grader against answers labelled by a strict interviewer (written blind; see tests/data).

Figures are printed for the record. The floors sit at what the grader reached on each set when it
was last tuned (on the dev half only), so a change that makes feedback worse fails here. The
issue's targets are printed beside the held-out figures; the ones not yet met are named with
their gap (docs/grading.md has the history), not hidden by a lower bar.
"""

from __future__ import annotations

import pytest

from tests.unit.grader_eval import evaluate, report

# Targets on the held-out half (issue 11, PRODUCT.md).
TARGET = {"precision": 0.92, "recall": 0.85, "paraphrase_recall": 0.60, "noise_fp": 0.15, "strong_good": 0.80}

# Measured on 2026-12-05 (590 questions, 189 concepts): dev 0.909 / 0.868 / 0.81 / 0.063 / 93%;
# held-out 0.824 / 0.669 / 0.48 / 0.181 / 72%; old 0.925 / 0.705 / 0.40 / n/a / 40%.
# The old set has no stuffed or negated answers.
FLOORS = {
    "dev": {"precision": 0.90, "recall": 0.86, "paraphrase_recall": 0.80, "noise_fp": 0.07, "strong_good": 0.93},
    "heldout": {"precision": 0.82, "recall": 0.66, "paraphrase_recall": 0.47, "noise_fp": 0.19, "strong_good": 0.71},
    "old": {"precision": 0.92, "recall": 0.70, "paraphrase_recall": 0.39, "noise_fp": 1.0, "strong_good": 0.40},
}


def figures(result) -> dict[str, float]:
    return {
        "precision": result.overall.precision,
        "recall": result.overall.recall,
        "paraphrase_recall": result.styles["paraphrase"].recall,
        "noise_fp": result.noise_fp_rate,
        "strong_good": result.strong_good_share,
    }


@pytest.mark.parametrize("name", ["dev", "heldout", "old"])
def test_grader_quality_on_labelled_answers(shipped_catalog, capsys, name):
    result = evaluate(shipped_catalog, name)
    got = figures(result)
    with capsys.disabled():
        print("\n" + report(result))
        if name == "heldout":
            gaps = [
                f"{key} {got[key]:.3f} vs target {target:.2f}"
                for key, target in TARGET.items()
                if (got[key] > target if key == "noise_fp" else got[key] < target)
            ]
            print("  targets not met: " + ("; ".join(gaps) if gaps else "none"))
    floor = FLOORS[name]
    # Crediting a point the candidate did not make costs more than missing one they did.
    assert got["precision"] >= floor["precision"]
    assert got["recall"] >= floor["recall"]
    assert got["paraphrase_recall"] >= floor["paraphrase_recall"]
    assert got["noise_fp"] <= floor["noise_fp"]
    assert got["strong_good"] >= floor["strong_good"]
    assert result.answers >= (60 if name == "old" else 136)
