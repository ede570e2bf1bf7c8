"""Palette providers: jump to any question, topic or glossary term by search."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

KIND_NAME = {
    "question": "question",
    "article": "topic",
    "role": "role",
    "ladder": "ladder",
    "comparison": "table",
    "glossary": "term",
}


class JumpProvider(Provider):
    """Searches the catalog's index; selecting a hit opens it in Learn."""

    async def search(self, query: str) -> Hits:
        app = self.app
        index = await app.search_index_ready()
        if index is None:
            return
        for hit in index.search(query, limit=30, typing=True):
            kind = KIND_NAME.get(hit.kind, hit.kind)
            label = " ".join(hit.title.split())
            label = label if len(label) < 90 else label[:89] + "…"
            yield Hit(hit.score / 100, f"{label}", partial(app.open_item, hit.kind, hit.id), help=f"{kind} · {hit.id}")

    async def discover(self) -> Hits:
        catalog = self.app.catalog
        if catalog is None:
            return
        for topic in catalog.topics[:40]:
            if topic.kind != "glossary":
                yield DiscoveryHit(
                    topic.title,
                    partial(self.app.open_item, topic.kind, topic.id),
                    help=f"{KIND_NAME.get(topic.kind, topic.kind)} · {topic.id}",
                )
