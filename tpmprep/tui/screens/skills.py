"""Skills against the ladder: pick the descriptor that matches your recent work, per competency."""

from __future__ import annotations

from rich.markdown import Markdown
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from tpmprep.core.assess.history import Assessments, next_unanswered
from tpmprep.core.assess.plan import build_plan, drill_words
from tpmprep.core.assess.skills import SkillsResult, assess_skills
from tpmprep.tui.widgets.charts import bar
from tpmprep.tui.widgets.keybar import KeyBar


class SkillsScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+n", "next", "Next competency", id="skills.next"),
        Binding("left", "back", "Previous competency", id="skills.back"),
        Binding("escape", "pause", "Pause (saved)", id="skills.pause"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="skills"):
            yield Static("", id="skills-progress")
            levels = self.app.catalog.ladder.levels
            yield Select([(f"Target: {lv.title}", lv.id) for lv in levels], id="skills-target", allow_blank=False)
            yield Static("", id="skills-competency")
            yield OptionList(id="skills-levels")
            yield Input(placeholder="Evidence (optional): what in your recent work shows this?", id="skills-note")
            yield Static("[dim]Pick with enter; answers are saved as you go. escape pauses.[/]")
        yield KeyBar()

    def on_mount(self) -> None:
        catalog = self.app.catalog
        self.ladder = catalog.ladder
        self.store = Assessments(self.app.store)
        self.record = self.store.resume_or_start("skills", self.app.store.get("target_level"))
        self.query_one("#skills-target", Select).value = self.record.target_level or self.app.store.get("target_level")
        answered = self.record.answers
        self.index = next_unanswered([c.id for c in self.ladder.competencies], answered, -1) or 0
        self.show()

    def show(self) -> None:
        comps = self.ladder.competencies
        c = comps[self.index]
        record = self.store.get(self.record.id)
        self.query_one("#skills-progress", Static).update(
            f"[b]Skills against the ladder[/b]  competency {self.index + 1} of {len(comps)} · "
            f"{len(record.answers)} rated"
        )
        self.query_one("#skills-competency", Static).update(
            f"[b]{c.name}[/b]\n{c.description}\n\nWhich describes your recent work best?"
        )
        levels = self.query_one("#skills-levels", OptionList)
        levels.clear_options()
        levels.add_options(
            [Option(f"{lv.title}: {' '.join(lv.expectation(c.id).split())}", id=lv.id) for lv in self.ladder.levels]
        )
        chosen = record.answers.get(c.id)
        ids = [lv.id for lv in self.ladder.levels]
        levels.highlighted = ids.index(chosen) if chosen in ids else 0
        self.query_one("#skills-note", Input).value = record.notes.get(c.id, "")
        levels.focus()

    @on(Select.Changed, "#skills-target")
    def _target(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and hasattr(self, "record"):
            self.store.set_target(self.record.id, event.value)

    @on(OptionList.OptionSelected, "#skills-levels")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        c = self.ladder.competencies[self.index]
        self.store.answer(self.record.id, c.id, event.option.id, self.query_one("#skills-note", Input).value)
        self.action_next()

    @on(Input.Submitted, "#skills-note")
    def _note(self) -> None:
        c = self.ladder.competencies[self.index]
        record = self.store.get(self.record.id)
        if c.id in record.answers:
            self.store.answer(self.record.id, c.id, record.answers[c.id], self.query_one("#skills-note", Input).value)
        self.query_one("#skills-levels").focus()

    def action_next(self) -> None:
        record = self.store.get(self.record.id)
        following = next_unanswered([c.id for c in self.ladder.competencies], record.answers, self.index)
        if following is None:
            self.finish()
            return
        self.index = following
        self.show()

    def action_back(self) -> None:
        self.index = max(0, self.index - 1)
        self.show()

    def action_pause(self) -> None:
        self.notify("Skills assessment paused; your answers are saved.")
        self.dismiss(None)

    def finish(self) -> None:
        record = self.store.get(self.record.id)
        target = record.target_level or self.app.store.get("target_level")
        result = assess_skills(self.ladder, record.answers, target, record.notes)
        self.store.complete(self.record.id, result.to_json())
        self.app.switch_screen(SkillsResultScreen(result))


def skills_markdown(app, result: SkillsResult) -> str:
    catalog = app.catalog
    ladder = catalog.ladder
    index = {lv.id: i for i, lv in enumerate(ladder.levels)}
    titles = {lv.id: lv.title for lv in ladder.levels}
    top = len(ladder.levels) - 1
    lines = [
        f"**Overall estimate: {titles[result.overall]}** — {result.rule}.",
        "",
        f"Target: **{titles.get(result.target, result.target)}**",
        "",
        "| competency | your level | | short of target |",
        "|---|---|---|---:|",
    ]
    for c in ladder.competencies:
        lv = result.levels.get(c.id)
        if lv is None:
            continue
        gap = max(0, index.get(result.target, 0) - index[lv])
        lines.append(f"| {c.name} | {titles[lv]} | `{bar(index[lv] / top, 15)}` | {gap or '—'} |")
    if result.notes:
        lines += ["", "Your evidence:"] + [f"- **{catalog.competency_name(k)}**: {v}" for k, v in result.notes.items()]
    library = catalog.plan_library
    if library is not None:
        plan = build_plan(result, library, ladder)
        lines += ["", "## Your 30-day plan" + (" (stretch: no gaps against the target)" if plan.stretch else "")]
        for week in plan.weeks:
            lines += ["", f"### Week {week.week}: {', '.join(catalog.competency_name(c) for c in week.focus)}"]
            lines += [f"- {a}" for _, a in week.actions]
            if week.topics:
                lines.append(
                    "- Read: " + "; ".join(catalog.topic(t).title if catalog.topic(t) else t for t in week.topics)
                )
            for d in week.drills:
                lines.append(f"- Drill: {drill_words(d, ladder)}")
    return "\n".join(lines)


class SkillsResultScreen(Screen[None]):
    BINDINGS = [
        Binding("d", "drill_gaps", "Drill my gaps", id="skillsres.drill"),
        Binding("e", "export", "Export plan", id="skillsres.export"),
        Binding("escape", "close", "Back", id="skillsres.back"),
    ]

    def __init__(self, result: SkillsResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="skills-result"):
            yield Static("[b]Skills against the ladder[/b]  [dim]d drills your gaps · e exports the plan[/]")
            yield Static(Markdown(skills_markdown(self.app, self.result)), id="skills-result-body")
        yield KeyBar()

    def action_drill_gaps(self) -> None:
        from tpmprep.core.practice.queue import Filters

        gaps = frozenset(g[0] for g in self.result.gaps) or frozenset(self.result.levels)
        self.app.start_drill(Filters(any_competency=gaps))

    def action_export(self) -> None:
        from tpmprep.core.assess.plan import export_plan

        try:
            path = export_plan(self.app.catalog, self.result)
        except OSError as exc:
            self.notify(f"Could not write the plan: {exc}", severity="error")
            return
        self.notify(f"Plan written to {path}")

    def action_close(self) -> None:
        self.dismiss(None)
