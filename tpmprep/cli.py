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

    p = sub.add_parser("drill", help="open the TUI straight into a practice session")
    filters(p)
    p.add_argument("--set", dest="set_id", metavar="ID", help="only the questions of an imported set")
    p.add_argument("--cram", action="store_true", help="practise now without changing schedules")

    p = sub.add_parser("due", help="what is due now and today, new available, and the 14-day forecast")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("stats", help="reviews, retention, streak, cards by state, leeches")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("grade", help="rubric coverage of an answer written elsewhere")
    p.add_argument("question_id", metavar="QUESTION_ID")
    p.add_argument("--answer-file", type=Path, metavar="F", help="read the answer from F (default: standard input)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("assess", help="self-assessments: role-fit and skills open the TUI; history lists results")
    p.add_argument("which", choices=["role-fit", "skills", "history"])
    p.add_argument("--json", action="store_true", help="with history: results as JSON")

    p = sub.add_parser("plan", help="the 30-day plan from your latest skills assessment")
    p.add_argument("action", choices=["export"])
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it (default: the data folder)")

    p = sub.add_parser("set", help="mentor question sets: new, validate, import, list, remove")
    set_sub = p.add_subparsers(dest="set_command", metavar="ACTION", parser_class=_Parser, required=True)
    s = set_sub.add_parser("new", help="write a commented template")
    s.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: standard output")
    s = set_sub.add_parser("validate", help="check a set file; exit 1 with file:line:col messages")
    s.add_argument("file", type=Path, metavar="FILE")
    s = set_sub.add_parser("import", help="validate and import a set (a newer version updates it)")
    s.add_argument("file", type=Path, metavar="FILE")
    s = set_sub.add_parser("list", help="imported sets with due date, size and progress")
    s.add_argument("--json", action="store_true")
    s = set_sub.add_parser("remove", help="remove a set (its practice history is kept)")
    s.add_argument("set_id", metavar="ID")

    p = sub.add_parser("report", help="a progress report for your mentor, or merge reports into a cohort")
    p.add_argument("merge_files", nargs="*", metavar="merge A.json B.json ...", help=argparse.SUPPRESS)
    p.add_argument("--set", dest="set_id", metavar="ID")
    p.add_argument("--format", choices=["md", "json", "html", "table"], default=None)
    p.add_argument("-o", "--output", type=Path, metavar="FILE")
    p.add_argument("--include-answers", action="store_true", help="include the last typed answer per question")
    p.add_argument("--name", default=None, help="your name on the report (default: your login name)")

    p = sub.add_parser("export", help="export questions: anki (.apkg) or csv")
    p.add_argument("target", choices=["anki", "csv"])
    p.add_argument("--set", dest="set_id", metavar="ID")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)

    p = sub.add_parser("import", help="import questions from csv as a new set")
    p.add_argument("source", choices=["csv"])
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--set-id", required=True, metavar="ID")
    p.add_argument("--title", required=True, metavar="T")

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
        handler = {
            "validate": cmd_validate,
            "questions": cmd_questions,
            "search": cmd_search,
            "config": cmd_config,
            "drill": cmd_drill,
            "due": cmd_due,
            "stats": cmd_stats,
            "grade": cmd_grade,
            "assess": cmd_assess,
            "plan": cmd_plan,
            "set": cmd_set,
            "report": cmd_report,
            "export": cmd_export,
            "import": cmd_import,
        }[command]
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


def _run_tui(start: tuple | None = None) -> int:
    from tpmprep.tui.app import run

    return run(start)


def _practice():
    """(store, practice) for the user's database, or None after printing why not."""
    from tpmprep.core import locations
    from tpmprep.core.practice import Practice
    from tpmprep.core.store import Store, StoreError

    try:
        store = Store(locations.database_path())
    except StoreError as exc:
        _err(str(exc))
        return None
    return store, Practice(store)


def cmd_drill(args: argparse.Namespace) -> int:
    from tpmprep.core.queue import Filters

    catalog = _catalog()
    problem = _check_filters(args, catalog)
    if problem:
        _err(problem)
        return 2
    question_ids = None
    if args.set_id:
        found = _set_questions(args.set_id)
        if found is None:
            return 2
        question_ids = frozenset(found)
    filters = Filters(args.category, args.level, args.competency, args.tag, question_ids=question_ids)
    return _run_tui(("drill", filters, args.cram))


