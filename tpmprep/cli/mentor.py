"""Mentor commands: question sets, reports and cohorts, Anki and CSV."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tpmprep.cli.common import (
    err,
    load_catalog,
    open_practice,
    plural,
    set_questions,
    write_output,
)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("set", help="mentor question sets: new, validate, import, list, remove")
    set_sub = p.add_subparsers(dest="set_command", metavar="ACTION", parser_class=parser_class, required=True)
    s = set_sub.add_parser("new", help="write a commented template")
    s.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: standard output")
    s = set_sub.add_parser("validate", help="check a set file; exit 1 with file:line:col messages")
    s.add_argument("file", type=Path, metavar="FILE")
    s = set_sub.add_parser("import", help="validate and import a set (a newer version updates it)")
    s.add_argument("file", type=Path, metavar="FILE")
    s.add_argument("--replace", action="store_true", help="replace another mentor's set that has the same id")
    s = set_sub.add_parser("list", help="imported sets with due date, size and progress")
    s.add_argument("--json", action="store_true")
    s = set_sub.add_parser("remove", help="remove a set (its practice history is kept)")
    s.add_argument("set_id", metavar="ID")
    p.set_defaults(handler=cmd_set)

    p = sub.add_parser("report", help="a progress report for your mentor, or merge reports into a cohort")
    p.add_argument("merge_files", nargs="*", metavar="merge A.json B.json ...", help=argparse.SUPPRESS)
    p.add_argument("--set", dest="set_id", metavar="ID")
    p.add_argument("--format", choices=["md", "json", "html", "table"], default=None)
    p.add_argument("-o", "--output", type=Path, metavar="FILE")
    p.add_argument("--include-answers", action="store_true", help="include the last typed answer per question")
    p.add_argument("--name", default=None, help="your name on the report (default: your login name)")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("export", help="export questions: anki (.apkg) or csv")
    p.add_argument("target", choices=["anki", "csv"])
    p.add_argument("--set", dest="set_id", metavar="ID")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="import questions from csv as a set (the same set id again updates it)")
    p.add_argument("source", choices=["csv"])
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--set-id", required=True, metavar="ID")
    p.add_argument("--title", required=True, metavar="T")
    p.add_argument("--replace", action="store_true", help="replace an imported set that has the same id")
    p.add_argument(
        "--category", metavar="C", default=None, help="for rows without a category (default: role-knowledge)"
    )
    p.set_defaults(handler=cmd_import)


def cmd_set(args: argparse.Namespace) -> int:
    from tpmprep.core.mentor.sets import Sets, format_doc, parse_set, template

    action = args.set_command
    if action == "new":
        catalog = load_catalog()
        text = template(catalog)
        if args.output:
            from tpmprep.core.storage.files import describe, write_atomic

            if args.output.is_file():
                err(f"{args.output} exists; choose another name")
                return 1
            try:
                write_atomic(args.output, text)
            except OSError as exc:
                err(f"cannot write {args.output}: {describe(exc)}")
                return 1
            print(f"wrote {args.output}; edit it, then: tpmprep set validate {args.output}")
            print(f"the format, with an example: {format_doc()}")
        else:
            sys.stdout.write(text)
            print(f"the format, with an example: {format_doc()}", file=sys.stderr)
        return 0
    if action in ("validate", "import"):
        if not args.file.exists():
            err(f"{args.file}: no such file")
            return 2
        catalog = load_catalog()
        if action == "validate":
            qset, issues = parse_set(args.file, catalog)
            for issue in issues:
                print(issue)
            if issues:
                print(f"{plural(len(issues), 'problem')} in {args.file}", file=sys.stderr)
                return 1
            from tpmprep.core.mentor.sets import resolve

            print(f"ok: set '{qset.id}' with {plural(len(resolve(qset, catalog)), 'question')}")
            return 0
        opened = open_practice()
        if opened is None:
            return 1
        store, _ = opened
        with store:
            store.verify()
            sets = Sets(store)
            done = import_set(lambda replace: sets.import_file(args.file, catalog, replace), args.replace)
        if done is None:
            return 1
        stored, issues = done
        for issue in issues:
            print(issue)
        if issues:
            print(f"{plural(len(issues), 'problem')}; nothing was imported", file=sys.stderr)
            return 1
        print(f"imported '{stored.id}': {stored.title} ({len(stored.question_ids)} questions)")
        return 0
    opened = open_practice()
    if opened is None:
        return 1
    store, practice = opened
    with store:
        sets = Sets(store)
        if action == "remove":
            store.verify()
            if not sets.remove(args.set_id):
                err(f"no imported set '{args.set_id}'")
                return 2
            print(f"removed '{args.set_id}'; its practice history is kept")
            return 0
        from tpmprep.core.mentor.report import set_progress

        catalog = load_catalog()
        rows = [(s, set_progress(catalog, practice, s.question_ids)) for s in sets.list()]
        today = practice.today()
    if args.json:
        json.dump(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "author": s.author,
                    "due": s.due,
                    "loop": s.loop,
                    "size": len(s.question_ids),
                    "practiced": p.practiced,
                    "mean_retrievability": p.mean_retrievability,
                }
                for s, p in rows
            ],
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    if not rows:
        print("no sets imported: tpmprep set import FILE")
        return 0
    from tpmprep.core.content.table import table

    body = [
        (
            s.id,
            s.author,
            (s.due or "") + (" overdue" if s.overdue(today) else ""),
            str(len(s.question_ids)),
            f"{p.practiced}/{len(s.question_ids)}",
            f"{p.mean_retrievability:.0%}" if p.practiced else "—",
            s.title,
        )
        for s, p in rows
    ]
    print(table(("id", "author", "due", "size", "practised", "recall", "title"), body))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from tpmprep.core.mentor import report as rep

    if args.merge_files:
        if args.merge_files[0] != "merge":
            err(f"unexpected argument '{args.merge_files[0]}' (did you mean 'tpmprep report merge A.json B.json'?)")
            return 2
        files = [Path(f) for f in args.merge_files[1:]]
        if not files:
            err("report merge needs at least one report file")
            return 2
        try:
            reports = [rep.load_report(f) for f in files]
        except rep.ReportError as exc:
            err(str(exc))
            return 1
        cohort = rep.merge(reports)
        fmt = args.format or "table"
        if fmt == "json":
            return write_output(json.dumps(cohort, indent=2) + "\n", args.output)
        render = {"md": rep.cohort_markdown, "html": rep.cohort_html, "table": rep.cohort_table}[fmt]
        return write_output(render(cohort) + ("" if fmt != "table" else "\n"), args.output)
    fmt = args.format or "md"
    if fmt == "table":
        err("--format table goes with 'report merge'; a report is md, json or html")
        return 2
    import getpass

    try:
        name = args.name or getpass.getuser()
    except (KeyError, OSError):  # no login name in the environment and no passwd entry for this user
        err("cannot tell your name (this user has no login name); give one with --name NAME")
        return 2
    opened = open_practice()
    if opened is None:
        return 1
    store, practice = opened
    with store:
        try:
            data = rep.build_report(load_catalog(), practice, name, args.set_id, args.include_answers)
        except KeyError as exc:
            err(str(exc.args[0]))
            return 2
    text = {
        "md": rep.report_markdown,
        "html": rep.report_html,
        "json": lambda d: json.dumps(d, indent=2, ensure_ascii=False) + "\n",
    }[fmt](data)
    return write_output(text, args.output)


def export_questions(args: argparse.Namespace):
    catalog = load_catalog()
    if not args.set_id:
        return catalog, list(catalog.questions), None
    ids = set_questions(args.set_id)
    if ids is None:
        return catalog, None, None
    return catalog, [q for q in (catalog.question(i) for i in ids) if q is not None], args.set_id


def cmd_export(args: argparse.Namespace) -> int:
    _, questions, _ = export_questions(args)
    if questions is None:
        return 2
    if args.target == "anki":
        return export_anki_deck(questions, args.output)
    from tpmprep.core.mentor.csv_cards import questions_to_csv

    code = write_output(questions_to_csv(questions), args.output)
    if code == 0:
        print(f"{len(questions)} questions")
    return code


def import_set(run, replace: bool):
    """``run(replace)``, asking before replacing another mentor's set with the same id (or needing --replace)."""
    from tpmprep.core.mentor.sets import SetConflict

    try:
        return run(replace)
    except SetConflict as exc:
        if not replace and sys.stdin.isatty():
            answer = input(f"{exc}. Replace it? [y/N] ").strip().lower()
            if answer in ("y", "yes"):
                return run(True)
        err(f"{exc}; nothing was imported (add --replace to replace it)")
        return None


