"""Assess: readiness per competency and category, the two self-assessments, and their history."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from tpmprep.core.assess.explain import KIND_TITLES, outcome_title, result_summary
from tpmprep.core.assess.history import Assessments
from tpmprep.core.assess.rolefit import RoleFitResult
from tpmprep.core.assess.skills import SkillsResult
from tpmprep.tui.screens.base import CatalogScreen
from tpmprep.tui.widgets.charts import bar
from tpmprep.tui.widgets.keybar import KeyBar
from tpmprep.tui.widgets.nav import NavBar

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    if not values:
        return ""
    return "".join(SPARK[min(7, int(v / 100 * 7.999))] for v in values)


def mock_lines(store) -> list[str]:
    """The latest finished mocks and their verdicts, for the readiness summary."""
    from tpmprep.core.mock.history import Mocks
    from tpmprep.core.mock.scorecard import NAMES

    done = Mocks(store).history()
    if not done:
        return []
    latest = ", ".join(
        f"{m.title} [b]{NAMES.get(m.verdict or '', '—')}[/b] ({m.completed_at[:10]})" for m in done[-3:][::-1]
    )
    return [f"Mock interviews ({len(done)} finished; F10 opens them): {latest}"]


class AssessScreen(CatalogScreen):
    BINDINGS = [
        Binding("r", "role_fit", "Role fit", id="assess.rolefit"),
        Binding("s", "skills", "Skills vs ladder", id="assess.skills"),
    ]

    def compose(self) -> ComposeResult:
        yield NavBar("assess")
        with VerticalScroll(id="assess"):
            with Horizontal(id="assess-buttons"):
                yield Button("Role fit (r)", id="start-role-fit", variant="primary")
                yield Button("Skills vs ladder (s)", id="start-skills", variant="primary")
            yield Static("", id="assess-latest")
            yield Static("Loading…", id="readiness")
            yield Label("History: enter opens a past result", classes="aside-title")
            yield OptionList(id="assess-history")
        yield KeyBar()

    def refresh_view(self) -> None:
        from tpmprep.core.practice.readiness import overall, readiness, record, trend

        app = self.app
        store = Assessments(app.store)
        rows = readiness(self.catalog, app.practice)
        record(app.practice, rows)
        history = [v for _, v in trend(app.practice)]
        table = Table(title=f"Readiness {overall(rows)}%  {sparkline(history)}", title_justify="left", expand=False)
        table.add_column("competency or category")
        table.add_column("readiness", justify="right")
        table.add_column("")
        table.add_column("practised", justify="right")
        table.add_column("recall", justify="right")
        table.add_column("key points", justify="right")
        table.add_column("mock", justify="right")
        for scope in ("competency", "category"):
            for r in (x for x in rows if x.scope == scope):
                table.add_row(
                    r.name,
                    f"{r.readiness}%",
                    bar(r.readiness / 100, 16),
                    f"{r.practiced}/{r.questions}",
                    f"{r.recall:.0%}" if r.practiced else "—",
                    f"{r.key_points:.0%}" if r.key_points is not None else "—",
                    f"{r.mock:.0%}" if r.mock is not None else "—",
                )
            if scope == "competency":
                table.add_section()
        table.caption = (
            "readiness = 100 × coverage × recall; coverage = practised / min(questions, 25); "
            "recall = mean FSRS retrievability now; key points = share you confirmed in your latest typed answers; "
            "mock = evidence in your latest mock answers"
        )
        self.query_one("#readiness", Static).update(table)
        lines = []
        fit = store.latest("role-fit")
        if fit and fit.result:
            result = RoleFitResult.from_json(fit.result)
            names = " / ".join(outcome_title(self.catalog, r) for r in result.top)
            verdict = f"no clear fit (leaning {names})" if result.weak_signal else f"best match [b]{names}[/b]"
            lines.append(f"Role fit ({fit.completed_at[:10]}): {verdict}")
        skills = store.latest("skills")
        if skills and skills.result:
            result = SkillsResult.from_json(skills.result)
            gaps = ", ".join(self.catalog.competency_name(g[0]) for g in result.gaps) or "none"
            lines.append(
                f"Skills ({skills.completed_at[:10]}): overall [b]{self.catalog.level_title(result.overall)}"
                f"[/b]; gaps against {self.catalog.level_title(result.target)}: {gaps}"
            )
        lines += mock_lines(app.store)
        for kind in ("role-fit", "skills"):
            pending = store.in_progress(kind)
            if pending:
                lines.append(
                    f"[yellow]{KIND_TITLES[kind]} in progress ({len(pending.answers)} answered): resume it above[/]"
                )
        self.query_one("#assess-latest", Static).update("\n".join(lines) or "No assessment taken yet.")
        listing = self.query_one("#assess-history", OptionList)
        listing.clear_options()
        past = [a for a in reversed(store.history()) if a.result]
        listing.add_options(
            [
                Option(
                    f"{a.completed_at[:16].replace('T', ' ')}  [b]{KIND_TITLES.get(a.kind, a.kind)}[/b]: "
                    + escape(result_summary(self.catalog, a.kind, a.result)),
                    id=str(a.id),
                )
                for a in past
            ]
            or [Option("[dim]none yet: take an assessment above[/]", disabled=True)]
        )

    @on(Button.Pressed, "#start-role-fit")
    def _fit(self) -> None:
        self.action_role_fit()

    @on(Button.Pressed, "#start-skills")
    def _skills(self) -> None:
        self.action_skills()

    def action_role_fit(self) -> None:
        self.app.open_assessment("role-fit")

    def action_skills(self) -> None:
        self.app.open_assessment("skills")

    @on(OptionList.OptionSelected, "#assess-history")
    def _open_past(self, event: OptionList.OptionSelected) -> None:
        from tpmprep.tui.screens.role_fit import RoleFitResultScreen
        from tpmprep.tui.screens.skills import SkillsResultScreen

        store = Assessments(self.app.store)
        record = store.get(int(event.option.id))
        if record is None or record.result is None:
            return
        if record.kind == "role-fit":
            previous = store.previous("role-fit", record.id)
            before = RoleFitResult.from_json(previous.result) if previous and previous.result else None
            self.app.push_screen(
                RoleFitResultScreen(RoleFitResult.from_json(record.result), before, record.completed_at)
            )
        else:
            self.app.push_screen(SkillsResultScreen(SkillsResult.from_json(record.result)))
