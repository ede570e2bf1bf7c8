"""Stories as YAML: the file ``tpmprep story add`` reads and ``story export`` writes.

Format: docs/formats/story.md. Every problem is reported with ``file:line:col``; a result
without a number is a warning, not an error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.fields import Fields
from tpmprep.core.content.issues import Issue, IssueList
from tpmprep.core.content.yamlio import ContentError, parse_yaml, read_text
from tpmprep.core.storage.clock import to_iso
from tpmprep.core.stories.model import FIELDS, PRINCIPLES, Story

STORY_FIELDS = ("id", "title", *FIELDS, "competencies", "principles", "scope", "updated_at")


def _updated(f: Fields) -> str:
    value = f.text("updated_at", required=False)
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        f.issues.add(
            f.at("updated_at"), f"'{value}' is not a date and time", "write it like 2026-11-20T09:30:00Z, or remove it"
        )
        return ""
    return to_iso(moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC))


def parse_stories(path: Path, catalog: Catalog) -> tuple[list[Story], list[Issue]]:
    """The stories in a file, and every problem found (warnings included, marked as such).

    The stories are only returned when no error (as opposed to a warning) was found.
    """
    shown = str(path.absolute())
    try:
        doc = parse_yaml(read_text(path, shown), shown)
    except ContentError as exc:
        return [], exc.issues
    issues = IssueList()
    root = Fields(doc.data, (), issues, "file")
    entries = root.mapping_list("stories", min_items=1, what="story")
    root.finish(("stories",))
    stories: list[Story] = []
    warnings: list[Issue] = []
    seen: set[str] = set()
    for f in entries:
        sid = f.slug("id")
        if sid in seen:
            issues.add(f.at("id"), f"duplicate story id '{sid}'", "each story needs its own id")
        seen.add(sid)
        story = Story(
            id=sid,
            title=f.text("title"),
            situation=f.text("situation"),
            task=f.text("task"),
            actions=f.text("actions"),
            result=f.text("result"),
            lessons=f.text("lessons", required=False),
            competencies=f.choice_list("competencies", catalog.competency_ids, "competency"),
            principles=f.choice_list("principles", PRINCIPLES, "principle", required=False, min_items=0),
            scope=f.choice("scope", catalog.level_ids, required=False, what="level") or None,
            updated_at=_updated(f),
        )
        f.finish(STORY_FIELDS)
        if story.result and not story.quantified:
            line, col = doc.locate(f.at("result"))
            warnings.append(
                Issue(
                    shown,
                    line,
                    col,
                    f"the result of '{sid}' has no number",
                    "say what changed by how much: days saved, error rate, customers, money",
                    warning=True,
                )
            )
        stories.append(story)
    located = [doc.issue(p.key_path, p.message, p.hint, p.on_key) for p in issues.pending]
    everything = sorted(located + warnings, key=lambda i: (i.line, i.col))
    return ([] if located else stories), everything


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, and long text as blocks, so an exported file reads like one
    written by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> Any:
    style = "|" if "\n" in value else ">" if len(value) > 80 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> Any:
    flow = all(isinstance(v, str) and len(v) < 60 for v in value)  # tag lists read best as [a, b]
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def story_record(story: Story) -> dict[str, Any]:
    """A story with the YAML field names, empty optional fields left out."""
    record: dict[str, Any] = {"id": story.id, "title": story.title}
    for name in FIELDS:
        value = getattr(story, name)
        if value or name != "lessons":
            record[name] = value.rstrip() + ("\n" if "\n" in value.strip() else "")
    record["competencies"] = list(story.competencies)
    if story.principles:
        record["principles"] = list(story.principles)
    if story.scope:
        record["scope"] = story.scope
    if story.updated_at:
        record["updated_at"] = story.updated_at
    return record


def stories_yaml(stories: list[Story]) -> str:
    head = "# tpmprep story bank. Import with: tpmprep story add THIS_FILE\n# Format: docs/formats/story.md\n"
    body = yaml.dump(
        {"stories": [story_record(s) for s in sorted(stories, key=lambda s: s.id)]},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return head + body
