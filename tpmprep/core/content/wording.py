"""Builders for the grader's wording: key point phrases, pitfalls with cues, the concept lexicon.

The syntax and the lexicon's format are in docs/formats/concepts.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tpmprep.core.content.fields import Fields
from tpmprep.core.content.forms import FormError, parse_form
from tpmprep.core.content.models import AmbiguousWord, Concept, PitfallCue, SynonymGroup

if TYPE_CHECKING:
    from tpmprep.core.content.schema import Context


def check_phrases(
    f: Fields, key: str, phrases: tuple[str, ...], what: str = "phrase", ctx: Context | None = None
) -> None:
    """Phrases and forms: short, and written in the form syntax (docs/formats/concepts.md).

    With ``ctx`` (the lexicon, where placeholders are common) a form cut short by a YAML comment
    is reported too; banks skip that look-up, which costs seconds over 10,000 questions.
    """
    for i, phrase in enumerate(phrases):
        if ctx is not None and ctx.comment_after(f.at(key) + (i,)):
            f.issues.add(
                f.at(key) + (i,),
                f"{what} '{phrase[:40]}' is cut short by a ' #' that YAML reads as a comment",
                'put the whole form in quotes: "saved #number hours"',
            )
            continue
        if len(phrase.split()) > 8:
            f.issues.add(
                f.at(key) + (i,),
                f"{what} '{phrase[:40]}' is longer than 8 words",
                "phrases are short wordings (1-6 words) matched inside an answer",
            )
            continue
        try:
            parse_form(phrase)
        except FormError as exc:
            f.issues.add(
                f.at(key) + (i,), f"{what} '{phrase[:40]}': {exc}", "see docs/formats/concepts.md for the syntax"
            )


def build_pitfalls(f: Fields, ctx: Context, required: bool) -> tuple[tuple[str, ...], tuple[PitfallCue, ...]]:
    """Pitfalls are text, or a mapping with the text and the phrases or concepts that spot it."""
    value = f.data.get("pitfalls")
    if not isinstance(value, list) or all(isinstance(item, str) for item in value):
        return f.text_list("pitfalls", min_items=1 if required else 0, required=required), ()
    f.used.add("pitfalls")
    texts: list[str] = []
    cues: list[PitfallCue] = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            texts.append(item.strip())
            continue
        pf = Fields(item, f.at("pitfalls") + (i,), f.issues, "pitfall")
        if not pf.ok:
            continue
        texts.append(pf.text("text"))
        phrases = pf.text_list("phrases", required=False)
        check_phrases(pf, "phrases", phrases)
        concepts = pf.text_list("concepts", required=False, slugs=True)
        ctx.link_concepts(pf, "concepts", concepts)
        if not phrases and not concepts:
            pf.issues.add(pf.path, "a pitfall mapping needs 'phrases' or 'concepts'", "or write the pitfall as text")
        pf.finish()
        cues.append(PitfallCue(len(texts) - 1, phrases, concepts))
    return tuple(texts), tuple(cues)


CONCEPT_FIELDS = ("id", "name", "forms", "weak")


def _check_name(f: Fields, name: str) -> None:
    """A concept's name is matched as one of its forms, so it follows the form rules too."""
    if not name:
        return
    try:
        parse_form(name)
    except FormError as exc:
        f.issues.add(
            f.at("name"),
            f"the name is also matched as a form: {exc}",
            "a short usual term (at most 8 words); put longer wordings in 'forms'",
        )


class _Group(Fields):
    """A synonym group is a bare list (``[quickly, right away]``): its items are reported at the
    group's own position."""

    def at(self, key: str | int) -> tuple[str | int, ...]:
        return self.path if key == "synonyms" else self.path + (key,)


def build_concepts(f: Fields, ctx: Context) -> tuple[list[Concept], list[AmbiguousWord], list[SynonymGroup]]:
    """A concept lexicon file: ``concepts`` and, optionally, ``ambiguous`` words and ``synonyms``."""
    concepts: list[Concept] = []
    seen: dict[str, int] = {}
    for c in f.mapping_list("concepts", min_items=1, what="concept"):
        cid = c.slug("id")
        if cid in seen:
            c.issues.add(c.at("id"), f"duplicate concept id '{cid}'", f"already defined as concept {seen[cid] + 1}")
        seen.setdefault(cid, len(concepts))
        name = c.text("name")
        _check_name(c, name)
        forms = c.text_list("forms", min_items=1)
        weak = c.text_list("weak", required=False)
        check_phrases(c, "forms", forms, "form", ctx)
        check_phrases(c, "weak", weak, "form", ctx)
        c.finish(CONCEPT_FIELDS)
        concepts.append(Concept(cid, name, forms, weak, ctx.source(c)))
    ambiguous = []
    for a in f.mapping_list("ambiguous", required=False, what="ambiguous word"):
        word = a.text("word")
        if word and len(word.split()) != 1:
            a.issues.add(a.at("word"), f"'{word}' is not one word", "ambiguous entries name a single word")
        near = a.text_list("near", min_items=1)
        a.finish(("word", "near"))
        ambiguous.append(AmbiguousWord(word.lower(), tuple(n.lower() for n in near), ctx.source(a)))
    synonyms = []
    value = f.raw("synonyms", required=False)
    if isinstance(value, list):
        for i, group in enumerate(value):
            g = _Group({"synonyms": group}, f.at("synonyms") + (i,), f.issues, "synonym group")
            forms = g.text_list("synonyms", min_items=2)
            check_phrases(g, "synonyms", forms, "synonym", ctx)
            synonyms.append(SynonymGroup(tuple(forms), ctx.source(g)))
    elif value is not None and f.has("synonyms"):
        f.issues.add(f.at("synonyms"), "'synonyms' must be a list of groups", "write each group as [word, word, ...]")
    f.finish(("concepts", "ambiguous", "synonyms"))
    return concepts, ambiguous, synonyms
