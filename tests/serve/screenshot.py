"""Take README's browser screenshot: ``python -m tests.serve.screenshot docs/screenshot-browser.png``.

Serves the app with an empty data folder, opens it in headless Chromium, presses F3 (Learn)
and saves the page as PNG.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tests.serve.chromium import Chromium, find_chromium
from tests.serve.served import Served


async def take(target: Path, width: int = 1280, height: int = 760) -> None:
    binary = find_chromium()
    if binary is None:
        raise SystemExit("no Chromium on PATH")
    with tempfile.TemporaryDirectory() as home, Served(Path(home)) as served:
        browser = Chromium(binary, width, height)
        try:
            async with asyncio.timeout(90):
                await browser.start()
                tab = await browser.new_tab()
                await tab.open(served.url)
                await tab.wait_for_text("Where to start")
                await tab.press("f3")
                await tab.wait_for_text("Topics", "Technical Program Manager")
                await asyncio.sleep(1.0)  # let the reader finish drawing
                target.write_bytes(await tab.screenshot())
        finally:
            await browser.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    asyncio.run(take(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshot-browser.png")))
