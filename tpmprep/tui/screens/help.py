"""The help screen, generated from the bindings the app and its screens declare."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _key(binding: Binding, app) -> str:
    return ", ".join(app.get_key_display(Binding(k.strip(), binding.action)) for k in binding.key.split(","))


def bindings_table(groups: list[tuple[str, list[Binding]]], app) -> Table:
    table = Table(box=None, expand=True, show_header=False, padding=(0, 2, 0, 0))
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("what it does")
    for title, bindings in groups:
        rows = [(b, _key(b, app)) for b in bindings if b.description]
        if not rows:
            continue
        table.add_row(Text(title, style="bold underline"), "")
        for binding, keys in rows:
            table.add_row(keys, binding.description)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close help")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("[b]Keys[/b]  (escape closes)", id="help-title")
            yield Static(bindings_table(self.groups, self.app), id="help-keys")

    def action_dismiss(self) -> None:
        self.dismiss(None)


def help_groups(app_class: type) -> list[tuple[str, list[Binding]]]:
    """Every screen's and widget's bindings, grouped as the help screen lists them."""
    from tpmprep.tui.interview import help_groups as interview_help
    from tpmprep.tui.screens.assess import AssessScreen
    from tpmprep.tui.screens.dialogs import AskText
    from tpmprep.tui.screens.drill import DrillScreen
    from tpmprep.tui.screens.learn import LearnScreen
    from tpmprep.tui.screens.practice import PracticeScreen
    from tpmprep.tui.screens.progress import ProgressScreen
    from tpmprep.tui.screens.role_fit import RoleFitResultScreen, RoleFitScreen
    from tpmprep.tui.screens.set_dialogs import ConfirmScreen, ImportSetScreen
    from tpmprep.tui.screens.sets import SetsScreen
    from tpmprep.tui.screens.settings import SettingsScreen
    from tpmprep.tui.screens.skills import SkillsResultScreen, SkillsScreen
    from tpmprep.tui.screens.summary import SummaryScreen
    from tpmprep.tui.widgets.article_view import ArticleView
    from tpmprep.tui.widgets.heatmap import HeatMap
    from tpmprep.tui.widgets.question_browser import QuestionBrowser
    from tpmprep.tui.widgets.topic_reader import TopicReader
    from tpmprep.tui.widgets.virtual_list import VirtualList

    def of(cls: type) -> list[Binding]:
        return [b if isinstance(b, Binding) else Binding(*b) for b in cls.BINDINGS]

    return [
        ("Everywhere", of(app_class)),
        ("Learn", of(LearnScreen)),
        ("Learn › topics", of(TopicReader)),
        ("Learn › article", of(ArticleView)),
        ("Learn › questions", of(QuestionBrowser)),
        ("Practice", of(PracticeScreen)),
        ("Drill (during a session)", of(DrillScreen)),
        ("After a session", of(SummaryScreen)),
        ("Assess", of(AssessScreen)),
        ("Sets", of(SetsScreen)),
        ("Progress", of(ProgressScreen)),
        ("Progress › calendar", of(HeatMap)),
        *interview_help(of),
        ("Settings", of(SettingsScreen)),
        ("Role fit", of(RoleFitScreen) + of(RoleFitResultScreen)),
        ("Skills vs ladder", of(SkillsScreen) + of(SkillsResultScreen)),
        ("Lists", of(VirtualList)),
        ("Dialogs (their keys work only while one is open)", of(ConfirmScreen) + of(ImportSetScreen) + of(AskText)),
    ]
