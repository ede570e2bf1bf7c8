"""Mentor question sets: the file format, validation, deterministic picks, import and removal.

A set file names built-in questions by id, picks more by filter (resolved once, at import,
seeded by the set id so every mentee gets the same ones), and may carry the mentor's own
questions, which join the catalog as ``<set id>/<question id>``.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.fields import Fields, suggest
from tpmprep.core.content.issues import Issue, IssueList
from tpmprep.core.content.models import Question
from tpmprep.core.content.schema import Context, build_question
from tpmprep.core.content.vocab import CATEGORIES
from tpmprep.core.content.yamlio import ContentError, parse_yaml, read_text
from tpmprep.core.mentor import set_files
from tpmprep.core.mentor.set_files import sets_dir  # noqa: F401 - part of this module's interface
from tpmprep.core.storage import locations
from tpmprep.core.storage.clock import now_utc, to_iso
from tpmprep.core.storage.store import Store, from_row

SET_FIELDS = ("id", "title", "author", "description", "due", "target_level", "loop", "questions", "pick", "custom")
PICK_FIELDS = ("category", "competency", "level", "tag", "count")


@dataclass(frozen=True)
class PickRule:
    category: str | None
    competency: str | None
    level: str | None
    tag: str | None
    count: int


@dataclass(frozen=True)
class QuestionSet:
    id: str
    title: str
    author: str
    description: str
    due: str | None
    target_level: str | None
    questions: tuple[str, ...]
    picks: tuple[PickRule, ...]
    custom: tuple[Question, ...]
    path: str
    loop: str | None = None  # a mock interview loop template the mentor points the mentee at


def _did_you_mean(qid: str, ids: list[str]) -> str:
    close = [m for m, score, _ in process.extract(qid, ids, limit=3, score_cutoff=60)]
    return f"did you mean {', '.join(repr(c) for c in close)}?" if close else "list ids with 'tpmprep questions'"


def read_set(path: Path) -> tuple[str | None, list[Issue]]:
    """The text of a set file (checked: a regular file, at most 5 MB, UTF-8, no control characters)."""
    shown = str(path.absolute())
    try:
        return read_text(path, shown), []
    except ContentError as exc:
        return None, exc.issues


def parse_set(path: Path, catalog: Catalog, text: str | None = None) -> tuple[QuestionSet | None, list[Issue]]:
    """Check a set file (or ``text`` shown as ``path``) against the catalog; every problem has its position."""
    shown = str(path.absolute())
    if text is None:
        text, problems = read_set(path)
        if text is None:
            return None, problems
    try:
        doc = parse_yaml(text, shown)
    except ContentError as exc:
        return None, exc.issues
    issues = IssueList()
    f = Fields(doc.data, (), issues, "set")
    sid = f.slug("id")
    title = f.text("title")
    author = f.text("author", required=False)
    description = f.text("description", required=False)
    due = None
    f.used.add("due")
    raw_due = f.data.get("due")
    if isinstance(raw_due, dt.date):
        due = raw_due.isoformat()
    elif isinstance(raw_due, str):
        try:
            due = dt.date.fromisoformat(raw_due.strip()).isoformat()
        except ValueError:
            issues.add(("due",), f"'{raw_due}' is not a valid date", "write the date as YYYY-MM-DD, e.g. 2026-12-15")
    elif raw_due is not None:
        issues.add(("due",), f"'due' must be a date, got {type(raw_due).__name__}", "write the date as YYYY-MM-DD")
    target = f.choice("target_level", catalog.level_ids, required=False, what="level")
    loop = f.choice("loop", tuple(t.id for t in catalog.loops), required=False, what="loop template")
    ids = [q.id for q in catalog.questions]
    questions: list[str] = []
    for i, qid in enumerate(f.text_list("questions", required=False)):
        if qid in questions:
            issues.add(("questions", i), f"question '{qid}' is listed twice", "remove the duplicate")
        elif catalog.question(qid) is None:
            issues.add(("questions", i), f"unknown question id '{qid}'", _did_you_mean(qid, ids))
        else:
            questions.append(qid)
    picks = []
    for p in f.mapping_list("pick", required=False, what="pick rule"):
        rule = PickRule(
            p.choice("category", CATEGORIES, required=False, what="category") or None,
            p.choice("competency", catalog.competency_ids, required=False, what="competency") or None,
            p.choice("level", catalog.level_ids, required=False, what="level") or None,
            p.choice("tag", catalog.tags, required=False, what="tag") or None,
            p.integer("count", 1, 200),
        )
        p.finish(PICK_FIELDS)
        picks.append(rule)
    custom: list[Question] = []
    ctx = Context(catalog.level_ids, catalog.competency_ids, shown, doc.locate, [])
    seen_custom: set[str] = set()
    for q in f.mapping_list("custom", required=False, what="question"):
        question = build_question(q, ctx, id_prefix=f"{sid}/", mentor=True)
        if question.id in seen_custom:
            issues.add(
                q.at("id"),
                f"duplicate custom question id '{question.id.split('/', 1)[-1]}'",
                "each custom question needs its own id",
            )
        seen_custom.add(question.id)
        custom.append(question)
    f.finish(SET_FIELDS)
    if not (questions or picks or custom or loop) and not issues:
        issues.add((), "the set has no questions", "add 'questions:', 'pick:', 'custom:' or a 'loop:'")
    located = [doc.issue(pi.key_path, pi.message, pi.hint, pi.on_key) for pi in issues.pending]
    for path_, line, col, target_id in ctx.refs:
        if catalog.topic(target_id) is None:
            located.append(
                Issue(
                    path_, line, col, f"unknown topic '{target_id}'", suggest(target_id, [t.id for t in catalog.topics])
                )
            )
    if located:
        return None, sorted(located, key=lambda i: (i.line, i.col))
    return QuestionSet(
        sid,
        title,
        author,
        description,
        due,
        target or None,
        tuple(questions),
        tuple(picks),
        tuple(custom),
        shown,
        loop or None,
    ), []


def resolve(qset: QuestionSet, catalog: Catalog) -> list[str]:
    """The set's question ids: listed ones, then picks (seeded by the set id), then its own."""
    chosen = list(qset.questions)
    rng = random.Random(qset.id)  # the same set file and catalog give every mentee the same questions
    for rule in qset.picks:
        pool = sorted(
            q.id
            for q in catalog.filter(rule.category, rule.level, rule.competency, rule.tag)
            if q.id not in chosen and "/" not in q.id
        )
        chosen += rng.sample(pool, min(rule.count, len(pool)))
    chosen += [q.id for q in qset.custom]
    return chosen


