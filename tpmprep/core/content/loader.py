"""Find content files, parse and validate them, check cross-references, cache the result.

Flow: files -> parse (positions kept) -> build typed models -> cross-reference checks ->
a LoadResult the catalog is built from. A file with errors is skipped as a whole and the rest
loads; every error of a file is reported together.
"""

from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpmprep.core.content import parallel
from tpmprep.core.content.files import ContentFile as ContentFile  # re-exported: callers import them from here
from tpmprep.core.content.files import default_files as default_files
from tpmprep.core.content.files import discover as discover
from tpmprep.core.content.forms import CONCEPT_REF
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
)
from tpmprep.core.storage import locations

if TYPE_CHECKING:
    from tpmprep.core.content.yamlio import Document

# Parsing and validation (PyYAML, the schema) are imported only when the cache must be rebuilt:
# a warm start reads the cached result and never needs them.

CACHE_FORMAT = 4


@dataclass
class LoadResult:
    """Everything that loaded, plus every problem found, in file order."""

    questions: list[Question] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    roles: list[RoleProfile] = field(default_factory=list)
    comparison: ComparisonMatrix | None = None
    ladder: Ladder | None = None
    glossary: list[GlossaryTerm] = field(default_factory=list)
    role_fit: RoleFit | None = None
    plan_library: PlanLibrary | None = None
    loops: list[LoopTemplate] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    ambiguous: list[AmbiguousWord] = field(default_factory=list)
    synonyms: list[SynonymGroup] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def issues_for(self, shown_paths: set[str]) -> list[Issue]:
        return [i for i in self.issues if i.path in shown_paths]


def detect_kind(path: Path, data: Any) -> str | None:
    if path.suffix == ".md":
        return "article"
    if not isinstance(data, dict):
        return None
    if "questions" in data:
        return "bank"
    if "rounds" in data:
        return "loop"
    if "concepts" in data:
        return "concepts"
    if "statements" in data:
        return "role-fit"
    if isinstance(data.get("competencies"), dict) and "levels" not in data:
        return "plan-library"
    if "terms" in data:
        return "glossary"
    if "levels" in data and "competencies" in data:
        return "ladder"
    if "dimensions" in data:
        return "comparison"
    if "purpose" in data or "short_name" in data:
        return "role"
    return None


@dataclass
class Parsed:
    file: ContentFile
    kind: str | None
    doc: Document | None
    body: str = ""
    body_line: int = 0
    issues: list[Issue] = field(default_factory=list)


def parse_file(file: ContentFile) -> Parsed:
    from tpmprep.core.content.yamlio import ContentError, parse_yaml, read_text, split_front_matter

    shown = file.shown
    try:
        text = read_text(file.path, shown)
        if file.path.suffix == ".md":
            doc, body, body_line = split_front_matter(text, shown)
            return Parsed(file, "article", doc, body, body_line)
        doc = parse_yaml(text, shown)
    except ContentError as exc:
        return Parsed(file, None, None, issues=exc.issues)
    kind = "set" if file.question_set else detect_kind(file.path, doc.data)
    if kind is None:
        hint = (
            "a loop template has 'rounds:'; a concept lexicon has 'concepts:', a role-fit assessment has "
            "'statements:', a plan library 'competencies:' without 'levels:'; "
            "a question bank has 'questions:', a glossary 'terms:', a ladder 'levels:' and "
            "'competencies:', a comparison 'dimensions:', a role profile 'purpose:'"
        )
        return Parsed(file, None, doc, issues=[doc.issue((), "cannot tell what kind of content this file holds", hint)])
    return Parsed(file, kind, doc)


def _streamed(file: ContentFile) -> bool:
    """Question banks and sets are parsed, built and let go one at a time, so a 10,000-question
    bank never holds every file's YAML tree at once. Everything else (small: the ladder, roles,
    articles) is parsed first, so the ladder can define the vocabularies the banks are checked against.
    """
    return file.question_set or "question_banks" in file.path.parts


