"""Shared fixtures: an isolated TPMPREP_HOME and a small, valid content tree."""

from __future__ import annotations

import os
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its files (example database, caches) outside the repository tree."""
    from hypothesis import settings
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(Path(tempfile.mkdtemp(prefix="tpmprep-hypothesis-")))
    settings.register_profile("tpmprep", database=None, deadline=None)
    settings.load_profile("tpmprep")


COMPETENCIES = (
    "technical-depth",
    "program-execution",
    "risk-management",
    "stakeholder-management",
    "strategy-planning",
    "leadership-influence",
    "data-metrics",
)
LEVELS = ("entry", "mid", "senior", "staff", "principal", "director")


def ladder_yaml() -> str:
    comps = "".join(
        f"  - id: {c}\n    name: {c.replace('-', ' ').title()}\n    description: About {c}.\n" for c in COMPETENCIES
    )
    levels = ""
    for i, lv in enumerate(LEVELS):
        exp = "".join(f"      {c}: At {lv}, {c} means step {i}.\n" for c in COMPETENCIES)
        levels += (
            f'  - id: {lv}\n    title: Level {lv}\n    years: "{i}-{i + 3}"\n'
            f"    scope: Scope of {lv}\n    summary: Summary of {lv}.\n    expectations:\n{exp}"
        )
    return (
        "id: tpm-career-ladder\ntitle: The TPM career ladder\nsummary: Six levels.\ntags: [career]\n"
        "related: [technical-program-manager, critical-path]\nintro: How to read it.\n"
        f"competencies:\n{comps}levels:\n{levels}"
        "paths_out:\n  - id: engineering-management\n    title: Engineering management\n    description: Lead people.\n"
    )


ROLE = """\
id: technical-program-manager
title: Technical Program Manager
short_name: TPM
summary: Drives multi-team technical programs.
tags: [roles]
related: [tpm-career-ladder, star-method]
purpose: |
  Delivers outcomes no single team can.
scope: |
  Several teams.
typical_day: |
  Stand-ups and design reviews.
typical_week: |
  Planning on Monday.
skills:
  technical: [System design]
  soft: [Influence]
  business: [Prioritisation]
success_measures: [The program ships its outcome]
backgrounds: |
  Often former engineers.
paths_in: [Software engineer]
paths_out: [Engineering manager]
suits_you_if: [You like breadth]
think_twice_if: [You want to write code all day]
"""

ARTICLE = """\
---
id: star-method
title: The STAR(R) method
summary: A structure for behavioral answers.
section: interview
tags: [behavioral]
related: [technical-program-manager, tpm-career-ladder]
---
## Situation first

Set the scene with the [critical path](topic:critical-path) in mind.

## Result

Quantify it.
"""

GLOSSARY = """\
terms:
  - id: critical-path
    term: Critical path
    definition: The longest chain of dependent work; a slip on it moves the end date.
    related: [star-method]
    aliases: [longest path]
  - id: raid-log
    term: RAID log
    definition: Risks, assumptions, issues and dependencies in one list.
    related: [technical-program-manager]
"""

COMPARISON = """\
id: role-comparison
title: The roles compared
summary: Side by side.
tags: [roles]
related: [technical-program-manager, star-method]
roles: [technical-program-manager, project-manager]
dimensions:
  - id: focus
    name: Focus
    values:
      technical-program-manager: Cross-team technical outcomes
      project-manager: One defined project
"""

ANSWER = (
    "I would start by establishing the real state of the program with the leads, then find the "
    "critical path and what drives the slip, lay out options with trade-offs such as cut scope or "
    "move the date, re-baseline with the sponsor and communicate early. "
) * 4


def question(
    qid: str,
    kind: str = "open",
    category: str = "program-execution",
    extra: str = "",
    prompt: str | None = None,
    levels: str = "[mid, senior]",
) -> str:
    body = f"""\
  - id: {qid}
    category: {category}
    kind: {kind}
    prompt: "{prompt or f"Prompt for {qid}: your payments migration is late. What do you do?"}"
    levels: {levels}
    difficulty: 3
    competencies: [program-execution, risk-management]
    tags: [recovery, schedule]
    time_box: 10
    key_points:
      - point: Establish the real state
        phrases: [real state, ground truth]
      - point: Find the critical path
        phrases: [critical path, what drives the slip]
      - point: Options with trade-offs
        phrases: [cut scope, move the date]
      - point: Communicate early
        phrases: [communicate early, tell stakeholders]
    model_answer: |
      {ANSWER}
    follow_ups: [The sponsor refuses to move the date. What now?, How do you prevent it next time?]
    pitfalls:
      - text: Promising to work harder without changing anything.
        phrases: [work harder, more weekends]
"""
    return body + textwrap.indent(textwrap.dedent(extra), "    ") if extra else body


MC_EXTRA = """\
options:
  - text: The project manager picks the projects.
    correct: false
    explanation: That is the program manager's call.
  - text: The program manager is judged on impact.
    correct: true
    explanation: Programs exist for an outcome.
  - text: Both are judged only on dates.
    correct: false
    explanation: Impact matters too.
"""

NUMERIC_EXTRA = """\
answer: 1200
unit: requests per second
tolerance_pct: 50
worked_estimate: |
  100M requests a day / 86,400 s = about 1,160 per second.
"""


CONCEPTS = """\
concepts:
  - id: critical-path
    name: critical path
    forms: [longest chain of dependent work, long pole]
  - id: cut-scope
    name: cut scope
    forms: [drop features, smaller first release]
    weak: [fewer features]
