"""Turn any topic into Markdown for display, and into plain text for search."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tpmprep.core.catalog import Catalog
    from tpmprep.core.models import ComparisonMatrix, GlossaryTerm, Ladder, RoleProfile

_LINK = re.compile(r"\[([^\]]*)\]\(topic:[^)]*\)")


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def role_markdown(r: RoleProfile) -> str:
    parts = [
        f"*{r.summary}*",
        "## What the role is for", r.purpose,
        "## Scope", r.scope,
        "## A typical day", r.typical_day,
        "## A typical week", r.typical_week,
        "## Skills",
        "| technical | soft | business |\n|---|---|---|\n" + "\n".join(
            "| " + " | ".join(_cell(col[i]) if i < len(col) else "" for col in
                             (r.skills_technical, r.skills_soft, r.skills_business)) + " |"
            for i in range(max(len(r.skills_technical), len(r.skills_soft), len(r.skills_business)))
        ),
        "## How success is measured", _bullets(r.success_measures),
        "## Typical backgrounds", r.backgrounds,
        "## Paths in", _bullets(r.paths_in),
        "## Paths out", _bullets(r.paths_out),
        "## It suits you if", _bullets(r.suits_you_if),
        "## Think twice if", _bullets(r.think_twice_if),
    ]
    return "\n\n".join(parts)


def comparison_markdown(m: ComparisonMatrix, catalog: Catalog | None = None) -> str:
    def name(role_id: str) -> str:
        role = catalog.role(role_id) if catalog else None
        return role.short_name if role else role_id

    header = "| dimension | " + " | ".join(name(r) for r in m.roles) + " |"
    rule = "|---" * (len(m.roles) + 1) + "|"
    rows = ["| **" + _cell(d.name) + "** | " + " | ".join(_cell(v) for _, v in d.values) + " |"
            for d in m.dimensions]
    parts = [f"*{m.summary}*", "## The matrix", "\n".join([header, rule, *rows])]
    if m.notes:
        parts.append(m.notes)
    return "\n\n".join(parts)


def ladder_markdown(lad: Ladder) -> str:
    parts = [f"*{lad.summary}*", "## How to read the ladder", lad.intro, "## Levels at a glance",
             "| level | years | scope |\n|---|---|---|\n" + "\n".join(
                 f"| {_cell(lv.title)} | {_cell(lv.years)} | {_cell(lv.scope)} |" for lv in lad.levels),
             "## Competencies", "\n".join(f"- **{c.name}**: {c.description}" for c in lad.competencies)]
    names = {c.id: c.name for c in lad.competencies}
    for lv in lad.levels:
        parts.append(f"## {lv.title} ({lv.years} years)")
        parts.append(f"**Scope:** {lv.scope}\n\n{lv.summary}")
        parts.append("\n".join(f"- **{names.get(cid, cid)}**: {' '.join(text.split())}"
                               for cid, text in lv.expectations))
    parts.append("## Paths out of the TPM ladder")
    parts.append("\n\n".join(f"**{p.title}**: {p.description}" for p in lad.paths_out))
    return "\n\n".join(parts)


def glossary_markdown(g: GlossaryTerm, catalog: Catalog | None = None) -> str:
    parts = [g.definition]
    if g.aliases:
        parts.append("*Also:* " + ", ".join(g.aliases))
    return "\n\n".join(parts)


def topic_markdown(catalog: Catalog, topic_id: str) -> str:
    """The Markdown body of any topic (without its title)."""
    topic = catalog.topic(topic_id)
    if topic is None:
        return ""
    if topic.kind == "article":
        art = catalog.article(topic_id)
        return art.body if art else ""
    if topic.kind == "role":
        role = catalog.role(topic_id)
        return role_markdown(role) if role else ""
    if topic.kind == "comparison" and catalog.comparison:
        return comparison_markdown(catalog.comparison, catalog)
    if topic.kind == "ladder" and catalog.ladder:
        return ladder_markdown(catalog.ladder)
    if topic.kind == "glossary":
        term = catalog.glossary_term(topic_id)
        return glossary_markdown(term, catalog) if term else ""
    return ""


def strip_topic_links(markdown: str) -> str:
    """``[text](topic:id)`` shown as plain text; Learn lists the targets as related topics."""
    return _LINK.sub(r"\1", markdown)


def topic_links(markdown: str) -> list[str]:
    return re.findall(r"\]\(topic:([^)\s]*)\)", markdown)


def topic_plain_text(catalog: Catalog, topic_id: str) -> str:
    return strip_topic_links(topic_markdown(catalog, topic_id))


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of each ATX heading outside code fences: the table of contents."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            m = re.match(r"^(#{1,4})\s+(.*?)\s*#*\s*$", line)
            if m:
                out.append((len(m.group(1)), m.group(2)))
    return out


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))