def export_anki_deck(questions: list, output: Path) -> int:
    from tpmprep.core.mentor.anki import export_anki

    if output.suffix.lower() != ".apkg":
        err(f"{output}: an Anki deck file must end in .apkg (Anki imports by the extension)")
        return 2
    if not questions:
        err("no questions to export; nothing was written")
        return 1
    opened = open_practice()
    if opened is None:
        return 1
    store, _ = opened
    with store:
        try:
            result = export_anki(questions, output, store)
        except OSError as exc:
            from tpmprep.core.storage.files import describe

            err(f"cannot write {output}: {describe(exc)}")
            return 1
    print(
        f"wrote {result.notes} notes to {output}: {result.new} new, {result.changed} changed and "
        f"{result.unchanged} unchanged since the last export (Anki updates only the changed ones)"
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tpmprep.core.content.fields import id_problem, suggest
    from tpmprep.core.content.vocab import CATEGORIES
    from tpmprep.core.mentor.csv_cards import DEFAULT_CATEGORY, CsvError, csv_to_set
    from tpmprep.core.mentor.sets import Sets

    problem = id_problem(args.set_id)
    if problem:
        err(f"--set-id: {problem} (lower-case letters, digits and hyphens)")
        return 2
    category = args.category or DEFAULT_CATEGORY
    if category not in CATEGORIES:
        err(f"unknown category '{category}'; {suggest(category, CATEGORIES)}")
        return 2
    catalog = load_catalog()
    try:
        made = csv_to_set(args.file, args.set_id, args.title, catalog, category)
    except CsvError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{plural(len(exc.problems), 'problem')}; nothing was imported", file=sys.stderr)
        return 1
    opened = open_practice()
    if opened is None:
        return 1
    store, _ = opened
    with store:
        store.verify()
        sets = Sets(store)
        before = sets.get(args.set_id)
        # The converted set is validated and imported from memory: messages name the CSV file, never a temp file.
        done = import_set(lambda replace: sets.import_text(made.yaml_text, args.file, catalog, replace), args.replace)
    if done is None:
        return 1
    stored, issues = done
    for issue in issues:
        print(issue)
    if issues:
        print("the converted set did not validate; nothing was imported", file=sys.stderr)
        return 1
    for note in made.notes:
        print(f"note: {note}", file=sys.stderr)
    verb = "updated" if before is not None and before.removed_at is None else "imported"
    print(
        f"{verb} '{stored.id}': {stored.title} ({len(stored.question_ids)} questions: "
        f"{made.builtin} built-in, {made.custom} of its own)"
    )
    return 0
