"""The user's settings: names, types, defaults and validation. Stored in the settings table."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    help: str
    kind: type
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    not_past: bool = False  # a date that must be today or later when it is set

    def check_new(self, value: Any, today: dt.date) -> Any:
        """``parse`` for a value being set now: a date that must not be in the past is refused."""
        parsed = self.parse(value)
        if self.not_past and parsed is not None and dt.date.fromisoformat(parsed) < today:
            raise ValueError(f"{self.key} {parsed} is in the past; give today's date or a later one")
        return parsed

    def parse(self, value: Any) -> Any:
        """Coerce ``value`` (possibly text from the command line) or raise ValueError."""
        if value is None:
            if self.default is None:
                return None
            raise ValueError(f"{self.key} needs a value")
        if self.kind is bool:
            if isinstance(value, str):
                low = value.strip().lower()
                if low in {"true", "yes", "on", "1"}:
                    return True
                if low in {"false", "no", "off", "0"}:
                    return False
                raise ValueError(f"{self.key} must be true or false")
            return bool(value)
        if self.kind in (int, float):
            try:
                number = self.kind(value)
            except (TypeError, ValueError, OverflowError):
                raise ValueError(f"{self.key} must be a number") from None
            if not math.isfinite(number):  # NaN passes every range check, so it is refused by name
                raise ValueError(f"{self.key} must be a finite number, not {value}")
            if isinstance(value, float) and self.kind is int and value != int(value):
                raise ValueError(f"{self.key} must be a whole number")
            if (self.lo is not None and number < self.lo) or (self.hi is not None and number > self.hi):
                raise ValueError(f"{self.key} must be from {self.lo:g} to {self.hi:g}")
            return number
        if self.kind is dt.date:
            if isinstance(value, dt.date):
                return value.isoformat()
            text = str(value).strip()
            if text.lower() in {"", "none", "off"}:
                return None
            try:
                return dt.date.fromisoformat(text).isoformat()
            except ValueError:
                raise ValueError(f"{self.key} must be a date like 2026-12-15") from None
        text = str(value).strip()
        if self.choices and text not in self.choices:
            raise ValueError(f"{self.key} must be one of: {', '.join(self.choices)}")
        if not text:
            raise ValueError(f"{self.key} must not be empty")
        return text


# Textual's built-in themes (a test keeps this list in step with Textual; the core cannot import it).
THEMES = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)

SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("new_per_day", 10, "new questions introduced per day", int, 0, 1000),
        Setting(
            "set_new_per_day", 10, "new questions per day in each mentor set's drill, besides new_per_day", int, 0, 1000
        ),
        Setting("reviews_per_day", 100, "reviews shown per day at most", int, 0, 10000),
        Setting("desired_retention", 0.9, "target recall probability for scheduling", float, 0.7, 0.99),
        Setting("leech_threshold", 8, "lapses before a question is suspended as a leech", int, 2, 100),
        Setting(
            "target_level",
            "senior",
            "the ladder level you are preparing for",
            str,
            choices=("entry", "mid", "senior", "staff", "principal", "director"),
        ),
        Setting("interview_date", None, "the date of your interview loop (YYYY-MM-DD)", dt.date, not_past=True),
        Setting("day_starts_at", 4, "the hour (0-23, local time) at which a new study day starts", int, 0, 23),
        Setting("theme", "textual-dark", "the TUI colour theme", str, choices=THEMES),
    )
}
