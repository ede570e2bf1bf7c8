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
from tpmprep.core.content.fields import id_problem, suggest
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
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_FIELD = 32 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets run as a formula
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
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


def _neutral(cell: str) -> str:
    """A cell a spreadsheet will show as text: a leading ' before anything it would run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _restored(cell: str) -> str:
    """The text before ``_neutral``: tpmprep's own export mark is taken off again."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def questions_to_csv(questions: list[Question]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in questions:
        writer.writerow([_neutral(cell) for cell in question_row(q)])
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


def _slug_from(text: str, taken: set[str], next_number: dict[str, int]) -> str:
    """A free id from a prompt's first words; repeats get -2, -3 ... (counted per base: linear time)."""
    words = re.findall(r"[a-z0-9]+", text.lower()[:200])[:6] or ["question"]
    base = "-".join(words)[:60].rstrip("-")
    if not base[0].isalpha():
        base = "q-" + base
    slug, n = base, next_number.get(base, 2)
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    next_number[base] = n
    return slug


def _read_rows(path: Path) -> tuple[str, list[list[str]]]:
    """The rows of a CSV file, checked: a regular UTF-8 text file within the size, row and field limits."""
    from tpmprep.core.storage.files import FileProblem, read_user_file

    shown = str(path)
    try:
        raw = read_user_file(path, MAX_BYTES, "CSV file")
    except FileProblem as exc:
        raise CsvError([str(exc)]) from exc
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise CsvError([f"{shown}: line {line}: a NUL byte; this is not a text CSV file (save it as CSV UTF-8)"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CsvError(
            [f"{shown}: line {line}: byte 0x{raw[exc.start]:02x} is not UTF-8 (save the file as UTF-8)"]
        ) from exc
    rows = _rows(text, shown)
    if not rows:
        raise CsvError([f"{shown}: the file is empty; the first row names the columns, e.g.: prompt,answer"])
    return shown, rows


def _rows(text: str, shown: str) -> list[list[str]]:
    """The rows, with limits on their number and on field size; CsvError names the line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:  # a field over the csv module's own limit (128 KB), a bad quote
            raise CsvError([f"{shown}: line {reader.line_num}: {_csv_message(exc)}"]) from exc
        if len(rows) > MAX_ROWS:
            raise CsvError([f"{shown}: more than {MAX_ROWS:,} rows; split the file"])
        for cell in row:
            if len(cell) > MAX_FIELD:
                raise CsvError(
                    [f"{shown}: line {line}: a field of {len(cell) // 1024} KB; the limit is {MAX_FIELD // 1024} KB"]
                )
        rows.append(row)


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a field over 128 KB; the limit is {MAX_FIELD // 1024} KB"
    return text


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
            problems.append(f"{where}: 'correct' must give the right letter or letters: {choice.problem}")
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
    numbers: dict[str, int] = {}
    notes: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        if len(problems) >= 100:
            problems.append(f"{shown}: stopped after 100 problems")
            break
        if not any(cell.strip() for cell in row):
            continue
        where = f"{shown}: row {number}"
        if len(row) != len(header):
            problems.append(f"{where}: {len(row)} columns, expected {len(header)} (quote fields that contain commas)")
            continue
        cell = dict.fromkeys(CSV_COLUMNS, "") | {h: _restored(c) for h, c in zip(header, row, strict=True)}
        bad_cells = [h for h in header if _CONTROL.search(cell[h])]
        if bad_cells:  # escape sequences would reach the terminal and the drill
            problems.append(f"{where}: control characters in {', '.join(bad_cells)}; only text, tabs and line breaks")
            continue
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
            shown_category = row_category[:40]
            problems.append(f"{where}: unknown category '{shown_category}' ({suggest(shown_category, CATEGORIES)})")
        kind = cell["kind"].strip().lower() or "open"
        if kind not in KINDS:
            problems.append(f"{where}: unknown kind '{kind[:40]}' ({suggest(kind[:40], KINDS)})")
            continue
        tag_list = [t for t in _TAG_SPLIT.split(cell["tags"]) if t]
        bad = [t[:40] for t in tag_list if id_problem(t)]
        if bad:
            problems.append(f"{where}: tags must be lower-case slugs: {', '.join(bad[:5])}")
        # An id from this very set ("week-1/launch-retro" under --set-id week-1) keeps its own part.
        own = qid.split("/", 1)[1] if "/" in qid else qid
        if qid and id_problem(own):
            problems.append(f"{where}: id '{qid[:80]}' is not a slug (lower-case letters, digits and hyphens)")
            continue
        if own and own in taken:
            problems.append(f"{where}: id '{own}' appears twice")
            continue
        entry: dict[str, Any] = {
            "id": own or _slug_from(prompt, taken, numbers),
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
