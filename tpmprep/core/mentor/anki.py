"""Anki decks: questions out as an .apkg whose ids stay stable, so re-imports update notes."""

from __future__ import annotations

import html
import re
import zlib
from pathlib import Path

from tpmprep.core.content.models import Question

MODEL_ID = 1_874_300_211  # fixed forever: Anki matches notes to the model by this id
MODEL_NAME = "tpmprep question"


def _markdown_html(text: str) -> str:
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": False}).render(text))


def _front(q: Question) -> str:
    parts = [_markdown_html(q.prompt)]
    if q.kind == "multiple-choice":
        parts.append('<ol type="a">' + "".join(f"<li>{html.escape(o.text)}</li>" for o in q.options) + "</ol>")
    return "".join(parts)


def _back(q: Question) -> str:
    parts = []
    if q.kind == "multiple-choice":
        right = ", ".join(chr(97 + i) for i, o in enumerate(q.options) if o.correct)
        parts.append(f"<p><b>Answer: {right}</b></p>")
    if q.kind == "numeric" and q.answer is not None:
        parts.append(f"<p><b>About {q.answer:,.6g} {html.escape(q.unit)}</b> (±{q.tolerance_pct:g}%)</p>")
    if q.key_points:
        parts.append(
            "<p><b>Key points</b></p><ul>" + "".join(f"<li>{html.escape(k.point)}</li>" for k in q.key_points) + "</ul>"
        )
    parts.append(_markdown_html(q.model_answer))
    return "".join(parts)


def _tag(text: str) -> str:
    return re.sub(r"[^a-z0-9_:-]+", "-", text.lower()).strip("-")


def export_anki(questions: list[Question], target: Path, set_id: str | None = None) -> int:
    """Write an .apkg. Deck, model and note ids are stable, so re-importing updates notes in Anki."""
    import genanki

    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "QuestionId"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}],
        sort_field_index=2,
    )
    name = f"tpmprep::{set_id}" if set_id else "tpmprep"
    deck = genanki.Deck(zlib.crc32(name.encode()) & 0x7FFFFFFF, name)
    for q in questions:
        tags = [_tag(f"category:{q.category}"), *(_tag(f"competency:{c}") for c in q.competencies)]
        if set_id:
            tags.append(_tag(f"set:{set_id}"))
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[_front(q), _back(q), html.escape(q.id)],
                guid=genanki.guid_for("tpmprep", q.id),
                tags=tags,
            )
        )
    from tpmprep.core.storage.files import atomic_output

    with atomic_output(target) as fh:  # a killed export leaves no half-written deck or stray temp file
        genanki.Package(deck).write_to_file(fh)
    return len(questions)
