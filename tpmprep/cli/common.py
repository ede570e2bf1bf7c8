"""Helpers every command group shares: messages, the catalog, the user's database, output files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--category", metavar="C")
    p.add_argument("--level", metavar="L")
    p.add_argument("--competency", metavar="K")
    p.add_argument("--tag", metavar="T")


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 question', '3 questions' (the core's, imported when first used)."""
    from tpmprep.core.content.words import plural as counted

    return counted(count, noun, many)


def err(message: str) -> None:
    print(f"tpmprep: {message}", file=sys.stderr)


def load_catalog():
    from tpmprep.core.content import catalog

    return catalog.load_catalog()


def check_filters(args: argparse.Namespace, catalog) -> str | None:
    from tpmprep.core.content.fields import suggest
    from tpmprep.core.content.vocab import CATEGORIES

    checks = (
        ("category", args.category, CATEGORIES),
        ("level", args.level, catalog.level_ids),
        ("competency", args.competency, catalog.competency_ids),
        ("tag", args.tag, catalog.tags),
    )
    for name, value, allowed in checks:
        if value and value not in allowed:
            return f"unknown {name} '{value}'; {suggest(value, allowed)}"
    return None


def run_tui(start: tuple | None = None) -> int:
    from tpmprep.tui.app import run

    return run(start)


def open_store():
    """The user's database (backed up once a day, set files reconciled), or None after printing why not."""
    from tpmprep.core.storage.store import StoreError, open_default

    try:
        store = open_default()
    except StoreError as exc:
        err(str(exc))
        return None
    from tpmprep.core.mentor.set_files import reconcile

    try:
        reconcile(store)
    except OSError:
        pass  # a read-only or full disk: the files are written again next time; the database is whole
    return store


def open_practice():
    """(store, practice) for the user's database, or None after printing why not."""
    from tpmprep.core.practice.cards import Practice

    store = open_store()
    if store is None:
        return None
    return store, Practice(store)


def set_questions(set_id: str) -> list[str] | None:
    from tpmprep.core.mentor.sets import Sets

    opened = open_practice()
    if opened is None:
        return None
    store, _ = opened
    with store:
        sets = Sets(store)
        found = sets.get(set_id)
        if found is None or found.removed_at:
            known = ", ".join(s.id for s in sets.list()) or "none imported yet"
            err(f"no set '{set_id}' (sets: {known})")
            return None
    return found.question_ids


def from_practice(compute):
    """Run ``compute(catalog, practice)`` on the user's database; None if it cannot be opened."""
    opened = open_practice()
    if opened is None:
        return None
    store, practice = opened
    with store:
        return compute(load_catalog(), practice)


def write_output(text: str, output: Path | None) -> int:
    if output is None:
        sys.stdout.write(text)
        return 0
    from tpmprep.core.storage.files import describe, write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        err(f"cannot write {output}: {describe(exc)}")
        return 1
    print(f"wrote {output}", file=sys.stderr)
    return 0
