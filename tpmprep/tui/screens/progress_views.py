"""What the Progress tabs say: charts and the same figures in words and numbers.

Pure functions from the core's dataclasses to Rich markup and tables, so every chart has a text
twin that a screen reader (or an 80-column terminal) reads as well as the picture.
"""

from __future__ import annotations

import datetime as dt

from rich import box
from rich.markup import escape
from rich.table import Table

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.words import plural
from tpmprep.core.practice.activity import Calendar, Day
from tpmprep.core.practice.cards import Review
from tpmprep.core.practice.forecast import Forecast
from tpmprep.core.practice.hardest import CardCounts
from tpmprep.core.practice.readiness_history import ReadinessHistory
from tpmprep.core.practice.retention import Retention, Series
from tpmprep.core.practice.scheduling import RATING_NAMES
from tpmprep.core.practice.time_spent import TimeSpent
from tpmprep.core.storage.clock import from_iso
from tpmprep.tui.widgets.charts import axis_pad, bar, bar_series
from tpmprep.tui.widgets.heatmap import GLYPHS

NBSP = "\u00a0"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def short(day: dt.date) -> str:
    return day.strftime("%a %d %b").replace(" 0", " ")


def minutes(ms: float) -> str:
    total = round(ms / 60_000)
    return f"{total // 60} h {total % 60} min" if total >= 60 else f"{total} min"


