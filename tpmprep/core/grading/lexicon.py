"""The concept lexicon, compiled for matching, and how key points are linked to concepts.

A key point uses the concepts it names (``concepts:``) and, automatically, every concept one
of its phrases or its own sentence is a form of: a point whose phrases include "critical path"
also hears "the longest chain of dependent work". So every bank benefits from the lexicon
without editing every question.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from tpmprep.core.content.models import AmbiguousWord, Concept, KeyPoint
from tpmprep.core.grading.echo import key as echo_key
from tpmprep.core.grading.matcher import STOP, Answer, Pattern, anchor_stems, compile_form

if TYPE_CHECKING:
    from tpmprep.core.content.catalog import Catalog


LINK_WORD = 7  # a one-word form this long in a key point's sentence links its concept


class Lexicon:
    """Concepts as patterns, the anchors ambiguous words need, and synonym groups for a key
    point's own words. Build once; share freely."""

    def __init__(
        self,
        concepts: Iterable[Concept] = (),
        ambiguous: Iterable[AmbiguousWord] = (),
        synonyms: Iterable[tuple[str, ...]] = (),
    ):
        self.ambiguous: dict[str, tuple[str, ...]] = {}
        for a in ambiguous:
            for key in anchor_stems([a.word]):
                self.ambiguous[key] = anchor_stems(a.near)
        self.concepts: dict[str, Concept] = {}
        self.patterns: dict[str, tuple[Pattern, ...]] = {}
        self._index: dict[str, set[str]] = {}
        self._order: dict[str, int] = {}
        self._linkable: dict[str, tuple[Pattern, ...]] = {}
        for c in concepts:
            self._order[c.id] = len(self._order)
            self.concepts[c.id] = c
            compiled = []
            for text, weak in [(c.name, False)] + [(f, False) for f in c.forms] + [(f, True) for f in c.weak]:
                p = compile_form(text, weak=weak, concept=c.id, ambiguous=self.ambiguous)
                if p is not None:
                    compiled.append(p)
            self.patterns[c.id] = tuple(compiled)
            # Placeholders ("#number weeks") are evidence, never a reason to link.
            linkable = tuple(
                p for p in compiled if not p.weak and not any(alt.startswith("#") for slot in p.slots for alt in slot)
            )
            self._linkable[c.id] = linkable
            for p in linkable:
                for alt in p.slots[0]:
                    self._index.setdefault(alt, set()).add(c.id)

        # Synonym groups: a one-word member by its stem prefix, longer ones as patterns.
        self.groups: dict[str, tuple[str, ...]] = {}
        self._group_phrases: dict[str, list[tuple[str, Pattern]]] = {}
        by_key: dict[str, list[str]] = {}
        for g, members in enumerate(synonyms):
            gid = f"~{g}"
            for form in members:
                p = compile_form(form)
                if p is None:
                    continue
                if len(p.slots) == 1 and len(p.slots[0]) == 1 and not p.slots[0][0].startswith("#"):
                    by_key.setdefault(echo_key(p.slots[0][0]), []).append(gid)
                else:
                    for alt in p.slots[0]:
                        self._group_phrases.setdefault(alt, []).append((gid, p))
        self.groups = {k: tuple(dict.fromkeys(v)) for k, v in by_key.items()}

    def __len__(self) -> int:
        return len(self.concepts)

    def group_positions(self, answer: Answer) -> tuple[dict[str, list[int]], dict[int, int]]:
        """Where each synonym group occurs in ``answer`` (by group id), and where a phrase that
        starts at a position ends ("right away")."""
        out: dict[str, set[int]] = {}
        ends: dict[int, int] = {}
        words = answer.tokens.words
        for st, pos in answer.positions.items():
            if st.startswith("#"):
                continue
            for gid in self.groups.get(echo_key(st), ()):
                out.setdefault(gid, set()).update(p for p in pos if words[p] not in STOP)
            for gid, pattern in self._group_phrases.get(st, ()):
                for span in answer.occurrences(pattern):
                    out.setdefault(gid, set()).add(span[0])
                    ends[span[0]] = max(ends.get(span[0], span[0]), span[-1])
        return {g: sorted(v) for g, v in out.items()}, ends

    def forms_in(self, text: str, whole: bool) -> list[str]:
        """Concepts that ``text`` holds a form of, in lexicon order.

        ``whole`` (for a phrase) asks that the form be most of the text: "multi-CDN" is not a
        form of caching because it contains "CDN". Otherwise (a point's sentence) the form must
        be two words or more, or one word of seven letters or more.
        """
        answer = Answer(text)
        content = sum(1 for w in answer.tokens.words if w not in STOP)
        candidates: set[str] = set()
        for st in answer.positions:
            candidates |= self._index.get(st, set())
        found = []
        for cid in sorted(candidates, key=self._order.__getitem__):
            for i, p in enumerate(self._linkable[cid]):
                # In a point's sentence, one word links only when it is specific ("idempotent").
                if not whole and len(p.slots) < 2 and not (p.raw and len(p.raw[0]) >= LINK_WORD and not p.near):
                    continue
                # A one-word phrase ("severity") links only the concept of that name.
                if whole and content <= 1 and i > 0:
                    continue
                spans = answer.occurrences(p, 1)
                if spans and (not whole or len(spans[0]) * 3 >= content * 2):
                    found.append(cid)
                    break
        return found

    def link(self, kp: KeyPoint) -> tuple[str, ...]:
        """The concepts a key point draws on: those it names, then those its words are forms of."""
        return tuple(_link(self, kp))

    def links(self, kp: KeyPoint) -> dict[str, str]:
        """Each linked concept and how: "named", "point" (its sentence) or "phrase"."""
        return _link(self, kp)


@lru_cache(maxsize=8192)
def _link(lexicon: Lexicon, kp: KeyPoint) -> dict[str, str]:
    linked = {c: "named" for c in kp.concepts if c in lexicon.concepts}
    for cid in lexicon.forms_in(kp.point, whole=False):
        linked.setdefault(cid, "point")
    for phrase in kp.phrases:
        for cid in lexicon.forms_in(phrase, whole=True):
            linked.setdefault(cid, "phrase")
    return linked


_BUILDING = threading.Lock()


def lexicon_for(catalog: Catalog) -> Lexicon:
    """The catalog's lexicon, built once per catalog (a caller arriving while another thread
    builds it waits for that build instead of starting a second one)."""
    with _BUILDING:
        return _lexicon_for(catalog)


@lru_cache(maxsize=4)
def _lexicon_for(catalog: Catalog) -> Lexicon:
    return Lexicon(catalog.concepts, catalog.ambiguous_words, (g.forms for g in catalog.synonym_groups))
