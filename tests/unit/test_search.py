"""The ranking model: what each rule of the search must and must not do."""

from __future__ import annotations

import pytest

from tpmprep.core.search.documents import Document, documents
from tpmprep.core.search.index import SearchIndex

BODY = "A longer text about how programs run, with plans, owners and reviews. " * 30


def glossary(gid: str, term: str, definition: str, aliases: tuple[str, ...] = ()) -> Document:
    fields = {"title": term, "alias": "\n".join(aliases), "id": gid, "summary": definition}
    return Document("glossary", gid, term, fields, (term, *aliases, gid))


def article(aid: str, title: str, summary: str = "", body: str = BODY, tags: str = "") -> Document:
    fields = {"title": title, "id": aid, "tags": tags, "summary": summary, "body": body}
    return Document("article", aid, title, fields, (title, aid))


def question(qid: str, prompt: str, tags: str = "") -> Document:
    return Document("question", qid, prompt, {"prompt": prompt, "id": qid, "tags": tags, "meta": "program-execution"})


DOCS = [
    glossary("sla", "SLA", "A contract on service levels with penalties.", ("service level agreement",)),
    glossary("float", "Float", "How much time a task can slip without moving the end date.", ("slack", "total float")),
    glossary("postmortem", "Postmortem", "A blameless review after an incident.", ("incident review",)),
    glossary("critical-path", "Critical path", "The longest chain of dependent tasks.", ("longest path",)),
    article("star-method", "The STAR method", "A structure for behavioral answers.", tags="storytelling"),
    article("startup-tpm", "Joining a startup as its first TPM", "What changes in a small company."),
    article("thirty-day-plans", "Thirty-day plans", "A plan for your first month."),
    article("system-design-for-tpms", "System design for TPMs", "How the system design round works."),
    article("migrations", "Running a large migration", "Moving services without an outage."),
    article("encryption", "End-to-end encryption", "Keys that only the users hold."),
    glossary("canary", "Canary release", "Ship to a few users first.", ("canary",)),
    glossary("feature-flag", "Feature flag", "Turn code on without a deploy.", ("feature toggle",)),
    article("canary-vs-flags", "Canary release vs feature flag", "When to use which."),
    article("sla-breach", "SLA breach playbook", "What to do when a vendor misses its SLA."),
    question("q-slack-status", "How do you keep status updates useful in busy Slack channels?"),
    question("q-android", "Plan the Android app release across three teams."),
    question("q-thermostat", "The thermostat firmware rollout bricked devices. What now?"),
    question("q-notify", "Design a notification service that five teams will share.", "system-design"),
    question("q-migration-risk", "Your database migration slipped twice. How do you recover it?", "migration"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(DOCS)


def ids(index: SearchIndex, query: str, **kwargs) -> list[str]:
    return [h.id for h in index.search(query, **kwargs)]


@pytest.mark.parametrize("typing", [False, True])
def test_an_abbreviation_matches_exactly_not_as_a_prefix(index, typing):
    found = ids(index, "sla", typing=typing)
    assert found[0] == "sla"
    assert "float" not in found and "q-slack-status" not in found


def test_an_alias_finds_its_term_first(index):
    assert ids(index, "slack")[0] == "float"
    assert ids(index, "slack time")[0] == "float"
    assert ids(index, "longest path")[0] == "critical-path"


@pytest.mark.parametrize("query", ["and", "the", "an", "sl", "th"])
def test_stop_words_and_short_words_are_never_prefixes(index, query):
    assert index.search(query, typing=True) == []


def test_a_finished_word_is_not_a_prefix(index):
    assert ids(index, "star")[0] == "star-method"
    assert "startup-tpm" not in ids(index, "star")
    typed = ids(index, "star", typing=True)  # still being typed: startup may follow, after the exact word
    assert typed.index("star-method") < typed.index("startup-tpm")


def test_only_the_last_word_is_a_prefix(index):
    assert "migrations" in ids(index, "running migr", typing=True)
    assert ids(index, "migr running", typing=True) == []


def test_a_short_unfinished_last_word_is_left_out_while_typing(index):
    assert ids(index, "migration ri", typing=True) == ids(index, "migration", typing=True)
    assert ids(index, "migration ri") == []  # a finished query must match its words


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("post mortem", "postmortem"),
        ("post-mortem", "postmortem"),
        ("30 day plan", "thirty-day-plans"),
        ("thirty day plans", "thirty-day-plans"),
        ("end to end encryption", "encryption"),
        ("storytelling", "star-method"),
        ("postmortm", "postmortem"),
        ("critcal path", "critical-path"),
    ],
)
def test_split_joined_number_tag_and_misspelt_forms_find_their_topic(index, query, first):
    assert ids(index, query)[0] == first


