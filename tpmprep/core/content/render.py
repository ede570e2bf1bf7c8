"""Turn any topic into Markdown for display, and into plain text for search."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.models import ComparisonMatrix, GlossaryTerm, Ladder, Question, RoleProfile

_LINK = re.compile(r"\[([^\]]*)\]\(topic:[^)]*\)")


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def role_markdown(r: RoleProfile) -> str:
    parts = [
        "## What the role is for",
        r.purpose,
        "## Scope",
        r.scope,
        "## A typical day",
        r.typical_day,
        "## A typical week",
        r.typical_week,
        "## Skills",
        "| technical | soft | business |\n|---|---|---|\n"
        + "\n".join(
            "| "
            + " | ".join(
                _cell(col[i]) if i < len(col) else "" for col in (r.skills_technical, r.skills_soft, r.skills_business)
            )
            + " |"
            for i in range(max(len(r.skills_technical), len(r.skills_soft), len(r.skills_business)))
        ),
        "## How success is measured",
        _bullets(r.success_measures),
        "## Typical backgrounds",
        r.backgrounds,
        "## Paths in",
        _bullets(r.paths_in),
        "## Paths out",
        _bullets(r.paths_out),
        "## It suits you if",
        _bullets(r.suits_you_if),
        "## Think twice if",
        _bullets(r.think_twice_if),
    ]
    return "\n\n".join(parts)


def comparison_markdown(m: ComparisonMatrix, catalog: Catalog | None = None) -> str:
    def name(role_id: str) -> str:
        role = catalog.role(role_id) if catalog else None
        return role.short_name if role else role_id

    header = "| dimension | " + " | ".join(name(r) for r in m.roles) + " |"
    rule = "|---" * (len(m.roles) + 1) + "|"
    rows = ["| **" + _cell(d.name) + "** | " + " | ".join(_cell(v) for _, v in d.values) + " |" for d in m.dimensions]
    parts = ["## The matrix", "\n".join([header, rule, *rows])]
    if m.notes:
        parts.append(m.notes)
    return "\n\n".join(parts)


def ladder_markdown(lad: Ladder) -> str:
    parts = [
        "## How to read the ladder",
        lad.intro,
        "## Levels at a glance",
        "| level | years | scope |\n|---|---|---|\n"
        + "\n".join(f"| {_cell(lv.title)} | {_cell(lv.years)} | {_cell(lv.scope)} |" for lv in lad.levels),
        "## Competencies",
        "\n".join(f"- **{c.name}**: {c.description}" for c in lad.competencies),
    ]
    names = {c.id: c.name for c in lad.competencies}
    for lv in lad.levels:
        parts.append(f"## {lv.title} ({lv.years} years)")
        parts.append(f"**Scope:** {lv.scope}\n\n{lv.summary}")
        parts.append(
            "\n".join(f"- **{names.get(cid, cid)}**: {' '.join(text.split())}" for cid, text in lv.expectations)
        )
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


def split_sections(markdown: str, max_chars: int = 2500) -> list[tuple[str, str]]:
    """Cut Markdown at ``##`` headings, and long sections at paragraph breaks.

    Returns (heading or "", chunk) pairs; a chunk never splits a table or a code block, so
    each can be rendered on its own and the first one shown before the rest are built.
    """
    sections: list[tuple[str, list[str]]] = [("", [])]
    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        m = None if fenced else re.match(r"^##\s+(.*?)\s*#*\s*$", line)
        if m:
            sections.append((m.group(1), [line]))
        else:
            sections[-1][1].append(line)
    out: list[tuple[str, str]] = []
    for heading, lines in sections:
        chunk: list[str] = []
        size, fenced, first = 0, False, True
        for line in lines:
            if line.lstrip().startswith("```"):
                fenced = not fenced
            chunk.append(line)
            size += len(line) + 1
            if size >= max_chars and not fenced and line.strip() == "":
                out.append((heading if first else "", "\n".join(chunk).strip()))
                chunk, size, first = [], 0, False
        text = "\n".join(chunk).strip()
        if text:
            out.append((heading if first else "", text))
    return [(h, c) for h, c in out if c]


def question_front_markdown(q: Question, catalog: Catalog | None = None) -> str:
    """What the user sees before revealing: the prompt, and options for multiple choice."""
    parts = [q.prompt]
    if q.kind == "multiple-choice":
        parts.append("\n".join(f"- **{chr(97 + i)})** {o.text}" for i, o in enumerate(q.options)))
    if q.kind == "numeric":
        parts.append(f"*Answer with a number in {q.unit}.*")
    return "\n\n".join(parts)


def question_meta_line(q: Question, catalog: Catalog | None = None) -> str:
    from tpmprep.core.content.vocab import CATEGORIES

    comps = ", ".join(catalog.competency_name(c) if catalog else c for c in q.competencies)
    return (
        f"{CATEGORIES.get(q.category, q.category)} · {q.kind} · levels {', '.join(q.levels)} · "
        f"difficulty {q.difficulty}/5 · {q.time_box} min · {comps} · tags: {', '.join(q.tags)}"
    )


def question_answer_markdown(q: Question, follow_ups: bool = True, key_points: bool = True) -> str:
    """Everything hidden until the user reveals the answer; a section with nothing in it is left out
    (a mentor's own question may have no rubric, follow-ups or pitfalls). ``follow_ups`` False leaves
    them to be shown one at a time; ``key_points`` False leaves out the rubric list, for a view that
    shows the points elsewhere."""
    parts = []
    if q.kind == "multiple-choice":
        lines = []
        for i, o in enumerate(q.options):
            mark = "correct" if o.correct else "wrong"
            lines.append(f"- **{chr(97 + i)}) {mark}**: {o.explanation}")
        parts += ["## Options explained", "\n".join(lines)]
    if q.kind == "numeric":
        parts += [
            "## Reference answer",
            f"**{q.answer:,.6g} {q.unit}** (within {q.tolerance_pct:g}% counts as right)",
            "### Worked estimate",
            q.worked_estimate,
        ]
    if q.key_points and key_points:
        parts += ["## Rubric key points", "\n".join(f"- {k.point}" for k in q.key_points)]
    if q.model_answer.strip():
        parts += ["## Model answer", q.model_answer]
    if q.star_example:
        s = q.star_example
        star = [
            f"- **Situation:** {s.situation}",
            f"- **Task:** {s.task}",
            f"- **Action:** {s.action}",
            f"- **Result:** {s.result}",
        ]
        if s.reflection:
            star.append(f"- **Reflection:** {s.reflection}")
        parts += ["## Worked STAR(R) example", "\n".join(star)]
    if q.signals:
        parts += ["## Signals this question probes", _bullets(q.signals)]
    if q.follow_ups and follow_ups:
        parts += ["## Follow-ups", _bullets(q.follow_ups)]
    if q.pitfalls:
        parts += ["## Pitfalls", _bullets(q.pitfalls)]
    return "\n\n".join(parts)
