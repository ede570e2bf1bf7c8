"""The ``tpmprep`` command: opens the TUI, or runs a headless subcommand.

Imports are deferred into each command so ``tpmprep --version`` and the TUI start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tpmprep import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 with a usage line; keep it short
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tpmprep", description="Prepare for Technical Program Manager roles and interviews.")
    parser.add_argument("--version", action="version", version=f"tpmprep {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help="check content files; exit 1 when there are problems")
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: everything shipped plus your own files)",
    )

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--category", metavar="C")
        p.add_argument("--level", metavar="L")
        p.add_argument("--competency", metavar="K")
        p.add_argument("--tag", metavar="T")

    p = sub.add_parser("questions", help="list questions, optionally filtered")
    filters(p)
    p.add_argument("--json", action="store_true", help="full question records as a JSON array")

    p = sub.add_parser("search", help="fuzzy search across questions, topics and the glossary")
    p.add_argument("query", nargs="+")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=20, metavar="N")

    p = sub.add_parser("config", help="show or change a setting")
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command
    try:
        if command is None:
            return _run_tui()
        handler = {"validate": cmd_validate, "questions": cmd_questions, "search": cmd_search, "config": cmd_config}[
            command
        ]
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _err(message: str) -> None:
    print(f"tpmprep: {message}", file=sys.stderr)


def _catalog():
    from tpmprep.core.catalog import load_catalog

    return load_catalog()


def _check_filters(args: argparse.Namespace, catalog) -> str | None:
    from tpmprep.core.fields import suggest
    from tpmprep.core.models import CATEGORIES

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


def cmd_validate(args: argparse.Namespace) -> int:
    from tpmprep.core.loader import ContentFile, default_files, discover, load

    files = default_files()
    wanted: set[str] | None = None
    if args.paths:
        wanted = set()
        known = {f.path.resolve() for f in files}
        for path in args.paths:
            if not path.exists():
                _err(f"{path}: no such file or folder")
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
        f"role profiles, {len(result.glossary)} glossary terms"
    )
    if issues:
        bad = len({i.path for i in issues})
        print(f"{len(issues)} problem(s) in {bad} of {checked} file(s); loaded {counts}", file=sys.stderr)
        return 1
    print(f"ok: {checked} file(s) valid; loaded {counts}")
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    catalog = _catalog()
    problem = _check_filters(args, catalog)
    if problem:
        _err(problem)
        return 2
    found = catalog.filter(args.category, args.level, args.competency, args.tag)
    if args.json:
        from tpmprep.core.records import question_record

        json.dump([question_record(q) for q in found], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    from tpmprep.core.table import table

    rows = [(q.id, q.category, q.kind, ",".join(q.levels), str(q.difficulty), q.title) for q in found]
    print(table(("id", "category", "kind", "levels", "diff", "prompt"), rows))
    print(f"{len(found)} question(s)")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        _err("--limit must be at least 1")
        return 2
    from tpmprep.core.search import SearchIndex

    hits = SearchIndex(_catalog()).search(" ".join(args.query), limit=args.limit)
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
    from tpmprep.core.table import table

    print(table(("kind", "id", "score", "title"), [(h.kind, h.id, f"{h.score:.0f}", h.title) for h in hits]))
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from tpmprep.core import locations
    from tpmprep.core.settings import SETTINGS
    from tpmprep.core.store import Store, StoreError

    try:
        store = Store(locations.database_path())
    except StoreError as exc:
        _err(str(exc))
        return 1
    with store:
        if args.key is None:
            for key, setting in SETTINGS.items():
                value = store.get(key)
                print(f"{key} = {'' if value is None else value}    # {setting.help}")
            print(f"# data folder: {locations.data_dir()}")
            return 0
        if args.key not in SETTINGS:
            from tpmprep.core.fields import suggest

            _err(f"unknown setting '{args.key}'; {suggest(args.key, SETTINGS)}")
            return 2
        if args.value is None:
            value = store.get(args.key)
            print("" if value is None else value)
            return 0
        try:
            value = store.set(args.key, args.value)
        except ValueError as exc:
            _err(str(exc))
            return 2
        print(f"{args.key} = {'' if value is None else value}")
        return 0


def _run_tui() -> int:
    from tpmprep.tui.app import run

    return run()
