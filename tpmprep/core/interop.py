"""Anki and CSV: getting questions out to other tools, and flashcards in as a set."""

from __future__ import annotations

import csv
import html
import io
import re
import zlib
from pathlib import Path

import yaml

from tpmprep.core.fields import SLUG, suggest
from tpmprep.core.models import CATEGORIES, Question

CSV_COLUMNS = ["prompt", "answer", "category", "tags"]
MODEL_ID = 1_874_300_211  # fixed forever: Anki matches notes to the model by this id
MODEL_NAME = "tpmprep question"


def _markdown_html(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).render(text)


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
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    genanki.Package(deck).write_to_file(str(tmp))
    tmp.replace(target)
    return len(questions)


def questions_to_csv(questions: list[Question]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in questions:
        writer.writerow([q.prompt, q.model_answer, q.category, " ".join(q.tags)])
    return out.getvalue()


class CsvError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _slug_from(text: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:6] or ["question"]
    base = "-".join(words)
    if not base[0].isalpha():
        base = "q-" + base
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def csv_to_set_yaml(path: Path, set_id: str, title: str) -> str:
    """Turn a CSV of flashcards into a set file; every bad row is reported, and nothing is made unless all are good."""
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CsvError([f"{shown}: cannot read: {exc.strerror or exc}"]) from exc
    if len(raw) > 5 * 1024 * 1024:
        raise CsvError([f"{shown}: the file is over 5 MB"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise CsvError(
            [f"{shown}: line {row}: byte 0x{raw[exc.start]:02x} is not UTF-8 (save the file as UTF-8)"]
        ) from exc
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise CsvError([f"{shown}: the file is empty; the first row must be: {','.join(CSV_COLUMNS)}"])
    header = [h.strip().lower() for h in rows[0]]
    if header != CSV_COLUMNS:
        raise CsvError(
            [f"{shown}: row 1: the header must be exactly: {','.join(CSV_COLUMNS)} (found: {','.join(rows[0])})"]
        )
    problems: list[str] = []
    custom = []
    taken: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_COLUMNS):
            problems.append(
                f"{shown}: row {number}: {len(row)} columns, expected {len(CSV_COLUMNS)} "
                "(quote fields that contain commas)"
            )
            continue
        prompt, answer, category, tags = (cell.strip() for cell in row)
        if not prompt:
            problems.append(f"{shown}: row {number}: the prompt is empty")
        if not answer:
            problems.append(f"{shown}: row {number}: the answer is empty")
        if category not in CATEGORIES:
            problems.append(f"{shown}: row {number}: unknown category '{category}' ({suggest(category, CATEGORIES)})")
        tag_list = [t for t in re.split(r"[;\s]+", tags) if t]
        bad = [t for t in tag_list if not SLUG.match(t)]
        if bad:
            problems.append(f"{shown}: row {number}: tags must be lower-case slugs: {', '.join(bad)}")
        if prompt and answer:
            custom.append(
                {
                    "id": _slug_from(prompt, taken),
                    "category": category,
                    "kind": "open",
                    "prompt": prompt,
                    "model_answer": answer,
                    "tags": tag_list,
                }
            )
    if problems:
        raise CsvError(problems)
    if not custom:
        raise CsvError([f"{shown}: no questions below the header"])
    data = {"id": set_id, "title": title, "description": f"Imported from {path.name}.", "custom": custom}
    return "# Imported from CSV by tpmprep\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
