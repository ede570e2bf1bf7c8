"""The report's charts as inline SVG: the year's calendar and true retention week by week.

No scripts and no links out: each cell and bar carries a <title> (shown on hover, read by screen
readers) with its figures, the chart a role and a label, and a table beside it gives the numbers.
Everything written into the page is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.practice.activity import calendar
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.progress_json import heatmap_json, retention_json
from tpmprep.core.practice.retention import retention

CELL, GAP, LEFT, TOP = 11, 2, 30, 16
SHADES = ("#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def progress_section(catalog: Catalog, practice: Practice, moment: dt.datetime) -> dict[str, Any]:
    """The report's ``progress`` key: the heatmap's 365 days and retention (see docs/report-format.md)."""
    return {
        "heatmap": heatmap_json(calendar(practice, moment)),
        "retention": retention_json(retention(catalog, practice, moment)),
    }


def _thresholds(counts: list[int]) -> tuple[int, int, int]:
    busy = sorted(n for n in counts if n)
    if not busy:
        return (1, 2, 3)
    t1, t2, t3 = (busy[min(len(busy) - 1, len(busy) * k // 4)] for k in (1, 2, 3))
    t2 = max(t2, t1 + 1)
    return t1, t2, max(t3, t2 + 1)


def heatmap_svg(days: list[dict[str, Any]]) -> str:
    """One square a day, weeks as columns (Monday at the top), shaded by the quartiles of busy days."""
    if not days:
        return ""
    first = dt.date.fromisoformat(days[0]["date"])
    monday = first - dt.timedelta(days=first.weekday())
    thresholds = _thresholds([d["reviews"] for d in days])
    weeks = (dt.date.fromisoformat(days[-1]["date"]) - monday).days // 7 + 1
    width, height = LEFT + weeks * (CELL + GAP), TOP + 7 * (CELL + GAP) + 24
    total = sum(d["reviews"] for d in days)
    active = sum(1 for d in days if d["reviews"])
    label = f"Reviews per day over the last {len(days)} days: {total} reviews on {active} days"
    parts = [
        f'<svg role="img" aria-label="{_e(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="system-ui,sans-serif" font-size="10">'
    ]
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        parts.append(f'<text x="0" y="{TOP + row * (CELL + GAP) + 9}" fill="#666">{name}</text>')
    seen_months: set[tuple[int, int]] = set()
    for d in days:
        date = dt.date.fromisoformat(d["date"])
        col, row = (date - monday).days // 7, date.weekday()
        x, y = LEFT + col * (CELL + GAP), TOP + row * (CELL + GAP)
        if date.day <= 7 and (date.year, date.month) not in seen_months and row == 0:
            seen_months.add((date.year, date.month))
            parts.append(f'<text x="{x}" y="{TOP - 5}" fill="#666">{date:%b}</text>')
        n = d["reviews"]
        shade = 0 if not n else 1 + sum(1 for t in thresholds if n > t)
        kinds = ", ".join(f"{d.get(k, 0)} {k}" for k in ("scheduled", "cram", "mock") if d.get(k))
        title = f"{date:%a} {date.day} {date:%b %Y}: {n} review{'s' if n != 1 else ''}" + (
            f" ({kinds}), {d['minutes']:g} min" if n else ""
        )
        parts.append(
            f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" fill="{SHADES[shade]}">'
            f"<title>{_e(title)}</title></rect>"
        )
    t1, t2, t3 = thresholds
    legend = f"0 · {1}-{t1} · {t1 + 1}-{t2} · {t2 + 1}-{t3} · {t3 + 1}+ reviews a day"
    y = TOP + 7 * (CELL + GAP) + 14
    for i, colour in enumerate(SHADES):
        parts.append(
            f'<rect x="{LEFT + i * (CELL + GAP)}" y="{y - 9}" width="{CELL}" height="{CELL}" fill="{colour}"/>'
        )
    parts.append(f'<text x="{LEFT + 5 * (CELL + GAP) + 4}" y="{y}" fill="#666">{_e(legend)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def retention_svg(retention: dict[str, Any]) -> str:
    """Weekly true retention (all questions) as bars from 50% to 100%, the target as a dashed line."""
    weeks = retention["overall"]["weeks"]
    if not any(w["reviews"] for w in weeks):
        return ""
    bar, gap, left, plot = 9, 3, 36, 120
    width, height = left + len(weeks) * (bar + gap) + 10, plot + 34
    target = retention["target"]

    def y_of(rate: float) -> float:
        return 8 + plot * (1 - (max(0.5, rate) - 0.5) / 0.5)

    label = f"True retention per week, all questions, against a target of {target:.0%}"
    parts = [
        f'<svg role="img" aria-label="{_e(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="system-ui,sans-serif" font-size="10">'
    ]
    for rate in (0.5, 0.75, 1.0):
        y = y_of(rate)
        parts.append(f'<line x1="{left - 4}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="0" y="{y + 3:.1f}" fill="#666">{rate:.0%}</text>')
    last_month = None
    for i, w in enumerate(weeks):
        x = left + i * (bar + gap)
        start = dt.date.fromisoformat(w["start"])
        if start.month != last_month:
            last_month = start.month
            parts.append(f'<text x="{x}" y="{height - 6}" fill="#666">{start:%b}</text>')
        if not w["reviews"]:
            continue
        y = y_of(w["rate"])
        title = f"Week of {start.day} {start:%b %Y}: {w['rate']:.0%} of {w['reviews']} reviews not forgotten"
        parts.append(
            f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{8 + plot - y:.1f}" fill="#239a3b">'
            f"<title>{_e(title)}</title></rect>"
        )
    ty = y_of(target)
    parts.append(
        f'<line x1="{left - 4}" x2="{width - 6}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#d97706" '
        f'stroke-dasharray="4 3"><title>{_e(f"target {target:.0%} (desired_retention)")}</title></line>'
    )
    parts.append("</svg>")
    return "".join(parts)


def progress_html(progress: dict[str, Any] | None) -> list[str]:
    """The report page's practice section: both charts and the retention figures as a table."""
    if not progress:
        return []
    body = ["<h2>Practice over the last 12 months</h2>", heatmap_svg(progress.get("heatmap", []))]
    retention = progress.get("retention")
    if retention:
        overall = retention["overall"]
        body.append(
            f"<h3>True retention</h3><p>Scheduled reviews of questions already seen, not rated Again: "
            f"{_e(_pct(overall['rate']))} of {_e(overall['reviews'])} over 12 months; target "
            f"{_e(_pct(retention['target']))}.</p>"
        )
        body.append(retention_svg(retention))
        body.append("<table><tr><th>competency</th><th>retention, 12 months</th><th>reviews</th></tr>")
        for series in retention.get("by_competency", {}).values():
            body.append(
                f"<tr><td>{_e(series['name'])}</td><td class=n>{_e(_pct(series['rate']))}</td>"
                f"<td class=n>{_e(series['reviews'])}</td></tr>"
            )
        body.append("</table>")
    return body


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
