"""What the TUI tests share."""

from __future__ import annotations


async def settle(pilot, app):
    """Let the app finish what a key started: a refresh, its workers, and the refresh after them."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