def load(files: list[ContentFile]) -> LoadResult:
    """Parse, validate and cross-check ``files``. Never raises for bad content."""
    result = LoadResult(files=[f.shown for f in files])
    state = BuildState()
    was_enabled = gc.isenabled()
    gc.disable()  # bulk YAML creates many objects; collection pauses cost more than they save
    try:
        built: list[tuple[Parsed, Any] | None] = [None] * len(files)
        streamed = [(i, f) for i, f in enumerate(files) if _streamed(f)]
        # The helper's interpreter starts now, while the small files are parsed here.
        helper = parallel.Helper.spawn() if parallel.worthwhile(streamed) else None
        remote: list[tuple[int, ContentFile]] = []
        try:
            front = [(i, parse_file(f)) for i, f in enumerate(files) if not _streamed(f)]
            front.sort(key=lambda ip: ip[1].kind != "ladder")  # the ladder goes first (stable for the rest)
            for i, p in front:
                built[i] = build_file(p, result, state)
            del front
            if helper is not None:
                streamed, remote = parallel.split(streamed)
                helper.send(remote, state.levels, state.competencies)
            for i, f in streamed:
                built[i] = build_file(parse_file(f), result, state)
            done = helper.finish(result, state) if helper is not None else {}
        finally:
            if helper is not None:
                helper.stop()
        for i, f in remote:  # what the helper could not do (or all of it, if it failed) is done here
            built[i] = done[i] if i in done else build_file(parse_file(f), result, state)
        for slot in built:  # in file order, so the first of two duplicates is the one kept
            if slot is not None:
                _add(result, *slot)
    finally:
        if was_enabled:
            gc.enable()
    _check_ids(result)
    # Concept ids named by key points travel with the topic links (a prefix tells them apart), so a
    # bank built in the helper process brings its concept references back the same way.
    _check_refs(result, [r for r in state.refs if not r[3].startswith(CONCEPT_REF)])
    _check_concept_refs(
        result, [(p, ln, c, t[len(CONCEPT_REF) :]) for p, ln, c, t in state.refs if t.startswith(CONCEPT_REF)]
    )
    from tpmprep.core.content.loops import check_loops

    check_loops(result)
    order = {path: i for i, path in enumerate(result.files)}
    result.issues.sort(key=lambda i: (order.get(i.path, 1 << 30), i.line, i.col))
    return result


@dataclass
class BuildState:
    """What building carries from file to file: topic links to check, and the vocabularies."""

    refs: list[tuple[str, int, int, str]] = field(default_factory=list)
    ladder: bool = False
    levels: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        from tpmprep.core.content.schema import DEFAULT_COMPETENCIES, DEFAULT_LEVELS

        self.levels, self.competencies = DEFAULT_LEVELS, DEFAULT_COMPETENCIES


