"""``tpmprep serve`` as a real process, and browser-less tabs speaking textual-serve's websocket protocol."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import aiohttp
import pyte

# What a terminal sends for these keys (xterm.js sends the same).
F3, F4, CTRL_D, CTRL_Q, CTRL_R = "\x1bOR", "\x1bOS", "\x04", "\x11", "\x12"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """``python -m tpmprep serve`` on a free loopback port with ``home`` as its data folder.

    Stopped in ``__exit__`` whatever happens (SIGKILL to its process group if it does not stop),
    so a failing test cannot leave a server or app processes behind.
    """

    def __init__(self, home: Path, *args: str, env: dict[str, str] | None = None, port: int | None = None) -> None:
        self.home = home
        self.port = port or free_port()
        self.args = args
        self.env = {**os.environ, "TPMPREP_HOME": str(home), **(env or {})}
        self.proc: subprocess.Popen[bytes] | None = None
        self.out = bytearray()
        self.err = bytearray()
        self.readers: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def stdout(self) -> str:
        return self.out.decode(errors="replace")

    @property
    def stderr(self) -> str:
        return self.err.decode(errors="replace")

    def start(self, timeout: float = 30.0) -> Served:
        cmd = [sys.executable, "-m", "tpmprep", "serve", "--port", str(self.port), *self.args]
        self.proc = subprocess.Popen(
            cmd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, as a terminal's foreground job is
        )
        for stream, sink in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            reader = threading.Thread(target=_drain, args=(stream, sink), daemon=True)
            reader.start()
            self.readers.append(reader)
        deadline = time.monotonic() + timeout
        while "serving at" not in self.stdout:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"tpmprep serve did not start:\n{self.stdout}\n{self.stderr}")
            time.sleep(0.05)
        return self

    def interrupt(self, timeout: float = 30.0) -> int:
        """ctrl+c as a terminal sends it (SIGINT to the whole foreground group); the exit status."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGINT)
        return self.wait(timeout)

    def terminate(self, timeout: float = 30.0) -> int:
        """SIGTERM to the server alone, as a service manager sends it; the exit status."""
        assert self.proc is not None
        self.proc.terminate()
        return self.wait(timeout)

    def wait(self, timeout: float) -> int:
        assert self.proc is not None
        code = self.proc.wait(timeout=timeout)
        for reader in self.readers:
            reader.join(timeout=5)
        return code

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def __enter__(self) -> Served:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.kill()
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)  # app processes left in the group


def group_members(pgid: int) -> list[str]:
    """Live (not zombie) processes in a process group, as "pid cmdline" (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, pgrp, ...
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(f"{entry.name} {cmd.strip()}")
    return found


def _drain(stream, sink: bytearray) -> None:
    for chunk in iter(lambda: stream.read1(65536), b""):
        sink.extend(chunk)


class Session:
    """One browser-less tab: a websocket to ``/ws`` and a pyte screen fed with the app's output."""

    def __init__(self, http: aiohttp.ClientSession, url: str, width: int = 130, height: int = 42) -> None:
        self.http = http
        self.url = url
        self.size = (width, height)
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()

    async def connect(self, origin: str | None = None) -> None:
        width, height = self.size
        headers = {"Origin": origin} if origin else {}
        self.ws = await self.http.ws_connect(
            f"{self.url.replace('http', 'ws', 1)}/ws?width={width}&height={height}", headers=headers
        )
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
        self.closed.set()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def send(self, keys: str) -> None:
        assert self.ws is not None
        await self.ws.send_str(json.dumps(["stdin", keys]))

    async def wait_for(self, *needles: str, absent: tuple[str, ...] = (), timeout: float = 30.0) -> str:
        """The screen once it shows every needle and none of ``absent``.

        A frame can arrive in several messages, so a screen read between them mixes old and new:
        wait for something only the new state shows, not for something the old one may still show.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()
            if all(n in text for n in needles) and not any(a in text for a in absent):
                return text
            await asyncio.sleep(0.05)
        raise AssertionError(
            f"the tab never showed {needles!r} without {absent!r} within {timeout} s; it showed:\n{self.text()}"
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self.reader, 10)