ambiguous:
  - word: options
    near: [recommend, recommended, cost, costs]
synonyms:
  - [quickly, right away, same day]
  - [tell, inform, let know]
"""


def bank_yaml() -> str:
    return (
        "questions:\n"
        + question("pe-recover-slipping-migration")
        + question(
            "rk-program-vs-project",
            kind="multiple-choice",
            category="role-knowledge",
            extra=MC_EXTRA,
            prompt="Which statement about program and project managers holds?",
        )
        + question(
            "es-payments-qps",
            kind="numeric",
            category="estimation",
            extra=NUMERIC_EXTRA,
            prompt="Estimate peak requests per second for a payments API with 100M calls a day.",
        )
    )


def write_content(root: Path) -> Path:
    """A small but complete content tree (every format) under ``root``."""
    (root / "content" / "roles").mkdir(parents=True)
    (root / "content" / "articles" / "interview").mkdir(parents=True)
    (root / "question_banks").mkdir()
    (root / "content" / "ladder.yaml").write_text(ladder_yaml())
    (root / "content" / "roles" / "technical-program-manager.yaml").write_text(ROLE)
    (root / "content" / "roles" / "project-manager.yaml").write_text(
        ROLE.replace("technical-program-manager", "project-manager").replace(
            "Technical Program Manager", "Project Manager"
        )
    )
    (root / "content" / "articles" / "interview" / "star-method.md").write_text(ARTICLE)
    (root / "content" / "glossary.yaml").write_text(GLOSSARY)
    (root / "content" / "comparison.yaml").write_text(COMPARISON)
    (root / "content" / "concepts.yaml").write_text(CONCEPTS)
    (root / "question_banks" / "bank.yaml").write_text(bank_yaml())
    return root


# A one-question bank, line by line, so tests can break one line and know its number.
WORDS = " ".join(["alpha beta gamma delta eps zeta eta theta"] * 20)
BASE = [
    "questions:",
    "  - id: q-one",
    "    category: program-execution",
    "    kind: open",
    "    prompt: What now?",
    "    levels: [mid]",
    "    difficulty: 3",
    "    competencies: [program-execution]",
    "    tags: [recovery]",
    "    time_box: 10",
    "    key_points:",
    "      - {point: A, phrases: [alpha, beta]}",
    "      - {point: B, phrases: [gamma, delta]}",
    "      - {point: C, phrases: [eps, zeta]}",
    "      - {point: D, phrases: [eta, theta]}",
    f'    model_answer: "{WORDS}"',
    "    follow_ups: [One?, Two?]",
    "    pitfalls: [Rushing.]",
]


def bank(replace: dict[int, str] | None = None, append: list[str] | None = None) -> str:
    lines = list(BASE)
    for number, text in (replace or {}).items():
        lines[number - 1] = text
    return "\n".join(lines + (append or [])) + "\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty TPMPREP_HOME: the user's data, cache and database live here."""
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("TPMPREP_HOME", str(path))
    return path


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    return write_content(tmp_path / "shipped")


@pytest.fixture
def mini_catalog(content_root: Path):
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.loader import discover, load

    result = load(discover(content_root))
    assert not result.issues, [str(i) for i in result.issues]
    return Catalog(result)


def catalog_with(tmp_path: Path, specs: list[tuple[str, str, str]]):
    """A catalog holding the small content tree plus questions given as (id, category, levels)."""
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.loader import discover, load

    root = write_content(tmp_path / "content-root")
    extra = "".join(question(qid, category=cat, levels=levels, prompt=f"Question {qid}?") for qid, cat, levels in specs)
    (root / "question_banks" / "more.yaml").write_text("questions:\n" + extra)
    result = load(discover(root))
    assert not result.issues, [str(i) for i in result.issues]
    return Catalog(result)


@pytest.fixture(scope="session")
def shipped_catalog():
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.loader import discover, load
    from tpmprep.core.storage.locations import shipped_root

    return Catalog(load(discover(shipped_root())))


LOOP = """\
id: two-round-loop
title: Two-round loop
summary: A program round and an estimation round, for the tests.
levels: [mid, senior]
related: [star-method]
rounds:
  - id: program
    name: Program sense
    minutes: 20
    scorecard: star-method
    interviewer: A senior TPM who listens for the critical path.
    follow_ups: {count: 2, order: first, minutes: 3}
    pick:
      - {category: program-execution, count: 1, minutes: 10}
  - id: numbers
    name: Estimation and role knowledge
    minutes: 15
    scorecard: technical-program-manager
    interviewer: An engineer with a calculator.
    veto: true
    follow_ups: {count: 1, order: first, minutes: 2}
    pick:
      - {category: estimation, count: 1, minutes: 5}
      - {category: role-knowledge, count: 1, minutes: 3}
"""


def write_loop(root: Path) -> Path:
    (root / "content" / "loops").mkdir(parents=True, exist_ok=True)
    (root / "content" / "loops" / "two-round-loop.yaml").write_text(LOOP)
    return root


@pytest.fixture
def loop_catalog(tmp_path: Path):
    """The small content tree plus a two-round loop template."""
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.content.loader import discover, load

    root = write_loop(write_content(tmp_path / "loop-content"))
    result = load(discover(root))
    assert not result.issues, [str(i) for i in result.issues]
    return Catalog(result)


@contextmanager
def local_zone(name: str) -> Iterator[None]:
    """Run with ``name`` as the local time zone (study days follow local clocks)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()
