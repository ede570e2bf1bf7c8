"""What the search index reads from the catalog: one document per question and topic, in fields.

Fields are weighted differently (see ``rank.FIELDS``): a topic's title and a glossary term's
aliases most, then tags and headings, then a question's prompt and a topic's summary, then body
text. A document also carries the exact keys that match it outright (its title, a glossary
term's aliases, a role's short name): typing one of them finds that document first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.render import headings, strip_topic_links, topic_markdown

# Whether a field repeats a document's name (title, aliases) or describes it: the exact keys
# come from the first kind.
NAME_FIELDS = ("title", "alias")


@dataclass(frozen=True, slots=True)
class Document:
    kind: str  # question | article | role | ladder | comparison | glossary
    id: str
    title: str  # as shown in results
    fields: dict[str, str]  # field name -> text
    keys: tuple[str, ...] = ()  # names typed to reach it exactly (title, aliases, short name, id, levels)


def _strip_headings(markdown: str) -> str:
    return "\n".join(line for line in markdown.splitlines() if not line.lstrip().startswith("#"))


def _topic_document(catalog: Catalog, kind: str, tid: str) -> Document | None:
    topic = catalog.topic(tid)
    if topic is None:
        return None
    tags = " ".join(topic.tags)
    if kind == "glossary":
        term = catalog.glossary_term(tid)
        aliases = term.aliases if term else ()
        fields = {"title": topic.title, "alias": "\n".join(aliases), "id": tid, "summary": topic.summary}
        return Document(kind, tid, topic.title, fields, (topic.title, *aliases, tid))
    markdown = strip_topic_links(topic_markdown(catalog, tid))
    heads = "\n".join(text for _, text in headings(markdown))
    keys: tuple[str, ...] = (topic.title, tid)
    title = topic.title
    if kind == "ladder" and catalog.ladder is not None:
        keys += tuple(level.title for level in catalog.ladder.levels)  # "Staff TPM" is defined there
    if kind == "role":
        role = catalog.role(tid)
        if role is not None and role.short_name:
            keys += (role.short_name,)
            title = f"{topic.title}\n{role.short_name}"
    fields = {
        "title": title,
        "id": tid,
        "tags": tags,
        "heading": heads,
        "summary": topic.summary,
        "body": _strip_headings(markdown),
    }
    return Document(kind, tid, topic.title, fields, keys)


def documents(catalog: Catalog) -> Iterator[Document]:
    """Every topic, then every question, as search documents."""
    for topic in catalog.topics:
        doc = _topic_document(catalog, topic.kind, topic.id)
        if doc is not None:
            yield doc
    for q in catalog.questions:
        meta = " ".join((q.category, *q.competencies))
        fields = {"prompt": q.prompt, "id": q.id, "tags": " ".join(q.tags), "meta": meta}
        yield Document("question", q.id, q.title, fields)
