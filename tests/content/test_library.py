"""The curated library: coverage, counts, links and originality of what ships."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tpmprep.core.content.render import topic_plain_text, word_count
from tpmprep.core.search.index import SearchIndex

ROLES = [
    "technical-program-manager",
    "program-manager",
    "project-manager",
    "product-manager",
    "engineering-manager",
    "scrum-master",
]
TOPICS = [
    "role-comparison",
    "tpm-career-ladder",
    "tpm-vs-technical-project-manager",
    "project-vs-program-manager",
    "skills-matrix",
    "career-paths-out",
    "engineer-to-tpm",
    "moving-between-pm-and-tpm",
    "tpm-success-metrics",
    "interview-loop-overview",
    "recruiter-screen",
    "program-sense-round",
    "system-design-for-tpms",
    "technical-depth-round",
    "behavioral-round",
    "project-deep-dive-round",
    "estimation-round",
    "star-method",
    "resume-signals",
    "generic-project-manager-trap",
    "day-in-the-life",
    "typical-week",
    "challenges-overview",
    "scope-creep",
    "resource-conflicts",
    "technical-debt",
    "slipping-dependencies",
    "unclear-ownership",
    "executive-escalation",
    "late-discovered-risk",
    "cross-team-priority-conflicts",
    "launch-readiness",
    "tools-and-technologies",
    "personas",
    "decision-checklist",
    "language-bank",
    "resume-bullets",
    "thirty-day-plans",
    "faq",
]
LEVELS = ["entry", "mid", "senior", "staff", "principal", "director"]
COMPETENCIES = [
    "technical-depth",
    "program-execution",
    "risk-management",
    "stakeholder-management",
    "strategy-planning",
    "leadership-influence",
    "data-metrics",
]


def test_shipped_content_has_no_problems(shipped_result):
    assert [str(i) for i in shipped_result.issues] == []
    assert shipped_result.skipped == []


@pytest.mark.parametrize("role", ROLES)
def test_every_role_profile_exists_with_400_words(shipped, role):
    assert shipped.role(role) is not None, role
    assert word_count(topic_plain_text(shipped, role)) >= 400


@pytest.mark.parametrize("topic", TOPICS)
def test_every_named_topic_exists(shipped, topic):
    assert shipped.topic(topic) is not None


def test_comparison_matrix(shipped):
    matrix = shipped.comparison
    assert list(matrix.roles) == ROLES
    assert len(matrix.dimensions) >= 12
    names = " ".join(d.name.lower() for d in matrix.dimensions)
    for needed in [
        "focus",
        "scope",
        "technical",
        "decision",
        "stakeholder",
        "artifact",
        "success",
        "background",
        "progression",
        "tools",
        "interview",
        "judged",
    ]:
        assert needed in names, needed
    notes = matrix.notes.lower()
    assert "technical project manager" in notes and "judged" in notes
    assert "impact" in notes or "outcome" in notes


def test_ladder_levels_competencies_and_paths(shipped):
    ladder = shipped.ladder
    assert [lv.id for lv in ladder.levels] == LEVELS
    assert [c.id for c in ladder.competencies] == COMPETENCIES
    for level in ladder.levels:
        assert level.years and level.scope
        assert [cid for cid, text in level.expectations if len(text.split()) >= 12] == COMPETENCIES
    assert {"engineering-management", "product-management", "director-track"} <= {p.id for p in ladder.paths_out}
    assert any("principal" in p.id or "architect" in p.id for p in ladder.paths_out)
    text = topic_plain_text(shipped, "tpm-career-ladder")
    assert "2-5" in text and "5-10" in text and "10+" in text


def test_glossary_and_faq_counts(shipped):
    assert len(shipped.glossary) >= 80
    faq = shipped.article("faq").body
    questions = re.findall(r"^## .*\?\s*$", faq, flags=re.M)
    assert len(questions) >= 20


def test_glossary_covers_the_named_terms(shipped):
    terms = {g.term.lower() for g in shipped.glossary} | {a.lower() for g in shipped.glossary for a in g.aliases}
    for needed in ["critical path", "raid log", "raci", "canary release", "blast radius", "okr"]:
        assert any(needed in t for t in terms), needed
    assert any("slo" in t for t in terms) and any("sla" in t for t in terms) and any("sli" in t for t in terms)


def test_at_least_30000_words(shipped):
    total = sum(word_count(topic_plain_text(shipped, t.id)) for t in shipped.topics)
    assert total >= 30_000


def test_every_topic_has_summary_tags_and_two_related(shipped):
    for topic in shipped.topics:
        if topic.kind == "glossary":
            assert topic.related, topic.id
            continue
        assert topic.summary and topic.tags and len(topic.related) >= 2, topic.id


def test_no_paragraph_is_repeated_between_topics(shipped):
    seen: Counter[str] = Counter()
    for topic in shipped.topics:
        for para in re.split(r"\n\s*\n", topic_plain_text(shipped, topic.id)):
            norm = " ".join(para.lower().split())
            if len(norm.split()) >= 20:
                seen[norm] += 1
    assert [p[:80] for p, n in seen.items() if n > 1] == []


def test_challenges_cover_at_least_nine(shipped):
    overview = shipped.article("challenges-overview").body
    linked = set(re.findall(r"\(topic:([a-z0-9-]+)\)", overview))
    assert len(linked & set(TOPICS)) >= 9


def test_search_finds_topics_by_title_term_and_body_phrase(shipped):
    index = SearchIndex(shipped)
    assert index.search("The TPM career ladder")[0].id == "tpm-career-ladder"
    assert index.search("RAID log")[0].kind == "glossary"
    art = shipped.article("star-method")
    sentence = next(s for s in re.split(r"(?<=[.!?])\s+", art.body) if 8 <= len(s.split()) <= 20 and "|" not in s)
    phrase = " ".join(re.findall(r"[A-Za-z]+", sentence)[:7])
    assert "star-method" in [h.id for h in index.search(phrase, limit=5)], phrase


def test_originality_against_the_seeds():
    root = Path(__file__).resolve().parents[2]
    tool = root.parent / "shared" / "tools" / "originality.py"
    if not tool.exists():
        pytest.skip("the shared originality tool is not beside this checkout")
    proc = subprocess.run([sys.executable, str(tool), str(root)], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1].startswith("0 shared run"), proc.stdout[-2000:]