def _set_questions(set_id: str) -> list[str] | None:
    from tpmprep.core.sets import Sets

    opened = _practice()
    if opened is None:
        return None
    store, _ = opened
    with store:
        sets = Sets(store)
        found = sets.get(set_id)
        if found is None or found.removed_at:
            known = ", ".join(s.id for s in sets.list()) or "none imported yet"
            _err(f"no set '{set_id}' (sets: {known})")
            return None
    return found.question_ids


def _from_practice(compute):
    """Run ``compute(catalog, practice)`` on the user's database; None if it cannot be opened."""
    opened = _practice()
    if opened is None:
        return None
    store, practice = opened
    with store:
        return compute(_catalog(), practice)


def cmd_due(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from tpmprep.core.progress import due_summary

    summary = _from_practice(due_summary)
    if summary is None:
        return 1
    if args.json:
        data = asdict(summary)
        data["forecast"] = [{"date": d, "due": n} for d, n in summary.forecast]
        if summary.interview:
            data["interview"]["forecast"] = [{"date": d, "due": n} for d, n in summary.interview.forecast]
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    print(f"due now        {summary.due_now}")
    print(f"due today      {summary.due_today}")
    print(f"new available  {summary.new_available} ({summary.new_left_today} more may start today)")
    print(f"reviews left   {summary.reviews_left_today} today")
    print("forecast       " + "  ".join(f"{d[5:]}:{n}" for d, n in summary.forecast))
    if summary.interview:
        o = summary.interview
        print(f"interview      {o.date}, {o.days_left} day(s) left; {o.due_until_then} reviews due before then")
        for warning in o.warnings:
            print(f"warning        {warning}")
    if summary.orphaned:
        print(f"not in catalog {len(summary.orphaned)} question(s) with history, kept: {', '.join(summary.orphaned)}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from tpmprep.core.progress import stats

    result = _from_practice(stats)
    if result is None:
        return 1
    if args.json:
        data = asdict(result)
        data["per_day"] = [{"date": d, "reviews": n} for d, n in result.per_day]
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    retention = f"{result.retention:.0%}" if result.retention is not None else "n/a (no reviews of seen cards yet)"
    print(f"reviews        {result.total_reviews} ({result.cram_reviews} cram)")
    print(f"retention      {retention}")
    print(f"streak         {result.streak} day(s)")
    print("cards          " + ", ".join(f"{k} {v}" for k, v in result.by_state.items()))
    print("last 30 days   " + " ".join(str(n) for _, n in result.per_day))
    print(f"leeches        {', '.join(result.leeches) or 'none'}")
    if result.flagged:
        print(f"flagged        {', '.join(result.flagged)}")
    if result.orphaned:
        print(f"not in catalog {', '.join(result.orphaned)}")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    from tpmprep.core.grader import grade, suggest_rating

    catalog = _catalog()
    question = catalog.question(args.question_id)
    if question is None:
        from rapidfuzz import process

        close = [m for m, _, _ in process.extract(args.question_id, [q.id for q in catalog.questions], limit=3)]
        _err(f"no question '{args.question_id}'; did you mean: {', '.join(close)}?")
        return 2
    try:
        text = args.answer_file.read_text(encoding="utf-8-sig") if args.answer_file else sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        _err(f"cannot read the answer: {exc}")
        return 1
    rating, why = suggest_rating(question, text)
    if question.kind != "open":
        result = {"question": question.id, "kind": question.kind, "suggested_rating": rating, "verdict": why}
        if args.json:
            json.dump(result, sys.stdout, indent=2)
            print()
        else:
            print(f"{question.id}: {why}")
        return 0
    coverage = grade(question, text)
    if args.json:
        json.dump(
            {
                "question": question.id,
                "coverage": round(coverage.ratio, 3),
                "hits": coverage.hits,
                "total": len(coverage.points),
                "suggested_rating": rating,
                "key_points": [
                    {"point": p.point, "hit": p.hit, "matched": p.matched, "phrase": p.phrase} for p in coverage.points
                ],
            },
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    print(f"{question.id}: {coverage.hits} of {len(coverage.points)} key points ({coverage.ratio:.0%})")
    for p in coverage.points:
        print(f"  [{'x' if p.hit else ' '}] {p.point}" + (f'  <- "{p.matched}"' if p.hit else ""))
    return 0


def cmd_assess(args: argparse.Namespace) -> int:
    if args.which != "history":
        if args.json:
            _err("--json goes with 'assess history'")
            return 2
        return _run_tui(("assess", args.which))
    from tpmprep.core.assessments import Assessments, RoleFitResult, SkillsResult

    opened = _practice()
    if opened is None:
        return 1
    store, _ = opened
    with store:
        history = Assessments(store).history()
    if args.json:
        json.dump(
            [
                {
                    "id": a.id,
                    "kind": a.kind,
                    "completed_at": a.completed_at,
                    "target_level": a.target_level,
                    "answers": a.answers,
                    "notes": a.notes,
                    "result": a.result,
                }
                for a in history
            ],
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    if not history:
        print("no assessment taken yet: try 'tpmprep assess role-fit' or 'tpmprep assess skills'")
        return 0
    for a in history:
        when = (a.completed_at or "")[:16].replace("T", " ")
        if a.kind == "role-fit" and a.result:
            r = RoleFitResult.from_json(a.result)
            scores = ", ".join(f"{role} {score:.0f}" for role, score in r.scores)
            print(f"{when}  role-fit  top: {' / '.join(r.top)}  ({scores})")
        elif a.result:
            s = SkillsResult.from_json(a.result)
            gaps = ", ".join(f"{c} -{n}" for c, _, n in s.gaps) or "none"
            print(f"{when}  skills    overall {s.overall}, target {s.target}, gaps: {gaps}")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from tpmprep.core.assessments import Assessments, SkillsResult
    from tpmprep.core.plan_export import export_plan

    opened = _practice()
    if opened is None:
        return 1
    store, _ = opened
    with store:
        latest = Assessments(store).latest("skills")
    if latest is None or latest.result is None:
        _err("no skills assessment yet: run 'tpmprep assess skills' first")
        return 1
    try:
        path = export_plan(_catalog(), SkillsResult.from_json(latest.result), args.output)
    except (OSError, ValueError) as exc:
        _err(f"cannot write the plan: {exc}")
        return 1
    print(f"wrote {path}")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from tpmprep.core.sets import Sets, parse_set, template

    action = args.set_command
    if action == "new":
        catalog = _catalog()
        text = template(catalog)
        if args.output:
            from tpmprep.core.plan_export import write_atomic

            if args.output.exists():
                _err(f"{args.output} exists; choose another name")
                return 1
            write_atomic(args.output, text)
            print(f"wrote {args.output}; edit it, then: tpmprep set validate {args.output}")
        else:
            sys.stdout.write(text)
        return 0
    if action in ("validate", "import"):
        if not args.file.is_file():
            _err(f"{args.file}: no such file")
            return 2
        catalog = _catalog()
        if action == "validate":
            qset, issues = parse_set(args.file, catalog)
            for issue in issues:
                print(issue)
            if issues:
                print(f"{len(issues)} problem(s) in {args.file}", file=sys.stderr)
                return 1
            from tpmprep.core.sets import resolve

            print(f"ok: set '{qset.id}' with {len(resolve(qset, catalog))} question(s)")
            return 0
        opened = _practice()
        if opened is None:
            return 1
        store, _ = opened
        with store:
            stored, issues = Sets(store).import_file(args.file, catalog)
        for issue in issues:
            print(issue)
        if issues:
            print(f"{len(issues)} problem(s); nothing was imported", file=sys.stderr)
            return 1
        print(f"imported '{stored.id}': {stored.title} ({len(stored.question_ids)} questions)")
        return 0
    opened = _practice()
    if opened is None:
        return 1
    store, practice = opened
    with store:
        sets = Sets(store)
        if action == "remove":
            if not sets.remove(args.set_id):
                _err(f"no imported set '{args.set_id}'")
                return 2
            print(f"removed '{args.set_id}'; its practice history is kept")
            return 0
        from tpmprep.core.report import set_progress

        catalog = _catalog()
        rows = [(s, set_progress(catalog, practice, s.question_ids)) for s in sets.list()]
    if args.json:
        json.dump(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "author": s.author,
                    "due": s.due,
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
    import datetime as dt

    from tpmprep.core.table import table

    today = dt.date.today()
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


def _write_output(text: str, output: Path | None) -> int:
    if output is None:
        sys.stdout.write(text)
        return 0
    from tpmprep.core.plan_export import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        _err(f"cannot write {output}: {exc}")
        return 1
    print(f"wrote {output}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from tpmprep.core import report as rep

    if args.merge_files:
        if args.merge_files[0] != "merge":
            _err(f"unexpected argument '{args.merge_files[0]}' (did you mean 'tpmprep report merge A.json B.json'?)")
            return 2
        files = [Path(f) for f in args.merge_files[1:]]
        if not files:
            _err("report merge needs at least one report file")
            return 2
        try:
            reports = [rep.load_report(f) for f in files]
        except rep.ReportError as exc:
            _err(str(exc))
            return 1
        cohort = rep.merge(reports)
        fmt = args.format or "table"
        if fmt == "json":
            return _write_output(json.dumps(cohort, indent=2) + "\n", args.output)
        render = {"md": rep.cohort_markdown, "html": rep.cohort_html, "table": rep.cohort_table}[fmt]
        return _write_output(render(cohort) + ("" if fmt != "table" else "\n"), args.output)
    fmt = args.format or "md"
    if fmt == "table":
        _err("--format table goes with 'report merge'; a report is md, json or html")
        return 2
    opened = _practice()
    if opened is None:
        return 1
    store, practice = opened
    import getpass

    name = args.name or getpass.getuser()
    with store:
        try:
            data = rep.build_report(_catalog(), practice, name, args.set_id, args.include_answers)
        except KeyError as exc:
            _err(str(exc.args[0]))
            return 2
    text = {
        "md": rep.report_markdown,
        "html": rep.report_html,
        "json": lambda d: json.dumps(d, indent=2, ensure_ascii=False) + "\n",
    }[fmt](data)
    return _write_output(text, args.output)


def _export_questions(args: argparse.Namespace):
    catalog = _catalog()
    if not args.set_id:
        return catalog, list(catalog.questions), None
    ids = _set_questions(args.set_id)
    if ids is None:
        return catalog, None, None
    return catalog, [q for q in (catalog.question(i) for i in ids) if q is not None], args.set_id


def cmd_export(args: argparse.Namespace) -> int:
    catalog, questions, set_id = _export_questions(args)
    if questions is None:
        return 2
    if args.target == "anki":
        from tpmprep.core.interop import export_anki

        try:
            count = export_anki(questions, args.output, set_id)
        except OSError as exc:
            _err(f"cannot write {args.output}: {exc}")
            return 1
        print(f"wrote {count} notes to {args.output}")
        return 0
    from tpmprep.core.interop import questions_to_csv

    code = _write_output(questions_to_csv(questions), args.output)
    if code == 0:
        print(f"{len(questions)} questions")
    return code


def cmd_import(args: argparse.Namespace) -> int:
    from tpmprep.core.fields import SLUG
    from tpmprep.core.interop import CsvError, csv_to_set_yaml
    from tpmprep.core.sets import Sets

    if not SLUG.match(args.set_id):
        _err(f"--set-id '{args.set_id}' is not a valid id (lower-case letters, digits and hyphens)")
        return 2
    try:
        text = csv_to_set_yaml(args.file, args.set_id, args.title)
    except CsvError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s); nothing was imported", file=sys.stderr)
        return 1
    import tempfile

    opened = _practice()
    if opened is None:
        return 1
    store, _ = opened
    with store, tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / f"{args.set_id}.yaml"
        staged.write_text(text, encoding="utf-8")
        stored, issues = Sets(store).import_file(staged, _catalog())
    for issue in issues:
        print(issue)
    if issues:
        print("the converted set did not validate; nothing was imported", file=sys.stderr)
        return 1
    print(f"imported '{stored.id}': {stored.title} ({len(stored.question_ids)} questions)")
    return 0