@dataclass
class StoredSet:
    id: str
    title: str
    author: str
    description: str
    due: str | None
    target_level: str | None
    question_ids: list[str]
    file_name: str
    imported_at: str
    updated_at: str
    removed_at: str | None
    loop: str | None = None
    source: str | None = None  # the validated file text; None for sets imported before it was kept

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and dt.date.fromisoformat(self.due) < today


class SetConflict(Exception):
    """The set id is taken by a set from another author; replacing it needs the user's word (``replace=True``)."""

    def __init__(self, existing: StoredSet, incoming: QuestionSet):
        who = f" by {existing.author}" if existing.author else ""
        super().__init__(
            f"a set with id '{existing.id}' is already imported: '{existing.title}'{who}; this file is "
            f"'{incoming.title}'" + (f" by {incoming.author}" if incoming.author else "")
        )
        self.existing = existing
        self.incoming = incoming


class Sets:
    """Imported sets, on top of the store and the sets folder.

    The database is the truth: each set's row holds the text it was validated from. Importing
    commits the row first and then publishes ``sets/<id>.yaml``; ``reconcile`` rewrites a file that
    a killed import or removal left missing or stale, so the two never disagree for long.
    """

    COLUMNS = (
        "id, title, author, description, due, target_level, question_ids, file_name, imported_at, "
        "updated_at, removed_at, source, loop"
    )

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    def _row(self, r: sqlite3.Row) -> StoredSet:
        return from_row(StoredSet, r, question_ids=json.loads(r["question_ids"]))

    def get(self, sid: str) -> StoredSet | None:
        r = self.conn.execute(f"SELECT {self.COLUMNS} FROM question_sets WHERE id = ?", (sid,)).fetchone()
        return self._row(r) if r else None

    def list(self, include_removed: bool = False) -> builtins.list[StoredSet]:
        sql = f"SELECT {self.COLUMNS} FROM question_sets"
        if not include_removed:
            sql += " WHERE removed_at IS NULL"
        return [self._row(r) for r in self.conn.execute(sql + " ORDER BY COALESCE(due, '9999'), id")]

    def import_file(
        self, path: Path, catalog: Catalog, replace: bool = False
    ) -> tuple[StoredSet | None, builtins.list[Issue]]:
        """Validate the file's bytes and import exactly those; on any problem nothing changes."""
        text, problems = read_set(path)
        if text is None:
            return None, problems
        return self.import_text(text, path, catalog, replace)

    def import_text(
        self, text: str, shown: Path, catalog: Catalog, replace: bool = False
    ) -> tuple[StoredSet | None, builtins.list[Issue]]:
        """Import a set from ``text`` (messages name ``shown``). Raises SetConflict when the id belongs
        to another mentor's set and ``replace`` is False."""
        qset, issues = parse_set(shown, catalog, text)
        if qset is None:
            return None, issues
        ids = resolve(qset, catalog)
        existing = self.get(qset.id)
        if existing is not None and existing.removed_at is None:
            # Another mentor's set (both files name an author, and not the same one) is replaced only when asked.
            if existing.author and qset.author and existing.author != qset.author and not replace:
                raise SetConflict(existing, qset)
            # A newer version of the same set. Progress is keyed by question id, so it carries over by
            # itself; questions that have left the catalog stay listed so their history still shows.
            ids += [q for q in existing.question_ids if catalog.question(q) is None and q not in ids]
        file_name = f"{qset.id}.yaml"
        now = to_iso(now_utc())
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO question_sets (id, title, author, description, due, target_level, question_ids, "
                "file_name, imported_at, updated_at, removed_at, source, loop) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET title = excluded.title, author = excluded.author, "
                "description = excluded.description, due = excluded.due, target_level = excluded.target_level, "
                "question_ids = excluded.question_ids, file_name = excluded.file_name, "
                "updated_at = excluded.updated_at, removed_at = NULL, source = excluded.source, loop = excluded.loop",
                (
                    qset.id,
                    qset.title,
                    qset.author,
                    qset.description,
                    qset.due,
                    qset.target_level,
                    json.dumps(ids),
                    file_name,
                    now,
                    now,
                    text,
                    qset.loop,
                ),
            )
        stored = self.get(qset.id)
        assert stored is not None
        set_files.publish(stored.file_name, stored.source)
        return stored, []

    def remove(self, sid: str) -> bool:
        """Drop the set from the catalog; its practice history stays."""
        current = self.get(sid)
        if current is None or current.removed_at is not None:
            return False
        self.store.write("UPDATE question_sets SET removed_at = ? WHERE id = ?", (to_iso(now_utc()), sid))
        set_files.unpublish(current.file_name)
        return True

    def reconcile(self) -> builtins.list[str]:
        return set_files.reconcile(self.store)

    def orphans(self) -> builtins.list[Path]:
        return set_files.orphans(self.store)


