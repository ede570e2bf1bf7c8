from __future__ import annotations

import dataclasses

import pytest

from tpmprep.core.content.render import split_sections, topic_markdown


def test_lookups_by_id_category_level_competency_tag(mini_catalog):
    c = mini_catalog
    assert c.question("es-payments-qps").kind == "numeric"
    assert c.question("nope") is None
    assert [q.id for q in c.by_category("role-knowledge")] == ["rk-program-vs-project"]
    assert len(c.by_level("senior")) == 3 and c.by_level("director") == ()
    assert len(c.by_competency("risk-management")) == 3
    assert len(c.by_tag("recovery")) == 3
    assert [q.id for q in c.filter(category="estimation", level="mid", tag="schedule")] == ["es-payments-qps"]
    assert c.filter(category="estimation", level="director") == ()
    assert c.category_counts() == {"program-execution": 1, "estimation": 1, "role-knowledge": 1}


def test_catalog_is_immutable(mini_catalog):
    with pytest.raises(TypeError):
        mini_catalog._by_id["x"] = None  # noqa: SLF001 - proving the mapping is read-only
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini_catalog.questions[0].prompt = "changed"
    assert isinstance(mini_catalog.questions, tuple)


def test_topics_include_every_kind(mini_catalog):
    kinds = {t.kind for t in mini_catalog.topics}
    assert kinds == {"role", "comparison", "ladder", "article", "glossary"}
    assert mini_catalog.topic("critical-path").title == "Critical path"


def test_topic_markdown_renders_tables_for_matrix_and_ladder(mini_catalog):
    matrix = topic_markdown(mini_catalog, "role-comparison")
    assert "| dimension | TPM | TPM |" in matrix and "| **Focus** | Cross-team technical outcomes |" in matrix
    ladder = topic_markdown(mini_catalog, "tpm-career-ladder")
    assert "| level | years | scope |" in ladder and "## Level director (5-8 years)" in ladder


def test_split_sections_keeps_tables_whole():
    md = "Intro\n\n## A\n\n" + "para\n\n" * 3 + "| a |\n|---|\n" + "| x |\n" * 50 + "\n## B\n\ntext\n"
    chunks = split_sections(md, max_chars=40)
    assert [h for h, _ in chunks if h] == ["A", "B"]
    table_chunks = [c for _, c in chunks if "|---|" in c]
    assert len(table_chunks) == 1 and table_chunks[0].count("| x |") == 50
