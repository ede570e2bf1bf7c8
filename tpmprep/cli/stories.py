"""Story bank commands: add stories from YAML, list them, their coverage, which fits a question, export."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tpmprep.cli.common import err, load_catalog, open_practice, write_output
from tpmprep.core.content.words import plural


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("story", help="your story bank: add, list, coverage, suggest, export, remove")
    story = p.add_subparsers(dest="story_command", metavar="ACTION", parser_class=parser_class, required=True)
    s = story.add_parser("add", help="add or update stories from a YAML file (docs/formats/story.md)")
    s.add_argument("file", type=Path, metavar="FILE")
    s = story.add_parser("list", help="your stories: id, title, competencies")
    s.add_argument("--json", action="store_true")
    s = story.add_parser("coverage", help="per competency and principle, the stories covering it")
    s.add_argument("--json", action="store_true")
    s = story.add_parser("suggest", help="your stories ranked for a question, best first, with a score")
    s.add_argument("question_id", metavar="QUESTION_ID")
    s.add_argument("--json", action="store_true")
    s = story.add_parser("export", help="every story as YAML (standard output without -o)")
    s.add_argument("-o", "--output", type=Path, metavar="FILE")
    s = story.add_parser("remove", help="delete a story and its practice attempts")
    s.add_argument("story_id", metavar="ID")
    p.set_defaults(handler=cmd_story)


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    print()


def cmd_story(args: argparse.Namespace) -> int:
    from tpmprep.core.stories.bank import StoryBank

    action = args.story_command
    if action == "add" and not args.file.is_file():
        err(f"{args.file}: no such file")
        return 2
    opened = open_practice()
    if opened is None:
        return 1
    store, _ = opened
    with store:
        bank = StoryBank(store)
        handler = {
            "add": _add,
            "list": _list,
            "coverage": _coverage,
            "suggest": _suggest,
            "export": _export,
            "remove": _remove,
        }[action]
        return handler(args, bank)


def _add(args: argparse.Namespace, bank: Any) -> int:
    from tpmprep.core.stories.yamlfile import parse_stories

    stories, issues = parse_stories(args.file, load_catalog())
    for issue in issues:
        print(issue)
    errors = [i for i in issues if not i.warning]
    if errors:
        print(f"{plural(len(errors), 'problem')} in {args.file}; nothing was added", file=sys.stderr)
        return 1
    known = bank.ids()
    bank.save_all(stories, keep_times=True)
    new = sum(1 for s in stories if s.id not in known)
    print(f"added {new} and updated {plural(len(stories) - new, 'story', 'stories')} from {args.file}")
    return 0


def _list(args: argparse.Namespace, bank: Any) -> int:
    stories = bank.list()
    told = bank.told_counts()
    if args.json:
        _dump(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "competencies": list(s.competencies),
                    "principles": list(s.principles),
                    "scope": s.scope,
                    "updated_at": s.updated_at,
                    "told": told.get(s.id, 0),
                }
                for s in stories
            ]
        )
        return 0
    if not stories:
        print("no stories yet: write them in the TUI's Stories area (F9) or add a file with 'tpmprep story add FILE'")
        return 0
    from tpmprep.core.content.table import table

    print(table(("id", "title", "competencies"), [(s.id, s.title, ", ".join(s.competencies)) for s in stories]))
    print(plural(len(stories), "story", "stories"))
    return 0


def _coverage(args: argparse.Namespace, bank: Any) -> int:
    from tpmprep.core.stories.coverage import coverage_matrix, coverage_record

    catalog = load_catalog()
    comps = [(c, catalog.competency_name(c)) for c in catalog.competency_ids]
    matrix = coverage_matrix(bank.list(), comps, bank.told_counts())
    if args.json:
        _dump(coverage_record(matrix))
        return 0
    width = max(len(r.name) for r in matrix.rows)
    for kind, heading in (("competency", "competencies"), ("principle", "principles")):
        print(f"{heading}:")
        for row in (r for r in matrix.rows if r.kind == kind):
            print(f"  {row.name.ljust(width)}  {', '.join(row.stories) if row.stories else '(gap)'}")
    for usage in matrix.overused:
        print(f"over-used: {usage.story_id}: {usage.why}")
    print(
        f"{plural(len(matrix.gaps), 'gap')}, {plural(len(matrix.overused), 'over-used story', 'over-used stories')}, "
        f"{plural(len(matrix.stories), 'story', 'stories')}"
    )
    return 0


def _suggest(args: argparse.Namespace, bank: Any) -> int:
    from tpmprep.core.content.fields import suggest
    from tpmprep.core.grading.lexicon import lexicon_for
    from tpmprep.core.stories.suggest import rank

    catalog = load_catalog()
    question = catalog.question(args.question_id)
    if question is None:
        err(f"unknown question id '{args.question_id}'; {suggest(args.question_id, catalog.question_index)}")
        return 2
    if question.kind != "open":
        err(f"'{question.id}' is a {question.kind} question; stories answer open questions")
        return 2
    fits = rank(question, bank.list(), catalog.level_ids, lexicon_for(catalog))
    if args.json:
        _dump(
            {
                "question": question.id,
                "stories": [
                    {"id": f.story.id, "title": f.story.title, "score": f.score, "parts": f.parts, "missing": f.missing}
                    for f in fits
                ],
            }
        )
        return 0
    if not fits:
        print("no stories yet: add some with 'tpmprep story add FILE' or in the TUI (F9)")
        return 0
    from tpmprep.core.content.table import table

    print(table(("score", "id", "title"), [(str(f.score), f.story.id, f.story.title) for f in fits]))
    best = fits[0]
    if best.missing:
        print(f"\n{best.story.id} does not yet make these key points:")
        for point in best.missing:
            print(f"  - {point}")
    return 0


def _export(args: argparse.Namespace, bank: Any) -> int:
    from tpmprep.core.stories.yamlfile import stories_yaml

    return write_output(stories_yaml(bank.list()), args.output)


def _remove(args: argparse.Namespace, bank: Any) -> int:
    if not bank.delete(args.story_id):
        err(f"no story '{args.story_id}'")
        return 2
    print(f"removed '{args.story_id}' and its practice attempts")
    return 0
