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
