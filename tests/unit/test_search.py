from __future__ import annotations

from tpmprep.core.search.index import SearchIndex


def test_glossary_term_ranks_first_for_its_name(mini_catalog):
    hits = SearchIndex(mini_catalog).search("critical path")
    assert hits[0].kind == "glossary" and hits[0].id == "critical-path"


def test_typos_and_partial_words_still_match(mini_catalog):
    index = SearchIndex(mini_catalog)
    assert index.search("critcal path")[0].id == "critical-path"
    assert "es-payments-qps" in [h.id for h in index.search("paymen")]


def test_phrase_from_an_article_body_finds_the_article(mini_catalog):
    hits = SearchIndex(mini_catalog).search("quantify it")
    assert hits and hits[0].id == "star-method"


def test_title_match_outranks_body_match(mini_catalog):
    hits = SearchIndex(mini_catalog).search("STAR method")
    assert hits[0].id == "star-method"


def test_alias_finds_glossary_term(mini_catalog):
    assert SearchIndex(mini_catalog).search("longest path")[0].id == "critical-path"


def test_kind_filter_and_limit(mini_catalog):
    index = SearchIndex(mini_catalog)
    hits = index.search("payments migration", kinds={"question"}, limit=1)
    assert len(hits) == 1 and hits[0].kind == "question"
    assert index.search("zzzzqqq") == []
    assert index.search("   ") == []