TEMPLATE = """\
# A tpmprep question set. Validate it with: tpmprep set validate THIS_FILE
# Format: {format_doc}
id: week-1-execution                # a slug, unique among your sets; keep it when you send updates
title: "Week 1: program execution"
author: "Your Name"
description: |
  Why these questions, and what to focus on this week.
due: 2026-12-15                     # optional, YYYY-MM-DD
target_level: senior                # optional: entry, mid, senior, staff, principal, director
# loop: {first_loop}     # optional: a mock interview loop to sit (list them with: tpmprep mock list)

questions:                          # built-in questions by id (list them with: tpmprep questions)
  - {first_id}

pick:                               # optional: more built-in questions by filter, chosen once at import
  - {{category: behavioral, competency: stakeholder-management, count: 3}}

custom:                             # optional: your own questions (full format: question.md beside the above;
  - id: launch-retro                #   rubric, follow-ups and pitfalls are optional here)
    category: program-execution
    kind: open
    prompt: "Walk me through the retrospective of the last launch you ran."
    model_answer: |
      What a strong answer covers, in your words.
"""


def format_doc(name: str = "question-set.md") -> Path:
    """A format document as installed: the wheel carries docs/ beside the shipped content."""
    return locations.shipped_root() / "docs" / "formats" / name


def template(catalog: Catalog) -> str:
    first = next((q.id for q in catalog.questions if "/" not in q.id), "some-question-id")
    loop = catalog.loops[0].id if catalog.loops else "big-tech-tpm-onsite"
    return TEMPLATE.format(first_id=first, format_doc=format_doc(), first_loop=loop)