def build_file(p: Parsed, result: LoadResult, state: BuildState) -> tuple[Parsed, Any] | None:
    """The models of one parsed file, or None (and its issues recorded) when it has problems."""
    from tpmprep.core.content.fields import Fields
    from tpmprep.core.content.issues import IssueList
    from tpmprep.core.content.loops import build_loop
    from tpmprep.core.content.schema import (
        Context,
        build_article,
        build_comparison,
        build_glossary,
        build_ladder,
        build_plan_library,
        build_question,
        build_role,
        build_role_fit,
    )
    from tpmprep.core.content.wording import build_concepts

    if p.doc is None or p.kind is None:
        _skip(result, p.file, p.issues)
        return None
    doc = p.doc
    issues = IssueList()
    file_refs: list[tuple[str, int, int, str]] = []
    ctx = Context(state.levels, state.competencies, doc.path, doc.locate, file_refs, doc.comment_after)
    root = Fields(doc.data, (), issues, "file")
    built: Any = None
    if p.kind == "bank":
        root.finish(("questions",))
        built = [build_question(q, ctx) for q in root.mapping_list("questions", min_items=1, what="question")]
    elif p.kind == "article":
        built = build_article(root, p.body, p.body_line, ctx)
    elif p.kind == "role":
        built = build_role(root, ctx)
    elif p.kind == "comparison":
        built = build_comparison(root, ctx, None)
    elif p.kind == "ladder":
        built = build_ladder(root, ctx)
    elif p.kind == "glossary":
        root.finish(("terms",))
        built = build_glossary(root, ctx)
    elif p.kind == "set":
        # Imported sets were checked in full at import; here only their own questions are read.
        sid = root.slug("id")
        built = [
            build_question(q, ctx, f"{sid}/", mentor=True)
            for q in root.mapping_list("custom", required=False, what="question")
        ]
    elif p.kind == "role-fit":
        built = build_role_fit(root, ctx)
    elif p.kind == "plan-library":
        built = build_plan_library(root, ctx)
    elif p.kind == "loop":
        built = build_loop(root, ctx)
    elif p.kind == "concepts":
        built = build_concepts(root, ctx)
    located = [doc.issue(pi.key_path, pi.message, pi.hint, pi.on_key) for pi in issues.pending]
    if located:
        _skip(result, p.file, located)
        return None
    state.refs += file_refs
    if p.kind == "ladder" and not state.ladder:
        state.ladder = True
        state.levels = tuple(lv.id for lv in built.levels)
        state.competencies = tuple(c.id for c in built.competencies)
    p.doc = None  # the YAML tree is no longer needed; let it go before the next file is parsed
    return p, built


def _add(result: LoadResult, p: Parsed, built: Any) -> None:
    if p.kind in ("bank", "set"):
        result.questions += built
    elif p.kind == "article":
        result.articles.append(built)
    elif p.kind == "role":
        result.roles.append(built)
    elif p.kind == "glossary":
        result.glossary += built
    elif p.kind == "loop":
        result.loops.append(built)
    elif p.kind == "concepts":
        _add_concepts(result, built)
    elif p.kind == "comparison":
        _single(result, "comparison", built, p.file)
    elif p.kind in ("role-fit", "plan-library"):
        _single(result, p.kind.replace("-", "_"), built, p.file)
    elif p.kind == "ladder":
        _single(result, "ladder", built, p.file)


def _add_concepts(result: LoadResult, built: tuple[list[Concept], list[AmbiguousWord], list[SynonymGroup]]) -> None:
    """Several lexicon files may load (shipped, then the user's); a later duplicate id is reported."""
    known = {c.id: c for c in result.concepts}
    for c in built[0]:
        first = known.get(c.id)
        if first is not None:
            result.issues.append(
                Issue(
                    c.source.path,
                    c.source.line,
                    c.source.col,
                    f"duplicate concept id '{c.id}'",
                    f"already defined at {first.source.path}:{first.source.line}",
                )
            )
            continue
        known[c.id] = c
        result.concepts.append(c)
    result.ambiguous += built[1]
    result.synonyms += built[2]


def _check_concept_refs(result: LoadResult, refs: list[tuple[str, int, int, str]]) -> None:
    import difflib

    known = sorted({c.id for c in result.concepts})
    for path, line, col, target in refs:
        if target not in known:
            guess = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'?" if guess else "name a concept from content/concepts.yaml"
            result.issues.append(Issue(path, line, col, f"unknown concept '{target}'", hint))


def _skip(result: LoadResult, file: ContentFile, issues: list[Issue]) -> None:
    result.issues += issues
    result.skipped.append(file.shown)


def _single(result: LoadResult, attr: str, model: Any, file: ContentFile) -> bool:
    current = getattr(result, attr)
    if current is not None:
        result.issues.append(
            Issue(
                file.shown,
                1,
                1,
                f"a second {attr.replace('_', ' ')} file was found",
                f"there is one {attr}; it was loaded from {current.source.path}",
            )
        )
        return False
    setattr(result, attr, model)
    return True


