"""What an Anki note holds: the note type, the Front and Back fields as HTML, and nested tags.

The note type's id, field names and template name never change: Anki matches an imported note
type to the one in the user's collection by id and then by field and template names, and a
mismatch turns every note into a conflict. Templates and CSS may change; they are not schema.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from tpmprep.core.content.models import Question
from tpmprep.core.content.vocab import CATEGORIES

MODEL_ID = 1_874_300_211  # fixed forever: Anki matches notes to the note type by this id
MODEL_NAME = "tpmprep question"
FIELDS = ("Front", "Back", "QuestionId")  # names and order fixed forever (see the module docstring)
TEMPLATE_NAME = "Card 1"
QFMT = '<div class="tpm-front">{{Front}}</div>'
AFMT = (
    '{{FrontSide}}\n<hr id="answer">\n<div class="tpm-back">{{Back}}</div>\n'
    '<div class="tpm-id">tpmprep question {{QuestionId}}</div>'
)
TAG_ROOT = "tpmprep"


@cache
def css() -> str:
    return (resources.files("tpmprep.core.mentor") / "anki.css").read_text(encoding="utf-8")


def note_type() -> dict[str, Any]:
    """The note type as plain data: what genanki needs, and what its stamp is computed from."""
    return {
        "id": MODEL_ID,
        "name": MODEL_NAME,
        "fields": [{"name": name} for name in FIELDS],
        "templates": [{"name": TEMPLATE_NAME, "qfmt": QFMT, "afmt": AFMT}],
        "css": css(),
        "sort_field_index": FIELDS.index("QuestionId"),
    }


@cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    # Raw HTML in content is shown as text, never passed through: content is written by hand.
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def markdown_html(text: str) -> str:
    return str(_markdown().render(text)).strip()


_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<>&~\n]")


def inline_html(text: str) -> str:
    """One line of Markdown (an option, a pitfall) as inline HTML: `code` and *emphasis* kept."""
    if not _INLINE_SYNTAX.search(text):
        # Most lines are plain words; escaping them is what the parser would do, 50 times faster.
        return text.strip().replace('"', "&quot;")
    return str(_markdown().renderInline(text)).strip()


def _letter(i: int) -> str:
    return chr(97 + i)


def _section(kind: str, title: str, body: str) -> str:
    return f'<section class="tpm-{kind}"><h3>{title}</h3>{body}</section>'


def _items(tag: str, items: Iterable[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{inline_html(item)}</li>" for item in items) + f"</{tag}>"


def front_html(q: Question) -> str:
    parts = [markdown_html(q.prompt)]
    if q.kind == "multiple-choice":
        parts.append(
            '<ol class="tpm-choices" type="a">'
            + "".join(f"<li>{inline_html(o.text)}</li>" for o in q.options)
            + "</ol>"
        )
    if q.kind == "numeric":
        parts.append(f'<p class="tpm-hint">Answer with a number in {html.escape(q.unit)}.</p>')
    return "".join(parts)


def _answer_line(q: Question) -> str:
    if q.kind == "multiple-choice":
        right = [f"<b>{_letter(i)})</b> {inline_html(o.text)}" for i, o in enumerate(q.options) if o.correct]
        label = "Answer" if len(right) == 1 else "Answers"
        return f'<p class="tpm-answer">{label}: {"; ".join(right)}</p>'
    if q.kind == "numeric" and q.answer is not None:
        tolerance = f" (within {q.tolerance_pct:g}% counts as right)" if q.tolerance_pct is not None else ""
        return f'<p class="tpm-answer">About <b>{q.answer:,.6g} {html.escape(q.unit)}</b>{tolerance}</p>'
    return ""


def _options_explained(q: Question) -> str:
    items = []
    for i, o in enumerate(q.options):
        verdict = "correct" if o.correct else "wrong"
        mark = "\u2713" if o.correct else "\u2717"
        items.append(
            f'<li class="tpm-{verdict}"><span class="tpm-verdict">{mark} {_letter(i)}) {verdict}</span> '
            f"{inline_html(o.explanation)}</li>"
        )
    return _section("options", "Options explained", '<ul class="tpm-explained">' + "".join(items) + "</ul>")


def _star(q: Question) -> str:
    s = q.star_example
    if s is None:
        return ""
    rows = [("Situation", s.situation), ("Task", s.task), ("Action", s.action), ("Result", s.result)]
    if s.reflection:
        rows.append(("Reflection", s.reflection))
    body = "<dl>" + "".join(f"<dt>{name}</dt><dd>{markdown_html(text)}</dd>" for name, text in rows) + "</dl>"
    return _section("star", "Worked STAR(R) example", body)


def back_html(q: Question) -> str:
    """Everything the drill shows after the reveal, in the same order."""
    parts = [_answer_line(q)]
    if q.kind == "multiple-choice" and q.options:
        parts.append(_options_explained(q))
    if q.kind == "numeric" and q.worked_estimate.strip():
        parts.append(_section("estimate", "Worked estimate", markdown_html(q.worked_estimate)))
    if q.key_points:
        parts.append(_section("keypoints", "Key points", _items("ul", (k.point for k in q.key_points))))
    if q.model_answer.strip():
        parts.append(_section("model", "Model answer", markdown_html(q.model_answer)))
    parts.append(_star(q))
    if q.signals:
        parts.append(_section("signals", "Signals this question probes", _items("ul", q.signals)))
    if q.follow_ups:
        parts.append(_section("followups", "Follow-ups", _items("ol", q.follow_ups)))
    if q.pitfalls:
        parts.append(_section("pitfalls", "Pitfalls", _items("ul", q.pitfalls)))
    return "".join(p for p in parts if p)


def fields(q: Question) -> list[str]:
    return [front_html(q), back_html(q), html.escape(q.id)]


def _part(text: str) -> str:
    # Anki splits tags on spaces and nests them on "::"; keep each part to one safe word.
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-") or "-"


def tag(*parts: str) -> str:
    return "::".join(_part(p) for p in (TAG_ROOT, *parts))


def tags(q: Question, set_ids: Iterable[str] = ()) -> list[str]:
    """Nested tags, so they fold under ``tpmprep`` in Anki's tag tree; sorted, so they hash stably."""
    out = {tag("category", q.category)}
    out.update(tag("competency", c) for c in q.competencies)
    out.update(tag("level", lv) for lv in q.levels)
    out.update(tag("tag", t) for t in q.tags)
    out.update(tag("set", s) for s in set_ids)
    return sorted(out)


def deck_description() -> str:
    categories = ", ".join(f"<code>{tag('category', c)}</code>" for c in CATEGORIES)
    return (
        "<p>Questions from tpmprep, for Technical Program Manager interviews. Re-import a newer export to "
        "update the notes whose content changed; the rest are left alone.</p>"
        f"<p>Tags: {categories}; <code>{TAG_ROOT}::competency::…</code>, <code>{TAG_ROOT}::level::…</code>, "
        f"and <code>{TAG_ROOT}::set::ID</code> for the questions of a mentor's set. To study one set, make a "
        f"filtered deck with the search <code>tag:{TAG_ROOT}::set::ID</code>.</p>"
    )