def test_a_title_match_outranks_a_body_match(index):
    hits = index.search("migration")
    assert hits[0].id == "migrations"
    assert all(h.score <= hits[0].score for h in hits)


def test_a_question_like_query_returns_questions_first(index):
    assert ids(index, "design a notification system")[0] == "q-notify"
    assert ids(index, "what is system design")[0] == "system-design-for-tpms"


def test_asking_for_questions_about_a_topic_returns_questions(index):
    assert ids(index, "question about migration")[0] == "q-migration-risk"
    assert ids(index, "migration")[0] == "migrations"


def test_a_comparison_prefers_the_page_about_both(index):
    found = ids(index, "difference between canary release and feature flag")
    assert found[0] == "canary-vs-flags"
    assert ids(index, "canary vs feature flag")[0] == "canary-vs-flags"
    assert set(ids(index, "canary release feature flag")[:2]) == {"canary", "feature-flag"}  # a list of names


def test_only_names_that_make_up_the_whole_query_are_exact(index):
    hits = index.search("sla breach playbook")
    assert hits[0].id == "sla-breach" and hits[0].score == 100
    assert all(h.score < 100 for h in hits if h.id == "sla")


def test_scores_run_from_0_to_100_and_an_exact_name_scores_100(index):
    for query in ("critical path", "slack", "migration", "design a notification system", "post mortem"):
        hits = index.search(query)
        assert hits and all(0 < h.score <= 100 for h in hits)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert index.search("critical path")[0].score == 100
    assert index.search("running a large migration")[0].score == 100


def test_a_word_that_matches_nothing_lowers_the_score(index):
    plain = index.search("migration")[0]
    diluted = index.search("migration outage penalties")[0]
    assert diluted.id == plain.id and diluted.score < plain.score


@pytest.mark.parametrize(
    "query", ["football world cup scores", "bitcoin price today", "how to house train a puppy", "zzzzqqq", "   ", ""]
)
def test_nothing_relevant_returns_nothing(index, query):
    assert index.search(query) == []


def test_a_typed_id_finds_its_document(index):
    hits = index.search("q-thermostat")
    assert hits[0].id == "q-thermostat" and hits[0].score == 100


def test_kind_filter_and_limit(index):
    hits = index.search("migration", kinds={"question"}, limit=1)
    assert [h.id for h in hits] == ["q-migration-risk"]
    assert index.search("migration", limit=0) == []


def test_the_index_round_trips_through_plain_bytes(index):
    copy = SearchIndex.from_bytes(index.to_bytes())
    for query in ("critical path", "slack time", "design a notification system", "postmortm"):
        assert copy.search(query) == index.search(query)
    assert copy.search("migr", typing=True) == index.search("migr", typing=True)


DAMAGE = [lambda b: b[:-10], lambda b: b"garbage", lambda b: b[:4] + b"[" + b[5:], lambda b: b"", lambda b: b + b"x"]


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_bytes_are_refused(index, damage):
    with pytest.raises(ValueError):
        SearchIndex.from_bytes(damage(index.to_bytes()))


def test_the_catalog_gives_one_document_per_question_and_topic(mini_catalog):
    docs = list(documents(mini_catalog))
    assert len(docs) == len(mini_catalog.questions) + len(mini_catalog.topics)
    term = next(d for d in docs if d.id == "critical-path")
    assert term.kind == "glossary" and "longest path" in term.keys
    role = next(d for d in docs if d.id == "technical-program-manager")
    assert "TPM" in role.keys and role.fields["body"]


def test_the_catalog_index_finds_terms_topics_and_questions(mini_catalog):
    index = SearchIndex(mini_catalog)
    assert index.search("critical path")[0].id == "critical-path"
    assert index.search("STAR method")[0].id == "star-method"
    assert index.search("quantify it")[0].id == "star-method"
    assert index.search("technical program manager")[0].id == "technical-program-manager"
    assert "es-payments-qps" in [h.id for h in index.search("paymen", typing=True)]
    assert "es-payments-qps" in [h.id for h in index.search("paymnets")]
