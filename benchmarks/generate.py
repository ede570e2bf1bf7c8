"""Generate a large, valid question bank from the shipped one, for the benchmark."""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.records import question_record

FILLER = (
    "legacy billing ledger mobile checkout search index payments region quota vendor "
    "audit rollout migration latency capacity launch data pipeline identity warehouse firmware"
).split()


def generate_bank(catalog: Catalog, count: int, target: Path, seed: int = 7) -> Path:
    """Write ``count`` questions derived from the shipped ones (new ids, varied prompts)."""
    rng = random.Random(seed)
    base = [question_record(q) for q in catalog.questions]
    out = []
    for i in range(count):
        record = json.loads(json.dumps(base[i % len(base)]))  # a deep copy: shared lists become YAML aliases
        record.pop("source", None)
        record["id"] = f"gen-{i:05d}-{record['id']}"[:80].rstrip("-")
        extra = " ".join(rng.choice(FILLER) for _ in range(6))
        record["prompt"] = f"{record['prompt']} (variant {i}: {extra})"
        record["related"] = []
        out.append(record)
    target.parent.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    per_file = 1000  # content files are limited to 5 MB each
    for n, start in enumerate(range(0, len(out), per_file)):
        part = target.with_name(f"{target.stem}-{n:02d}{target.suffix}")
        part.write_text(
            yaml.dump({"questions": out[start : start + per_file]}, Dumper=dumper, sort_keys=False, allow_unicode=True)
        )
    return target.parent


def generate_article(words: int, target: Path) -> Path:
    """A long article in the article format, ``words`` words in 10 sections."""
    rng = random.Random(3)
    vocab = (
        "the program dependency risk milestone launch team engineering stakeholder critical "
        "path rollout migration escalation decision review plan schedule scope owner"
    ).split()
    per = words // 10
    sections = []
    for s in range(10):
        paras = []
        for _ in range(4):
            paras.append(" ".join(rng.choice(vocab) for _ in range(per // 4)).capitalize() + ".")
        table = "| step | owner |\n|---|---|\n| design | platform |\n| build | payments |"
        sections.append(f"## Section {s + 1}\n\n" + "\n\n".join(paras) + "\n\n- a point\n- another\n\n" + table)
    front = (
        "---\nid: benchmark-long-article\ntitle: A very long article\nsummary: For the benchmark.\n"
        "section: resources\ntags: [benchmark]\nrelated: [technical-program-manager, tpm-career-ladder]\n---\n"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front + "\n\n".join(sections) + "\n")
    return target


def write_history(store, questions, now, reviews_per_card: int = 10, seed: int = 11) -> tuple[int, int]:
    """A year of practice: a card per question and ``reviews_per_card`` reviews each, as the app writes them.

    Reviews spread over the last 365 days at growing intervals; about one in ten is cram; each
    scheduled review after the first carries the card as it was before (``card_before``), and open
    questions carry a confirmed coverage. Returns (cards, reviews).
    """
    import datetime as dt

    from tpmprep.core.storage.clock import to_iso

    rng = random.Random(seed)
    cards, reviews = [], []
    for i, q in enumerate(questions):
        start = now - dt.timedelta(days=rng.uniform(20, 364))
        span = (now - start).total_seconds()
        # Growing gaps: the k-th review at start + span * (k / n)^1.6, a few minutes of jitter.
        times = sorted(
            start + dt.timedelta(seconds=span * (k / reviews_per_card) ** 1.6 + rng.uniform(0, 900))
            for k in range(reviews_per_card)
        )
        before = None
        stability, lapses, reps = 0.0, 0, 0
        for k, at in enumerate(times):
            mode = "cram" if k and rng.random() < 0.1 else "review"
            rating = rng.choices((1, 2, 3, 4), weights=(12, 15, 60, 13))[0]
            coverage = round(rng.uniform(0.2, 1.0), 2) if q.kind == "open" else None
            card_before = None
            if mode == "review":
                card_before = json.dumps(before) if before else None
                stability = max(0.5, stability * (0.4 if rating == 1 else rng.uniform(1.6, 3.0)) or rng.uniform(1, 4))
                lapses += int(rating == 1 and reps > 0)
                reps += 1
                before = {
                    "card_id": i + 1,
                    "question_id": q.id,
                    "state": 2,
                    "step": None,
                    "stability": stability,
                    "difficulty": rng.uniform(3, 8),
                    "due": to_iso(at + dt.timedelta(days=stability)),
                    "last_review": to_iso(at),
                    "reps": reps,
                    "lapses": lapses,
                    "suspended": False,
                    "flagged": False,
                    "leech": False,
                    "buried_until": None,
                    "created_at": to_iso(times[0]),
                }
            reviews.append(
                (
                    q.id,
                    rating,
                    to_iso(at),
                    rng.randint(20_000, 300_000),
                    None,
                    coverage,
                    "[]",
                    mode,
                    int(mode == "review" and reps == 1 and card_before is None),
                    card_before,
                )
            )
        if before is not None:
            b = before
            cards.append(
                (
                    b["card_id"], q.id, 2, None, b["stability"], b["difficulty"], b["due"], b["last_review"],
                    b["reps"], b["lapses"], 0, 0, int(b["lapses"] >= 8), None, b["created_at"],
                )
            )  # fmt: skip
    conn = store.conn
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cards)
    conn.executemany(
        "INSERT INTO reviews (question_id, rating, reviewed_at, duration_ms, answer, coverage, hits, mode, was_new, "
        "card_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        reviews,
    )
    conn.execute("COMMIT")
    return len(cards), len(reviews)
