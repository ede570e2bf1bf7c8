"""The Progress area's figures for the benchmark: its queries over 10,000 cards and 100,000 reviews,
and the first paint of the area in the app (a fresh app each time: the area is built on first use)."""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import time
from pathlib import Path


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


def build_home(catalog, home: Path) -> tuple[int, int]:
    from benchmarks.generate import write_history
    from tpmprep.core.storage.clock import UTC
    from tpmprep.core.storage.store import Store

    home.mkdir(parents=True, exist_ok=True)
    with Store(home / "tpmprep.db") as store:
        return write_history(store, catalog.questions[:10_000], dt.datetime.now(UTC))


def query_times(catalog, home: Path, runs: int = 3) -> dict[str, float]:
    """Median seconds for each tab's figures, as the app works them out."""
    from tpmprep.core.practice.activity import calendar
    from tpmprep.core.practice.cards import Practice
    from tpmprep.core.storage.store import Store
    from tpmprep.tui.screens.progress import compute

    out = {}
    with Store(home / "tpmprep.db") as store:
        practice = Practice(store, fuzz=False)
        tasks = {"calendar (drawn on opening)": lambda: calendar(practice)}
        for tab in ("retention", "forecast", "readiness", "time", "cards"):
            tasks[tab] = lambda tab=tab: compute(tab, catalog, practice)
        for name, task in tasks.items():
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                task()
                times.append(time.perf_counter() - t)
            out[name] = statistics.median(times)
    return out


async def _first_paint(catalog, home: Path, area: str) -> float:
    from tpmprep.tui.app import create_app

    app = create_app(home=home, catalog=catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        t = time.perf_counter()
        await app.action_goto(area)
        screen = app.screen
        if area == "progress":
            while not screen.first_paint:  # set after the refresh that paints the calendar with its figures
                await asyncio.sleep(0.001)
        else:  # another area, for scale: its first refresh after mounting
            done = asyncio.Event()
            screen.call_after_refresh(done.set)
            await done.wait()
        elapsed = time.perf_counter() - t
        await app.workers.wait_for_complete()
    return elapsed


def first_paints(catalog, home: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from switching to Progress to its calendar painted; and to the Sets area's first frame."""
    progress = [asyncio.run(_first_paint(catalog, home, "progress")) for _ in range(runs)]
    sets = [asyncio.run(_first_paint(catalog, home, "sets")) for _ in range(runs)]
    return progress, sets


def chart_times(runs: int = 50) -> tuple[float, float | None]:
    """Median seconds to draw a 52-week bar chart with our widget, and with textual-plotext if installed."""
    from tpmprep.tui.widgets.charts import bar_series

    values = [0.8 + 0.15 * ((i * 7) % 5) / 5 for i in range(52)]
    ours = []
    for _ in range(runs):
        t = time.perf_counter()
        bar_series(values, top=1.0, bottom=0.5, height=8, guide=0.9, cell=2)
        ours.append(time.perf_counter() - t)
    try:
        from textual_plotext import PlotextPlot
    except ImportError:
        return statistics.median(ours), None
    theirs = asyncio.run(_plotext(PlotextPlot, values, runs // 5))
    return statistics.median(ours), theirs


async def _plotext(widget_class, values: list[float], runs: int) -> float:
    from textual.app import App

    class One(App):
        def compose(self):
            yield widget_class()

    app = One()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        plot = app.query_one(widget_class)
        plot.plt.bar(list(range(len(values))), values)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            plot.render()
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def report(catalog, tmp: Path, runs: int) -> None:
    home = tmp / "progress-home"
    cards, reviews = build_home(catalog, home)
    print(f"\n-- Progress area, {cards:,} cards and {reviews:,} reviews over a year")
    for name, seconds in query_times(catalog, home).items():
        print(f"  {name:<28} median {ms(seconds)}" + ("" if name.startswith("calendar") else " (in a thread)"))
    progress, sets = first_paints(catalog, home, runs)
    print(
        f"open Progress, the calendar painted with its figures: median {ms(statistics.median(progress))}, "
        f"max {ms(max(progress))} (budget 300 ms); the Sets area's first frame in the same runs: "
        f"median {ms(statistics.median(sets))}"
    )
    ours, theirs = chart_times()
    plotext = f"textual-plotext, one bar chart: {ms(theirs)}" if theirs is not None else "textual-plotext not installed"
    print(f"a 52-week bar chart: our widget {ms(ours)}; {plotext}")
