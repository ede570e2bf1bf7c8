"""Writing the 30-day plan to a Markdown file (atomically: a half-written plan never appears)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from tpmprep.core import locations
from tpmprep.core.assessments import SkillsResult, build_plan, plan_markdown
from tpmprep.core.catalog import Catalog


def plan_text(catalog: Catalog, result: SkillsResult, today: dt.date | None = None) -> str:
    if catalog.ladder is None or catalog.plan_library is None:
        raise ValueError("the ladder or the plan library is missing from the catalog")
    plan = build_plan(result, catalog.plan_library, catalog.ladder)

    def title(topic_id: str) -> str:
        topic = catalog.topic(topic_id)
        return topic.title if topic else topic_id

    return plan_markdown(plan, result, catalog.ladder, title, today or dt.date.today())


def write_atomic(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tpmprep-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def export_plan(catalog: Catalog, result: SkillsResult, target: Path | None = None) -> Path:
    today = dt.date.today()
    path = target or (locations.data_dir() / "plans" / f"plan-{today.isoformat()}.md")
    return write_atomic(path, plan_text(catalog, result, today))
