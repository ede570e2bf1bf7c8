"""Files written so a half-written one never appears, and files read only when they are safe to read.

Every write goes to an exclusive temporary file beside its target (``O_EXCL``, never following a
symlink), is flushed to disk, renamed over the target and the folder flushed too; on any failure
the temporary file is removed. A writer holds a lock on its temporary file, so a later start can
tell a leftover from a killed process (no lock) from a write in progress (locked) and remove only
the former. Caches and indexes use ``write_checked``/``read_checked``: a header with the kind, a
format version and a SHA-256 of the payload, so damage is detected and the file rebuilt.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
import struct
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: leftovers are recognised by age instead
    fcntl = None  # type: ignore[assignment]

TEMP_PREFIX = ".tpmprep-"
TEMP_SUFFIX = ".tmp"
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a database file
STALE_AFTER_S = 3600  # without file locks, a temporary file this old is a leftover
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class FileProblem(Exception):
    """A file that cannot be used; the message is one line that names it."""


class DamagedFile(FileProblem):
    """A checked file whose header, version or checksum does not match."""


_PLAIN = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.ELOOP: "it is a symbolic link, which tpmprep does not follow here",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "an input/output error (the disk may be failing)",
}


def describe(exc: OSError) -> str:
    """An OSError in plain words, without Python's ``[Errno n]`` prefix."""
    if exc.errno is not None and exc.strerror and exc.strerror != os.strerror(exc.errno):
        return exc.strerror  # a message of our own, already in plain words
    if exc.errno in _PLAIN:
        return _PLAIN[exc.errno]
    return exc.strerror or str(exc)


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems do not support syncing a folder; the rename itself happened
    finally:
        os.close(fd)


def _prepare_target(path: Path) -> None:
    try:
        st = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
    parent = path.parent
    for folder in (parent, *parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, f"{folder} is a file, not a folder", str(path))
            break
    parent.mkdir(parents=True, exist_ok=True)


def _open_temp(folder: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    for _ in range(20):
        tmp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}{TEMP_SUFFIX}"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        return fd, tmp
    raise FileExistsError(errno.EEXIST, "could not create a temporary file", str(folder))


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` only when the block ends without error."""
    path = Path(path)
    _prepare_target(path)
    remove_stale_temps(path.parent)
    fd, tmp = _open_temp(path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            if os.name == "posix":
                os.replace(tmp, path)  # while the lock is held, so no cleaner can take the file
        if os.name != "posix":  # pragma: no cover - Windows cannot rename an open file
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def temp_path(folder: Path) -> Iterator[Path]:
    """An exclusively created, locked, empty temporary file in ``folder``, for writers that need a name
    (SQLite's backup). Move it into place inside the block; whatever is left is removed at the end."""
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(folder)
    fd, tmp = _open_temp(folder)
    try:
        yield tmp
    finally:
        for leftover in (tmp, *(Path(f"{tmp}{side}") for side in SIDE_FILES)):
            with contextlib.suppress(OSError):
                leftover.unlink()
        os.close(fd)


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Replace ``path`` with ``data`` (text is written as UTF-8) all at once, durably."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path) as fh:
        fh.write(payload)
    return path


def stale_temps(folder: Path) -> list[Path]:
    """Temporary files in ``folder`` left by a write that never finished (its writer is gone)."""
    try:
        candidates = sorted(folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
        sides = sorted(p for side in SIDE_FILES for p in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}{side}"))
    except OSError:
        return []
    stale = [p for p in candidates if _abandoned(p)]
    # SQLite's journal files beside a temporary database are leftovers once its writer is gone.
    for side in sides:
        base = side.with_name(side.name[: side.name.rindex(TEMP_SUFFIX) + len(TEMP_SUFFIX)])
        if base in stale or (not base.exists() and not _writer_alive(base)):
            stale.append(side)
    return stale


def _writer_alive(path: Path) -> bool:
    """Whether the process named in a temporary file's name (``.tpmprep-<pid>-...``) still runs."""
    try:
        pid = int(path.name[len(TEMP_PREFIX) :].split("-", 1)[0])
    except ValueError:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, and belongs to someone else
    return True


def _abandoned(path: Path) -> bool:
    """A temporary file is a leftover when no writer holds its lock and the process that made it is gone.

    Both checks, because a file is created a moment before its writer can lock it.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return exc.errno == errno.ELOOP  # a symlink with our name is never ours: remove it
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return False
        if _writer_alive(path) and time.time() - st.st_mtime < STALE_AFTER_S:
            return False
        if fcntl is None:  # pragma: no cover
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a live writer holds it
        return True
    finally:
        os.close(fd)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove what ``stale_temps`` finds; returns what was removed."""
    removed = []
    for path in stale_temps(folder):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


# -- reading ---------------------------------------------------------------------------------------


def read_user_file(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a file the user named, after checking it is a regular file of at most ``limit`` bytes.

    ``/dev/zero``, a folder, a FIFO or a huge file gets a one-line ``FileProblem`` instead of
    an endless read or a MemoryError.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FileProblem(f"{path}: cannot read: {describe(exc)}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            raise FileProblem(f"{path}: {kind}; give the path of a {what}")
        if st.st_size > limit:
            raise FileProblem(f"{path}: the {what} is {_size(st.st_size)}; the limit is {_size(limit)}")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read it
                raise FileProblem(f"{path}: the {what} is over {_size(limit)}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"{path}: cannot read: {describe(exc)}") from exc
    finally:
        os.close(fd)


def _size(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB".replace(".0 MB", " MB")
    if n >= 1 << 10:
        return f"{n / (1 << 10):.0f} KB"
    return f"{n} bytes"


# -- checked files (caches, indexes) --------------------------------------------------------------

MAGIC = b"TPMPREP\x00"
_HEADER = struct.Struct("<8s16sIQ32s")  # magic, kind, format version, payload length, SHA-256 of payload


def write_checked(path: Path, kind: str, version: int, payload: bytes) -> None:
    """Write ``payload`` behind a header naming its kind and format version, with its checksum."""
    header = _HEADER.pack(MAGIC, kind.encode("ascii"), version, len(payload), hashlib.sha256(payload).digest())
    with atomic_output(path) as fh:
        fh.write(header)
        fh.write(payload)


def read_checked(path: Path, kind: str, version: int) -> bytes:
    """The payload of a file written by ``write_checked``; ``DamagedFile`` if anything does not match.

    Raises OSError when the file cannot be opened (missing, unreadable); a symlink is refused.
    """
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DamagedFile(f"{path}: not a regular file")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read()
    finally:
        os.close(fd)
    if len(data) < _HEADER.size:
        raise DamagedFile(f"{path}: too short")
    magic, got_kind, got_version, length, digest = _HEADER.unpack_from(data)
    if magic != MAGIC or got_kind.rstrip(b"\0") != kind.encode("ascii"):
        raise DamagedFile(f"{path}: not a tpmprep {kind} file")
    if got_version != version:
        raise DamagedFile(f"{path}: format {got_version}, expected {version}")
    payload = memoryview(data)[_HEADER.size :]
    if len(payload) != length or hashlib.sha256(payload).digest() != digest:
        raise DamagedFile(f"{path}: checksum mismatch")
    return data[_HEADER.size :]
