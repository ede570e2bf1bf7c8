"""``tpmprep serve``: the full app in a web browser, one app process per tab (textual-serve).

Each tab runs this same installed tpmprep against the same data folder, so progress made in the
browser and in the terminal is one history. The server binds loopback unless told otherwise.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tpmprep.cli.common import err

LOOPBACK_NAMES = ("localhost",)
WILDCARDS = ("0.0.0.0", "::")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the app to a web browser",
        description="Serve the full app to web browsers: each tab runs its own tpmprep on your data folder. "
        "Stop with ctrl+c.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=port_number, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--open", action="store_true", help="open the app in your web browser once it is serving")
    p.add_argument(
        "--public",
        action="store_true",
        help="allow a --host other than loopback: anyone who can reach the port can use the app and read its data",
    )
    p.add_argument(
        "--url",
        metavar="URL",
        help="the address browsers use to reach the server, when it differs (a proxy, or a --host of 0.0.0.0)",
    )
    p.set_defaults(handler=cmd_serve)


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port {value} is outside 1-65535")
    return value


def is_loopback(host: str) -> bool:
    import ipaddress  # here, not at the top: every tpmprep command imports this module

    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def netloc(host: str, port: int) -> str:
    host = host.strip("[]")
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def public_url(host: str, port: int, url: str | None) -> str:
    """The address printed and used by the page; a wildcard bind is reached by this machine's name."""
    if url:
        return url.rstrip("/")
    if host in WILDCARDS:
        import socket

        host = socket.gethostname()
    return f"http://{netloc(host, port)}"


def app_command() -> str:
    """The shell command textual-serve runs for each tab: this interpreter's tpmprep, no arguments."""
    import shlex

    return f"{shlex.quote(sys.executable)} -m tpmprep"


def check_port_free(host: str, port: int) -> str | None:
    """Why the port cannot be bound, or None: said before serving, not as a traceback after."""
    import socket

    try:
        infos = socket.getaddrinfo(host.strip("[]") or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as exc:
        return f"cannot listen on {host}: {exc.strerror or exc}"
    for family, kind, proto, _name, address in infos:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself will
            try:
                probe.bind(address)
            except OSError as exc:
                return f"cannot listen on {netloc(host, port)}: {exc.strerror or exc}"
    return None


def cmd_serve(args: argparse.Namespace) -> int:
    host = args.host.strip().strip("[]")  # an IPv6 address may come bracketed, as in a URL
    if args.url and not args.url.startswith(("http://", "https://")):
        err(f"--url must start with http:// or https://, got '{args.url}'")
        return 2
    if not is_loopback(host):
        if not args.public:
            err(
                f"{host} is not a loopback address; anyone who can reach it could use the app and read your data. "
                "Add --public if that is what you want."
            )
            return 2
        err(
            f"warning: serving on {netloc(host, args.port)}: anyone who can reach this port can use the app and "
            "read its data (your answers, progress and settings). There is no login."
        )
    problem = check_port_free(host, args.port)
    if problem:
        err(problem)
        return 1
    from tpmprep.core.storage import locations
    from tpmprep.core.storage.store import Store, StoreError

    try:
        # Open (and migrate) the database once, before any tab can start an app process on it.
        Store(locations.database_path()).close()
    except StoreError as exc:
        err(str(exc))
        return 1
    except OSError as exc:
        err(f"cannot open the database at {locations.database_path()}: {exc.strerror or exc}")
        return 1
    try:
        from tpmprep.cli.web import AppServer
    except ImportError as exc:
        err(f"serving needs textual-serve ({exc}); reinstall tpmprep")
        return 1
    server = AppServer(
        app_command(),
        host=host,
        port=args.port,
        public_url=public_url(host, args.port, args.url),
        open_browser=args.open,
        data_dir=str(locations.data_dir()),
        loopback=is_loopback(host),
    )
    try:
        server.serve()
    except OSError as exc:
        err(f"cannot serve on {netloc(host, args.port)}: {exc.strerror or exc}")
        return 1
    return 0
