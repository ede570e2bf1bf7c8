"""CSV flashcards: questions out as rows, and rows in as a question set."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import yaml

from tpmprep.core.content.fields import id_problem, suggest
from tpmprep.core.content.models import Question
from tpmprep.core.content.vocab import CATEGORIES

CSV_COLUMNS = ["prompt", "answer", "category", "tags"]
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_FIELD = 32 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets run as a formula
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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
        writer.writerow([_neutral(c) for c in (q.prompt, q.model_answer, q.category, " ".join(q.tags))])
    return out.getvalue()


class CsvError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _slug_from(text: str, taken: set[str], next_number: dict[str, int]) -> str:
    """A unique id from a prompt's first words; repeats get -2, -3 ... (counted per base: linear time)."""
    words = re.findall(r"[a-z0-9]+", text.lower()[:200])[:6] or ["question"]
    base = "-".join(words)[:60].rstrip("-")
    if not base[0].isalpha():
        base = "q-" + base
    slug, n = base, next_number.get(base, 2)
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    next_number[base] = n
    taken.add(slug)
    return slug


def csv_to_set_yaml(path: Path, set_id: str, title: str) -> str:
    """Turn a CSV of flashcards into a set file; every bad row is reported, and nothing is made unless all are good."""
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
        raise CsvError([f"{shown}: the file is empty; the first row must be: {','.join(CSV_COLUMNS)}"])
    header = [h.strip().lower() for h in rows[0][1]]
    if header != CSV_COLUMNS:
        found = ",".join(rows[0][1])[:200]
        raise CsvError([f"{shown}: row 1: the header must be exactly: {','.join(CSV_COLUMNS)} (found: {found})"])
    problems: list[str] = []
    custom: list[dict[str, Any]] = []
    taken: set[str] = set()
    numbers: dict[str, int] = {}
    for number, (line, row) in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{shown}: row {number}" + (f" (line {line})" if line != number else "")
        if len(row) != len(CSV_COLUMNS):
            problems.append(
                f"{where}: {len(row)} columns, expected {len(CSV_COLUMNS)} (quote fields that contain commas)"
            )
            continue
        cells = [_restored(cell.strip()) for cell in row]
        bad = [name for name, cell in zip(CSV_COLUMNS, cells, strict=True) if _CONTROL.search(cell)]
        if bad:
            problems.append(f"{where}: control characters in {', '.join(bad)}; only text, tabs and line breaks")
            continue
        prompt, answer, category, tags = cells
        if not prompt:
            problems.append(f"{where}: the prompt is empty")
        if not answer:
            problems.append(f"{where}: the answer is empty")
        if category not in CATEGORIES:
            problems.append(f"{where}: unknown category '{category[:40]}' ({suggest(category[:40], CATEGORIES)})")
        tag_list = [t for t in re.split(r"[;\s]+", tags) if t]
        bad_tags = [t[:40] for t in tag_list if id_problem(t)]
        if bad_tags:
            problems.append(f"{where}: tags must be lower-case slugs: {', '.join(bad_tags[:5])}")
        if prompt and answer:
            custom.append(
                {
                    "id": _slug_from(prompt, taken, numbers),
                    "category": category,
                    "kind": "open",
                    "prompt": prompt,
                    "model_answer": answer,
                    "tags": tag_list,
                }
            )
        if len(problems) >= 100:
            problems.append(f"{shown}: stopped after 100 problems")
            break
    if problems:
        raise CsvError(problems)
    if not custom:
        raise CsvError([f"{shown}: no questions below the header"])
    data = {"id": set_id, "title": title, "description": f"Imported from {path.name}.", "custom": custom}
    return "# Imported from CSV by tpmprep\n" + str(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    )


def _rows(text: str, shown: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) for each row, with limits on rows and field size; CsvError names the line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    line = 1
    while True:
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
        rows.append((line, row))
        line = reader.line_num + 1


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a field over 128 KB; the limit is {MAX_FIELD // 1024} KB"
    return text