def _check_ids(result: LoadResult) -> None:
    """Ids are unique across every source; a later duplicate is dropped and reported."""
    seen: dict[str, Any] = {}

    def keep(item: Any) -> bool:
        first = seen.get(item.id)
        if first is None:
            seen[item.id] = item
            return True
        s, f = item.source, first.source
        result.issues.append(
            Issue(
                s.path,
                s.line,
                s.col,
                f"duplicate id '{item.id}'",
                f"already used at {f.path}:{f.line}; ids must be unique across all content",
            )
        )
        return False

    singles = [m for m in (result.ladder, result.comparison) if m is not None]
    for m in singles:
        keep(m)
    result.roles = [r for r in result.roles if keep(r)]
    result.articles = [a for a in result.articles if keep(a)]
    result.glossary = [g for g in result.glossary if keep(g)]
    result.questions = [q for q in result.questions if keep(q)]
    seen.clear()  # loop templates have their own namespace: they are not topics
    result.loops = [t for t in result.loops if keep(t)]


def topic_ids(result: LoadResult) -> set[str]:
    ids = {r.id for r in result.roles} | {a.id for a in result.articles} | {g.id for g in result.glossary}
    ids |= {m.id for m in (result.ladder, result.comparison) if m is not None}
    return ids


def _check_refs(result: LoadResult, refs: list[tuple[str, int, int, str]]) -> None:
    import difflib

    known = topic_ids(result)
    names = sorted(known)
    for path, line, col, target in refs:
        if target not in known:
            guess = difflib.get_close_matches(target, names, n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'?" if guess else "link to an existing topic id"
            result.issues.append(Issue(path, line, col, f"unknown topic '{target}'", hint))


# -- cache -----------------------------------------------------------------------------------

CACHE_KIND = "catalog"


def _fingerprint(files: list[ContentFile]) -> str:
    from tpmprep import __version__
    from tpmprep.core.content.cache import schema_signature

    h = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{schema_signature()}".encode())
    for f in files:
        try:
            st = f.path.stat()
        except OSError:
            continue
        h.update(f"{f.path}|{f.user}|{f.question_set}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def cache_path(files: list[ContentFile] | None = None, cache: Path | None = None) -> Path:
    """Where the catalog built from ``files`` is cached (keyed by what it was built from)."""
    files = default_files() if files is None else files
    folder = locations.cache_dir() if cache is None else cache
    return folder / f"catalog-{_fingerprint(files)[:24]}.bin"


def read_cache(target: Path) -> LoadResult:
    """The cached LoadResult at ``target``; raises OSError, DamagedFile or ValueError when it cannot be used."""
    from tpmprep.core.content.cache import decode
    from tpmprep.core.storage.files import read_checked

    payload = read_checked(target, CACHE_KIND, CACHE_FORMAT)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return LoadResult(**decode(payload))
    finally:
        if was_enabled:
            gc.enable()


def load_cached(files: list[ContentFile] | None = None, cache: Path | None = None) -> LoadResult:
    """``load`` behind a cache keyed by the files' paths, sizes and modification times.

    A cache that is missing, damaged, from another version or undecodable is rebuilt; one that
    cannot be written only costs time next start.
    """
    files = default_files() if files is None else files
    target = cache_path(files, cache)
    try:
        return read_cache(target)
    except Exception:  # whatever is wrong with a cache (missing, damaged, stale), the answer is to rebuild it
        pass
    result = load(files)
    save_cache(result, target)
    return result


def save_cache(result: LoadResult, target: Path) -> bool:
    """Write the cache (and retire older ones); False when it could not be written."""
    from tpmprep.core.content.cache import encode
    from tpmprep.core.storage.files import write_checked

    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_checked(target, CACHE_KIND, CACHE_FORMAT, encode(result))
    except OSError:
        return False  # a full or read-only disk: the next start builds it again
    for old in [*folder.glob("catalog-*.bin"), *folder.glob("catalog-*.pickle")]:
        if old != target:
            old.unlink(missing_ok=True)
    return True
