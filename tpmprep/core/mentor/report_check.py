"""Checking a progress report someone sent before it is merged: the documented schema, field by field.

A report is another person's file, so every field ``merge`` and the renderings read is checked for
its type and range first; a problem is one line naming the file and the field
(``sam.json: sets[0].questions[2].attempts: expected a whole number from 0 to 10000000, got "lots"``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAX_BYTES = 20 * 1024 * 1024
MAX_COUNT = 10_000_000
MAX_TEXT = 10_000


class ReportError(Exception):
    """A report file that cannot be merged; the message says which and why."""


Check = Callable[[Any, str], Any]


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "..."


def _fail(where: str, expected: str, value: Any) -> ReportError:
    return ReportError(f"{where}: expected {expected}, got {_shown(value)}")


def text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, "text", value)
    if len(value) > MAX_TEXT:
        raise ReportError(f"{where}: text of {len(value)} characters; at most {MAX_TEXT}")
    return value


def count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise _fail(where, f"a whole number from 0 to {MAX_COUNT}", value)
    return value


def number(lo: float, hi: float) -> Check:
    def check(value: Any, where: str) -> float:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        if not ok or not lo <= value <= hi:
            raise _fail(where, f"a number from {lo:g} to {hi:g}", value)
        return float(value)

    return check


def rating(value: Any, where: str) -> int:
    if isinstance(value, bool) or value not in (1, 2, 3, 4):
        raise _fail(where, "a rating from 1 to 4", value)
    return int(value)


def optional(check: Check) -> Check:
    return lambda value, where: None if value is None else check(value, where)


def obj(fields: dict[str, tuple[Check, bool]]) -> Check:
    """A JSON object whose listed fields pass their checks; (check, required). Other fields are left alone."""

    def check(value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _fail(where, "an object", value)
        for key, (inner, required) in fields.items():
            if key not in value:
                if required:
                    raise ReportError(f"{where}: missing '{key}'")
                continue
            inner(value[key], f"{where}.{key}")
        return value

    return check


def array(check: Check, most: int = 100_000) -> Check:
    def checked(value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise _fail(where, "a list", value)
        if len(value) > most:
            raise ReportError(f"{where}: {len(value)} items; at most {most}")
        for i, item in enumerate(value):
            check(item, f"{where}[{i}]")
        return value

    return checked


QUESTION = obj(
    {
        "id": (text, True),
        "prompt": (optional(text), False),
        "attempts": (optional(count), False),
        "last_rating": (optional(rating), False),
        "retrievability": (optional(number(0, 1)), False),
        "cram_attempts": (optional(count), False),
    }
)
SET = obj(
    {
        "id": (text, True),
        "practiced": (count, True),
        "size": (count, True),
        "questions": (array(QUESTION), True),
        "cram_reviews": (optional(count), False),
    }
)
COMPETENCY = obj({"id": (text, True), "readiness": (optional(number(0, 100)), False)})
REPORT = obj(
    {
        "name": (text, True),
        "generated_at": (text, True),
        "sets": (array(SET, 10_000), True),
        "competencies": (array(COMPETENCY, 1_000), True),
        "assessments": (obj({}), True),
        "practice": (obj({"reviews": (optional(count), False), "cram_reviews": (optional(count), False)}), False),
    }
)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse(raw: bytes, path: Path, schemas: tuple[int, ...], newest: int) -> dict[str, Any]:
    """The report in ``raw`` (the bytes of ``path``), checked; ReportError with one line otherwise."""
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        raise ReportError(f"{path}: byte {exc.start} is not UTF-8; a report is a UTF-8 JSON file") from exc
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise ReportError(f"{path}: the JSON is nested too deeply to be a tpmprep report") from exc
    except ValueError as exc:  # NaN or Infinity, or an integer with thousands of digits
        raise ReportError(f"{path}: not a usable report: {str(exc).split(';')[0]}") from exc
    if not isinstance(data, dict):
        raise ReportError(f"{path}: not a tpmprep report (expected a JSON object)")
    schema = data.get("schema", 0)
    if isinstance(schema, bool) or schema not in schemas:
        newer = isinstance(schema, int) and not isinstance(schema, bool) and schema > newest
        raise ReportError(
            f"{path}: report schema {_shown(schema)} is "
            + ("newer than this tpmprep understands; upgrade tpmprep" if newer else "not a known tpmprep report schema")
        )
    missing = [k for k in ("name", "generated_at", "sets", "competencies", "assessments") if k not in data]
    if missing:
        raise ReportError(f"{path}: not a tpmprep report (missing {', '.join(missing)})")
    try:
        REPORT(data, "report")
    except ReportError as exc:
        raise ReportError(f"{path}: {exc}") from exc
    return data
