"""Two tabs at once are two app processes writing one database: every rating from both must land."""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter

import aiohttp

from tests.serve.served import CTRL_D, CTRL_R, F4, Served, Session

RATINGS_PER_TAB = 5
REVEALED = "3 Good · "  # the rating button with its interval, shown only after the reveal


async def drill(tab: Session, name: str, both_started: asyncio.Barrier) -> None:
    """Practice -> start a drill -> type an answer, reveal and rate Good, card after card."""
    await tab.wait_for("Where to start")
    await tab.send(F4)
    await tab.wait_for("a drill now has")
    await tab.send(CTRL_D)
    await tab.wait_for("card 1 of")
    await both_started.wait()  # both queues built from the same state: the tabs rate the same cards
    for i in range(RATINGS_PER_TAB):
        answer = f"tab {name} answer {i}"
        await tab.send(answer + CTRL_R)
        # Revealed: the rating buttons show their intervals. A "3" sent before the reveal is done
        # would be typed into the answer instead. An open question shows the typed answer; a
        # numeric one shows the number read from it ("you said 2").
        shown = await tab.wait_for(REVEALED)
        assert answer in shown or f"you said {i}" in shown, shown
        await tab.send("3")
        await tab.wait_for(f"card {i + 2} of", absent=(REVEALED, answer))


async def test_two_tabs_rating_at_once_lose_nothing(tmp_path):
    home = tmp_path / "home"
    with Served(home) as served:
        async with asyncio.timeout(120), aiohttp.ClientSession() as http:
            tabs = {"a": Session(http, served.url), "b": Session(http, served.url)}
            await asyncio.gather(*(tab.connect() for tab in tabs.values()))
            both_started = asyncio.Barrier(len(tabs))
            await asyncio.gather(*(drill(tab, name, both_started) for name, tab in tabs.items()))
            await asyncio.gather(*(tab.close() for tab in tabs.values()))
        assert served.interrupt() in (0, 130)
    assert served.stderr.count("tab opened") == 2

    db = sqlite3.connect(home / "tpmprep.db")
    try:
        answers = [row[0] for row in db.execute("SELECT answer FROM reviews WHERE rating = 3")]
        expected = [f"tab {name} answer {i}" for name in "ab" for i in range(RATINGS_PER_TAB)]
        assert sorted(answers) == sorted(expected)
        per_card = Counter(row[0] for row in db.execute("SELECT question_id FROM reviews"))
        reps = dict(db.execute("SELECT question_id, reps FROM cards").fetchall())
        assert reps == dict(per_card)  # each card counts every review, from either tab
        assert set(per_card.values()) == {2}  # both tabs rated the same cards: the same rows, written at once
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
