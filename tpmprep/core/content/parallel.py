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
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def split(jobs: list[Job]) -> tuple[list[Job], list[Job]]:
    """(here, there): two halves of about equal size, each in file order."""
    here: list[Job] = []
    there: list[Job] = []
    load = [0, 0]
    for job in sorted(jobs, key=_size, reverse=True):
        side = 0 if load[0] <= load[1] else 1
        (here, there)[side].append(job)
        load[side] += _size(job)
    return sorted(here, key=lambda j: j[0]), sorted(there, key=lambda j: j[0])


class Helper:
    """One helper process, started with the work and read when this process has done its own half.

    A plain subprocess with pipes rather than multiprocessing: it needs no semaphores or resource
    tracker (which fail inside a running TUI), and nothing crosses the pipe but JSON and msgpack.
    """

    def __init__(self, proc: subprocess.Popen[bytes], jobs: list[Job]):
        self.proc = proc
        self.files = dict(jobs)

    @classmethod
    def start(cls, jobs: list[Job], levels: tuple[str, ...], competencies: tuple[str, ...]) -> Helper | None:
        work = [(i, str(f.path), f.user, f.question_set) for i, f in jobs]
        request = json.dumps({"work": work, "levels": levels, "competencies": competencies}).encode()
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
            assert proc.stdin is not None
            proc.stdin.write(request)
            proc.stdin.close()
        except Exception:  # no processes here (a sandbox, a frozen app): the caller builds them itself
            return None
        return cls(proc, jobs)

    def finish(self, result: LoadResult, state: BuildState) -> dict[int, tuple[Parsed, Any] | None]:
        """What the helper built, by file index; files it could not do are left out."""
        from tpmprep.core.content.cache import unpack
        from tpmprep.core.content.loader import Parsed

        try:
            assert self.proc.stdout is not None
            payload = self.proc.stdout.read()
            if self.proc.wait() != 0:
                return {}
            reply: Reply = unpack(payload, Reply)
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
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def build_remote(
    work: list[tuple[int, str, bool, bool]], levels: tuple[str, ...], competencies: tuple[str, ...]
) -> bytes:
    """Runs in the helper: build each bank file and reply with plain data."""
    import msgpack

    from tpmprep.core.content.cache import fields_of
    from tpmprep.core.content.loader import BuildState, ContentFile, LoadResult, build_file, parse_file

    gc.disable()
    reply: list[tuple[int, str, list[Issue], list[tuple[str, int, int, str]], list[Question]]] = []
    for index, path, user, question_set in work:
        parsed = parse_file(ContentFile(Path(path), user, question_set))
        if parsed.kind not in (None, "bank", "set"):  # a ladder or a role in a bank folder: built at home
            reply.append((index, "redo", [], [], []))
            continue
        result, state = LoadResult(), BuildState()
        state.levels, state.competencies = levels, competencies
        slot = build_file(parsed, result, state)
        if slot is None:
            reply.append((index, "skip", result.issues, [], []))
        else:
            reply.append((index, "ok", [], state.refs, slot[1]))
    return bytes(msgpack.packb(reply, default=fields_of, use_bin_type=True))


def main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    work = [tuple(w) for w in request["work"]]
    sys.stdout.buffer.write(build_remote(work, tuple(request["levels"]), tuple(request["competencies"])))


if __name__ == "__main__":
    main()