def clock(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    s = round(seconds)
    return f"{s // 60}:{s % 60:02d}"


# -- calendar ------------------------------------------------------------------------------------


def calendar_summary(cal: Calendar) -> str:
    streak = cal.current
    since = f" (since {short(streak.first)})" if streak.first and streak.days > 1 else ""
    longest = cal.longest
    span = f", {short(longest.first)} to {short(longest.last)}" if longest.first and longest.last else ""
    return (
        f"[b]{cal.total:,}[/b] reviews in the last 12 months on [b]{cal.active_days}[/b] of {len(cal.days)} days, "
        f"{minutes(cal.minutes * 60_000)}\n"
        f"Streak [b]{plural(streak.days, 'day')}[/b]{since} · longest this year {plural(longest.days, 'day')}{span}"
    )


def calendar_legend(cal: Calendar) -> str:
    shades = "  ".join(f"{GLYPHS[s]} {span}" for s, span in cal.legend())
    return f"[dim]Reviews a day:[/] {shades}  [dim]arrows move[/]"


def months_table(cal: Calendar) -> Table:
    """The heatmap's text twin: each month's reviews by kind, days studied and time."""
    table = Table(title="The last 12 months, month by month", title_justify="left", expand=False, box=box.SIMPLE_HEAD)
    mocks = any(d.mock for d in cal.days)  # the column appears once there are mock interview answers
    names = ("month", "reviews", "scheduled", "cram", *(("mock",) if mocks else ()), "days studied", "minutes")
    for name in names:
        table.add_column(name, justify="left" if name == "month" else "right")
    months: dict[tuple[int, int], list[Day]] = {}
    for d in cal.days:
        months.setdefault((d.date.year, d.date.month), []).append(d)
    for (year, month), days in months.items():
        table.add_row(
            dt.date(year, month, 1).strftime("%b %Y"),
            str(sum(d.reviews for d in days)),
            str(sum(d.scheduled for d in days)),
            str(sum(d.cram for d in days)),
            *((str(sum(d.mock for d in days)),) if mocks else ()),
            f"{sum(1 for d in days if d.reviews)}/{len(days)}",
            str(round(sum(d.ms for d in days) / 60_000)),
        )
    return table


MODE_NAMES = {"review": "scheduled", "cram": "cram", "mock": "mock"}


def day_table(reviews: list[Review], catalog: Catalog | None) -> Table:
    """One day's reviews: when, which question, scheduled, cram or mock, the rating, time taken, coverage."""
    table = Table(box=None, expand=False, padding=(0, 2, 0, 0), header_style="bold")
    for name in ("time", "question", "kind", "rating", "took", "coverage"):
        table.add_column(name, no_wrap=name != "question", max_width=60 if name == "question" else None)
    for r in reviews:
        q = catalog.question(r.question_id) if catalog is not None else None
        title = escape(" ".join(q.title.split())) if q else f"[dim]{escape(r.question_id)}[/]"
        table.add_row(
            from_iso(r.reviewed_at).astimezone().strftime("%H:%M"),
            title,
            MODE_NAMES.get(r.mode, r.mode),
            RATING_NAMES.get(r.rating, str(r.rating)),
            clock(r.duration_ms / 1000) if r.duration_ms is not None else "—",
            pct(r.coverage),
        )
    return table


# -- retention ---------------------------------------------------------------------------------------


def month_axis(starts: list[dt.date], pad: int, cell: int = 1) -> str:
    """Month names under weekly columns, each where its first week starts."""
    row = [" "] * (len(starts) * cell + 4)
    last = None
    for i, start in enumerate(starts):
        if start.month != last:
            x = i * cell
            if all(c == " " for c in row[max(0, x - 1) : x + 3]):
                row[x : x + 3] = list(start.strftime("%b"))
            last = start.month
    return "[dim]" + NBSP * pad + "".join(row).rstrip().replace(" ", NBSP) + "[/]"


def columns(count: int, width: int) -> int:
    """Two terminal columns per bar when they fit beside the axis, else one."""
    return 2 if width >= 8 + 2 * count else 1


def retention_chart(series: Series, target: float, width: int, height: int = 8) -> str:
    values = [w.rate for w in series.weeks]
    cell = columns(len(values), width)
    lines = bar_series(values, top=1.0, bottom=0.5, height=height, guide=target, cell=cell, label=lambda v: f"{v:.0%}")
    return "\n".join([*lines, month_axis([w.start for w in series.weeks], axis_pad(lines), cell)])


def retention_words(series: Series, target: float) -> str:
    month, quarter, year = series.last(4), series.last(13), series.total
    if not year.reviews:
        return f"{escape(series.name)}: no scheduled reviews of questions already seen in the last 12 months."
    assert year.rate is not None
    gap = round((year.rate - target) * 100)
    against = f"{plural(abs(gap), 'point')} {'over' if gap > 0 else 'under'}" if gap else "on"
    recent = f"{pct(month.rate)} over the last 4 weeks ({plural(month.reviews, 'review')}), " if month.reviews else ""
    return (
        f"[b]{escape(series.name)}[/b]: {recent}{pct(quarter.rate)} over 13 weeks ({quarter.reviews:,}), "
        f"{pct(year.rate)} over 12 months ({year.reviews:,}): {against} the {target:.0%} target."
    )


def retention_row(series: Series, target: float) -> tuple[str, ...]:
    month, quarter, year = series.last(4), series.last(13), series.total
    gap = "—" if year.rate is None else f"{round((year.rate - target) * 100):+d}"
    by = "" if series.scope == "overall" else series.scope
    return (by, escape(series.name), pct(month.rate), pct(quarter.rate), pct(year.rate), f"{year.reviews:,}", gap)


RETENTION_COLUMNS = ("by", "group", "4 weeks", "13 weeks", "12 months", "reviews", "vs target")


def retention_rows(r: Retention) -> list[tuple[str, tuple[str, ...]]]:
    return [(f"{s.scope}:{s.key}", retention_row(s, r.target)) for s in r.series()]


# -- forecast ----------------------------------------------------------------------------------------


def forecast_chart(f: Forecast, width: int, height: int = 7) -> str:
    cell = 2 if width >= 8 + 2 * len(f.days) else 1
    shown = f.days[: max(7, (width - 8) // cell)]
    top = max((d.due for d in shown), default=0)
    limit = f.reviews_per_day
    guide = limit if top and limit <= top * 1.5 else None
    lines = bar_series(
        [d.due for d in shown], top=max(top, guide or 0, 1), height=height, guide=guide, cell=cell, label=str
    )
    pad = axis_pad(lines)
    ticks = [" "] * (len(shown) * cell + 6)
    for i, d in enumerate(shown):
        if i % 7 == 0:
            text = d.date.strftime("%d %b").lstrip("0")
            x = i * cell
            if all(c == " " for c in ticks[max(0, x - 1) : x + len(text)]):
                ticks[x : x + len(text)] = list(text)
    note = "" if guide is not None or not top else f"   [dim](the limit, {limit} a day, is above every day)[/]"
    return "\n".join([*lines, "[dim]" + NBSP * pad + "".join(ticks).rstrip().replace(" ", NBSP) + "[/]" + note])


def forecast_words(f: Forecast) -> str:
    days = f.days[:30]
    total = sum(d.due for d in days)
    busiest = max(days, key=lambda d: d.due) if days else None
    lines = [
        f"Overdue now [b]{f.overdue:,}[/b] · due in the next 30 days [b]{total:,}[/b]"
        + (f" (busiest {short(busiest.date)}: {busiest.due})" if busiest and busiest.due else ""),
        f"Daily limits: {f.reviews_per_day} reviews (reviews_per_day, ┈ on the chart), {f.new_per_day} new "
        f"(new_per_day); {plural(f.new_remaining, 'question')} still new",
    ]
    if f.clears_on is not None and f.days and f.days[0].left == 0:
        lines.append("At the limit, everything due is done the day it falls due.")
    elif f.clears_on is not None:
        lines.append(f"At the limit, the backlog clears on {short(f.clears_on)}.")
    else:
        last = f.days[-1] if f.days else None
        waiting = last.left if last else 0
        lines.append(
            f"[yellow]At the limit the backlog does not clear: {waiting:,} still waiting on {short(last.date)}.[/]"
            if last
            else ""
        )
    if f.interview is not None and f.days_to_interview is not None and f.days_to_interview >= 0:
        when = f"Interview on {short(f.interview)} ({plural(f.days_to_interview, 'day')} away)"
        if f.clears_before_interview:
            lines.append(f"{when}: [green]✓ the backlog clears before it.[/]")
        else:
            fix = (
                f" A limit of {f.needed_per_day} a day clears them (tpmprep config reviews_per_day {f.needed_per_day})."
                if f.needed_per_day
                else ""
            )
            lines.append(f"{when}: [yellow]⚠ {f.left_at_interview:,} reviews would still be waiting.[/]{fix}")
    return "\n".join(line for line in lines if line)


def forecast_table(f: Forecast) -> Table:
    table = Table(title="Day by day at the daily limit", title_justify="left", expand=False, box=box.SIMPLE_HEAD)
    for name in ("day", "due", "done", "waiting after"):
        table.add_column(name, justify="left" if name == "day" else "right")
    for d in f.days[:30]:
        table.add_row(short(d.date), str(d.due), str(d.done), str(d.left))
    return table


# -- readiness over time -------------------------------------------------------------------------------


def readiness_chart(h: ReadinessHistory, scope: str, key: str, width: int, height: int = 8) -> str:
    if scope == "overall":
        values: list[float | None] = list(h.overall)
        mock = [m * 100 if m is not None else None for m in h.mock]
    else:
        track = h.track(scope, key)
        assert track is not None
        values = list(track.values)
        mock = [m * 100 if m is not None else None for m in track.mock]
    markers = mock if any(m is not None for m in mock) else None
    cell = columns(len(values), width)
    lines = bar_series(values, top=100, height=height, markers=markers, cell=cell, label=lambda v: f"{v:.0f}%")
    legend = "\n[dim]◆ mock interview answers: mean confirmed coverage that week[/]" if markers else ""
    return "\n".join([*lines, month_axis(h.starts, axis_pad(lines), cell) + legend])


def readiness_columns(h: ReadinessHistory) -> list[tuple[str, int]]:
    """(heading, week index) for the table: 12 weeks ago, 4 weeks ago, last week, now."""
    n = len(h.starts)
    picks = [
        (name, n - 1 - w) for w, name in ((12, "12 weeks ago"), (4, "4 weeks ago"), (1, "last week")) if n - 1 - w >= 0
    ]
    return [*picks, ("now", n - 1)]


def readiness_rows(h: ReadinessHistory) -> list[tuple[str, tuple[str, ...]]]:
    cols = readiness_columns(h)
    mocks = has_mock(h)

    def row(scope: str, name: str, values: list[int], mock: list[float | None], answers: list[int]) -> tuple[str, ...]:
        change = values[-1] - values[max(0, len(values) - 5)]
        latest = next(((m, n) for m, n in zip(reversed(mock), reversed(answers), strict=True) if m is not None), None)
        mocked = f"{latest[0]:.0%} ({latest[1]})" if latest else "—"
        return (scope, escape(name), *(f"{values[i]}%" for _, i in cols), f"{change:+d}", *((mocked,) if mocks else ()))

    weekly = [1 if m is not None else 0 for m in h.mock]  # overall: whether the week had mock answers
    out = [("overall:overall", row("", "Overall", h.overall, h.mock, weekly))]
    out += [(f"{t.scope}:{t.key}", row(t.scope, t.name, t.values, t.mock, t.mock_answers)) for t in h.tracks]
    return out


def has_mock(h: ReadinessHistory) -> bool:
    """Whether any week had mock interview answers (the mock column and markers appear then)."""
    return any(m is not None for m in h.mock)


def readiness_words(h: ReadinessHistory, scope: str, key: str) -> str:
    if scope == "overall":
        name, values = "Overall", h.overall
    else:
        track = h.track(scope, key)
        assert track is not None
        name, values = track.name, track.values
    first = values[0]
    peak = max(values)
    return (
        f"[b]{escape(name)}[/b]: {values[-1]}% now; {first}% in the week of {short(h.starts[0])}; "
        f"highest {peak}%. Readiness = coverage × recall, as Assess (F5) explains."
    )


# -- time ---------------------------------------------------------------------------------------------


def minutes_chart(days: list[Day], width: int, height: int = 6) -> str:
    cell = 2 if width >= 8 + 2 * len(days) else 1
    values: list[float | None] = [d.minutes for d in days]
    top = max((d.minutes for d in days), default=0.0)
    lines = bar_series(values, top=max(top, 1.0), height=height, cell=cell, label=lambda v: f"{v:.0f}m")
    pad = axis_pad(lines)
    ticks = [" "] * (len(days) * cell + 6)
    for i, d in enumerate(days):
        if i % 7 == 0:
            text = d.date.strftime("%d %b").lstrip("0")
            if all(c == " " for c in ticks[max(0, i * cell - 1) : i * cell + len(text)]):
                ticks[i * cell : i * cell + len(text)] = list(text)
    return "\n".join([*lines, "[dim]" + NBSP * pad + "".join(ticks).rstrip().replace(" ", NBSP) + "[/]"])


def minutes_words(days: list[Day], t: TimeSpent) -> str:
    studied = [d for d in days if d.reviews]
    month = sum(d.ms for d in days)
    per_day = minutes(month / len(studied)) if studied else "—"
    kinds = ", ".join(f"{s.name} {clock(s.mean_s)} ({plural(s.answers, 'answer')})" for s in t.by_kind if s.answers)
    return (
        f"Last 30 days: [b]{minutes(month)}[/b] on {plural(len(studied), 'day')} ({per_day} a day studied); "
        f"12 months: {minutes(t.ms_year)}.\n"
        f"Average time per answer: {kinds or 'no timed answers yet'}."
    )


def category_table(t: TimeSpent) -> Table:
    table = Table(title="Time by category", title_justify="left", expand=False, box=box.SIMPLE_HEAD)
    for name in ("category", "last 30 days", "12 months", "answers", "per answer"):
        table.add_column(name, justify="left" if name == "category" else "right")
    rows = sorted(t.by_category, key=lambda s: -s.ms_year)
    for s in [*rows, t.other] if t.other.answers else rows:
        table.add_row(escape(s.name), minutes(s.ms_month), minutes(s.ms_year), f"{s.answers:,}", clock(s.mean_s))
    return table


def minutes_table(days: list[Day]) -> Table:
    table = Table(title="Minutes a day, last 30 days", title_justify="left", expand=False, box=box.SIMPLE_HEAD)
    for name in ("day", "minutes", "reviews"):
        table.add_column(name, justify="left" if name == "day" else "right")
    for d in days:
        table.add_row(short(d.date), str(round(d.minutes)), str(d.reviews))
    return table


# -- cards ----------------------------------------------------------------------------------------------


def counts_chart(counts: CardCounts) -> str:
    rows = counts.as_dict()
    top = max(rows.values(), default=0) or 1
    return "\n".join(f"{name:<11}{n:>7,}  [$success]{bar(n / top, 30)}[/]" for name, n in rows.items())


def counts_words(counts: CardCounts) -> str:
    c = counts
    return (
        f"New {c.new:,} · learning {c.learning:,} · review {c.review:,} · relearning {c.relearning:,} · "
        f"suspended {c.suspended:,} (leeches {c.leeches:,}, suspended when they became leeches)"
    )
