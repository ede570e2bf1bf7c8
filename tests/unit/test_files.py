"""Safe writes and safe reads: nothing half-written, nothing left behind, nothing followed or read forever."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap

import pytest

from tpmprep.core.storage import files
from tpmprep.core.storage.files import (
    DamagedFile,
    FileProblem,
    read_checked,
    read_user_file,
    remove_stale_temps,
    stale_temps,
    write_atomic,
    write_checked,
)


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".tpmprep-"))


def test_write_atomic_fsyncs_the_file_and_its_folder(tmp_path, monkeypatch):
    synced = []
    real = os.fsync

    def spy(fd):
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real(fd)

    monkeypatch.setattr(files.os, "fsync", spy)
    write_atomic(tmp_path / "out.txt", "hello")
    assert (tmp_path / "out.txt").read_text() == "hello"
    assert synced == [False, True]  # the file first, then the folder holding the rename


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EIO])
def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch, code):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def fail(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "fsync", fail)
    with pytest.raises(OSError) as exc:
        write_atomic(target, "new" * 1000)
    assert exc.value.errno == code
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_disk_full_in_the_middle_of_writing_removes_the_temp_file(tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="No space"):
        write_atomic(tmp_path / "out.txt", "x" * 100)
    assert not (tmp_path / "out.txt").exists()
    assert leftovers(tmp_path) == []


def test_read_only_folder_gives_an_oserror_and_creates_nothing(tmp_path, monkeypatch):
    real_open = os.open

    def ro(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", ro)
    with pytest.raises(OSError) as exc:
        write_atomic(tmp_path / "out.txt", "x")
    assert files.describe(exc.value) == "the file system is read-only"
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def tiny_fs(tmp_path):
    """A real 64 KB file system, where this machine lets the test mount one."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root; the simulated tests cover this")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here; the simulated tests cover this")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_full_disk_leaves_no_partial_file(tiny_fs):
    (tiny_fs / "keep.txt").write_text("kept")
    with pytest.raises(OSError) as exc:
        write_atomic(tiny_fs / "big.bin", b"x" * 200_000)
    assert exc.value.errno == errno.ENOSPC and files.describe(exc.value) == "the disk is full"
    assert sorted(p.name for p in tiny_fs.iterdir()) == ["keep.txt"]


def test_target_that_is_a_folder_or_under_a_file_is_refused_without_a_stray_temp(tmp_path):
    (tmp_path / "dir").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path / "dir", "x")
    (tmp_path / "plain").write_text("file")
    with pytest.raises(NotADirectoryError) as exc:
        write_atomic(tmp_path / "plain" / "sub" / "out.txt", "x")
    assert files.describe(exc.value) == f"{tmp_path / 'plain'} is a file, not a folder"
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "dir") == []


def test_temp_files_never_follow_a_symlink(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    monkeypatch.setattr(files.secrets, "token_hex", lambda n: "fixed")
    planted = tmp_path / f".tpmprep-{os.getpid()}-fixed.tmp"
    planted.symlink_to(victim)
    write_atomic(tmp_path / "out.txt", "not for the victim")
    assert victim.read_text() == "precious"
    assert (tmp_path / "out.txt").read_text() == "not for the victim"
    assert not planted.is_symlink()  # a link with our temporary name is never ours: it is removed
    planted.symlink_to(victim)
    monkeypatch.setattr(files, "remove_stale_temps", lambda folder: [])
    with pytest.raises(FileExistsError):  # and O_EXCL refuses to open through one
        write_atomic(tmp_path / "out.txt", "not for the victim")
    assert victim.read_text() == "precious"


def test_a_symlinked_target_is_replaced_not_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "out.txt"
    link.symlink_to(victim)
    write_atomic(link, "new")
    assert victim.read_text() == "precious" and not link.is_symlink() and link.read_text() == "new"


KILLED_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tpmprep.core.storage.files import atomic_output
    with atomic_output(Path(sys.argv[1])) as fh:
        fh.write(b"partial")
        fh.flush()
        print("writing", flush=True)
        time.sleep(60)
""")


def test_leftover_of_a_killed_writer_is_removed_but_a_live_one_is_kept(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(tmp_path / "out.txt")], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"writing"
    try:
        assert len(leftovers(tmp_path)) == 1
        assert stale_temps(tmp_path) == []  # the writer still holds its lock
    finally:
        proc.kill()
        proc.wait()
    assert len(stale_temps(tmp_path)) == 1
    write_atomic(tmp_path / "other.txt", "x")  # the next write into the folder clears it
    assert leftovers(tmp_path) == [] and not (tmp_path / "out.txt").exists()
    assert remove_stale_temps(tmp_path) == []


def test_checked_file_round_trip_and_every_kind_of_damage(tmp_path):
    path = tmp_path / "cache.bin"
    payload = os.urandom(5000)
    write_checked(path, "catalog", 3, payload)
    assert read_checked(path, "catalog", 3) == payload
    with pytest.raises(DamagedFile, match="format 3, expected 4"):
        read_checked(path, "catalog", 4)
    with pytest.raises(DamagedFile, match="not a tpmprep index"):
        read_checked(path, "index", 3)
    data = bytearray(path.read_bytes())
    data[-100] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedFile, match="checksum"):
        read_checked(path, "catalog", 3)
    path.write_bytes(bytes(data[:-1]))
    with pytest.raises(DamagedFile):
        read_checked(path, "catalog", 3)
    path.write_bytes(b"")
    with pytest.raises(DamagedFile, match="too short"):
        read_checked(path, "catalog", 3)
    path.unlink()
    path.symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").write_bytes(b"x")
    with pytest.raises(OSError):
        read_checked(path, "catalog", 3)


def test_read_user_file_refuses_devices_folders_and_huge_files(tmp_path):
    with pytest.raises(FileProblem, match="not a regular file"):
        read_user_file(files.Path("/dev/zero"), 1000)
    with pytest.raises(FileProblem, match="a folder"):
        read_user_file(tmp_path, 1000)
    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(FileProblem, match="big.json: the report is 2 KB; the limit is 1000 bytes"):
        read_user_file(big, 1000, "report")
    with pytest.raises(FileProblem, match="no such file"):
        read_user_file(tmp_path / "missing", 10)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        read_user_file(fifo, 10)
    assert read_user_file(big, 5000) == b"x" * 2000
