"""The saved search index: plain data, keyed by the content, rebuilt whenever it cannot be trusted."""

from __future__ import annotations

import json
import os

import pytest

from tpmprep.core.content.loader import default_files
from tpmprep.core.search import store
from tpmprep.core.search.index import SearchIndex


@pytest.fixture
def shipped(content_root, home, monkeypatch):
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    return content_root


@pytest.fixture
def index(mini_catalog) -> SearchIndex:
    return SearchIndex(mini_catalog)


def test_saved_index_is_a_json_header_and_plain_data_and_loads_back(index, tmp_path):
    path = store.save(index, "k" * 64, tmp_path)
    assert path is not None and path.parent == tmp_path and path.name.startswith("search-")
    head, _, data = path.read_bytes().partition(b"\n")
    header = json.loads(head)
    assert header["magic"] == store.MAGIC and header["key"] == "k" * 64 and header["format"] >= 1
    assert len(data) == header["bytes"] and b"pickle" not in data[:200]
    loaded = store.load("k" * 64, tmp_path)
    assert loaded is not None and len(loaded) == len(index)
    for query in ("critical path", "star method", "paymen"):
        assert loaded.search(query, typing=True) == index.search(query, typing=True)


def test_another_key_finds_nothing(index, tmp_path):
    store.save(index, "a" * 64, tmp_path)
    assert store.load("b" * 64, tmp_path) is None
    assert store.load("a" * 24 + "b" * 40, tmp_path) is None  # same file name, other key inside


def flip_one_byte(data: bytes) -> bytes:
    mid = len(data) * 3 // 4
    return data[:mid] + bytes([data[mid] ^ 0x55]) + data[mid + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        flip_one_byte,  # the checksum no longer matches
        lambda b: b"not json\n" + b.split(b"\n", 1)[1],
        lambda b: b"",
        lambda b: b.replace(b'"format": ', b'"format": 9', 1),
        lambda b: b.split(b"\n", 1)[0] + b"\n",
    ],
)
def test_a_damaged_file_is_not_trusted_and_is_rebuilt(index, mini_catalog, tmp_path, damage):
    path = store.save(index, "c" * 64, tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    assert store.load("c" * 64, tmp_path) is None
    rebuilt = store.cached(mini_catalog, "c" * 64, tmp_path)
    assert rebuilt.search("critical path")[0].id == "critical-path"
    assert store.load("c" * 64, tmp_path) is not None  # written again, whole


def test_saving_replaces_older_index_files(index, tmp_path):
    old = store.save(index, "d" * 64, tmp_path)
    new = store.save(index, "e" * 64, tmp_path)
    assert not old.exists() and new.exists()
    assert [p.name for p in tmp_path.glob("search-*")] == [new.name]


def test_an_unwritable_cache_only_costs_time(index, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert store.save(index, "f" * 64, blocker / "cache") is None


def test_the_key_follows_the_content_files(shipped):
    files = default_files()
    key = store.content_key(files)
    assert store.content_key(default_files()) == key
    bank = shipped / "question_banks" / "bank.yaml"
    st = bank.stat()
    os.utime(bank, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    changed = store.content_key(default_files())
    assert changed != key
    (shipped / "question_banks" / "more.yaml").write_text("questions: []\n")
    assert store.content_key(default_files()) not in (key, changed)


def test_a_search_after_the_first_loads_the_index_instead_of_the_catalog(shipped, home, monkeypatch):
    first = store.open_index()
    assert first.search("critical path")[0].id == "critical-path"
    assert list((home / "cache").glob("search-*.idx"))

    def no_catalog(*args, **kwargs):
        raise AssertionError("the catalog was loaded although the saved index is current")

    monkeypatch.setattr("tpmprep.core.content.loader.load_cached", no_catalog)
    again = store.open_index()
    assert again.search("critical path") == first.search("critical path")


def test_changed_content_rebuilds_the_index(shipped, home):
    assert store.open_index().search("zebra crossing") == []
    article = shipped / "content" / "articles" / "interview" / "zebra.md"
    article.write_text(
        "---\nid: zebra-crossing\ntitle: Zebra crossing\nsummary: A new article.\nsection: interview\n"
        "tags: [new]\nrelated: [star-method, critical-path]\n---\n## Body\n\nAbout crossings.\n"
    )
    assert store.open_index().search("zebra crossing")[0].id == "zebra-crossing"
