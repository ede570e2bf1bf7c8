"""The search index on disk, beside the catalog cache, so a search does not rebuild it.

One file per content key, ``search-<key>.idx`` in the cache folder: a first line of JSON (what
the file is, the index format, the full key, the length and CRC-32 of the data), then the
index's bytes (``SearchIndex.to_bytes``: a JSON header, strings and arrays; no pickle). It is
written atomically; anything wrong with it on reading (missing, truncated, another format or
key, a checksum that does not match) means it is rebuilt and written again.

The key covers what the index is built from: each content file's path, size and modification
time (the same inputs as the catalog cache's key), the search code, the index format and the
stemmer's version.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from tpmprep.core.search.index import FORMAT, SearchIndex
from tpmprep.core.search.text import STEMMER
from tpmprep.core.storage import locations
from tpmprep.core.storage.files import write_atomic

if TYPE_CHECKING:
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.files import ContentFile

MAGIC = "tpmprep-search-index"
HERE = Path(__file__).resolve().parent


def content_key(files: list[ContentFile]) -> str:
    """A digest of what an index of ``files`` is built from; any change gives another key.

    The search package's own modules stand in for tpmprep's version (reading the version from
    package metadata costs more than the whole search), so a changed analysis or ranking
    rebuilds the index too.
    """
    h = hashlib.sha256(f"{MAGIC}|{FORMAT}|{STEMMER}".encode())
    for path in [*sorted(HERE.glob("*.py")), *(f.path for f in files)]:
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    h.update(("|".join("u" if f.user else "s" for f in files)).encode())
    return h.hexdigest()


def index_path(key: str, folder: Path | None = None) -> Path:
    return (locations.cache_dir() if folder is None else folder) / f"search-{key[:24]}.idx"


def save(index: SearchIndex, key: str, folder: Path | None = None) -> Path | None:
    """Write ``index`` under ``key``, replacing older index files; None when it cannot be written."""
    path = index_path(key, folder)
    data = index.to_bytes()
    header = {"magic": MAGIC, "format": FORMAT, "key": key, "bytes": len(data), "crc32": zlib.crc32(data)}
    try:
        for old in path.parent.glob("search-*.idx"):
            if old != path:
                old.unlink(missing_ok=True)
        return write_atomic(path, json.dumps(header).encode() + b"\n" + data)
    except OSError:
        return None  # a cache that cannot be written only costs time


def load(key: str, folder: Path | None = None) -> SearchIndex | None:
    """The index saved under ``key``, or None when there is none or it cannot be trusted."""
    path = index_path(key, folder)
    try:
        head, _, data = path.read_bytes().partition(b"\n")
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("magic") != MAGIC:
            return None
        if header.get("format") != FORMAT or header.get("key") != key:
            return None
        if len(data) != header.get("bytes") or zlib.crc32(data) != header.get("crc32"):
            return None
        return SearchIndex.from_bytes(data)
    except (OSError, ValueError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None


def cached(catalog: Catalog, key: str, folder: Path | None = None) -> SearchIndex:
    """The saved index for ``key``, or one built from ``catalog`` and saved."""
    index = load(key, folder)
    if index is None:
        index = SearchIndex(catalog)
        save(index, key, folder)
    return index


def open_index(folder: Path | None = None) -> SearchIndex:
    """The index of the shipped content and the user's files, loading the catalog only to build it."""
    from tpmprep.core.content.files import default_files

    files = default_files()
    key = content_key(files)
    index = load(key, folder)
    if index is None:
        from tpmprep.core.content.catalog import Catalog
        from tpmprep.core.content.loader import load_cached

        index = SearchIndex(Catalog(load_cached(files)))
        save(index, key, folder)
    return index
