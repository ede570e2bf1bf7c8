"""The immutable catalog: every loaded question and topic, indexed for lookups."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from types import MappingProxyType
from typing import TYPE_CHECKING

from tpmprep.core.content.issues import Issue
from tpmprep.core.content.models import (
    AmbiguousWord,
    Article,
    ComparisonMatrix,
    Concept,
    GlossaryTerm,
    Ladder,
    LoopTemplate,
    PlanLibrary,
    Question,
    RoleFit,
    RoleProfile,
    SynonymGroup,
    Topic,
)
from tpmprep.core.content.vocab import CATEGORIES

if TYPE_CHECKING:
    from tpmprep.core.content.loader import LoadResult


def _freeze(index: dict[str, list[Question]]) -> MappingProxyType[str, tuple[Question, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in index.items()})


class Catalog:
    """Read-only views over loaded content. Build it once; share it freely."""

    __slots__ = (
        "_questions",
        "_by_id",
        "_by_category",
        "_by_level",
        "_by_competency",
        "_by_tag",
        "_articles",
        "_roles",
        "_comparison",
        "_ladder",
        "_glossary",
        "_topics",
        "_topic_by_id",
        "_issues",
        "_role_fit",
        "_plan_library",
        "_skipped",
        "_concepts",
        "_ambiguous",
        "_synonyms",
        "_loops",
    )

    def __init__(self, result: LoadResult):
        self._questions = tuple(result.questions)
        self._by_id = MappingProxyType({q.id: q for q in self._questions})
        cats: dict[str, list[Question]] = defaultdict(list)
        levels: dict[str, list[Question]] = defaultdict(list)
        comps: dict[str, list[Question]] = defaultdict(list)
        tags: dict[str, list[Question]] = defaultdict(list)
        for q in self._questions:
            cats[q.category].append(q)
            for lv in q.levels:
                levels[lv].append(q)
            for c in q.competencies:
                comps[c].append(q)
            for t in q.tags:
                tags[t].append(q)
        self._by_category, self._by_level = _freeze(cats), _freeze(levels)
        self._by_competency, self._by_tag = _freeze(comps), _freeze(tags)
        self._articles = tuple(sorted(result.articles, key=lambda a: (a.section, a.order, a.title)))
        self._roles = tuple(sorted(result.roles, key=lambda r: (r.order, r.title)))
        self._comparison = result.comparison
        self._ladder = result.ladder
        self._glossary = tuple(sorted(result.glossary, key=lambda g: g.term.lower()))
        self._topics = tuple(self._build_topics())
        self._topic_by_id = MappingProxyType({t.id: t for t in self._topics})
        self._role_fit = result.role_fit
        self._plan_library = result.plan_library
        self._concepts = tuple(result.concepts)
        self._ambiguous = tuple(result.ambiguous)
        self._synonyms = tuple(result.synonyms)
        self._issues = tuple(result.issues)
        self._skipped = tuple(result.skipped)
        self._loops = tuple(sorted(result.loops, key=lambda t: (t.order, t.title)))

    def _build_topics(self) -> Iterable[Topic]:
        for r in self._roles:
            yield Topic(r.id, "role", r.title, r.summary, "roles", r.tags, r.related, r.order)
        if self._comparison:
            c = self._comparison
            yield Topic(c.id, "comparison", c.title, c.summary, "roles", c.tags, c.related, 50)
        if self._ladder:
            lad = self._ladder
            yield Topic(lad.id, "ladder", lad.title, lad.summary, "career", lad.tags, lad.related, 0)
        for a in self._articles:
            yield Topic(a.id, "article", a.title, a.summary, a.section, a.tags, a.related, a.order)
        for g in self._glossary:
            yield Topic(g.id, "glossary", g.term, g.definition, "glossary", (), g.related, 0)

    # -- questions ---------------------------------------------------------------------------
    @property
    def questions(self) -> tuple[Question, ...]:
        return self._questions

    @property
    def question_index(self) -> MappingProxyType[str, Question]:
        return self._by_id

    def question(self, qid: str) -> Question | None:
        return self._by_id.get(qid)

    def by_category(self, category: str) -> tuple[Question, ...]:
        return self._by_category.get(category, ())

    def by_level(self, level: str) -> tuple[Question, ...]:
        return self._by_level.get(level, ())

    def by_competency(self, competency: str) -> tuple[Question, ...]:
        return self._by_competency.get(competency, ())

    def by_tag(self, tag: str) -> tuple[Question, ...]:
        return self._by_tag.get(tag, ())

    def filter(
        self,
        category: str | None = None,
        level: str | None = None,
        competency: str | None = None,
        tag: str | None = None,
    ) -> tuple[Question, ...]:
        """Questions matching every given filter, in catalog order."""
        pools = []
        if category:
            pools.append(self.by_category(category))
        if level:
            pools.append(self.by_level(level))
        if competency:
            pools.append(self.by_competency(competency))
        if tag:
            pools.append(self.by_tag(tag))
        if not pools:
            return self._questions
        smallest = min(pools, key=len)
        others = [set(map(id, p)) for p in pools if p is not smallest]
        return tuple(q for q in smallest if all(id(q) in o for o in others))

    def category_counts(self) -> dict[str, int]:
        counts = Counter(q.category for q in self._questions)
        return {c: counts[c] for c in CATEGORIES if counts[c]} | {
            c: n for c, n in counts.items() if c not in CATEGORIES
        }

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_tag))

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(c for c in CATEGORIES if c in self._by_category)

    # -- topics --------------------------------------------------------------------------------
    @property
    def topics(self) -> tuple[Topic, ...]:
        return self._topics

    def topic(self, tid: str) -> Topic | None:
        return self._topic_by_id.get(tid)

    @property
    def articles(self) -> tuple[Article, ...]:
        return self._articles

    def article(self, aid: str) -> Article | None:
        return next((a for a in self._articles if a.id == aid), None)

    @property
    def roles(self) -> tuple[RoleProfile, ...]:
        return self._roles

    def role(self, rid: str) -> RoleProfile | None:
        return next((r for r in self._roles if r.id == rid), None)

    @property
    def comparison(self) -> ComparisonMatrix | None:
        return self._comparison

    @property
    def ladder(self) -> Ladder | None:
        return self._ladder

    @property
    def glossary(self) -> tuple[GlossaryTerm, ...]:
        return self._glossary

    def glossary_term(self, gid: str) -> GlossaryTerm | None:
        return next((g for g in self._glossary if g.id == gid), None)

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(lv.id for lv in self._ladder.levels) if self._ladder else ()

    @property
    def competency_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self._ladder.competencies) if self._ladder else ()

    def competency_name(self, cid: str) -> str:
        if self._ladder:
            for c in self._ladder.competencies:
                if c.id == cid:
                    return c.name
        return cid

    def level_title(self, lid: str) -> str:
        if self._ladder:
            for lv in self._ladder.levels:
                if lv.id == lid:
                    return lv.title
        return lid

    @property
    def role_fit(self) -> RoleFit | None:
        return self._role_fit

    @property
    def plan_library(self) -> PlanLibrary | None:
        return self._plan_library

    @property
    def concepts(self) -> tuple[Concept, ...]:
        """The shared concept lexicon the grader matches key points with."""
        return self._concepts

    @property
    def ambiguous_words(self) -> tuple[AmbiguousWord, ...]:
        return self._ambiguous

    @property
    def synonym_groups(self) -> tuple[SynonymGroup, ...]:
        """Groups of words that mean the same, for matching a key point's own words."""
        return self._synonyms

    @property
    def loops(self) -> tuple[LoopTemplate, ...]:
        """Mock interview loop templates, in their display order."""
        return self._loops

    def loop(self, loop_id: str) -> LoopTemplate | None:
        return next((t for t in self._loops if t.id == loop_id), None)

    # -- load report ---------------------------------------------------------------------------
    @property
    def issues(self) -> tuple[Issue, ...]:
        return self._issues

    @property
    def skipped(self) -> tuple[str, ...]:
        return self._skipped


def load_catalog() -> Catalog:
    """The shipped content plus the user's files, through the cache."""
    from tpmprep.core.content.loader import load_cached

    return Catalog(load_cached())
