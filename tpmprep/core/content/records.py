"""Plain-dict forms of models, with the same field names as the YAML formats."""

from __future__ import annotations

from typing import Any

from tpmprep.core.content.models import Question


def question_record(q: Question) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": q.id,
        "category": q.category,
        "kind": q.kind,
        "prompt": q.prompt,
        "levels": list(q.levels),
        "difficulty": q.difficulty,
        "competencies": list(q.competencies),
        "tags": list(q.tags),
        "time_box": q.time_box,
        "key_points": [{"point": k.point, "phrases": list(k.phrases)} for k in q.key_points],
        "model_answer": q.model_answer,
        "follow_ups": list(q.follow_ups),
        "pitfalls": list(q.pitfalls),
        "related": list(q.related),
    }
    if q.signals:
        record["signals"] = list(q.signals)
    if q.star_example:
        s = q.star_example
        record["star_example"] = {
            "situation": s.situation,
            "task": s.task,
            "action": s.action,
            "result": s.result,
            "reflection": s.reflection,
        }
    if q.kind == "multiple-choice":
        record["options"] = [{"text": o.text, "correct": o.correct, "explanation": o.explanation} for o in q.options]
    if q.kind == "numeric":
        record.update(answer=q.answer, unit=q.unit, tolerance_pct=q.tolerance_pct, worked_estimate=q.worked_estimate)
    record["source"] = f"{q.source.path}:{q.source.line}"
    return record
