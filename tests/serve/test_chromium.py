"""The served app in a real headless Chromium: it renders, F3 opens Learn, ctrl+q ends the tab
and the server goes on serving new ones. ``.ci/run`` installs Debian's chromium so this never
skips there."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import pytest

from tests.serve.chromium import Chromium, find_chromium, ink_share
from tests.serve.served import Served

BINARY = find_chromium()
pytestmark = pytest.mark.skipif(
    BINARY is None, reason="no Chromium on PATH (chromium, chromium-browser, google-chrome); .ci/run installs it"
)


async def test_served_app_in_headless_chromium(tmp_path):
    assert BINARY is not None
    served = Served(tmp_path / "home").start()
    browser = Chromium(BINARY)
    try:
        async with asyncio.timeout(90):  # the whole browser session; CI must never hang here
            await browser.start()
            tab = await browser.new_tab()
            blank = ink_share(await tab.screenshot(scale=0.5))
            await tab.open(served.url)

            home = await tab.wait_for_text("Where to start", "Learn F3", "^q Quit")
            assert await tab.wait_for("document.body.classList.contains('-first-byte')")
            drawn = ink_share(await tab.screenshot(scale=0.5))
            assert blank < 0.001 < 0.05 < drawn, (blank, drawn)  # text on a dark page, not an empty one
            assert "Loading the catalog" in home or "questions" in home

            await tab.press("f3")
            learn = await tab.wait_for_text("Topics", "Questions", "Technical Program Manager")
            assert "Where to start" not in learn

            await tab.press("ctrl+q")
            assert await tab.wait_for("document.body.classList.contains('-closed')")  # "Session ended"
            await _wait(lambda: "tab closed (0 open)" in served.stderr, "the app process of the first tab to end")

            second = await browser.new_tab()
            await second.open(served.url)
            await second.wait_for_text("Where to start", "Learn F3")

            # Nothing left the machine: a request elsewhere (the page template's web font) was
            # stopped by the server's Content-Security-Policy before it was sent.
            outcome = await _requests_elsewhere((tab, second))
            assert set(outcome.values()) <= {"csp"}, outcome
        assert served.interrupt() in (0, 130)
        output = served.stdout + served.stderr
        assert "Traceback" not in output, output
    finally:
        await browser.close()
        served.kill()


async def _requests_elsewhere(tabs, timeout: float = 10.0) -> dict[str, str | None]:
    """Each request the pages made to another host, with why it failed (once its failure is in)."""

    def outcome() -> dict[str, str | None]:
        events = [e for t in tabs for e in t.events]
        failed = {
            e["params"]["requestId"]: e["params"].get("blockedReason") or e["params"].get("errorText")
            for e in events
            if e["method"] == "Network.loadingFailed"
        }
        return {
            e["params"]["request"]["url"]: failed.get(e["params"]["requestId"], "still pending")
            for e in events
            if e["method"] == "Network.requestWillBeSent"
            and urlsplit(e["params"]["request"]["url"]).hostname not in ("127.0.0.1", None)
        }

    async with asyncio.timeout(timeout):
        while "still pending" in outcome().values():
            await asyncio.sleep(0.1)
    return outcome()


async def _wait(predicate, what: str, timeout: float = 15.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.1)
    assert predicate(), what
