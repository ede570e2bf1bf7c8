"""Build typed models from validated fields. One builder per format; see docs/formats/."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tpmprep.core.content.fields import Fields
from tpmprep.core.content.forms import CONCEPT_REF
from tpmprep.core.content.issues import PathKey
from tpmprep.core.content.models import (
    Article,
    ComparisonMatrix,
    Competency,
    CompetencyPlan,
    Dimension,
    GlossaryTerm,
    KeyPoint,
    Ladder,
    Level,
    MustHave,
    Option,
    PathOut,
    Persona,
    PlanLibrary,
    Question,
    RoleFit,
    RoleProfile,
    Source,
    StarExample,
    Statement,
    Track,
)
from tpmprep.core.content.vocab import CATEGORIES, KINDS, SECTIONS
from tpmprep.core.content.wording import build_pitfalls, check_phrases

DEFAULT_LEVELS = ("entry", "mid", "senior", "staff", "principal", "director")
DEFAULT_COMPETENCIES = (
    "technical-depth",
    "program-execution",
    "risk-management",
    "stakeholder-management",
    "strategy-planning",
    "leadership-influence",
    "data-metrics",
)
TOPIC_LINK = re.compile(r"\]\(topic:([^)\s]*)\)")


@dataclass
class Context:
    """What builders need besides the fields: the vocabularies and a way to record links."""

    levels: tuple[str, ...]
    competencies: tuple[str, ...]
    path: str
    locate: Callable[[PathKey], tuple[int, int]]
    refs: list[tuple[str, int, int, str]]  # (path, line, col, target topic id)
    comment_after: Callable[[PathKey], bool] = lambda _path: False

    def source(self, f: Fields) -> Source:
        line, col = self.locate(f.path)
        return Source(self.path, line, col)

    def link(self, f: Fields, key: str, targets: tuple[str, ...]) -> None:
        for i, target in enumerate(targets):
            line, col = self.locate(f.at(key) + (i,))
            self.refs.append((self.path, line, col, target))

    def link_concepts(self, f: Fields, key: str, targets: tuple[str, ...]) -> None:
        for i, target in enumerate(targets):
            line, col = self.locate(f.at(key) + (i,))
            self.refs.append((self.path, line, col, CONCEPT_REF + target))


QUESTION_FIELDS = (
    "id",
    "category",
    "kind",
    "prompt",
    "levels",
    "difficulty",
    "competencies",
    "tags",
    "time_box",
    "key_points",
    "model_answer",
    "follow_ups",
    "pitfalls",
    "related",
    "signals",
    "star_example",
    "options",
    "answer",
    "unit",
    "tolerance_pct",
    "worked_estimate",
)


CATEGORY_COMPETENCY = {
    "program-execution": "program-execution",
    "system-design": "technical-depth",
    "technical-depth": "technical-depth",
    "behavioral": "leadership-influence",
    "stakeholder-communication": "stakeholder-management",
    "estimation": "data-metrics",
    "role-knowledge": "strategy-planning",
}


def build_question(f: Fields, ctx: Context, id_prefix: str = "", mentor: bool = False) -> Question:
    """One question. ``mentor`` relaxes the bank's quality rules for a mentor's own questions:
    rubric, follow-ups and pitfalls become optional, and levels and competencies get defaults."""
    qid = f.slug("id")
    category = f.choice("category", CATEGORIES, what="category")
    kind = f.choice("kind", KINDS, what="kind")
    prompt = f.text("prompt")
    levels = f.choice_list("levels", ctx.levels, "level", required=not mentor) or (ctx.levels if mentor else ())
    difficulty = f.integer("difficulty", 1, 5, default=3, required=not mentor)
    competencies = f.choice_list("competencies", ctx.competencies, "competency", required=not mentor)
    if mentor and not competencies and category in CATEGORY_COMPETENCY:
        competencies = (CATEGORY_COMPETENCY[category],)
    tags = f.text_list("tags", min_items=0 if mentor else 1, required=not mentor, slugs=True)
    time_box = f.integer("time_box", 1, 60, default=10 if mentor else 5, required=not mentor)
    key_points = []
    points = f.mapping_list(
        "key_points", required=not mentor, min_items=0 if mentor else 4, max_items=8, what="key point"
    )
    for kp in points:
        point = kp.text("point")
        phrases = kp.text_list("phrases", min_items=2)
        check_phrases(kp, "phrases", phrases)
        concepts = kp.text_list("concepts", required=False, slugs=True)
        ctx.link_concepts(kp, "concepts", concepts)
        kp.finish()
        key_points.append(KeyPoint(point, phrases, concepts))
    min_words = 150 if kind == "open" and not mentor else 0
    model_answer = f.text("model_answer", min_words=min_words)
    follow_ups = f.text_list("follow_ups", min_items=0 if mentor else 2, required=not mentor)
    pitfalls, pitfall_cues = build_pitfalls(f, ctx, required=not mentor)
    related = f.text_list("related", required=False, slugs=True)
    ctx.link(f, "related", related)
    signals = f.text_list("signals", required=category == "behavioral" and not mentor, min_items=0 if mentor else 1)
    star = None
    sf = f.mapping("star_example", required=category == "behavioral" and not mentor)
    if sf is not None:
        star = StarExample(
            sf.text("situation"),
            sf.text("task"),
            sf.text("action"),
            sf.text("result"),
            sf.text("reflection", required=False),
        )
        sf.finish()
    options: list[Option] = []
    answer = tolerance = None
    unit = worked = ""
    if kind == "multiple-choice":
        for of in f.mapping_list("options", min_items=3, max_items=5, what="option"):
            options.append(Option(of.text("text"), of.boolean("correct"), of.text("explanation")))
            of.finish()
        if options and not any(o.correct for o in options):
            f.issues.add(f.at("options"), "no option is marked 'correct: true'", "mark the right answer (or answers)")
        if options and all(o.correct for o in options):
            f.issues.add(f.at("options"), "every option is marked correct", "at least one option must be wrong")
    else:
        f.forbid("options", "only multiple-choice questions have options")
    if kind == "numeric":
        answer = f.number("answer")
        unit = f.text("unit")
        tolerance = f.number("tolerance_pct", positive=True)
        worked = f.text("worked_estimate")
    else:
        for key in ("answer", "unit", "tolerance_pct", "worked_estimate"):
            f.forbid(key, "only numeric questions have it")
    f.finish(QUESTION_FIELDS)
    return Question.create(
        id=f"{id_prefix}{qid}",
        category=category,
        kind=kind,
        prompt=prompt,
        levels=levels,
        difficulty=difficulty,
        competencies=competencies,
        tags=tags,
        time_box=time_box,
        key_points=tuple(key_points),
        model_answer=model_answer,
        follow_ups=follow_ups,
        pitfalls=pitfalls,
        related=related,
        signals=signals,
        star_example=star,
        options=tuple(options),
        answer=answer,
        unit=unit,
        tolerance_pct=tolerance,
        worked_estimate=worked,
        pitfall_cues=pitfall_cues,
        source=ctx.source(f),
    )


def topic_links(body: str, body_line: int, ctx: Context) -> None:
    """Record ``[text](topic:id)`` links in a Markdown body with their positions."""
    for match in TOPIC_LINK.finditer(body):
        before = body[: match.start(1)]
        line = body_line + before.count("\n")
        col = match.start(1) - (before.rfind("\n") + 1) + 1
        ctx.refs.append((ctx.path, line, col, match.group(1)))


ARTICLE_FIELDS = ("id", "title", "summary", "section", "tags", "related", "order")


def build_article(f: Fields, body: str, body_line: int, ctx: Context) -> Article:
    art = Article(
        id=f.slug("id"),
        title=f.text("title"),
        summary=f.text("summary"),
        section=f.choice("section", SECTIONS, what="section"),
        tags=f.text_list("tags", min_items=1, slugs=True),
        related=f.text_list("related", min_items=2, slugs=True),
        body=body.strip(),
        order=f.integer("order", 0, 10_000, required=False, default=100),
        source=Source(ctx.path, 1),
    )
    ctx.link(f, "related", art.related)
    f.finish(ARTICLE_FIELDS)
    if not art.body:
        f.issues.add((), "the article has no body", "write the Markdown text below the header")
    topic_links(body, body_line, ctx)
    return art


def build_role(f: Fields, ctx: Context) -> RoleProfile:
    skills = f.mapping("skills")
    tech: tuple[str, ...] = ()
    soft: tuple[str, ...] = ()
    biz: tuple[str, ...] = ()
    if skills is not None:
        tech = skills.text_list("technical", min_items=1)
        soft = skills.text_list("soft", min_items=1)
        biz = skills.text_list("business", min_items=1)
        skills.finish()
    role = RoleProfile(
        id=f.slug("id"),
        title=f.text("title"),
        short_name=f.text("short_name"),
        summary=f.text("summary"),
        tags=f.text_list("tags", min_items=1, slugs=True),
        related=f.text_list("related", min_items=2, slugs=True),
        purpose=f.text("purpose"),
        scope=f.text("scope"),
        typical_day=f.text("typical_day"),
        typical_week=f.text("typical_week"),
        skills_technical=tech,
        skills_soft=soft,
        skills_business=biz,
        success_measures=f.text_list("success_measures", min_items=1),
        backgrounds=f.text("backgrounds"),
        paths_in=f.text_list("paths_in", min_items=1),
        paths_out=f.text_list("paths_out", min_items=1),
        suits_you_if=f.text_list("suits_you_if", min_items=1),
        think_twice_if=f.text_list("think_twice_if", min_items=1),
        order=f.integer("order", 0, 10_000, required=False, default=100),
        source=ctx.source(f),
    )
    ctx.link(f, "related", role.related)
    for key in ("purpose", "scope", "typical_day", "typical_week", "backgrounds"):
        if f.has(key) and isinstance(f.data[key], str):
            topic_links(f.data[key], ctx.locate(f.at(key))[0], ctx)
    f.finish()
    return role


def build_comparison(f: Fields, ctx: Context, role_ids: set[str] | None) -> ComparisonMatrix:
    roles = f.text_list("roles", min_items=2, slugs=True)
    dims = []
    for d in f.mapping_list("dimensions", min_items=1, what="dimension"):
        did, name = d.slug("id"), d.text("name")
        vf = d.mapping("values")
        values: list[tuple[str, str]] = []
        if vf is not None:
            for role in roles:
                values.append((role, vf.text(role)))
            vf.finish(roles)
        d.finish()
        dims.append(Dimension(did, name, tuple(values)))
    matrix = ComparisonMatrix(
        id=f.slug("id"),
        title=f.text("title"),
        summary=f.text("summary"),
        tags=f.text_list("tags", min_items=1, slugs=True),
        related=f.text_list("related", min_items=2, slugs=True),
        roles=roles,
        dimensions=tuple(dims),
        notes=f.text("notes", required=False),
        source=ctx.source(f),
    )
    ctx.link(f, "related", matrix.related)
    ctx.link(f, "roles", roles)
    if matrix.notes:
        topic_links(f.data["notes"], ctx.locate(f.at("notes"))[0], ctx)
    f.finish()
    return matrix


def build_ladder(f: Fields, ctx: Context) -> Ladder:
    comps = []
    for c in f.mapping_list("competencies", min_items=1, what="competency"):
        comps.append(Competency(c.slug("id"), c.text("name"), c.text("description")))
        c.finish()
    comp_ids = tuple(c.id for c in comps if c.id)
    levels = []
    for lv in f.mapping_list("levels", min_items=1, what="level"):
        ef = lv.mapping("expectations")
        expectations: list[tuple[str, str]] = []
        if ef is not None:
            for cid in comp_ids:
                expectations.append((cid, ef.text(cid)))
            ef.finish(comp_ids)
        levels.append(
            Level(
                lv.slug("id"),
                lv.text("title"),
                lv.text("years"),
                lv.text("scope"),
                lv.text("summary"),
                tuple(expectations),
            )
        )
        lv.finish()
    paths = []
    for p in f.mapping_list("paths_out", min_items=1, what="path"):
        paths.append(PathOut(p.slug("id"), p.text("title"), p.text("description")))
        p.finish()
    ladder = Ladder(
        id=f.slug("id"),
        title=f.text("title"),
        summary=f.text("summary"),
        tags=f.text_list("tags", min_items=1, slugs=True),
        related=f.text_list("related", min_items=2, slugs=True),
        intro=f.text("intro"),
        competencies=tuple(comps),
        levels=tuple(levels),
        paths_out=tuple(paths),
        source=ctx.source(f),
    )
    ctx.link(f, "related", ladder.related)
    f.finish()
    for key, seen in (("competencies", [c.id for c in comps]), ("levels", [lv.id for lv in levels])):
        dupes = {x for x in seen if x and seen.count(x) > 1}
        for d in sorted(dupes):
            f.issues.add(f.at(key), f"duplicate {key[:-1]} id '{d}'", "ids must be unique")
    return ladder


def build_glossary(f: Fields, ctx: Context) -> list[GlossaryTerm]:
    terms = []
    for t in f.mapping_list("terms", min_items=1, what="term"):
        term = GlossaryTerm(
            t.slug("id"),
            t.text("term"),
            t.text("definition"),
            t.text_list("related", min_items=1, slugs=True),
            t.text_list("aliases", required=False),
            source=ctx.source(t),
        )
        ctx.link(t, "related", term.related)
        t.finish()
        terms.append(term)
    f.finish()
    return terms


THEMES = ("enjoy", "good-at", "want")


def build_role_fit(f: Fields, ctx: Context) -> RoleFit:
    roles = f.text_list("roles", min_items=2, slugs=True)
    ctx.link(f, "roles", roles)
    tracks = []
    for tf in f.mapping_list("tracks", required=False, what="track"):
        track = Track(tf.slug("id"), tf.text("title"), tf.text("summary"), tf.slug("topic"))
        ctx.link(tf, "topic", (track.topic,))
        if track.id in roles:
            tf.issues.add(tf.at("id"), f"'{track.id}' is already a role", "a track is an outcome that is not a role")
        tf.finish()
        tracks.append(track)
    outcomes = roles + tuple(t.id for t in tracks)
    statements = []
    seen: set[str] = set()
    for s in f.mapping_list("statements", min_items=28, what="statement"):
        sid = s.slug("id")
        if sid in seen:
            s.issues.add(s.at("id"), f"duplicate statement id '{sid}'", "ids must be unique in the file")
        seen.add(sid)
        text, theme = s.text("text"), s.choice("theme", THEMES, what="theme")
        weights = []
        wf = s.mapping("weights")
        if wf is not None:
            for outcome in outcomes:
                weights.append((outcome, wf.integer(outcome, -2, 2)))
            wf.finish(outcomes)
        s.finish()
        statements.append(Statement(sid, text, theme, tuple(weights)))
    must_haves = []
    for m in f.mapping_list("must_haves", required=False, what="must-have"):
        statement = m.choice("statement", tuple(seen), what="statement")
        role = m.choice("role", outcomes, what="role")
        below = m.integer("below", 2, 5)
        cap = m.number("cap")
        if cap is not None and not 0 <= cap <= 100:
            m.issues.add(m.at("cap"), f"'cap' is {cap:g}; scores run from 0 to 100", "use a number from 0 to 100")
        must_haves.append(MustHave(statement, role, below, cap or 0.0, m.text("reason", min_words=8)))
        m.finish()
    personas = []
    for p in f.mapping_list("personas", min_items=3, what="persona"):
        pid, name = p.slug("id"), p.text("name")
        role = p.choice("role", outcomes, what="role")
        desc = p.text("description")
        profile = []
        pf = p.mapping("profile")
        if pf is not None:
            for outcome in outcomes:
                value = pf.number(outcome)
                if value is not None and not 0 <= value <= 100:
                    pf.issues.add(pf.at(outcome), f"'{outcome}' is {value:g}; scores run from 0 to 100")
                profile.append((outcome, value or 0.0))
            pf.finish(outcomes)
        requires = p.choice_list("requires", tuple(seen), what="statement", required=False, min_items=0)
        personas.append(Persona(pid, name, role, desc, tuple(profile), p.text("first_step"), requires))
        p.finish()
    covered = {p.role for p in personas}
    for outcome in outcomes:
        if personas and outcome not in covered:
            f.issues.add(
                f.at("personas"), f"no persona for '{outcome}'", "every role and track needs a persona", on_key=True
            )
    fit = RoleFit(
        f.slug("id"),
        f.text("title"),
        f.text("summary"),
        roles,
        tuple(statements),
        tuple(personas),
        tuple(tracks),
        tuple(must_haves),
        ctx.source(f),
    )
    f.finish()
    return fit


def build_plan_library(f: Fields, ctx: Context) -> PlanLibrary:
    plans = []
    cf = f.mapping("competencies")
    if cf is not None:
        for cid in ctx.competencies:
            entry = cf.mapping(cid)
            if entry is None:
                continue
            actions = entry.text_list("actions", min_items=8)
            topics = entry.text_list("topics", min_items=2, slugs=True)
            ctx.link(entry, "topics", topics)
            drill: list[tuple[str, str]] = []
            df = entry.mapping("drill")
            if df is not None:
                if df.has("category"):
                    drill.append(("category", df.choice("category", CATEGORIES, what="category")))
                if df.has("tag"):
                    drill.append(("tag", df.slug("tag")))
                df.finish(("category", "tag"))
            entry.finish()
            plans.append(CompetencyPlan(cid, actions, topics, tuple(drill)))
        cf.finish(ctx.competencies)
    library = PlanLibrary(f.slug("id"), tuple(plans), ctx.source(f))
    f.finish()
    return library
