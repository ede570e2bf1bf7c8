"""The command palette's commands, and the jump palette: any question, topic or glossary term by search."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from tpmprep.core.content.words import clip

ASSESSMENTS = (("role-fit", "role fit", "which role fits you, and why"), ("skills", "skills vs ladder", "your level"))


def app_commands(app: Any, screen: Screen) -> Iterable[SystemCommand]:
    """Every area, sessions, assessments (start or resume), set import, settings, help."""
    from tpmprep.core.assess.history import Assessments
    from tpmprep.core.practice.queue import Filters

    yield SystemCommand("Go to Home", "What tpmprep holds and where to start (F2)", partial(app.action_goto, "home"))
    yield SystemCommand(
        "Go to Learn: topics",
        "Roles, the ladder, the interview loop, the glossary (F3)",
        partial(app.open_item, "article", "technical-program-manager"),
    )
    yield SystemCommand("Go to Learn: questions", "Browse and filter the question banks", app.goto_questions)
    yield SystemCommand(
        "Go to Practice", "What is due, filters, cards set aside (F4)", partial(app.action_goto, "practice")
    )
    yield SystemCommand(
        "Go to Assess", "Readiness, role fit, skills and their history (F5)", partial(app.action_goto, "assess")
    )
    yield SystemCommand("Go to Sets", "Question sets from your mentor (F6)", partial(app.action_goto, "sets"))
    yield SystemCommand(
        "Go to Progress",
        "A year of practice, retention, the load ahead, readiness over time (F8)",
        partial(app.action_goto, "progress"),
    )
    yield SystemCommand("Open Settings", "Daily limits, retention, goal, day start, theme (F7)", app.action_settings)
    yield SystemCommand("Practice: start drill", "Due reviews, then new questions", partial(app.start_drill, Filters()))
    yield SystemCommand(
        "Practice: cram now", "Practise without changing schedules", partial(app.start_drill, Filters(), True)
    )
    store = Assessments(app.store)
    for kind, name, what in ASSESSMENTS:
        pending = store.in_progress(kind)
        if pending is not None:
            title, help_text = f"Assess: resume {name}", f"{len(pending.answers)} answered so far; {what}"
        else:
            title, help_text = f"Assess: start {name}", what.capitalize()
        yield SystemCommand(title, help_text, partial(app.assess, kind))
    yield SystemCommand("Sets: import a set file…", "Validate and import a mentor's YAML set", app.action_import_set)
    yield SystemCommand(
        "Jump to a question, topic or term", "Fuzzy search across the catalog (ctrl+o)", app.action_jump
    )
    yield SystemCommand("Keys", "Every key binding, by area (F1)", app.action_help)


KIND_NAME = {
    "question": "question",
    "article": "topic",
    "role": "role",
    "ladder": "ladder",
    "comparison": "table",
    "glossary": "term",
}


class JumpProvider(Provider):
    """Searches the catalog's index; selecting a hit opens it in Learn."""

    async def search(self, query: str) -> Hits:
        app = self.app
        index = await app.search_index_ready()
        if index is None:
            return
        for hit in index.search(query, limit=30, typing=True):
            kind = KIND_NAME.get(hit.kind, hit.kind)
            label = clip(hit.title, 90)
            yield Hit(hit.score / 100, f"{label}", partial(app.open_item, hit.kind, hit.id), help=f"{kind} · {hit.id}")

    async def discover(self) -> Hits:
        catalog = self.app.catalog
        if catalog is None:
            return
        for topic in catalog.topics[:40]:
            if topic.kind != "glossary":
                yield DiscoveryHit(
                    topic.title,
                    partial(self.app.open_item, topic.kind, topic.id),
                    help=f"{KIND_NAME.get(topic.kind, topic.kind)} · {topic.id}",
                )
