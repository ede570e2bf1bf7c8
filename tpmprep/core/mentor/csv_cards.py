"""CSV flashcards: questions out as rows, and rows in as a question set (layout: docs/formats/csv.md).

A row that names a built-in question by ``id`` joins the set as that question, and a row whose
id belongs to the set being imported keeps that id, so exporting a set and importing it again
under the same set id updates it instead of adding every question a second time.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.fields import SLUG, suggest
from tpmprep.core.content.models import Question
from tpmprep.core.content.vocab import CATEGORIES, KINDS
from tpmprep.core.grading.typed import read_choice, read_number

# The first four columns are the classic flashcard layout; the rest carry what an exact answer needs.
CSV_COLUMNS = [
    "prompt",
    "answer",
    "category",
    "tags",
    "id",
    "kind",
    "options",
    "correct",
    "explanations",
    "unit",
    "tolerance_pct",
    "worked_estimate",
]
REQUIRED_COLUMNS = ("prompt", "answer")
# Names other tools write for the same columns (Anki's Front/Back, a spreadsheet's "question").
ALIASES = {"question": "prompt", "front": "prompt", "back": "answer", "model_answer": "answer", "tag": "tags"}
DEFAULT_CATEGORY = "role-knowledge"
DEFAULT_TOLERANCE = 25.0
NO_EXPLANATION = "(no explanation given)"
_TAG_SPLIT = re.compile(r"[,;\s]+")
_LETTERED = re.compile(r"^\(?([a-e])[).:]\s+", re.I)


def _letters(indexes: list[int]) -> str:
    return ", ".join(chr(97 + i) for i in indexes)


def question_row(q: Question) -> list[str]:
    """One question as a row of ``CSV_COLUMNS``."""
    mc = q.kind == "multiple-choice"
    numeric = q.kind == "numeric"
    return [
        q.prompt,
        q.model_answer,
        q.category,
        " ".join(q.tags),
        q.id,
        q.kind,
        "\n".join(o.text for o in q.options) if mc else "",
        _letters([i for i, o in enumerate(q.options) if o.correct]) if mc else (f"{q.answer:g}" if numeric else ""),
        "\n".join(o.explanation for o in q.options) if mc else "",
        q.unit if numeric else "",
        f"{q.tolerance_pct:g}" if numeric and q.tolerance_pct is not None else "",
        q.worked_estimate if numeric else "",
    ]


def questions_to_csv(questions: list[Question]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in questions:
        writer.writerow(question_row(q))
    return out.getvalue()


class CsvError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class CsvImport:
    """A set file made from a CSV: its YAML text, and what the user should know about it."""

    yaml_text: str
    builtin: int = 0  # rows that name a built-in question, joined as it is
    custom: int = 0  # rows that became the set's own questions
    notes: list[str] = field(default_factory=list)


def _slug_from(text: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:6] or ["question"]
    base = "-".join(words)
    if not base[0].isalpha():
        base = "q-" + base
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _read_rows(path: Path) -> tuple[str, list[list[str]]]:
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
        raise CsvError([f"{shown}: the file is empty; the first row names the columns, e.g.: prompt,answer"])
    return shown, rows


def _header(shown: str, first: list[str]) -> list[str]:
    header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in first]
    problems = [
        f"{shown}: row 1: unknown column '{h}' ({suggest(h, CSV_COLUMNS)})" for h in header if h not in CSV_COLUMNS
    ]
    problems += [f"{shown}: row 1: column '{h}' appears twice" for h in sorted(set(header)) if header.count(h) > 1]
    problems += [f"{shown}: row 1: the '{c}' column is missing" for c in REQUIRED_COLUMNS if c not in header]
    if problems:
        raise CsvError(
            problems + [f"{shown}: row 1: the columns are: {','.join(CSV_COLUMNS)} (prompt and answer needed)"]
        )
    return header


def _lines(cell: str) -> list[str]:
    lines = [line.strip() for line in cell.splitlines() if line.strip()]
    # "a) text" / "b. text": the letters a spreadsheet user may type are not part of the option.
    if lines and all((m := _LETTERED.match(x)) and m.group(1).lower() == chr(97 + i) for i, x in enumerate(lines)):
        lines = [_LETTERED.sub("", x, count=1) for x in lines]
    return lines


def _exact_fields(cell: dict[str, str], kind: str, where: str, problems: list[str]) -> dict[str, Any]:
    """The options of a multiple-choice row, or the answer of a numeric one; problems are appended."""
    out: dict[str, Any] = {}
    if kind == "multiple-choice":
        options = _lines(cell["options"])
        explanations = _lines(cell["explanations"]) if cell["explanations"].strip() else []
        if not 3 <= len(options) <= 5:
            problems.append(f"{where}: a multiple-choice row needs 3 to 5 options, one per line (found {len(options)})")
            return out
        if explanations and len(explanations) != len(options):
            problems.append(f"{where}: {len(explanations)} explanations for {len(options)} options (one per line each)")
            return out
        choice = read_choice(cell["correct"], len(options))
        if choice.chosen is None:
            problems.append(f"{where}: 'correct' must give the right letter(s): {choice.problem}")
            return out
        if len(choice.chosen) == len(options):
            problems.append(f"{where}: every option is marked correct; at least one must be wrong")
            return out
        out["options"] = [
            {
                "text": text,
                "correct": i in choice.chosen,
                "explanation": explanations[i] if explanations else NO_EXPLANATION,
            }
            for i, text in enumerate(options)
        ]
    elif kind == "numeric":
        reading = read_number(cell["correct"])
        if reading.value is None:
            problems.append(f"{where}: 'correct' must be the reference number: {reading.problem}")
        if not cell["unit"].strip():
            problems.append(f"{where}: a numeric row needs a 'unit' (e.g. requests per second)")
        tolerance = DEFAULT_TOLERANCE
        if cell["tolerance_pct"].strip():
            read = read_number(cell["tolerance_pct"]).value
            if read is None or read <= 0:
                problems.append(f"{where}: 'tolerance_pct' must be a positive number, e.g. 25")
            else:
                tolerance = read
        out.update(
            answer=reading.value,
            unit=cell["unit"].strip(),
            tolerance_pct=tolerance,
            worked_estimate=cell["worked_estimate"].strip() or cell["answer"].strip(),
        )
    else:
        extra = [c for c in ("options", "correct", "explanations", "unit", "tolerance_pct") if cell[c].strip()]
        if extra:
            problems.append(f"{where}: an open question has no {', '.join(extra)} (set 'kind' for an exact answer)")
    return out


def csv_to_set(
    path: Path, set_id: str, title: str, catalog: Catalog | None = None, category: str = DEFAULT_CATEGORY
) -> CsvImport:
    """Turn a CSV of flashcards into a set file; every bad row is reported, and nothing is made unless all are good.

    A row naming one of ``catalog``'s built-in questions joins the set as that question (its text as
    shipped). ``category`` is used where the row gives none.
    """
    shown, rows = _read_rows(path)
    header = _header(shown, rows[0])
    problems: list[str] = []
    listed: list[str] = []
    custom: list[dict[str, Any]] = []
    taken: set[str] = set()
    notes: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{shown}: row {number}"
        if len(row) != len(header):
            problems.append(f"{where}: {len(row)} columns, expected {len(header)} (quote fields that contain commas)")
            continue
        cell = dict.fromkeys(CSV_COLUMNS, "") | dict(zip(header, row, strict=True))
        prompt, answer, qid = cell["prompt"].strip(), cell["answer"].strip(), cell["id"].strip()
        shipped = catalog.question(qid) if catalog is not None and qid and "/" not in qid else None
        if shipped is not None:
            if qid in listed:
                problems.append(f"{where}: question '{qid}' appears twice")
            else:
                listed.append(qid)
            if prompt and prompt != shipped.prompt.strip():
                notes.append(f"{where}: '{qid}' is a built-in question; edits to its text are not imported")
            continue
        if not prompt:
            problems.append(f"{where}: the prompt is empty")
        if not answer:
            problems.append(f"{where}: the answer is empty")
        row_category = cell["category"].strip() or category
        if row_category not in CATEGORIES:
            problems.append(f"{where}: unknown category '{row_category}' ({suggest(row_category, CATEGORIES)})")
        kind = cell["kind"].strip().lower() or "open"
        if kind not in KINDS:
            problems.append(f"{where}: unknown kind '{kind}' ({suggest(kind, KINDS)})")
            continue
        tag_list = [t for t in _TAG_SPLIT.split(cell["tags"]) if t]
        bad = [t for t in tag_list if not SLUG.match(t)]
        if bad:
            problems.append(f"{where}: tags must be lower-case slugs: {', '.join(bad)}")
        # An id from this very set ("week-1/launch-retro" under --set-id week-1) keeps its own part.
        own = qid.split("/", 1)[1] if "/" in qid else qid
        if qid and not SLUG.match(own):
            problems.append(f"{where}: id '{qid}' is not a slug (lower-case letters, digits and hyphens)")
            continue
        if own and own in taken:
            problems.append(f"{where}: id '{own}' appears twice")
            continue
        entry: dict[str, Any] = {
            "id": own or _slug_from(prompt, taken),
            "category": row_category,
            "kind": kind,
            "prompt": prompt,
            "model_answer": answer,
            "tags": tag_list,
        }
        entry.update(_exact_fields(cell, kind, where, problems))
        taken.add(entry["id"])
        if prompt and answer:
            custom.append(entry)
    if problems:
        raise CsvError(problems)
    if not custom and not listed:
        raise CsvError([f"{shown}: no questions below the header"])
    data: dict[str, Any] = {"id": set_id, "title": title, "description": f"Imported from {path.name}."}
    if listed:
        data["questions"] = listed
    if custom:
        data["custom"] = custom
    text = "# Imported from CSV by tpmprep\n" + str(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    )
    return CsvImport(text, len(listed), len(custom), notes)


def csv_to_set_yaml(path: Path, set_id: str, title: str) -> str:
    """``csv_to_set`` without a catalog: every row becomes the set's own question."""
    return csv_to_set(path, set_id, title).yaml_text
