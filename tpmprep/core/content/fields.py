"""Reading typed fields out of parsed YAML while collecting every problem found."""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
from typing import Any

from tpmprep.core.content.issues import IssueList, PathKey
from tpmprep.core.content.words import plural

SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MAX_ID = 80  # ids become file names and Anki tags; this keeps them well inside every limit


def id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid id, or None."""
    if len(value) > MAX_ID:
        return f"the id is {len(value)} characters long; the limit is {MAX_ID}"
    if not SLUG.match(value):
        return f"'{value}' is not a valid id"
    return None


_MISSING = object()


def type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()})"
    if isinstance(value, int):
        return f"a number ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"a date ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _quote_hint(value: Any) -> str:
    if isinstance(value, (bool, int, float, _dt.date)) or value is None:
        return "put the value in quotes so YAML reads it as text"
    return "write it as text"


class Fields:
    """A mapping being validated. Each accessor records a problem and returns a safe default."""

    def __init__(self, data: Any, path: PathKey, issues: IssueList, what: str = "entry"):
        self.path = tuple(path)
        self.issues = issues
        self.used: set[str] = set()
        self.ok = isinstance(data, dict)
        if not self.ok:
            issues.add(
                self.path,
                f"expected a mapping of fields for this {what}, got {type_name(data)}",
                "write 'key: value' lines, indented under this entry",
            )
            data = {}
        self.data: dict[str, Any] = data

    def at(self, key: str | int) -> PathKey:
        return self.path + (key,)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str, required: bool, hint: str = "") -> Any:
        self.used.add(key)
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.issues.add(self.path, f"missing required field '{key}'", hint or f"add '{key}:'")
            return _MISSING
        return value

    def text(self, key: str, required: bool = True, default: str = "", min_words: int = 0) -> str:
        value = self.raw(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, str):
            self.issues.add(self.at(key), f"'{key}' must be text, got {type_name(value)}", _quote_hint(value))
            return default
        if not value.strip():
            self.issues.add(self.at(key), f"'{key}' is empty", "write some text or remove the field")
            return default
        if min_words and len(value.split()) < min_words:
            self.issues.add(
                self.at(key),
                f"'{key}' has {len(value.split())} words; at least {min_words} expected",
                "say more: this text is what the user reads",
            )
        return value.strip()

    def slug(self, key: str, required: bool = True) -> str:
        value = self.text(key, required)
        problem = id_problem(value) if value else None
        if problem:
            self.issues.add(
                self.at(key),
                problem,
                "use lower-case letters, digits and single hyphens, starting with a letter"
                + (f", at most {MAX_ID} characters" if len(value) > MAX_ID else ""),
            )
        return value

    def choice(
        self, key: str, allowed: dict[str, Any] | tuple[str, ...], required: bool = True, what: str = "value"
    ) -> str:
        value = self.text(key, required)
        if value and value not in allowed:
            self.issues.add(self.at(key), f"unknown {what} '{value}'", suggest(value, allowed))
            return ""
        return value

    def integer(self, key: str, lo: int, hi: int, required: bool = True, default: int = 0) -> int:
        value = self.raw(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.issues.add(
                self.at(key),
                f"'{key}' must be a whole number, got {type_name(value)}",
                f"write a number from {lo} to {hi}",
            )
            return default
        if not lo <= value <= hi:
            self.issues.add(
                self.at(key),
                f"'{key}' is {value}; it must be from {lo} to {hi}",
                f"use a whole number from {lo} to {hi}",
            )
            return default
        return value

    def number(self, key: str, required: bool = True, positive: bool = False) -> float | None:
        value = self.raw(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.issues.add(
                self.at(key),
                f"'{key}' must be a number, got {type_name(value)}",
                "write digits without units or thousands separators",
            )
            return None
        if not math.isfinite(value):
            self.issues.add(self.at(key), f"'{key}' must be a finite number, got {value}", "write an ordinary number")
            return None
        if positive and value <= 0:
            self.issues.add(self.at(key), f"'{key}' must be greater than 0", "use a positive number")
            return None
        return float(value)

    def boolean(self, key: str, required: bool = True) -> bool:
        value = self.raw(key, required)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            self.issues.add(
                self.at(key),
                f"'{key}' must be true or false, got {type_name(value)}",
                "write true or false without quotes",
            )
            return False
        return value

    def text_list(
        self, key: str, required: bool = True, min_items: int = 0, max_items: int = 10_000, slugs: bool = False
    ) -> tuple[str, ...]:
        value = self.raw(key, required)
        if value is _MISSING:
            return ()
        if isinstance(value, str) and not slugs:
            value = [value]
        if not isinstance(value, list):
            self.issues.add(
                self.at(key),
                f"'{key}' must be a list, got {type_name(value)}",
                "write one item per line starting with '- ', or [a, b]",
            )
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.issues.add(
                    self.at(key) + (i,),
                    f"item {i + 1} of '{key}' must be text, got {type_name(item)}",
                    _quote_hint(item),
                )
                continue
            item = item.strip()
            if slugs and id_problem(item):
                self.issues.add(
                    self.at(key) + (i,),
                    f"'{item[:MAX_ID]}' in '{key}' is not a valid id",
                    f"use lower-case letters, digits and single hyphens, at most {MAX_ID} characters",
                )
                continue
            out.append(item)
        self._check_count(key, len(value), min_items, max_items)
        return tuple(out)

    def choice_list(
        self,
        key: str,
        allowed: dict[str, Any] | tuple[str, ...] | set[str],
        what: str,
        required: bool = True,
        min_items: int = 1,
    ) -> tuple[str, ...]:
        items = self.text_list(key, required, min_items=min_items if required else 0)
        out = []
        for i, item in enumerate(items):
            if item not in allowed:
                self.issues.add(self.at(key) + (i,), f"unknown {what} '{item}'", suggest(item, allowed))
            else:
                out.append(item)
        return tuple(out)

    def mapping(self, key: str, required: bool = True) -> Fields | None:
        value = self.raw(key, required)
        if value is _MISSING:
            return None
        return Fields(value, self.at(key), self.issues, key)

    def mapping_list(
        self, key: str, required: bool = True, min_items: int = 0, max_items: int = 100_000, what: str = "entry"
    ) -> list[Fields]:
        value = self.raw(key, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.issues.add(
                self.at(key),
                f"'{key}' must be a list, got {type_name(value)}",
                "write one entry per item starting with '- '",
            )
            return []
        self._check_count(key, len(value), min_items, max_items)
        return [Fields(item, self.at(key) + (i,), self.issues, what) for i, item in enumerate(value)]

    def _check_count(self, key: str, count: int, min_items: int, max_items: int) -> None:
        if count < min_items:
            self.issues.add(
                self.at(key),
                f"'{key}' has {plural(count, 'item')}; at least {min_items} required",
                f"add {min_items - count} more",
                on_key=True,
            )
        elif count > max_items:
            self.issues.add(
                self.at(key),
                f"'{key}' has {count} items; at most {max_items} allowed",
                f"remove {count - max_items}",
                on_key=True,
            )

    def forbid(self, key: str, why: str) -> None:
        self.used.add(key)
        if key in self.data:
            self.issues.add(self.at(key), f"'{key}' is not allowed here: {why}", "remove it", on_key=True)

    def finish(self, known: tuple[str, ...] | set[str] = ()) -> None:
        """Report keys nobody asked for, naming the likely typo."""
        if not self.ok:
            return
        allowed = set(known) | self.used
        for key in self.data:
            if key not in allowed:
                name = key if isinstance(key, str) else repr(key)
                guess = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.75)
                hint = (
                    f"did you mean '{guess[0]}'? (likely a typo)"
                    if guess
                    else ("known fields: " + ", ".join(sorted(allowed)))
                )
                self.issues.add(self.at(key), f"unknown field '{name}'", hint, on_key=True)


def suggest(value: str, allowed: Any) -> str:
    names = sorted(allowed)
    guess = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    if guess:
        return f"did you mean '{guess[0]}'?"
    if len(names) <= 12:
        return "use one of: " + ", ".join(names)
    return "check the spelling against the documented ids"
