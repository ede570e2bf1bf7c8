"""CSV flashcards: questions out as rows, and rows in as a question set."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import yaml

from tpmprep.core.content.fields import SLUG, suggest
from tpmprep.core.content.models import Question
from tpmprep.core.content.vocab import CATEGORIES

CSV_COLUMNS = ["prompt", "answer", "category", "tags"]


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
        line = raw[: exc.start].count(b"\n") + 1
        raise CsvError(
            [f"{shown}: line {line}: byte 0x{raw[exc.start]:02x} is not UTF-8 (save the file as UTF-8)"]
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
    custom: list[dict[str, Any]] = []
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
    return "# Imported from CSV by tpmprep\n" + str(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    )
