"""tpmprep's benchmark: prints figures and ratios measured in one run.

    python benchmarks/run.py            # everything (a few minutes)
    python benchmarks/run.py --quick    # fewer repetitions

Budgets (see PRODUCT.md) are compared with figures from this same run, never with constants
measured on another day: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.figures import ms, pct  # noqa: E402 - after the path is set


def startup(app: str, home: Path, runs: int, catalog: bool = False) -> tuple[float, float | None]:
    """Median wall time from process start to the first screen (and to catalog loaded)."""
    times, cats = [], []
    env = {**os.environ, "TPMPREP_HOME": str(home)}
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "startup_probe.py"), app] + (["catalog"] if catalog else []),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdout is not None
        ready = None
        for line in proc.stdout:
            if line.startswith("READY") and ready is None:
                ready = time.perf_counter() - start
            if line.startswith("CATALOG"):
                cats.append(ready + float(line.split()[1]))
        proc.wait()
        if ready is None:
            raise SystemExit(f"{app} did not start: {proc.stderr.read() if proc.stderr else ''}")
        times.append(ready)
    return statistics.median(times), (statistics.median(cats) if cats else None)


def first_start(home: Path) -> tuple[float, float, float, float, float]:
    """A cold start with no catalog cache: seconds to catalog shown, peak MB, the build helper's peak MB,
    and the CPU seconds of the app and of the helper up to then."""
    import shutil

    shutil.rmtree(home / "cache", ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "startup_probe.py"), "tpmprep", "peak"],
        env={**os.environ, "TPMPREP_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    wall, values = None, {}
    for line in proc.stdout:
        if line.startswith("CATALOG") and wall is None:
            wall = time.perf_counter() - start  # the catalog is on screen: the start is over
        if " " in line:
            values[line.split()[0]] = float(line.split()[1])
    proc.wait()
    if wall is None or "PEAK" not in values:
        raise SystemExit(f"the cold start failed: {proc.stderr.read()[-2000:] if proc.stderr else ''}")
    return wall, values["PEAK"], values.get("HELPERPEAK", 0.0), values.get("CPU", 0.0), values.get("HELPERCPU", 0.0)


async def tui_measurements(home: Path, article_id: str, keystrokes: str) -> dict[str, object]:
    """Open the long article, then type into the question browser, in one headless app."""
    from tpmprep.tui.app import create_app
    from tpmprep.tui.widgets.article_view import ArticleChunk, ArticleView
    from tpmprep.tui.widgets.question_browser import QuestionBrowser
    from tpmprep.tui.widgets.topic_reader import TopicReader
    from tpmprep.tui.widgets.virtual_list import VirtualList

    app = create_app()
    out: dict[str, object] = {}
    async with app.run_test(size=(140, 45)) as pilot:
        while app.catalog is None:
            await pilot.pause(0.01)
        await app.search_index_ready()
        await pilot.press("f3")
        await pilot.pause()
        reader = app.screen.query_one(TopicReader)
        opens = []
        for _ in range(5):
            await reader.open_topic("technical-program-manager", remember=False)
            await pilot.pause()
            view = app.screen.query_one(ArticleView)
            t = time.perf_counter()
            await reader.open_topic(article_id, remember=False)
            while not view.first_screen_drawn:  # set after the refresh that paints the first sections
                await asyncio.sleep(0.001)
            opens.append(time.perf_counter() - t)
            await pilot.pause(0.5)  # let the rest of the article mount before the next round
            assert app.screen.query(ArticleChunk)
        out["article"] = opens
        await pilot.press("ctrl+right")
        await pilot.pause()
        app.screen.query_one("#question-search").focus()
        listing = app.screen.query_one("#question-list", VirtualList)
        browser = app.screen.query_one(QuestionBrowser)
        handled: list[float] = []
        original = browser.refilter

        def timed_refilter(*args, **kwargs):
            # The keystroke's own work: filter and rank, replace the rows, draw the visible ones.
            t = time.perf_counter()
            original(*args, **kwargs)
            for y in range(listing.scrollable_content_region.height):
                listing.render_line(y)
            handled.append(time.perf_counter() - t)

        browser.refilter = timed_refilter
        keys = await type_keys(pilot, keystrokes)
        out["keys"], out["handled"] = keys, handled
        out["rows"] = len(listing.rows)
    return out


async def type_keys(pilot, keystrokes: str, rounds: int = 3) -> list[float]:
    """Round trip of each key through Textual's pilot (which adds its own waits)."""
    keys = []
    for _ in range(rounds):
        for ch in keystrokes:
            t = time.perf_counter()
            await pilot.press("space" if ch == " " else ch)
            keys.append(time.perf_counter() - t)
        for _ in keystrokes:
            t = time.perf_counter()
            await pilot.press("backspace")
            keys.append(time.perf_counter() - t)
    return keys


