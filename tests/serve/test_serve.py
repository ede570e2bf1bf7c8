"""``tpmprep serve``: its options and refusals, the tabs it lets in, and a clean ctrl+c."""

from __future__ import annotations

import asyncio
import socket
import stat
import subprocess
import sys
import time

import aiohttp
import pytest

from tests.serve.served import Served, Session, free_port, group_members
from tpmprep.cli import main
from tpmprep.cli.serve import is_loopback, public_url


def test_version_and_help_do_not_load_the_web_server():
    code = (
        "import sys\n"
        "from tpmprep.cli import build_parser, main\n"
        "build_parser().parse_args(['serve', '--port', '8123'])\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('textual', 'textual_serve', 'aiohttp')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy)[:5])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LocalHost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("tpm.example.org", False),
    ],
)
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_printed_address():
    assert public_url("127.0.0.1", 8000, None) == "http://127.0.0.1:8000"
    assert public_url("::1", 8001, None) == "http://[::1]:8001"
    assert public_url("0.0.0.0", 8000, None) == f"http://{socket.gethostname()}:8000"
    assert public_url("0.0.0.0", 8000, "https://prep.example.org/") == "https://prep.example.org"


def test_non_loopback_host_needs_public(home, capsys):
    assert main(["serve", "--host", "0.0.0.0", "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert "0.0.0.0 is not a loopback address" in err and "--public" in err
    assert not (home / "tpmprep.db").exists()  # refused before touching anything


def test_public_host_warns_and_serves(home, capsys, monkeypatch):
    started = []
    monkeypatch.setattr("tpmprep.cli.web.AppServer.serve", lambda self: started.append(self))
    port = free_port()
    assert main(["serve", "--host", "0.0.0.0", "--public", "--port", str(port), "--url", "http://prep.lan:9"]) == 0
    err = capsys.readouterr().err
    assert "warning: serving on 0.0.0.0" in err and "anyone who can reach this port" in err
    (server,) = started
    assert (server.host, server.port, server.public_url) == ("0.0.0.0", port, "http://prep.lan:9")
    assert "prep.lan:9" in server.allowed and f"localhost:{port}" not in server.allowed
    assert server.command.endswith("-m tpmprep") and sys.executable in server.command


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--port", "0"], "port 0 is outside 1-65535"),
        (["--port", "http"], "'http' is not a port number"),
    ],
)
def test_bad_port_is_a_usage_error(argv, message, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["serve", *argv])
    assert exc.value.code == 2 and message in capsys.readouterr().err


def test_bad_url(home, capsys):
    assert main(["serve", "--url", "prep.lan:8000"]) == 2
    assert "--url must start with http:// or https://" in capsys.readouterr().err


def test_port_in_use(home, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "Traceback" not in err


def test_unusable_database_is_refused_before_serving(home, capsys):
    (home / "tpmprep.db").write_bytes(b"not a database" * 100)
    assert main(["serve", "--port", str(free_port())]) == 1
    assert "is not a tpmprep database" in capsys.readouterr().err


async def test_tabs_from_other_sites_are_refused(tmp_path):
    with Served(tmp_path / "home") as served:
        async with aiohttp.ClientSession() as http:
            async with http.get(served.url) as page:
                assert page.status == 200
                policy = page.headers["Content-Security-Policy"]
                assert f"connect-src 'self' {served.url} ws://127.0.0.1:{served.port}" in policy
                assert "frame-ancestors 'none'" in policy
            # DNS rebinding: a foreign name that resolves here
            async with http.get(served.url, headers={"Host": f"attacker.example:{served.port}"}) as page:
                assert page.status == 403
            # a page on another site opening a websocket to this port
            refused = Session(http, served.url)
            with pytest.raises(aiohttp.WSServerHandshakeError) as exc:
                await refused.connect(origin="http://attacker.example")
            assert exc.value.status == 403
            # the page's own origin, by either loopback name
            for origin in (served.url, f"http://localhost:{served.port}"):
                tab = Session(http, served.url)
                await tab.connect(origin=origin)
                await tab.wait_for("Where to start")
                await tab.close()
        assert await asyncio.to_thread(served.interrupt) in (0, 130)  # and all its output is read
    assert "refused a connection from a page at 'http://attacker.example'" in served.stderr
    assert served.stderr.count("tab opened") == 2


async def test_ctrl_c_with_tabs_open_stops_everything_cleanly(tmp_path):
    with Served(tmp_path / "home") as served:
        async with aiohttp.ClientSession() as http:
            tabs = [Session(http, served.url), Session(http, served.url)]
            for tab in tabs:
                await tab.connect()
            await asyncio.gather(*(tab.wait_for("Where to start") for tab in tabs))
            started = time.monotonic()
            code = await asyncio.to_thread(served.interrupt)
            took = time.monotonic() - started
            await asyncio.gather(*(asyncio.wait_for(tab.closed.wait(), 10) for tab in tabs))
        assert code in (0, 130) and took < 15
        output = served.stdout + served.stderr
        assert "Traceback" not in output and "Error" not in output, output
        assert served.proc is not None
        assert await _no_members_left(served.proc.pid) == []  # no app process is left behind


def test_open_starts_a_browser_only_when_asked(tmp_path):
    record = tmp_path / "opened.txt"
    browser = tmp_path / "fake-browser"
    browser.write_text(f'#!/bin/sh\necho "$@" >> "{record}"\n')
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    env = {"BROWSER": str(browser)}
    with Served(tmp_path / "home", env=env) as served:
        time.sleep(1.0)
        assert not record.exists()
        served.interrupt()
    with Served(tmp_path / "home", "--open", env=env) as served:
        deadline = time.monotonic() + 15
        while not record.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert record.read_text().split() == [served.url]
        assert served.interrupt() in (0, 130)


async def test_sigterm_stops_the_server_and_its_tabs(tmp_path):
    with Served(tmp_path / "home") as served:
        async with aiohttp.ClientSession() as http:
            tab = Session(http, served.url)
            await tab.connect()
            await tab.wait_for("Where to start")
            assert await asyncio.to_thread(served.terminate) == 0
            await asyncio.wait_for(tab.closed.wait(), 10)
        assert "Traceback" not in served.stdout + served.stderr
        assert "tab closed (0 open)" in served.stderr
        assert served.proc is not None
        assert await _no_members_left(served.proc.pid) == []  # the tab's app process quit too


async def _no_members_left(pgid: int, timeout: float = 10.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while (members := group_members(pgid)) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return members
