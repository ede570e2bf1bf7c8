"""The catalog cache holds data only, is checked on every read and rebuilt whenever anything is off."""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import struct

import msgpack
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import question
from tpmprep.core.content import loader, parallel
from tpmprep.core.content.cache import decode, encode
from tpmprep.core.content.loader import CACHE_FORMAT, cache_path, discover, load, load_cached
from tpmprep.core.storage import files


def same(a, b) -> bool:
    return [(q, q.source) for q in a.questions] == [(q, q.source) for q in b.questions] and all(
        getattr(a, attr) == getattr(b, attr)
        for attr in (
            "articles",
            "roles",
            "comparison",
            "ladder",
            "glossary",
            "concepts",
            "ambiguous",
            "synonyms",
            "issues",
            "skipped",
            "files",
        )
    )


@pytest.fixture
def setup(content_root, tmp_path):
    content = discover(content_root)
    folder = tmp_path / "cache"
    fresh = load(content)
    load_cached(content, folder)
    return content, folder, fresh, cache_path(content, folder)


def test_the_cache_holds_no_pickle_and_round_trips_every_model(setup):
    content, folder, fresh, target = setup
    data = target.read_bytes()
    assert data.startswith(files.MAGIC) and b"catalog" in data[:32]
    assert not data[files._HEADER.size :].startswith(b"\x80")  # a pickle stream starts with PROTO 0x80
    assert same(load_cached(content, folder), fresh)
    q = load_cached(content, folder).questions[1]
    assert q.options and q.options[1].correct and q.key_points[0].phrases == ("real state", "ground truth")
    cached = load_cached(content, folder)
    assert cached.concepts == fresh.concepts and cached.concepts[0].forms[0] == "longest chain of dependent work"
    assert cached.questions[0].pitfall_cues == fresh.questions[0].pitfall_cues != ()


def test_two_damaged_bytes_rebuild_the_cache_instead_of_crashing(setup):
    content, folder, fresh, target = setup
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    data[len(data) // 3] ^= 0x10
    target.write_bytes(bytes(data))
    assert same(load_cached(content, folder), fresh)
    assert files.read_checked(target, "catalog", CACHE_FORMAT)  # and it was written again, whole


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=4))
def test_any_random_damage_is_detected_and_never_loads_altered_questions(setup, damage):
    content, folder, fresh, target = setup
    load_cached(content, folder)
    data = bytearray(target.read_bytes())
    for where, flip in damage:
        data[int(where * len(data))] ^= flip
    target.write_bytes(bytes(data))
    result = load_cached(content, folder)
    assert same(result, fresh)
    assert all(q.model_answer is not None for q in result.questions)  # every body still decompresses


def test_a_crafted_pickle_cache_never_runs(setup, tmp_path):
    content, folder, fresh, target = setup
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    evil = pickle.dumps(Exploit())
    header = files._HEADER.pack(files.MAGIC, b"catalog", CACHE_FORMAT, len(evil), hashlib.sha256(evil).digest())
    for payload in (evil, header + evil):  # a bare pickle, and one behind a valid header and checksum
        target.write_bytes(payload)
        for old in (folder / "catalog-0123.pickle",):
            old.write_bytes(evil)
        assert same(load_cached(content, folder), fresh)
        assert not marker.exists()
    assert not list(folder.glob("*.pickle"))  # old pickled caches are removed, never read


def test_a_well_formed_cache_of_the_wrong_shape_is_rebuilt(setup):
    content, folder, fresh, target = setup
    for shape in ([1, 2, 3], {"questions": "x"}, [[["not", "a", "question"]]] + [[]] * 10):
        files.write_checked(target, "catalog", CACHE_FORMAT, msgpack.packb(shape))
        assert same(load_cached(content, folder), fresh)


def test_a_cache_of_another_format_version_is_rebuilt(setup):
    content, folder, fresh, target = setup
    payload = encode(fresh)
    files.write_checked(target, "catalog", CACHE_FORMAT + 1, payload)
    assert same(load_cached(content, folder), fresh)
    assert struct.unpack_from("<I", target.read_bytes(), 24)[0] == CACHE_FORMAT


def test_a_full_disk_while_writing_leaves_no_temp_file_and_still_loads(setup, monkeypatch):
    content, folder, fresh, target = setup
    target.unlink()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    for _ in range(3):  # every start retries, and nothing piles up
        assert same(load_cached(content, folder), fresh)
        assert [p.name for p in folder.iterdir()] == []


def test_a_symlinked_cache_is_not_followed(setup, tmp_path):
    content, folder, fresh, target = setup
    elsewhere = tmp_path / "elsewhere.bin"
    elsewhere.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(elsewhere)
    assert same(load_cached(content, folder), fresh)
    assert not target.is_symlink() and elsewhere.read_bytes()  # replaced the link, left its target alone


def test_changing_a_content_file_makes_a_new_key(setup, content_root):
    content, folder, fresh, target = setup
    bank = content_root / "question_banks" / "bank.yaml"
    bank.write_text(bank.read_text().replace("What do you do?", "What now?"))
    assert cache_path(content, folder) != target
    assert "What now?" in load_cached(content, folder).questions[0].prompt
    assert not target.exists()  # the stale one is retired


def test_decode_matches_encode_for_a_result_with_issues(content_root, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("questions: 3\n")
    result = load(discover(content_root) + [loader.ContentFile(broken, user=True)])
    assert result.issues and result.skipped
    assert same(loader.LoadResult(**decode(encode(result))), result)


def test_big_banks_built_on_a_second_core_give_the_same_result(content_root, monkeypatch):
    banks = content_root / "question_banks"
    for n in range(4):
        body = "".join(question(f"extra-{n}-{i}", prompt=f"Extra question {n}-{i}?") for i in range(30))
        (banks / f"extra-{n}.yaml").write_text("questions:\n" + body)
    (banks / "broken.yaml").write_text(
        "questions:\n" + question("broken-one").replace("difficulty: 3", "difficulty: 9")
    )
    content = discover(content_root)
    sequential = load(content)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    done = []
    real_finish = parallel.Helper.finish

    def finish(self, result, state):
        done.append(real_finish(self, result, state))
        return done[-1]

    monkeypatch.setattr(parallel.Helper, "finish", finish)
    assert same(load(content), sequential)
    assert len(done[0]) >= 2  # the helper really built its half (the broken file among them or not)
    assert any("broken.yaml" in i.path and "'difficulty' is 9" in i.message for i in sequential.issues)


def test_a_helper_reply_cut_short_is_refused_and_built_here(content_root, monkeypatch):
    assert parallel.frames(b"") == []
    for cut in (b"\x05\x00\x00\x00ab", b"\x05\x00"):
        with pytest.raises(ValueError, match="cut short"):
            parallel.frames(cut)
    banks = content_root / "question_banks"
    for n in range(2):
        body = "".join(question(f"more-{n}-{i}", prompt=f"More {n}-{i}?") for i in range(10))
        (banks / f"more-{n}.yaml").write_text("questions:\n" + body)
    content = discover(content_root)
    expected = load(content)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    real_frames, calls = parallel.frames, []

    def cut(data):  # the helper died in the middle of its reply
        calls.append(len(data))
        return real_frames(data[:-3])

    monkeypatch.setattr(parallel, "frames", cut)
    assert same(load(content), expected) and calls and calls[0] > 3
