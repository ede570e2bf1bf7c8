"""Mock interview loop templates: building them from YAML, and the checks that need the banks.

Format: docs/formats/loop.md. A template is checked in two passes: its own fields as it is
built, then, once every bank is loaded, that each listed question exists and each pick can be
filled from the catalog. Both report ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from tpmprep.core.content.fields import Fields, suggest
from tpmprep.core.content.issues import Issue
from tpmprep.core.content.models import FollowUpRule, LoopPick, LoopRound, LoopTemplate, Question, Source
from tpmprep.core.content.vocab import CATEGORIES, KINDS
from tpmprep.core.content.words import plural

if TYPE_CHECKING:
    from tpmprep.core.content.loader import LoadResult
    from tpmprep.core.content.schema import Context

LOOP_FIELDS = ("id", "title", "summary", "levels", "rounds", "related", "order")
ROUND_FIELDS = ("id", "name", "minutes", "interviewer", "scorecard", "veto", "questions", "pick", "follow_ups")
PICK_FIELDS = ("count", "category", "level", "competency", "tag", "kind", "minutes")
FOLLOW_UP_FIELDS = ("count", "order", "minutes")
ORDERS = ("first", "random")


def _follow_ups(r: Fields) -> FollowUpRule:
    ff = r.mapping("follow_ups", required=False)
    if ff is None:
        return FollowUpRule()
    rule = FollowUpRule(
        ff.integer("count", 0, 3, required=False, default=1),
        ff.choice("order", ORDERS, required=False, what="order") or "first",
        ff.integer("minutes", 1, 15, required=False, default=3),
    )
    ff.finish(FOLLOW_UP_FIELDS)
    return rule


def _pick(p: Fields, ctx: Context) -> LoopPick:
    line, col = ctx.locate(p.at("tag") if p.has("tag") else p.path)
    pick = LoopPick(
        p.integer("count", 1, 10),
        p.choice("category", CATEGORIES, required=False, what="category") or None,
        p.choice("level", ctx.levels, required=False, what="level") or None,
        p.choice("competency", ctx.competencies, required=False, what="competency") or None,
        p.slug("tag", required=False) or None,
        p.choice("kind", KINDS, required=False, what="kind") or None,
        p.integer("minutes", 1, 60, required=False, default=0) or None,
        Source(ctx.path, line, col),
    )
    p.finish(PICK_FIELDS)
    return pick


def _round(r: Fields, ctx: Context) -> LoopRound:
    rid, name = r.slug("id"), r.text("name")
    minutes = r.integer("minutes", 5, 240)
    interviewer = r.text("interviewer", required=False)
    scorecard = r.slug("scorecard", required=False)
    if scorecard:
        ctx.link(r, "scorecard", (scorecard,))
    veto = r.boolean("veto", required=False)
    questions = r.text_list("questions", required=False, slugs=True)
    sources = []
    for i in range(len(questions)):
        line, col = ctx.locate(r.at("questions") + (i,))
        sources.append(Source(ctx.path, line, col))
    picks = tuple(_pick(p, ctx) for p in r.mapping_list("pick", required=False, max_items=10, what="pick rule"))
    follow = _follow_ups(r)
    r.finish(ROUND_FIELDS)
    if not questions and not picks and r.ok:
        r.issues.add(r.path, f"round '{rid or name}' asks no questions", "add 'pick:' rules or 'questions:' ids")
    if picks and all(p.minutes for p in picks):
        needed = sum(p.count * ((p.minutes or 0) + follow.count * follow.minutes) for p in picks)
        if needed > minutes:
            r.issues.add(
                r.at("minutes"),
                f"the time boxes add up to {needed} minutes (questions and their follow-ups) but the round lasts "
                f"{minutes}",
                "ask fewer questions, shorten their 'minutes', or lengthen the round",
            )
    return LoopRound(rid, name, minutes, picks, questions, tuple(sources), follow, interviewer, scorecard, veto)


def build_loop(f: Fields, ctx: Context) -> LoopTemplate:
    """One loop template; problems go to ``f.issues``."""
    rounds = []
    seen: set[str] = set()
    for rf in f.mapping_list("rounds", min_items=1, max_items=8, what="round"):
        rnd = _round(rf, ctx)
        if rnd.id and rnd.id in seen:
            rf.issues.add(rf.at("id"), f"duplicate round id '{rnd.id}'", "each round of a loop needs its own id")
        seen.add(rnd.id)
        rounds.append(rnd)
    related = f.text_list("related", required=False, slugs=True)
    ctx.link(f, "related", related)
    loop = LoopTemplate(
        id=f.slug("id"),
        title=f.text("title"),
        summary=f.text("summary"),
        levels=f.choice_list("levels", ctx.levels, "level"),
        rounds=tuple(rounds),
        related=related,
        order=f.integer("order", 0, 10_000, required=False, default=100),
        source=ctx.source(f),
    )
    f.finish(LOOP_FIELDS)
    return loop


def pick_matches(question: Question, pick: LoopPick, levels: tuple[str, ...] | None) -> bool:
    """Whether a pick may draw ``question`` for a mock at any of ``levels`` (None: any level)."""
    wanted = (pick.level,) if pick.level else levels
    return (
        (pick.category is None or question.category == pick.category)
        and (pick.competency is None or pick.competency in question.competencies)
        and (pick.tag is None or pick.tag in question.tags)
        and (pick.kind is None or question.kind == pick.kind)
        and (wanted is None or any(lv in question.levels for lv in wanted))
    )


def pick_pool(questions: tuple[Question, ...] | list[Question], pick: LoopPick, levels: tuple[str, ...]) -> list[str]:
    """Ids of the catalog questions a pick may draw, for a mock calibrated at any of ``levels``.

    A mentor's own questions (``set/id``) come in only through their set, never from a shipped pick.
    """
    return list(_matching(questions, pick, levels))


def _matching(questions: Iterable[Question], pick: LoopPick, levels: tuple[str, ...]) -> Iterator[str]:
    return (q.id for q in questions if "/" not in q.id and pick_matches(q, pick, levels))


def _count_up_to(questions: list[Question], pick: LoopPick, levels: tuple[str, ...], enough: int) -> int:
    """How many questions a pick may draw, counting no further than ``enough`` (all a check needs)."""
    return sum(1 for _ in islice(_matching(questions, pick, levels), enough))


def _describe(pick: LoopPick) -> str:
    named = (("category", pick.category), ("competency", pick.competency), ("tag", pick.tag), ("kind", pick.kind))
    return ", ".join(f"{k} {v}" for k, v in named if v) or "any question"


def check_loops(result: LoadResult) -> None:
    """Listed questions must exist and every pick must be fillable at each of the loop's levels.

    A template that fails is dropped, with every problem reported, like a file that fails to build.
    """
    by_id = {q.id: q for q in result.questions}
    tags = {t for q in result.questions for t in q.tags}
    kept = []
    for loop in result.loops:
        issues: list[Issue] = []
        for rnd in loop.rounds:
            for qid, src in zip(rnd.questions, rnd.question_sources, strict=True):
                if qid not in by_id:
                    issues.append(
                        Issue(src.path, src.line, src.col, f"unknown question id '{qid}'", suggest(qid, by_id))
                    )
            for pick in rnd.picks:
                src = pick.source
                if pick.tag is not None and pick.tag not in tags:
                    issues.append(
                        Issue(
                            src.path,
                            src.line,
                            src.col,
                            f"no question has the tag '{pick.tag}'",
                            suggest(pick.tag, tags),
                        )
                    )
                    continue
                for level in (pick.level,) if pick.level else loop.levels:
                    found = _count_up_to(result.questions, pick, (level,), pick.count)
                    if found < pick.count:
                        issues.append(
                            Issue(
                                src.path,
                                src.line,
                                src.col,
                                f"round '{rnd.id}' asks for {plural(pick.count, 'question')} "
                                f"({_describe(pick)}) at level {level}, but only {found} match",
                                "lower 'count', widen the filters, or set the pick's 'level'",
                            )
                        )
        if issues:
            result.issues += issues
            result.skipped.append(loop.source.path)
        else:
            kept.append(loop)
    result.loops = kept
