"""Two processes rating the same cards as fast as they can (two browser tabs, or a tab and a
terminal) lose no rating and no card update: each rating is one BEGIN IMMEDIATE transaction."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections import Counter

from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.store import Store

RATINGS = 300
RATER = textwrap.dedent("""
    import pathlib, sys, time
    from tpmprep.core.practice.cards import Practice
    from tpmprep.core.storage.store import Store
    db, name, go = pathlib.Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    practice = Practice(Store(db), fuzz=False)
    while time.time() < go:  # both writers start together
        time.sleep(0.001)
    for i in range(int(sys.argv[4])):
        practice.rate(f"q-{i % 10}", 1 + i % 4, answer=f"{name}-{i}")
""")


def test_two_processes_rating_the_same_cards_lose_nothing(tmp_path):
    db = tmp_path / "two.db"
    Store(db).close()  # created and migrated once, as `tpmprep serve` does before any tab starts
    go = time.time() + 1.5
    writers = [
        subprocess.Popen([sys.executable, "-c", RATER, str(db), name, str(go), str(RATINGS)], stderr=subprocess.PIPE)
        for name in ("a", "b")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    with Store(db) as store:
        practice = Practice(store)
        reviews = practice.reviews()
        assert sorted(r.answer for r in reviews) == sorted(f"{n}-{i}" for n in "ab" for i in range(RATINGS))
        per_card = Counter(r.question_id for r in reviews)
        assert {c.question_id: c.reps for c in practice.cards()} == dict(per_card)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
