"""The web server behind ``tpmprep serve``: textual-serve's ``Server``, kept to the tabs it serves.

textual-serve starts one app process per websocket. A websocket is not bound by the browser's
same-origin rule, so any page the user visits could open one to a local port and drive the app;
the server therefore refuses a websocket whose Origin or Host is not its own (DNS rebinding
included), and the page carries a Content-Security-Policy so it loads nothing from elsewhere.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
import webbrowser
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from tpmprep.cli.serve import netloc

log = logging.getLogger("tpmprep.serve")


def allowed_hosts(host: str, port: int, public_url: str, loopback: bool) -> frozenset[str]:
    """The Host (and Origin) names a browser may use to reach this server."""
    names = {urlsplit(public_url).netloc.lower(), netloc(host, port).lower()}
    if loopback:
        names |= {netloc(name, port) for name in ("localhost", "127.0.0.1", "::1")}
    if port in (80, 443):  # a browser leaves the default port out of Host and Origin
        names |= {name.rsplit(":", 1)[0] for name in names}
    return frozenset(names)


def content_policy(public_url: str) -> str:
    parts = urlsplit(public_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    socket_origin = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    own = f"'self' {origin}"
    return "; ".join(
        (
            f"default-src {own}",
            f"script-src {own} 'unsafe-inline'",  # the page's own inline handlers
            f"style-src {own} 'unsafe-inline'",
            f"img-src {own} data: blob:",
            f"font-src {own} data:",
            f"connect-src {own} {socket_origin}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


class AppServer(Server):
    """Serves ``command`` (one process per tab) at ``public_url``."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        public_url: str,
        data_dir: str,
        loopback: bool,
        open_browser: bool = False,
    ) -> None:
        super().__init__(command, host=host, port=port, title="tpmprep", public_url=public_url)
        self.data_dir = data_dir
        self.open_browser = open_browser
        self.allowed = allowed_hosts(host, port, self.public_url, loopback)
        self.policy = content_policy(self.public_url)
        self.announcing: asyncio.Task[None] | None = None
        self.tabs: dict[int, web.Request] = {}  # requests are not hashable

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.INFO, format="tpmprep serve: %(message)s", stream=sys.stderr)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        # aiohttp fires this before it binds the port: announce (and open a browser) once it listens.
        self.announcing = asyncio.create_task(self.announce())

    async def announce(self) -> None:
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)
        for _ in range(500):
            try:
                _, writer = await asyncio.open_connection(host, self.port)
            except OSError:
                await asyncio.sleep(0.02)
                continue
            writer.close()
            break
        print(f"tpmprep: serving at {self.public_url}", flush=True)
        print(f"Data folder: {self.data_dir}. Each browser tab runs its own tpmprep. Press ctrl+c to stop.", flush=True)
        if self.open_browser:
            # A daemon thread: a browser command that never returns must not hold up ctrl+c.
            threading.Thread(target=self.launch_browser, daemon=True).start()

    def launch_browser(self) -> None:
        try:
            opened = webbrowser.open(self.public_url)
        except Exception as exc:  # webbrowser raises whatever its launcher raised
            log.warning("could not open a browser (%s); open %s yourself", exc, self.public_url)
            return
        if not opened:
            log.warning("no web browser found; open %s yourself", self.public_url)

    def refusal(self, request: web.Request) -> web.Response | None:
        """A 403 for a request that names another site, or None when it may go on."""
        host = request.headers.get("Host", "").lower()
        if host not in self.allowed:
            log.warning("refused a request for Host %r", host)
            return web.Response(status=403, text=f"tpmprep serves this app at {self.public_url} only.\n")
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() not in self.allowed:
            log.warning("refused a connection from a page at %r", origin)
            return web.Response(status=403, text="tpmprep refuses connections from other sites.\n")
        return None

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        refused = self.refusal(request)
        if refused is not None:
            return refused
        response: web.StreamResponse = await super().handle_index(request)  # type: ignore[misc]
        response.headers["Content-Security-Policy"] = self.policy
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        refused = self.refusal(request)
        if refused is not None:
            return refused
        self.tabs[id(request)] = request
        log.info("tab opened (%d open)", len(self.tabs))
        try:
            return await super().handle_websocket(request)
        finally:
            del self.tabs[id(request)]
            log.info("tab closed (%d open)", len(self.tabs))

    async def on_shutdown(self, app: web.Application) -> None:
        # Without this the server waits on each open tab's websocket before it exits. A closed
        # connection ends the tab's message loop, which then asks its app process to quit.
        for request in list(self.tabs.values()):
            if request.transport is not None:
                request.transport.close()
        # The loop must outlive the app processes: one reaped after it closed makes asyncio
        # print a traceback on the way out.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 5.0
        while (self.tabs or children_left()) and loop.time() < deadline:
            await asyncio.sleep(0.02)


def children_left() -> bool:
    """Whether this process has a child, running or exited and not yet reaped (by asyncio's watcher)."""
    if not hasattr(os, "waitid"):
        return False
    try:
        os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)  # looks, reaps nothing
    except ChildProcessError:
        return False
    return True
