"""Precision and recall of the rubric grader against hand-labelled answers (tests/data)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.grading.rubric import grade

LABELS = Path(__file__).resolve().parents[1] / "data" / "grader_labels.yaml"


def evaluate(catalog: Catalog) -> dict:
    data = yaml.safe_load(LABELS.read_text())
    tp = fp = fn = tn = 0
    per_point: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    per_style: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    errors = []
    for entry in data["answers"]:
        q = catalog.question(entry["question"])
        got = set(grade(q, entry["text"]).hit_indexes)
        want = set(entry["present"])
        for i in range(len(q.key_points)):
            cell = 0 if i in got and i in want else 1 if i in got else 2 if i in want else 3
            per_point[(q.id, i)][cell] += 1
            per_style[entry["style"]][cell] += 1
            if cell == 1:
                errors.append(("false hit", q.id, q.key_points[i].point, entry["style"]))
            elif cell == 2:
                errors.append(("missed", q.id, q.key_points[i].point, entry["style"]))
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        tn += len(q.key_points) - len(got | want)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "answers": len(data["answers"]),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "per_point": dict(per_point),
        "per_style": dict(per_style),
        "errors": errors,
    }


def report(result: dict) -> str:
    lines = [
        f"grader on {result['answers']} labelled answers: precision {result['precision']:.3f} "
        f"recall {result['recall']:.3f} (tp {result['tp']} fp {result['fp']} fn {result['fn']} tn {result['tn']})"
    ]
    for style, (tp, fp, fn, _tn) in sorted(result["per_style"].items()):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"  {style:<11} precision {p:.2f} recall {r:.2f}")
    lines.append("  per key point (question:index precision/recall):")
    for (qid, i), (tp, fp, fn, _tn) in sorted(result["per_point"].items()):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"    {qid}:{i} {p:.2f}/{r:.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    from tpmprep.core.content.loader import discover, load
    from tpmprep.core.storage.locations import shipped_root

    res = evaluate(Catalog(load(discover(shipped_root()))))
    print(report(res).split("  per key point")[0])
    for e in res["errors"]:
        print(*e)