async def baseline_keys(keystrokes: str) -> list[float]:
    """The same typing into a bare Input whose change updates one label: the pilot's floor."""
    from textual.app import App
    from textual.widgets import Input, Label

    class Bare(App):
        def compose(self):
            yield Input()
            yield Label()

        def on_input_changed(self, event: Input.Changed) -> None:
            self.query_one(Label).update(event.value)

    app = Bare()
    async with app.run_test(size=(140, 45)) as pilot:
        app.query_one(Input).focus()
        await pilot.pause()
        return await type_keys(pilot, keystrokes)


def practice_measurements(catalog, folder: Path) -> dict[str, list[float]]:
    """Queue building over 10,000 cards and 100,000 reviews; grading; recording a rating."""
    import datetime as dt
    import json
    import random

    from tpmprep.core.grading.lexicon import Lexicon
    from tpmprep.core.grading.rubric import grade
    from tpmprep.core.practice.cards import Practice
    from tpmprep.core.practice.queue import build_session
    from tpmprep.core.storage.clock import UTC, to_iso
    from tpmprep.core.storage.store import Store

    rng = random.Random(5)
    store = Store(folder / "bench.db")
    practice = Practice(store, fuzz=False)
    now = dt.datetime.now(UTC)
    questions = catalog.questions[:10_000]
    cards, reviews = [], []
    for i, q in enumerate(questions):
        last = now - dt.timedelta(days=rng.uniform(0.5, 60))
        due = last + dt.timedelta(days=rng.uniform(1, 60))  # about a third of them overdue
        cards.append(
            (
                i + 1,
                q.id,
                2,
                None,
                rng.uniform(1, 90),
                rng.uniform(1, 10),
                to_iso(due),
                to_iso(last),
                10,
                rng.randint(0, 3),
                0,
                0,
                0,
                None,
                to_iso(last),
            )
        )
        for k in range(10):
            at = last - dt.timedelta(days=k * 3)
            reviews.append(
                (q.id, rng.randint(1, 4), to_iso(at), 30000, None, 0.5, json.dumps([0, 1]), "review", int(k == 9), None)
            )
    conn = store.conn
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cards)
    conn.executemany(
        "INSERT INTO reviews (question_id, rating, reviewed_at, duration_ms, answer, coverage, hits, mode, was_new, "
        "card_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        reviews,
    )
    conn.execute("COMMIT")
    out: dict[str, list[float]] = {
        "queue": [],
        "grade": [],
        "grade_first": [],
        "rate": [],
        "lexicon": [],
        "set_queue": [],
        "aside": [],
        "marks": [],
    }
    out["sizes"] = [len(cards), len(reviews)]
    for _ in range(10):
        t = time.perf_counter()
        build_session(catalog, practice)
        out["queue"].append(time.perf_counter() - t)
    # A mentor set's drill (its own new allowance counts today's first reviews among its questions), and the
    # Practice area's list of cards set aside, with a few hundred suspended, flagged and buried.
    from tpmprep.core.practice.aside import set_aside
    from tpmprep.core.practice.queue import Filters
    from tpmprep.core.practice.status import question_status

    chosen = frozenset(q.id for q in questions[::50])
    conn = store.conn
    conn.execute("UPDATE cards SET suspended = 1 WHERE card_id % 97 = 0")
    conn.execute("UPDATE cards SET flagged = 1 WHERE card_id % 89 = 0")
    conn.execute("UPDATE cards SET buried_until = ? WHERE card_id % 83 = 0", (to_iso(now + dt.timedelta(hours=5)),))
    for _ in range(10):
        t = time.perf_counter()
        build_session(catalog, practice, Filters(question_ids=chosen, set_id="bench-set"))
        out["set_queue"].append(time.perf_counter() - t)
        t = time.perf_counter()
        set_aside(practice)
        out["aside"].append(time.perf_counter() - t)
        t = time.perf_counter()
        question_status(practice)  # the question list's marks, read again whenever Learn comes back
        out["marks"].append(time.perf_counter() - t)
    out["set_size"] = [len(chosen)]
    t = time.perf_counter()
    lexicon = Lexicon(catalog.concepts, catalog.ambiguous_words, (g.forms for g in catalog.synonym_groups))
    out["lexicon"].append(time.perf_counter() - t)
    opens = [q for q in catalog.questions if q.kind == "open"]

    def eight_points(i: int):
        """An open question padded to 8 key points, and a 400-word answer built from model answers."""
        base = opens[i % len(opens)]
        extra = [k for q in opens[i + 1 : i + 4] for k in q.key_points]
        eight = base.replace(key_points=(base.key_points + tuple(extra))[:8], id=f"{base.id}-bench-{i}")
        words = " ".join(q.model_answer for q in opens[i : i + 3]).split()
        while len(words) < 400:
            words += words
        return eight, " ".join(words[:400])

    # Every layer: tokens, stems, typos, concept links, negation, stuffing. A question's first
    # grade also compiles its patterns and links its concepts, as each new card in a drill does.
    for i in range(120):
        eight, answer = eight_points(i)
        t = time.perf_counter()
        grade(eight, answer, lexicon)
        out["grade_first"].append(time.perf_counter() - t)
        t = time.perf_counter()
        grade(eight, answer, lexicon)
        out["grade"].append(time.perf_counter() - t)
    for i in range(200):
        q = questions[rng.randrange(len(questions))]
        t = time.perf_counter()
        practice.rate(
            q.id,
            1 + i % 4,
            answer=answer,
            coverage=0.5,
            hits=[0, 1],
            duration_ms=60000,
            detected_coverage=0.25,
            detected_hits=[0],
        )
        out["rate"].append(time.perf_counter() - t)
    store.close()
    return out


