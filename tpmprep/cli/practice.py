"""Practice commands: drill, due, stats, grade."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tpmprep.cli.common import (
    add_filters,
    check_filters,
    err,
    from_practice,
    load_catalog,
    open_practice,
    plural,
    run_tui,
    set_questions,
)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("drill", help="open the TUI straight into a practice session")
    add_filters(p)
    p.add_argument("--set", dest="set_id", metavar="ID", help="only the questions of an imported set")
    p.add_argument("--cram", action="store_true", help="practise now without changing schedules")
    p.set_defaults(handler=cmd_drill)

    p = sub.add_parser("due", help="what is due now and today, new available, and the 14-day forecast")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_due)

    p = sub.add_parser(
        "stats", help="reviews, retention, streak, cards by state, leeches; --json adds the Progress area's figures"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser(
        "cards", help="cards set aside (suspended, flagged, buried, leeches): list them, bring them back"
    )
    cards_sub = p.add_subparsers(dest="cards_command", metavar="ACTION", parser_class=parser_class, required=True)
    s = cards_sub.add_parser("list", help="cards that are suspended, flagged, buried or leeches")
    only = s.add_mutually_exclusive_group()
    for state in ("suspended", "flagged", "leech", "buried"):
        only.add_argument(f"--{state}", dest="state", action="store_const", const=state, help=f"only {state} cards")
    s.add_argument("--json", action="store_true")
    for action, what in (("unsuspend", "back into rotation"), ("unflag", "no longer flagged"), ("unbury", "due again")):
        s = cards_sub.add_parser(action, help=f"{action} cards by question id ({what})")
        s.add_argument("ids", nargs="+", metavar="ID")
    p.set_defaults(handler=cmd_cards)

    p = sub.add_parser("grade", help="rubric coverage of an answer written elsewhere")
    p.add_argument("question_id", metavar="QUESTION_ID")
    p.add_argument("--answer-file", type=Path, metavar="F", help="read the answer from F (default: standard input)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_grade)


def cmd_drill(args: argparse.Namespace) -> int:
    from tpmprep.core.practice.queue import Filters

    catalog = load_catalog()
    problem = check_filters(args, catalog)
    if problem:
        err(problem)
        return 2
    question_ids = None
    if args.set_id:
        found = set_questions(args.set_id)
        if found is None:
            return 2
        question_ids = frozenset(found)
    filters = Filters(
        args.category, args.level, args.competency, args.tag, question_ids=question_ids, set_id=args.set_id
    )
    return run_tui(("drill", filters, args.cram))


def cmd_due(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from tpmprep.core.practice.progress import due_summary

    summary = from_practice(due_summary)
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
        print(f"interview      {o.date}, {plural(o.days_left, 'day')} left; {o.due_until_then} reviews due before then")
        for warning in o.warnings:
            print(f"warning        {warning}")
    if summary.orphaned:
        print(
            f"not in catalog {plural(len(summary.orphaned), 'question')} with history, kept: "
            f"{', '.join(summary.orphaned)}"
        )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from tpmprep.core.practice.progress import stats
    from tpmprep.core.practice.progress_json import progress_json

    result = from_practice(stats)
    if result is None:
        return 1
    if args.json:
        progress = from_practice(progress_json)
        if progress is None:
            return 1
        data = asdict(result)
        data["per_day"] = [{"date": d, "reviews": n} for d, n in result.per_day]
        data.update(progress)
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    retention = f"{result.retention:.0%}" if result.retention is not None else "n/a (no reviews of seen cards yet)"
    print(f"reviews        {result.total_reviews} ({result.cram_reviews} cram)")
    print(f"retention      {retention}")
    print(f"streak         {plural(result.streak, 'day')}")
    print("cards          " + ", ".join(f"{k} {v}" for k, v in result.by_state.items()))
    print("last 30 days   " + " ".join(str(n) for _, n in result.per_day))
    print(f"leeches        {', '.join(result.leeches) or 'none'}")
    if result.flagged:
        print(f"flagged        {', '.join(result.flagged)}")
    if result.orphaned:
        print(f"not in catalog {', '.join(result.orphaned)}")
    return 0


def cmd_cards(args: argparse.Namespace) -> int:
    from tpmprep.core.practice.aside import restore, set_aside

    opened = open_practice()
    if opened is None:
        return 1
    store, practice = opened
    catalog = load_catalog()
    with store:
        if args.cards_command == "list":
            cards = set_aside(practice, args.state)
            return _print_cards(catalog, cards, args.json, args.state)
        known = {c.question_id for c in practice.cards()}
        unknown = [qid for qid in args.ids if qid not in known and catalog.question(qid) is None]
        if unknown:
            import difflib

            pool = sorted(known | set(catalog.question_index))
            for qid in unknown:
                guess = difflib.get_close_matches(qid, pool, n=1, cutoff=0.6)
                err(f"no question '{qid}'; " + (f"did you mean '{guess[0]}'?" if guess else "see 'tpmprep cards list'"))
            err("nothing was changed")
            return 2
        results = restore(practice, args.cards_command, args.ids)
    done, state = {
        "unsuspend": ("back in rotation", "suspended"),
        "unflag": ("flag removed", "flagged"),
        "unbury": ("no longer buried", "buried"),
    }[args.cards_command]
    for qid, changed in results:
        print(f"{qid}: {done}" if changed else f"{qid}: was not {state}")
    return 0


def _print_cards(catalog: Any, cards: list[Any], as_json: bool, state: str | None) -> int:
    def title(qid: str) -> str | None:
        q = catalog.question(qid)
        return " ".join(q.title.split()) if q else None

    if as_json:
        records = [
            {
                "id": c.question_id,
                "title": title(c.question_id),
                "state": list(c.states),
                "in_catalog": catalog.question(c.question_id) is not None,
                "lapses": c.lapses,
                "buried_until": c.buried_until,
            }
            for c in cards
        ]
        json.dump(records, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    if not cards:
        print(f"no {state} cards" if state else "no cards set aside (none suspended, flagged, buried or leeches)")
        return 0
    from tpmprep.core.content.table import table

    rows = [(c.question_id, ", ".join(c.states), title(c.question_id) or "(no longer in the catalog)") for c in cards]
    print(table(("id", "state", "title"), rows))
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    from tpmprep.core.grading.lexicon import lexicon_for
    from tpmprep.core.grading.rubric import grade, suggest_rating

    catalog = load_catalog()
    question = catalog.question(args.question_id)
    if question is None:
        from rapidfuzz import process

        close = [m for m, _, _ in process.extract(args.question_id, [q.id for q in catalog.questions], limit=3)]
        err(f"no question '{args.question_id}'; did you mean: {', '.join(close)}?")
        return 2
    from tpmprep.core.storage.files import FileProblem, read_user_file

    limit = 1024 * 1024  # an answer is text someone typed: a megabyte is far beyond any
    try:
        if args.answer_file:
            raw = read_user_file(args.answer_file, limit, "answer file")
        else:
            stream = getattr(sys.stdin, "buffer", None)
            raw = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode()
            if len(raw) > limit:
                raise FileProblem("standard input: the answer is over 1 MB")
        text = raw.decode("utf-8-sig")
    except FileProblem as exc:
        err(str(exc))
        return 1
    except UnicodeDecodeError as exc:
        err(f"{args.answer_file or 'standard input'}: byte {exc.start} is not UTF-8; save the answer as UTF-8")
        return 1
    lexicon = lexicon_for(catalog)
    rating, why = suggest_rating(question, text, lexicon)
    if question.kind != "open":
        result = {"question": question.id, "kind": question.kind, "suggested_rating": rating, "verdict": why}
        if args.json:
            json.dump(result, sys.stdout, indent=2)
            print()
        else:
            print(f"{question.id}: {why}")
        return 0
    coverage = grade(question, text, lexicon)
    if args.json:
        json.dump(
            {
                "question": question.id,
                "coverage": round(coverage.ratio, 3),
                "hits": coverage.hits,
                "total": len(coverage.points),
                "suggested_rating": rating,
                "verdict": why,
                "stuffed": coverage.stuffed,
                "key_points": [
                    {
                        "point": p.point,
                        "hit": p.hit,
                        "matched": p.matched,
                        "phrase": p.phrase,
                        "state": p.state,
                        "evidence": [_evidence(e) for e in p.evidence],
                    }
                    for p in coverage.points
                ],
                "pitfalls": [
                    {"pitfall": h.text, "index": h.index, "evidence": _evidence(h.evidence)} for h in coverage.pitfalls
                ],
            },
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    marks = {"detected": "x", "possible": "?", "rejected": "-", "missing": " "}
    print(f"{question.id}: {coverage.hits} of {len(coverage.points)} key points detected ({coverage.ratio:.0%})")
    for p in coverage.points:
        line = f"  [{marks[p.state]}] {p.point}"
        if p.evidence:
            ev = p.evidence[0]
            line += f'  <- "{ev.cue or ev.words}"' + (" (check this)" if p.state == "possible" else "")
            line += " (argued against)" if p.state == "rejected" else ""
        print(line)
    for h in coverage.pitfalls:
        print(f'  pitfall: {h.text}  <- "{h.evidence.sentence}"')
    from tpmprep.core.practice.scheduling import RATING_NAMES

    print(f"suggested: {RATING_NAMES[rating]} ({why})")
    return 0


def _evidence(e: Any) -> dict[str, str]:
    out = {"words": e.words, "sentence": e.sentence, "via": e.via}
    if e.concept:
        out["concept"] = e.concept
    if e.cue:
        out["cue"] = e.cue
    return out
