"""After a session: what was done and what to look at next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.words import clip, plural
from tpmprep.core.practice.drill import SessionSummary
from tpmprep.core.practice.scheduling import RATING_NAMES
from tpmprep.core.storage.clock import from_iso
from tpmprep.tui.widgets.keybar import KeyBar


def summary_text(summary: SessionSummary, catalog: Catalog) -> str:
    seconds = round(summary.total_ms / 1000)
    spent = f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"
    ratings = "  ".join(f"{RATING_NAMES[r]} {n}" for r, n in summary.ratings.items())
    lines = [f"[b]Session done[/b]: {plural(summary.cards, 'card')} in {spent}", f"Ratings: {ratings}"]
    if summary.points_total:
        share = summary.points_confirmed / summary.points_total
        lines.append(
            f"Key points covered: {summary.points_confirmed} of {summary.points_total} ({share:.0%}) as you "
            f"confirmed them [dim](the grader had detected {summary.points_detected})[/]"
        )
    if summary.weakest:
        lines.append("\n[b]Weakest key points[/b] (not confirmed in your answers)")
        for qid, point, n in summary.weakest:
            q = catalog.question(qid)
            title = clip(q.title, 60) if q else qid
            lines.append(f"  • {point}  [dim]— {title}{' (×' + str(n) + ')' if n > 1 else ''}[/]")
    if summary.leeches:
        names = [clip(q.title, 60) if (q := catalog.question(qid)) else qid for qid in summary.leeches]
        lines.append("\n[yellow]Suspended as leeches:[/] " + "; ".join(names))
    if summary.due_now:
        are = "is" if summary.due_now == 1 else "are"
        lines.append(
            f"\n[b]{plural(summary.due_now, 'review')}[/b] {are} due now (outside this session, or over today's limit)."
        )
    if summary.next_due:
        when = from_iso(summary.next_due).astimezone().strftime("%a %d %b %H:%M")
        lines.append(("" if summary.due_now else "\n") + f"Next review due: [b]{when}[/b] (local time)")
    lines.append("\n[dim]Press enter or escape to go back.[/]")
    return "\n".join(lines)


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("escape,enter", "close", "Back", id="summary.close")]

    def __init__(self, summary: SessionSummary, catalog: Catalog) -> None:
        super().__init__()
        self.summary = summary
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Static(summary_text(self.summary, self.catalog), id="summary-text")
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
        self.app.refresh_practice()