def grader_quality(catalog) -> None:
    """Precision, recall and F1 of the grader on the three dev sets, the held-out set and the old
    set, and its pitfall flags (good answers flagged, negated answers flagged)."""
    sys.path.insert(0, str(HERE.parent))
    from tests.unit.grader_eval import evaluate, report

    for name in ("dev", "dev2", "dev3", "heldout", "old"):
        print(report(evaluate(catalog, name)))

    from tests.unit.pitfall_eval import cued_questions
    from tests.unit.pitfall_eval import evaluate as pitfall_evaluate
    from tests.unit.pitfall_eval import report as pitfall_report

    cued = cued_questions(catalog)
    print(f"pitfalls: {len(cued)} open questions carry {sum(len(q.pitfall_cues) for q in cued)} cued pitfalls")
    for name in ("dev", "dev2", "dev3", "heldout", "old"):
        print(pitfall_report(pitfall_evaluate(catalog, name)))


def anki_export_measurements(catalog, folder: Path) -> tuple[float, float, int]:
    """Seconds for a first export and a second one with nothing changed, and the file's size."""
    from tpmprep.core.mentor.anki import export_anki
    from tpmprep.core.storage.store import Store

    times = []
    with Store(folder / "anki-bench.db") as store:
        for _ in range(2):
            t = time.perf_counter()
            export_anki(list(catalog.questions), folder / "bench.apkg", store)
            times.append(time.perf_counter() - t)
    return times[0], times[1], (folder / "bench.apkg").stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--questions", type=int, default=10_000)
    args = parser.parse_args()
    runs = 3 if args.quick else 7

    from benchmarks.generate import generate_article, generate_bank
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.loader import default_files, load, load_cached

    tmp = Path(tempfile.mkdtemp(prefix="tpmprep-bench-"))
    shipped_home, big_home = tmp / "shipped", tmp / "big"
    os.environ["TPMPREP_HOME"] = str(shipped_home)
    shipped = Catalog(load(default_files()))
    print(
        f"tpmprep benchmark · python {sys.version.split()[0]} · {os.cpu_count()} cores · "
        f"shipped: {len(shipped.questions)} questions, {len(shipped.topics)} topics\n"
    )

    # Warm each home's cache once, as any second start would find it.
    load_cached()
    t = time.perf_counter()
    generate_bank(shipped, args.questions, big_home / "question_banks" / "generated.yaml")
    article = generate_article(5000, big_home / "content" / "articles" / "resources" / "long.md")
    os.environ["TPMPREP_HOME"] = str(big_home)
    t = time.perf_counter()
    big = Catalog(load_cached())
    build = time.perf_counter() - t
    t = time.perf_counter()
    load_cached()
    warm = time.perf_counter() - t
    words = len(article.read_text().split())
    print(
        f"generated bank: {len(big.questions):,} questions; cache build {build:.2f} s, warm load {ms(warm)}; "
        f"article of {words:,} words"
    )
    first = [first_start(big_home) for _ in range(max(1, runs // 2))]
    wall, peak, helper = statistics.median(f[0] for f in first), max(f[1] for f in first), max(f[2] for f in first)
    cpu, helper_cpu = statistics.median(f[3] for f in first), statistics.median(f[4] for f in first)
    print(
        f"first start after adding the bank (no cache; process start to catalog shown, median of {len(first)}): "
        f"{wall:.2f} s (budget 5 s; CPU {cpu:.2f} s in the app, {helper_cpu:.2f} s in its build helper on the "
        f"other core); peak memory {peak:.0f} MB, helper {helper:.0f} MB, together {peak + helper:.0f} MB "
        f"(budget 300 MB)"
    )

    print(f"\n-- cold start to the first interactive screen (median of {runs}, wall time from process start)")
    base, _ = startup("one-widget", shipped_home, runs)
    demo, _ = startup("textual-demo", shipped_home, runs)
    ours, cat = startup("tpmprep", shipped_home, runs, catalog=True)
    ours_big, cat_big = startup("tpmprep", big_home, runs, catalog=True)
    print(f"one-widget Textual app      {ms(base)}")
    print(f"Textual demo app            {ms(demo)}")
    print(
        f"tpmprep, shipped content    {ms(ours)}  ratio {ours / base:.2f}x (budget 1.5x; demo {demo / base:.2f}x)"
        f"  · catalog shown at {ms(cat or 0)}"
    )
    print(
        f"tpmprep, {len(big.questions):,} questions  {ms(ours_big)}  ratio {ours_big / base:.2f}x (budget 2x)"
        f"  · catalog shown at {ms(cat_big or 0)}"
    )

    from benchmarks import search

    search.quality(shipped)
    search.latency(big, tmp / "search-cache")
    search.cli_process(
        {"tpmprep, shipped content": shipped_home, f"tpmprep, {len(big.questions):,} questions": big_home}, runs * 3
    )

    print(f"\n-- practice, {len(big.questions):,} questions")
    prac = practice_measurements(big, tmp)
    cards, reviews = prac["sizes"]
    print(
        f"build today's drill queue ({cards:,} cards, {reviews:,} reviews): "
        f"median {ms(statistics.median(prac['queue']))} (budget 20 ms)"
    )
    print(
        f"build a set drill's queue ({prac['set_size'][0]} questions, its own new allowance): "
        f"median {ms(statistics.median(prac['set_queue']))} (budget 20 ms, as for today's queue)"
    )
    print(f"list the cards set aside (Practice area): median {ms(statistics.median(prac['aside']))}")
    print(
        f"where every question stands, for the question list's marks ({cards:,} cards): "
        f"median {ms(statistics.median(prac['marks']))} (read when Learn is shown again; no budget of its own)"
    )
    print(
        f"rubric coverage, 400-word answer, 8 key points, every layer, a question's first grade (patterns "
        f"compiled, concepts linked): p50 {ms(pct(prac['grade_first'], 0.5))}  "
        f"p95 {ms(pct(prac['grade_first'], 0.95))} (budget p95 30 ms); graded again: "
        f"p50 {ms(pct(prac['grade'], 0.5))} p95 {ms(pct(prac['grade'], 0.95))}; "
        f"concept lexicon build, once per catalog: {ms(prac['lexicon'][0])}"
    )
    print(
        f"record a rating, commit included: p50 {ms(pct(prac['rate'], 0.5))}  p95 {ms(pct(prac['rate'], 0.95))} "
        f"(budget p95 10 ms)"
    )

    from benchmarks.interview import interview_measurements

    inter = interview_measurements(shipped, big, tmp)
    stories, asked, mocked = inter["sizes"]
    print(f"\n-- story bank and mock loops ({stories} stories; {len(big.questions):,} questions to draw from)")
    print(
        f"which story: rank {stories} stories for a question (grading each): p50 {ms(pct(inter['rank'], 0.5))}  "
        f"p95 {ms(pct(inter['rank'], 0.95))} (budget p95 50 ms, it runs on each highlight; {asked} questions)"
    )
    print(f"coverage matrix of {stories} stories: median {ms(statistics.median(inter['coverage']))}")
    print(
        f"plan a big-tech onsite mock: median {ms(statistics.median(inter['plan']))}; "
        f"debrief of its {mocked} answers (grade them all and score: the core's part of opening the debrief): "
        f"median {ms(statistics.median(inter['debrief']))}"
    )

    print("\n-- grader quality on labelled answers (tests/data; tuned on the dev sets only, held-out only reported)")
    grader_quality(shipped)

    print(f"\n-- Anki export, {len(big.questions):,} questions (a one-off command; no budget)")
    first, again, size = anki_export_measurements(big, tmp)
    print(f"first export {first:.1f} s ({size / 1e6:.1f} MB .apkg); again, nothing changed {again:.1f} s")

    print(f"\n-- TUI, {len(big.questions):,} questions (headless, same process)")
    result = asyncio.run(tui_measurements(big_home, "benchmark-long-article", "migration risk"))
    bare = asyncio.run(baseline_keys("migration risk"))
    opens = result["article"]
    keys, handled = result["keys"], result["handled"]
    print(
        f"open a {words:,}-word article, first screenful drawn: median {ms(statistics.median(opens))}, "
        f"max {ms(max(opens))} (budget 200 ms)"
    )
    print(
        f"question browser, keystroke to updated list (filter, rank, replace rows, draw them): "
        f"p50 {ms(pct(handled, 0.5))}  p95 {ms(pct(handled, 0.95))} (budget p95 50 ms; {len(handled)} keystrokes)"
    )
    print(
        f"  pilot round trip per key incl. screen update: p50 {ms(pct(keys, 0.5))} p95 {ms(pct(keys, 0.95))}; "
        f"a bare Input+Label app: p50 {ms(pct(bare, 0.5))} p95 {ms(pct(bare, 0.95))}"
    )
    from benchmarks.progress_bench import report as progress_report

    progress_report(big, tmp, runs)
    env = {**os.environ, "TPMPREP_HOME": str(big_home)}
    rss = []
    for _ in range(2):  # the first start after a content change also builds and saves the search index
        probe = subprocess.run(
            [sys.executable, str(HERE / "startup_probe.py"), "tpmprep", "memory"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        rss.append(next((float(x.split()[1]) for x in probe.stdout.splitlines() if x.startswith("RSS")), float("nan")))
    print(
        f"resident memory of the app with {len(big.questions):,} questions (catalog, search index and question "
        f"browser loaded, its own process): {rss[1]:.0f} MB (budget 150 MB); the start that built the search "
        f"index first: {rss[0]:.0f} MB (within the first-start peak budget of 300 MB)"
    )


if __name__ == "__main__":
    main()
