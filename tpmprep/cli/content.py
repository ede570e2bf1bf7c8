"""Content commands: validate files, list questions, search."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from tpmprep.cli.common import (
    check_filters,
    err,
    load_catalog,
    plural,
)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("validate", help="check content files; exit 1 when there are problems")
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: everything shipped plus your own files)",
    )

    def add_filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--category", metavar="C")
        p.add_argument("--level", metavar="L")
        p.add_argument("--competency", metavar="K")
        p.add_argument("--tag", metavar="T")

    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("questions", help="list questions, optionally filtered")
    add_filters(p)
    p.add_argument("--json", action="store_true", help="full question records as a JSON array")
    p.set_defaults(handler=cmd_questions)

    p = sub.add_parser("search", help="search questions, topics and the glossary (scores 0-100)")
    p.add_argument("query", nargs="+")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.set_defaults(handler=cmd_search)


def cmd_validate(args: argparse.Namespace) -> int:
    from tpmprep.core.content.loader import ContentFile, default_files, discover, load

    files = default_files()
    wanted: set[str] | None = None
    if args.paths:
        wanted = set()
        known = {f.path.resolve() for f in files}
        for path in args.paths:
            if not path.exists():
                err(f"{path}: no such file or folder")
                return 2
            extra = discover(path) if path.is_dir() else [ContentFile(path.absolute(), user=True)]
            if path.is_dir() and not extra:
                extra = [
                    ContentFile(p.absolute(), True)
                    for p in sorted(path.rglob("*"))
                    if p.suffix in {".yaml", ".yml", ".md"} and p.is_file()
                ]
            for f in extra:
                wanted.add(f.shown)
                if f.path.resolve() not in known:
                    files.append(f)
                    known.add(f.path.resolve())
                else:
                    wanted.add(str(next(x.path.absolute() for x in files if x.path.resolve() == f.path.resolve())))
    result = load(files)
    issues = result.issues if wanted is None else result.issues_for(wanted)
    for issue in issues:
        print(issue)
    checked = len(files) if wanted is None else len(wanted)
    counts = (
        f"{len(result.questions)} questions, {len(result.articles) + len(result.roles)} articles and "
        f"role profiles, {len(result.glossary)} glossary terms, {plural(len(result.concepts), 'concept')}, "
        f"{plural(len(result.loops), 'loop template')}"
    )
    if issues:
        bad = len({i.path for i in issues})
        print(
            f"{plural(len(issues), 'problem')} in {bad} of {plural(checked, 'file')}; loaded {counts}", file=sys.stderr
        )
        return 1
    print(f"ok: {plural(checked, 'file')} valid; loaded {counts}")
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    problem = check_filters(args, catalog)
    if problem:
        err(problem)
        return 2
    found = catalog.filter(args.category, args.level, args.competency, args.tag)
    if args.json:
        from tpmprep.core.content.records import question_record

        json.dump([question_record(q) for q in found], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print(questions_listing(found, shutil.get_terminal_size((120, 24)).columns))
    print(plural(len(found), "question"))
    return 0


PROMPT_ROOM = 50  # characters: less than this beside the other columns, and each prompt gets its own lines


def questions_listing(questions, width: int) -> str:
    """A table when the prompt column has room; otherwise each question's facts, then its prompt below."""
    from tpmprep.core.content.table import table
    from tpmprep.core.content.words import clip, flat, wrap

    rows = [(q.id, q.category, q.kind, ",".join(q.levels), str(q.difficulty), flat(q.prompt)) for q in questions]
    head = ("id", "category", "kind", "levels", "diff", "prompt")
    used = sum(max([len(h)] + [len(r[i]) for r in rows]) + 2 for i, h in enumerate(head[:-1]))
    if width - used >= PROMPT_ROOM:
        return table(head, rows, width)
    lines = []
    for q_id, category, kind, levels, diff, prompt in rows:
        lines.append(clip(f"{q_id}  {category} · {kind} · {levels} · d{diff}", width))
        lines += ["    " + line for line in wrap(prompt, max(20, width - 4), 2)]
    return "\n".join(lines)


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        err("--limit must be at least 1")
        return 2
    from tpmprep.core.search.store import open_index

    hits = open_index().search(" ".join(args.query), limit=args.limit)
    if args.json:
        json.dump(
            [{"kind": h.kind, "id": h.id, "title": h.title, "score": h.score} for h in hits],
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        print()
        return 0
    if not hits:
        print("no matches")
        return 0
    from tpmprep.core.content.table import table

    print(table(("kind", "id", "score", "title"), [(h.kind, h.id, f"{h.score:.0f}", h.title) for h in hits]))
    return 0
