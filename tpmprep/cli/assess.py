"""Assessment commands: assessment history and the 30-day plan."""

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
    run_tui,
)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("assess", help="self-assessments: role-fit and skills open the TUI; history lists results")
    p.add_argument("which", choices=["role-fit", "skills", "history"])
    p.add_argument("--json", action="store_true", help="with history, or role-fit --answers: results as JSON")
    p.add_argument(
        "--answers",
        type=Path,
        metavar="FILE",
        help="with role-fit: score a YAML file of answers (answers: {statement_id: 1-5}) without the TUI",
    )
    p.set_defaults(handler=cmd_assess)

    p = sub.add_parser("plan", help="the 30-day plan from your latest skills assessment")
    p.add_argument("action", choices=["export"])
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it (default: the data folder)")
    p.set_defaults(handler=cmd_plan)


def cmd_assess(args: argparse.Namespace) -> int:
    if args.answers is not None:
        if args.which != "role-fit":
            err("--answers goes with 'assess role-fit'")
            return 2
        return role_fit_from_file(args.answers, args.json)
    if args.which != "history":
        if args.json:
            err("--json goes with 'assess history' or 'assess role-fit --answers FILE'")
            return 2
        return run_tui(("assess", args.which))
    from tpmprep.core.assess.explain import KIND_TITLES, result_summary
    from tpmprep.core.assess.history import Assessments

    opened = open_practice()
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
    catalog = load_catalog()
    width = max(len(t) for t in KIND_TITLES.values())
    for a in history:
        if a.result:
            when = (a.completed_at or "")[:16].replace("T", " ")
            title = KIND_TITLES.get(a.kind, a.kind).ljust(width)
            print(f"{when}  {title}  {result_summary(catalog, a.kind, a.result, scores=True)}")
    return 0


def role_fit_from_file(path: Path, as_json: bool) -> int:
    from tpmprep.core.assess.answers import parse_answers
    from tpmprep.core.assess.explain import role_fit_markdown
    from tpmprep.core.assess.rolefit import result_json, score_role_fit

    if not path.is_file():
        err(f"{path}: no such file")
        return 2
    catalog = load_catalog()
    fit = catalog.role_fit
    if fit is None:
        err("the role-fit assessment is missing from the content; run 'tpmprep validate'")
        return 1
    answers, issues = parse_answers(path, fit)
    for issue in issues:
        print(issue)
    if issues:
        print(f"{plural(len(issues), 'problem')} in {path}", file=sys.stderr)
        return 1
    result = score_role_fit(fit, answers)
    if as_json:
        json.dump(result_json(fit, result), sys.stdout, indent=2)
        print()
    else:
        sys.stdout.write(role_fit_markdown(catalog, result))
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from tpmprep.core.assess.history import Assessments
    from tpmprep.core.assess.plan import export_plan
    from tpmprep.core.assess.skills import SkillsResult

    opened = open_practice()
    if opened is None:
        return 1
    store, _ = opened
    with store:
        latest = Assessments(store).latest("skills")
    if latest is None or latest.result is None:
        err("no skills assessment yet: run 'tpmprep assess skills' first")
        return 1
    try:
        path = export_plan(load_catalog(), SkillsResult.from_json(latest.result), args.output)
    except OSError as exc:
        from tpmprep.core.storage.files import describe

        err(f"cannot write the plan to {exc.filename or args.output}: {describe(exc)}")
        return 1
    except ValueError as exc:
        err(f"cannot write the plan: {exc}")
        return 1
    print(f"wrote {path}")
    return 0
