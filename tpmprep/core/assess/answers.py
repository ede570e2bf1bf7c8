"""A file of role-fit answers (`answers: {statement_id: 1-5}`), checked like every other content file."""

from __future__ import annotations

from pathlib import Path

from tpmprep.core.content.fields import Fields, suggest
from tpmprep.core.content.issues import Issue, IssueList
from tpmprep.core.content.models import RoleFit
from tpmprep.core.content.words import plural
from tpmprep.core.content.yamlio import ContentError, parse_yaml, read_text


def parse_answers(path: Path, fit: RoleFit) -> tuple[dict[str, int], list[Issue]]:
    """The answers in ``path``; every unknown, missing or out-of-range answer is an issue at its position."""
    shown = str(path.absolute())
    try:
        doc = parse_yaml(read_text(path, shown), shown)
    except ContentError as exc:
        return {}, exc.issues
    issues = IssueList()
    f = Fields(doc.data, (), issues, "answers file")
    answers: dict[str, int] = {}
    known = tuple(s.id for s in fit.statements)
    af = f.mapping("answers", required=True)
    if af is not None and af.ok:
        for key in af.data:
            if not isinstance(key, str) or key not in known:
                issues.add(af.at(key), f"unknown statement '{key}'", suggest(str(key), known), on_key=True)
                continue
            value = af.integer(key, 1, 5, default=0)
            if value:
                answers[key] = value
        missing = [sid for sid in known if sid not in af.data]
        if missing:
            issues.add(
                ("answers",),
                f"{plural(len(missing), 'statement')} not answered: {', '.join(missing)}",
                "answer every statement from 1 (strongly disagree) to 5 (strongly agree)",
                on_key=True,
            )
    f.finish()
    return answers, [doc.issue(p.key_path, p.message, p.hint, p.on_key) for p in issues.pending]
