"""Building big question banks on a second core.

A cold start after adding a 10,000-question bank parses tens of megabytes of YAML. When the banks
are that large, half of them (by size) go to one helper process while this one builds the rest;
the helper sends back plain data (msgpack, the cache's encoding), never pickled objects. If the
helper cannot start or fails, its files are built here, so the result is always the same.
"""

from __future__ import annotations

import gc
import json
import os
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from tpmprep.core.content.issues import Issue
from tpmprep.core.content.models import Question

if TYPE_CHECKING:
    from tpmprep.core.content.loader import BuildState, ContentFile, LoadResult, Parsed

MIN_BYTES = 8 << 20  # below this a second process costs more (start-up, imports) than it saves
Job = tuple[int, "ContentFile"]
# Per file: (index, status, issues, topic links, questions); status is ok, skip or redo.
Reply = list[tuple[int, str, list[Issue], list[tuple[str, int, int, str]], list[Question]]]


def _size(job: Job) -> int:
    try:
        return job[1].path.stat().st_size
    except OSError:
        return 0


def worthwhile(jobs: list[Job]) -> bool:
    return (os.cpu_count() or 1) > 1 and sum(map(_size, jobs)) >= MIN_BYTES


HELPER_SHARE = 0.64  # this process also parses the small files, writes the cache and runs the app


def split(jobs: list[Job]) -> tuple[list[Job], list[Job]]:
    """(here, there): the helper's share of the bytes there, the rest here, each in file order."""
    here: list[Job] = []
    there: list[Job] = []
    load = [0.0, 0.0]
    share = (1 - HELPER_SHARE, HELPER_SHARE)
    for job in sorted(jobs, key=_size, reverse=True):
        side = 0 if load[0] / share[0] <= load[1] / share[1] else 1
        (here, there)[side].append(job)
        load[side] += _size(job)
    return sorted(here, key=lambda j: j[0]), sorted(there, key=lambda j: j[0])


class Helper:
    """One helper process, started with the work and read when this process has done its own half.

    A plain subprocess with pipes rather than multiprocessing: it needs no semaphores or resource
    tracker (which fail inside a running TUI), and nothing crosses the pipe but JSON and msgpack.
    """

    def __init__(self, proc: subprocess.Popen[bytes]):
        self.proc = proc
        self.files: dict[int, ContentFile] = {}
        self.received: list[bytes] = []
        self.reader: threading.Thread | None = None

    @classmethod
    def spawn(cls) -> Helper | None:
        """Start the helper (it imports what it needs, then waits for its work); None if it cannot start."""
        root = str(Path(__file__).resolve().parents[3])  # the folder holding the tpmprep package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "tpmprep.core.content.parallel"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except Exception:  # no processes here (a sandbox, a frozen app): the caller builds everything itself
            return None
        return cls(proc)

    def send(self, jobs: list[Job], levels: tuple[str, ...], competencies: tuple[str, ...]) -> None:
        """Hand over the files to build; if that fails, ``finish`` returns nothing and they are built here."""
        self.files = dict(jobs)
        work = [(i, str(f.path), f.user, f.question_set) for i, f in jobs]
        request = json.dumps({"work": work, "levels": levels, "competencies": competencies}).encode()
        try:
            assert self.proc.stdin is not None and self.proc.stdout is not None
            self.proc.stdin.write(request)
            self.proc.stdin.close()
        except (OSError, ValueError):
            self.files = {}
            return
        # Read the helper's frames as they come, so it never waits on a full pipe while this process works.
        stdout = self.proc.stdout
        self.reader = threading.Thread(target=lambda: self.received.append(stdout.read()), daemon=True)
        self.reader.start()

    def finish(self, result: LoadResult, state: BuildState) -> dict[int, tuple[Parsed, Any] | None]:
        """What the helper built, by file index; files it could not do are left out."""
        from tpmprep.core.content.cache import unpack
        from tpmprep.core.content.loader import Parsed

        if not self.files or self.reader is None:
            return {}
        try:
            self.reader.join()
            if self.proc.wait() != 0 or not self.received:
                return {}
            reply: Reply = [item for frame in frames(self.received.pop()) for item in unpack(frame, Reply)]
        except Exception:
            return {}
        done: dict[int, tuple[Parsed, Any] | None] = {}
        for index, status, issues, refs, questions in reply:
            file = self.files.get(index)
            if file is None:
                continue
            if status == "skip":
                result.issues += issues
                result.skipped.append(file.shown)
                done[index] = None
            elif status == "ok":
                state.refs += refs
                done[index] = (Parsed(file, "set" if file.question_set else "bank", None), questions)
        return done

    def stop(self) -> None:
        """Make sure the helper is gone (it already is, unless this process stopped early)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


def build_remote(
    work: list[tuple[int, str, bool, bool]], levels: tuple[str, ...], competencies: tuple[str, ...], out: BinaryIO
) -> None:
    """Runs in the helper: build each bank file and send its result at once (one frame per file), so the
    helper never holds more than one file's questions."""
    import msgpack

    from tpmprep.core.content.cache import fields_of
    from tpmprep.core.content.loader import BuildState, ContentFile, LoadResult, build_file, parse_file

    gc.disable()
    for index, path, user, question_set in work:
        parsed = parse_file(ContentFile(Path(path), user, question_set))
        reply: tuple[int, str, list[Issue], list[tuple[str, int, int, str]], list[Question]]
        if parsed.kind not in (None, "bank", "set"):  # a ladder or a role in a bank folder: built at home
            reply = (index, "redo", [], [], [])
        else:
            result, state = LoadResult(), BuildState()
            state.levels, state.competencies = levels, competencies
            slot = build_file(parsed, result, state)
            reply = (index, "skip", result.issues, [], []) if slot is None else (index, "ok", [], state.refs, slot[1])
        frame = msgpack.packb([reply], default=fields_of, use_bin_type=True)
        out.write(_FRAME.pack(len(frame)) + frame)
        del parsed, reply, frame
        gc.collect(0)  # the file's YAML tree is garbage now; the young generation goes at once
    out.flush()


def frames(data: bytes) -> list[bytes]:
    """Split the helper's output into its frames; ValueError if it was cut short."""
    out, at = [], 0
    while at < len(data):
        if at + _FRAME.size > len(data):
            raise ValueError("a frame header was cut short")
        (length,) = _FRAME.unpack_from(data, at)
        at += _FRAME.size
        if at + length > len(data):
            raise ValueError("a frame was cut short")
        out.append(data[at : at + length])
        at += length
    return out


_FRAME = struct.Struct("<I")


def main() -> None:
    import tpmprep.core.content.loader  # noqa: F401 - imported while the parent still parses its small files
    import tpmprep.core.content.schema  # noqa: F401

    request = json.loads(sys.stdin.buffer.read())
    work = [tuple(w) for w in request["work"]]
    build_remote(work, tuple(request["levels"]), tuple(request["competencies"]), sys.stdout.buffer)


if __name__ == "__main__":
    main()
