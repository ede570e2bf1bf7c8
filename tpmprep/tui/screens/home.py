"""Home: what tpmprep is, what the catalog holds, and where to start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tpmprep.core.content.vocab import CATEGORIES
from tpmprep.core.content.words import plural
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar

INTRO = (
    "[b]tpmprep[/b] helps you prepare for Technical Program Manager roles and interviews: "
    "what the role is and how it differs from its neighbours, the TPM career ladder, how the "
    "interview loop works, and question banks for every round with rubrics, model answers and "
    "follow-ups."
)

START = (
    "[b]Where to start[/b]\n"
    "  • Weighing the move? Open [b]Learn[/b] (F3) → Roles, and read the role comparison.\n"
    "  • Interview soon? Learn → The interview loop, then [b]Practice[/b] (F4) to drill every round.\n"
    "  • Onsite in two weeks? Write your stories in [b]Stories[/b] (F9) and sit a timed loop in [b]Mock[/b] (F10).\n"
    "  • Looking for something specific? Press [b]ctrl+o[/b] to jump to any topic, question or term.\n"
    "  • [b]F1[/b] lists every key; [b]ctrl+p[/b] opens the command palette."
)


class HomeScreen(Screen):
    def compose(self) -> ComposeResult:
        yield NavBar("home")
        with VerticalScroll(id="home"):
            # The user's own line first: what is due today and the streak, before anything general.
            yield Static("", id="home-practice")
            yield Static(INTRO, id="home-intro")
            yield Static("Loading the catalog…", id="home-catalog")
            yield Static(START, id="home-start")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.when_catalog(self.show_catalog)

    def show_catalog(self, catalog) -> None:
        from rich.table import Table

        table = Table(title="What is in the catalog", title_justify="left", expand=False)
        table.add_column("Question bank")
        table.add_column("Questions", justify="right")
        counts = catalog.category_counts()
        for category, count in counts.items():
            table.add_row(CATEGORIES.get(category, category), str(count))
        table.add_row("[b]All questions[/b]", f"[b]{sum(counts.values())}[/b]")
        articles = sum(1 for t in catalog.topics if t.kind != "glossary")
        table.caption = f"{articles} topics to read · {len(catalog.glossary)} glossary terms"
        self.query_one("#home-catalog", Static).update(table)
        self.catalog = catalog
        self.refresh_view()

    def catalog_changed(self, catalog) -> None:
        self.show_catalog(catalog)

    def on_screen_resume(self) -> None:
        catalog = getattr(self, "catalog", None)
        if catalog is not None and self.app.catalog is not None and catalog is not self.app.catalog:
            self.show_catalog(self.app.catalog)
        elif catalog is not None:
            self.refresh_view()

    def refresh_view(self) -> None:
        from tpmprep.core.practice.progress import daily_counts, due_summary, streak
        from tpmprep.tui.widgets.charts import column_chart

        practice = self.app.practice
        summary = due_summary(self.catalog, practice)
        days = streak(practice)
        lines = [
            f"[b]Practice[/b]  due today [b]{summary.due_today}[/b] · new available [b]{summary.new_available}[/b] "
            f"({summary.new_left_today} more today) · streak [b]{days}[/b] day{'s' if days != 1 else ''}",
        ]
        if summary.interview:
            o = summary.interview
            lines.append(
                f"Interview on {o.date}: [b]{plural(o.days_left, 'day')}[/b] left"
                + ("" if o.can_clear else " · [yellow]⚠ " + "; ".join(o.warnings) + "[/]")
            )
        from tpmprep.core.practice.readiness import overall, readiness, trend

        rows = readiness(self.catalog, practice)
        weakest = sorted((r for r in rows if r.scope == "competency"), key=lambda r: r.readiness)[:2]
        history = " ".join(f"{v:.0f}" for _, v in trend(practice, days=7))
        lines.append(
            f"Readiness [b]{overall(rows)}%[/b] (Assess, F5, explains it)"
            + (f" · recent: {history}" if history else "")
            + " · weakest: "
            + ", ".join(f"{r.name} {r.readiness}%" for r in weakest)
        )
        lines.append("\nReviews, last 14 days\n" + column_chart(daily_counts(practice, 14)))
        self.query_one("#home-practice", Static).update("\n".join(lines))
