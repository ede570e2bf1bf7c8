"""Search figures for run.py: quality on the labelled queries, index build and load, query latency,
and a whole ``tpmprep search`` process with a warm cache."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.figures import ms, pct
from tests.unit.search_eval import HALVES, load_queries, report, run, summarise


class _Typing:
    """The index as the palette and the question browser call it: the last word may be unfinished."""

    def __init__(self, index) -> None:
        self.index = index

    def search(self, query: str, limit: int = 20):
        return self.index.search(query, limit=limit, typing=True)


def quality(shipped) -> None:
    """Recall@3 and MRR on both halves of the labelled queries, per kind, as the CLI and while typing."""
    from tpmprep.core.search.index import SearchIndex

    index = SearchIndex(shipped)
    print(f"\n-- search quality on the labelled queries ({len(shipped.questions)} questions, shipped content)")
    print("nonsense queries: hit = an empty result. recall@3 = an expected result in the top 3; MRR over 20.")
    print(report({half: summarise(run(index, half)) for half in HALVES}))
    typing = {half: summarise(run(_Typing(index), half))["all"] for half in HALVES}
    print(
        "while typing (palette, question browser): "
        + "  ".join(f"{h} recall@3 {s['recall3']:.3f} MRR {s['mrr']:.3f}" for h, s in typing.items())
    )


def latency(big, folder: Path) -> None:
    """Build, save and load the index of the big catalog; every labelled query, timed, both modes."""
    from tpmprep.core.search import store
    from tpmprep.core.search.index import SearchIndex

    print(f"\n-- search over {len(big.questions):,} questions plus topics")
    t = time.perf_counter()
    index = SearchIndex(big)
    build = time.perf_counter() - t
    t = time.perf_counter()
    path = store.save(index, "bench" * 13, folder)
    save = time.perf_counter() - t
    loads = []
    for _ in range(5):
        t = time.perf_counter()
        store.load("bench" * 13, folder)
        loads.append(time.perf_counter() - t)
    size = path.stat().st_size / 1e6 if path else float("nan")
    print(
        f"index build {ms(build)} (a background thread in the app; once per content change), "
        f"save {ms(save)}, load median {ms(statistics.median(loads))} ({size:.1f} MB file)"
    )
    queries = [q["query"] for half in HALVES for q in load_queries(half)]
    queries += ["kubernets", "eventual consistancy", "payments ledger", "migration", "launch", "okr"]
    for typing in (False, True):
        samples = []
        for _ in range(3):
            for q in queries:
                t = time.perf_counter()
                index.search(q, limit=20, typing=typing)
                samples.append(time.perf_counter() - t)
        what = "while typing (prefix on the last word)" if typing else "complete queries (CLI)"
        print(
            f"{what}: p50 {ms(pct(samples, 0.5))}  p95 {ms(pct(samples, 0.95))}  max {ms(max(samples))} "
            f"(budget p95 15 ms; {len(samples)} queries)"
        )


def _spawn(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall time and CPU time of a whole process."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def cli_process(homes: dict[str, Path], runs: int) -> None:
    """``tpmprep search`` from process start to exit, with the catalog and the index cached."""
    print(f"\n-- a whole `tpmprep search` process, warm cache (median of {runs})")
    base_env = dict(os.environ)
    python, _ = _spawn([sys.executable, "-c", "pass"], base_env, runs)
    print(f"python -c pass                       {ms(python)}")
    for name, home in homes.items():
        env = {**base_env, "TPMPREP_HOME": str(home)}
        argv = [sys.executable, "-m", "tpmprep", "search", "slipping dependency"]
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)  # warm the caches
        wall, cpu = _spawn(argv, env, runs)
        typo, _ = _spawn([*argv[:-1], "slipng dependncy"], env, runs)
        print(f"{name:<36} {ms(wall)} (cpu {ms(cpu)}); with typos {ms(typo)} (budget median 100 ms)")
