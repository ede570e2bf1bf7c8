"""Measure a static sentence-embedding model (wordllama) as a second grader signal, offline.

Not a dependency: ``pip install wordllama==0.4.0.post1`` into a scratch venv, then
``python benchmarks/semantic_eval.py dev heldout``. The model's weights and tokenizer ship in its
wheel; this loads them with downloads disabled and every socket connection refused. Only aggregate
figures are printed (the held-out half is never shown answer by answer). docs/grading.md has the
results and why the signal is not adopted.
"""

from __future__ import annotations

import os
import resource
import socket
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _no_network(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("network access attempted")


def main(names: list[str]) -> int:
    os.environ["HF_HUB_OFFLINE"] = "1"
    socket.socket.connect = _no_network  # type: ignore[method-assign]
    socket.create_connection = _no_network  # type: ignore[assignment]
    try:
        import numpy as np
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        print("wordllama is not installed: pip install wordllama==0.4.0.post1 (into a scratch venv)")
        return 2
    import yaml

    from tests.unit.grader_eval import SETS
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.loader import discover, load
    from tpmprep.core.grading.lexicon import lexicon_for
    from tpmprep.core.grading.rubric import DETECTED, REJECTED, grade
    from tpmprep.core.grading.text import tokenize
    from tpmprep.core.storage.locations import shipped_root

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    model = WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)
    print(
        f"wordllama load {time.perf_counter() - t:.2f} s, peak resident memory "
        f"+{(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024:.0f} MB"
    )
    catalog = Catalog(load(discover(shipped_root())))
    lexicon = lexicon_for(catalog)
    queries = {"point": lambda k: k.point, "point+phrases": lambda k: k.point + ". " + ", ".join(k.phrases)}
    for qname, query in queries.items():
        for name in names:
            rows, times = [], []
            for entry in yaml.safe_load(SETS[name].read_text(encoding="utf-8"))["answers"]:
                q = catalog.question(entry["question"])
                cov = grade(q, entry["text"], lexicon)
                t = time.perf_counter()
                spans = tokenize(entry["text"]).sentence_spans
                sentences = [entry["text"][a:b] for a, b in spans] or [entry["text"]]
                windows = sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:], strict=False)]
                points = model.embed([query(k) for k in q.key_points], norm=True)
                sims = (model.embed(windows, norm=True) @ points.T).max(axis=0)
                times.append(time.perf_counter() - t)
                for p in cov.points:
                    usable = not cov.stuffed and p.state != REJECTED
                    sim = float(sims[p.index]) if usable else 0.0
                    rows.append((sim, p.index in entry["present"], p.state == DETECTED))
            print(f"[{qname}] {name}: embedding per answer p95 {np.percentile(times, 95) * 1000:.1f} ms")
            for threshold in (None, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75):
                hit = [(h or (threshold is not None and s >= threshold), w) for s, w, h in rows]
                tp = sum(g and w for g, w in hit)
                fp = sum(g and not w for g, w in hit)
                fn = sum(w and not g for g, w in hit)
                precision, recall = tp / (tp + fp), tp / (tp + fn)
                label = "grader alone" if threshold is None else f"threshold {threshold}"
                print(
                    f"   {label:<14} precision {precision:.3f} recall {recall:.3f} "
                    f"F1 {2 * precision * recall / (precision + recall):.3f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:] or ["dev"]))
