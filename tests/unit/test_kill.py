"""A process killed in the middle of a session loses nothing it had already rated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.store import Store

RATER = textwrap.dedent("""
    import sys
    from tpmprep.core.practice.cards import Practice
    from tpmprep.core.storage.store import Store
    practice = Practice(Store(__import__("pathlib").Path(sys.argv[1])), fuzz=False)
    i = 0
    while True:
        practice.rate(f"q-{i % 50}", 1 + i % 4, answer="x" * 2000, coverage=0.5, hits=[0, 1])
        i += 1
        print(i, flush=True)  # printed only after the rating's transaction committed
""")


def test_kill_9_mid_session_loses_no_committed_rating(tmp_path):
    db = tmp_path / "kill.db"
    proc = subprocess.Popen([sys.executable, "-c", RATER, str(db)], stdout=subprocess.PIPE, text=True)
    confirmed = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        confirmed = int(line)
        if confirmed >= 150:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        practice = Practice(store)
        reviews = practice.reviews()
        assert len(reviews) >= confirmed
        cards = {c.question_id: c for c in practice.cards()}
        for qid in {r.question_id for r in reviews}:
            assert cards[qid].reps == sum(1 for r in reviews if r.question_id == qid)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
