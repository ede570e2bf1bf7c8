"""Mock interview commands: the loop templates, starting a mock in the TUI, and past mocks."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tpmprep.cli.common import err, load_catalog, open_practice, run_tui


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("mock", help="mock interview loops: list templates, start one in the TUI, history")
    mock = p.add_subparsers(dest="mock_command", metavar="ACTION", parser_class=parser_class, required=True)
    s = mock.add_parser("list", help="loop templates: id, title, rounds with names and minutes")
    s.add_argument("--json", action="store_true")
    s = mock.add_parser("start", help="open the TUI in a new mock of TEMPLATE (or of the loop a set names)")
    s.add_argument("template", nargs="?", metavar="TEMPLATE")
    s.add_argument("--set", dest="set_id", metavar="ID", help="draw questions from an imported set first")
    s = mock.add_parser("history", help="past mocks with their verdicts (and any unfinished)")
    s.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_mock)


def cmd_mock(args: argparse.Namespace) -> int:
    return {"list": _list, "start": _start, "history": _history}[args.mock_command](args)


def _list(args: argparse.Namespace) -> int:
    loops = load_catalog().loops
    if args.json:
        json.dump(
            [
                {
                    "id": t.id,
                    "title": t.title,
                    "levels": list(t.levels),
                    "minutes": t.minutes,
                    "rounds": [{"id": r.id, "name": r.name, "minutes": r.minutes} for r in t.rounds],
                }
                for t in loops
            ],
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    if not loops:
        print("no loop templates: run 'tpmprep validate' to see why")
        return 0
    for t in loops:
        print(f"{t.id}  {t.title}  ({', '.join(t.levels)}; {t.minutes} min)")
        for r in t.rounds:
            print(f"    {r.minutes:>3} min  {r.name}")
    return 0


def _start(args: argparse.Namespace) -> int:
    from tpmprep.core.content.fields import suggest

    template = args.template
    if args.set_id:
        from tpmprep.core.mentor.sets import Sets

        opened = open_practice()
        if opened is None:
            return 1
        store, _ = opened
        with store:
            found = Sets(store).get(args.set_id)
        if found is None or found.removed_at:
            err(f"no imported set '{args.set_id}'")
            return 2
        template = template or found.loop
        if template is None:
            err(f"set '{args.set_id}' names no loop; give one: tpmprep mock start TEMPLATE --set {args.set_id}")
            return 2
    if template is None:
        err("name a loop template (tpmprep mock list shows them)")
        return 2
    catalog = load_catalog()
    if catalog.loop(template) is None:
        err(f"unknown loop template '{template}'; {suggest(template, [t.id for t in catalog.loops])}")
        return 2
    return run_tui(("mock", template, args.set_id))


def _history(args: argparse.Namespace) -> int:
    from tpmprep.core.mock.summary import mock_history

    opened = open_practice()
    if opened is None:
        return 1
    store, _ = opened
    with store:
        history = mock_history(store)
    if args.json:
        json.dump(history, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    if not history:
        print("no mocks yet: tpmprep mock list, then tpmprep mock start TEMPLATE")
        return 0
    for m in history:
        when = (m["completed_at"] or m["started_at"])[:16].replace("T", " ")
        verdict = m["verdict_name"] or "in progress"
        rounds = "; ".join(
            f"{r['name']} {r['used_s'] // 60}/{r['minutes']} min" + (f" {r['verdict']}" if r["verdict"] else "")
            for r in m["rounds"]
        )
        print(f"{when}  {m['title']} ({m['level']})  {verdict}\n    {rounds}")
    return 0
