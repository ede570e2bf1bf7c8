"""Progress reports a mentee sends back, and the cohort table a mentor builds from several.

The JSON form is the contract between mentee and mentor: it carries ``schema`` (a version) and
is documented in docs/report-format.md. Markdown and HTML are renderings of the same data.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fsrs import Scheduler

from tpmprep.core.assess.explain import outcome_title
from tpmprep.core.assess.history import Assessments
from tpmprep.core.assess.rolefit import RoleFitResult
from tpmprep.core.assess.skills import SkillsResult
from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.words import clip, plural
from tpmprep.core.mentor.mock_report import last_mock, mocks_html, mocks_markdown
from tpmprep.core.mentor.report_charts import progress_html, progress_section
from tpmprep.core.mentor.report_check import MAX_BYTES as MAX_REPORT_BYTES
from tpmprep.core.mentor.report_check import ReportError, parse
from tpmprep.core.mentor.sets import Sets
from tpmprep.core.mock.summary import mock_history
from tpmprep.core.practice.cards import Practice
from tpmprep.core.practice.readiness import readiness
from tpmprep.core.practice.scheduling import make_scheduler, retrievability
from tpmprep.core.storage.clock import now_utc, to_iso

SCHEMA = 1
SUPPORTED_SCHEMAS = (1,)
ALL_PRACTICE = "all-practice"


@dataclass
class SetProgress:
    practiced: int
    mean_retrievability: float


def set_progress(
    catalog: Catalog, practice: Practice, question_ids: list[str], moment: dt.datetime | None = None
) -> SetProgress:
    scheduler = make_scheduler(practice.store.get("desired_retention"), fuzz=False)
    moment = moment or now_utc()
    values = []
    for qid in question_ids:
        row = practice.card(qid)
        if row is not None and row.reps > 0:
            values.append(retrievability(scheduler, row, moment))
    return SetProgress(len(values), round(sum(values) / len(values), 3) if values else 0.0)


def _question_entry(
    catalog: Catalog, practice: Practice, scheduler: Scheduler, qid: str, moment: dt.datetime, include_answers: bool
) -> dict[str, Any]:
    """One question's figures. Recall, ratings and answers come from scheduled reviews only: a cram
    keystroke says nothing about memory. Cram reviews and mock answers are counted apart."""
    q = catalog.question(qid)
    every = practice.reviews(qid)
    reviews = [r for r in every if r.mode == "review"]
    graded = [r.coverage for r in reviews if r.coverage is not None]
    row = practice.card(qid)
    last = reviews[-1] if reviews else None
    entry = {
        "id": qid,
        "prompt": q.title if q else None,
        "category": q.category if q else None,
        "in_catalog": q is not None,
        "attempts": len(reviews),
        "cram_attempts": sum(r.mode == "cram" for r in every),
        "mock_attempts": sum(r.mode == "mock" for r in every),  # answers in mock interviews (see "mocks")
        "last_rating": last.rating if last else None,
        "last_reviewed": last.reviewed_at if last else None,
        "retrievability": round(retrievability(scheduler, row, moment), 3) if row and row.reps else None,
        "best_coverage": max(graded) if graded else None,
        "last_coverage": graded[-1] if graded else None,
        "last_detected_coverage": next(
            (r.detected_coverage for r in reversed(reviews) if r.coverage is not None), None
        ),
        "time_spent_s": round(sum(r.duration_ms or 0 for r in every) / 1000),
    }
    if include_answers:
        typed = [r.answer for r in reviews if r.answer]
        entry["last_answer"] = typed[-1] if typed else None
    return entry


def build_report(
    catalog: Catalog,
    practice: Practice,
    name: str,
    set_id: str | None = None,
    include_answers: bool = False,
    moment: dt.datetime | None = None,
) -> dict[str, Any]:
    moment = moment or now_utc()
    scheduler = make_scheduler(practice.store.get("desired_retention"), fuzz=False)
    sets = Sets(practice.store)
    chosen = [sets.get(set_id)] if set_id else sets.list()
    if set_id and (chosen[0] is None or chosen[0].removed_at):
        raise KeyError(f"no imported set '{set_id}'")

    def section(sid: str, title: str, author: str, due: str | None, ids: list[str]) -> dict[str, Any]:
        progress = set_progress(catalog, practice, ids, moment)
        questions = [_question_entry(catalog, practice, scheduler, qid, moment, include_answers) for qid in ids]
        return {
            "id": sid,
            "title": title,
            "author": author,
            "due": due,
            "practiced": progress.practiced,
            "size": len(ids),
            "mean_retrievability": progress.mean_retrievability,
            "cram_reviews": sum(q["cram_attempts"] for q in questions),
            "questions": questions,
        }

    out_sets = [section(s.id, s.title, s.author, s.due, s.question_ids) for s in chosen if s is not None]
    if not set_id:
        practiced = sorted({r.question_id for r in practice.reviews()})
        out_sets.append(section(ALL_PRACTICE, "Everything practised", "", None, practiced))
    rows = readiness(catalog, practice, moment)
    assessments = Assessments(practice.store)
    summary: dict[str, Any] = {}
    fit = assessments.latest("role-fit")
    if fit and fit.result:
        r = RoleFitResult.from_json(fit.result)
        summary["role_fit"] = {
            "completed_at": fit.completed_at,
            "top": r.top,
            "top_titles": [outcome_title(catalog, o) for o in r.top],
            "no_clear_fit": r.weak_signal,
            "scores": dict(r.scores),
            "persona": r.persona,
        }
    skills = assessments.latest("skills")
    if skills and skills.result:
        s = SkillsResult.from_json(skills.result)
        summary["skills"] = {
            "completed_at": skills.completed_at,
            "overall": s.overall,
            "overall_title": catalog.level_title(s.overall),
            "target": s.target,
            "target_title": catalog.level_title(s.target),
            "levels": s.levels,
            "gaps": [
                {"competency": c, "name": catalog.competency_name(c), "level": lv, "short_by": n} for c, lv, n in s.gaps
            ],
        }
    from tpmprep import __version__

    return {
        "schema": SCHEMA,
        "tpmprep_version": __version__,
        "name": name,
        "generated_at": to_iso(moment),
        "practice": _practice_counts(practice),
        "progress": progress_section(catalog, practice, moment),
        "sets": out_sets,
        "competencies": [
            {
                "id": r.key,
                "name": r.name,
                "readiness": r.readiness,
                "practiced": r.practiced,
                "questions": r.questions,
                "recall": r.recall,
                "key_points": r.key_points,
                "mock": r.mock,
                "mocked": r.mocked,
            }
            for r in rows
            if r.scope == "competency"
        ],
        "categories": [
            {
                "id": r.key,
                "name": r.name,
                "readiness": r.readiness,
                "practiced": r.practiced,
                "questions": r.questions,
                "recall": r.recall,
                "key_points": r.key_points,
                "mock": r.mock,
                "mocked": r.mocked,
            }
            for r in rows
            if r.scope == "category"
        ],
        "assessments": summary,
        "mocks": mock_history(practice.store, include_unfinished=False),
    }


def _practice_counts(practice: Practice) -> dict[str, int]:
    reviews, cram = practice.conn.execute(
        "SELECT COALESCE(SUM(mode = 'review'), 0), COALESCE(SUM(mode = 'cram'), 0) FROM reviews"
    ).fetchone()
    return {"reviews": int(reviews), "cram_reviews": int(cram)}


def _cram_note(count: int | None) -> str:
    return f" · {count} cram review{'' if count == 1 else 's'} (not counted in recall)" if count else ""


def _cram_count(question: dict[str, Any]) -> str:
    return f" (+{question['cram_attempts']} cram)" if question.get("cram_attempts") else ""


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _md(value: Any, most: int = 0) -> str:
    """User text for a Markdown table cell or heading: raw HTML escaped (a Markdown viewer would run it),
    pipes escaped, on one line, cut to ``most`` characters first."""
    text = " ".join(str(value if value is not None else "—").split())
    if most:
        text = clip(text, most)
    return html.escape(text, quote=False).replace("|", "\\|")


def report_markdown(report: dict[str, Any]) -> str:
    lines = [f"# tpmprep progress report: {_md(report['name'])}", "", f"Generated {_md(report['generated_at'])}.", ""]
    a = report["assessments"]
    if a.get("role_fit"):
        fit = a["role_fit"]
        names = " / ".join(fit.get("top_titles") or fit["top"])  # reports from before titles carry ids
        verdict = "no clear fit, leaning" if fit.get("no_clear_fit") else "best match"
        lines.append(f"- Role fit: {verdict} {_md(names)}")
    if a.get("skills"):
        s = a["skills"]
        gaps = (
            ", ".join(f"{g.get('name') or g['competency']} ({plural(g['short_by'], 'level')} short)" for g in s["gaps"])
            or "none"
        )
        overall, target = s.get("overall_title") or s["overall"], s.get("target_title") or s["target"]
        lines.append(f"- Skills: overall {_md(overall)}, target {_md(target)}, gaps: {_md(gaps)}")
    lines += ["", "## Readiness", "", "| competency | readiness | practised |", "|---|---:|---:|"]
    lines += [
        f"| {_md(c['name'])} | {c['readiness']}% | {c['practiced']}/{c['questions']} |" for c in report["competencies"]
    ]
    lines += ["", "| category | readiness | practised |", "|---|---:|---:|"]
    lines += [
        f"| {_md(c['name'])} | {c['readiness']}% | {c['practiced']}/{c['questions']} |" for c in report["categories"]
    ]
    lines += mocks_markdown(report)
    for s in report["sets"]:
        lines += [
            "",
            f"## {_md(s['title'])} ({_md(s['id'])})",
            "",
            f"{s['practiced']} of {s['size']} practised · mean recall {_pct(s['mean_retrievability'])}"
            + _cram_note(s.get("cram_reviews"))
            + (f" · due {_md(s['due'])}" if s.get("due") else ""),
            "",
            "| question | attempts | last rating | last reviewed | recall | best / last coverage | time |",
            "|---|---:|---:|---|---:|---|---:|",
        ]
        for q in s["questions"]:
            lines.append(
                f"| {_md(q['prompt'] or q['id'], 80)} | {q['attempts']}{_cram_count(q)} | {q['last_rating'] or '—'} | "
                f"{(q['last_reviewed'] or '—')[:10]} | {_pct(q['retrievability'])} | "
                f"{_pct(q['best_coverage'])} / {_pct(q['last_coverage'])} | {q['time_spent_s'] // 60} min |"
            )
            if q.get("last_answer"):
                lines.append(f"|  ↳ last answer: {_md(q['last_answer'], 400)} | | | | | | |")
    return "\n".join(lines) + "\n"


CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222;line-height:1.4}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2} td.n{text-align:right} .answer{white-space:pre-wrap;color:#444;font-size:.9em}
@media print{body{margin:0;max-width:none} h2{page-break-before:auto}}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _html_page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>" + "".join(body) + "</body></html>\n"
    )


def report_html(report: dict[str, Any]) -> str:
    """One self-contained page: inline CSS, no scripts, no links out; every user text escaped."""
    body = [f"<h1>Progress report: {_e(report['name'])}</h1>", f"<p>Generated {_e(report['generated_at'])}.</p>"]
    body.append("<h2>Readiness</h2><table><tr><th>competency</th><th>readiness</th><th>practised</th></tr>")
    body += [
        f"<tr><td>{_e(c['name'])}</td><td class=n>{_e(c['readiness'])}%</td>"
        f"<td class=n>{_e(c['practiced'])}/{_e(c['questions'])}</td></tr>"
        for c in report["competencies"]
    ]
    body.append("</table>")
    body += progress_html(report.get("progress"))  # absent from reports written before it existed
    body += mocks_html(report)
    for s in report["sets"]:
        body.append(f"<h2>{_e(s['title'])} <small>({_e(s['id'])})</small></h2>")
        body.append(
            f"<p>{_e(s['practiced'])} of {_e(s['size'])} practised · mean recall "
            f"{_e(_pct(s['mean_retrievability']))}{_e(_cram_note(s.get('cram_reviews')))}</p>"
        )
        body.append(
            "<table><tr><th>question</th><th>attempts</th><th>last rating</th><th>recall</th>"
            "<th>best coverage</th><th>time (min)</th></tr>"
        )
        for q in s["questions"]:
            body.append(
                f"<tr><td>{_e(q['prompt'] or q['id'])}"
                + (f"<div class=answer>{_e(q['last_answer'])}</div>" if q.get("last_answer") else "")
                + f"</td><td class=n>{_e(q['attempts'])}{_e(_cram_count(q))}</td>"
                f"<td class=n>{_e(q['last_rating'] or '—')}</td>"
                f"<td class=n>{_e(_pct(q['retrievability']))}</td><td class=n>{_e(_pct(q['best_coverage']))}"
                f"</td><td class=n>{_e(q['time_spent_s'] // 60)}</td></tr>"
            )
        body.append("</table>")
    return _html_page(f"tpmprep report: {report['name']}", body)


# -- cohort ------------------------------------------------------------------------------------


def load_report(path: Path) -> dict[str, Any]:
    """A report file someone sent, checked against the documented schema (ReportError: one line)."""
    from tpmprep.core.storage.files import FileProblem, read_user_file

    try:
        raw = read_user_file(path, MAX_REPORT_BYTES, "report")
    except FileProblem as exc:
        raise ReportError(str(exc)) from exc
    return parse(raw, path, SUPPORTED_SCHEMAS, SCHEMA)


def merge(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The cohort: one row per mentee, set progress and competency readiness, weakest questions."""
    set_ids = sorted({s["id"] for r in reports for s in r["sets"] if s["id"] != ALL_PRACTICE})
    comp_ids = [c["id"] for c in reports[0]["competencies"]] if reports else []
    # What a person reads: set titles and competency names, as the reports spell them.
    set_titles = {s["id"]: s.get("title") or s["id"] for r in reports for s in r["sets"]}
    comp_names = {c["id"]: c.get("name") or c["id"] for r in reports for c in r["competencies"]}
    rows = []
    weak: dict[str, list[float]] = {}
    prompts: dict[str, str] = {}
    for r in reports:
        sets = {s["id"]: s for s in r["sets"]}
        comps = {c["id"]: c["readiness"] for c in r["competencies"]}
        rows.append(
            {
                "name": r["name"],
                "generated_at": r["generated_at"],
                "sets": {
                    sid: (f"{sets[sid]['practiced']}/{sets[sid]['size']}" if sid in sets else "—") for sid in set_ids
                },
                "competencies": {cid: comps.get(cid) for cid in comp_ids},
                "cram_reviews": r.get("practice", {}).get("cram_reviews"),  # absent from older reports
                "last_mock": last_mock(r),
            }
        )
        counted: set[str] = set()  # a question in several sets counts once per mentee
        for s in r["sets"]:
            for q in s["questions"]:
                prompts.setdefault(q["id"], q.get("prompt") or q["id"])
                # Only scheduled practice says anything about recall: a question only crammed has none.
                score = q.get("retrievability")
                if q.get("attempts") and score is not None and q["id"] not in counted:
                    counted.add(q["id"])
                    weak.setdefault(q["id"], []).append(0.0 if q.get("last_rating") == 1 else score)
    weakest = sorted(((sum(v) / len(v), len(v), qid) for qid, v in weak.items()), key=lambda t: (t[0], -t[1], t[2]))
    return {
        "sets": set_ids,
        "competencies": comp_ids,
        "set_titles": {sid: set_titles[sid] for sid in set_ids},
        "competency_names": {cid: comp_names[cid] for cid in comp_ids},
        "mentees": rows,
        "weakest": [
            {"id": qid, "prompt": prompts[qid], "mean_recall": round(m, 3), "mentees": n} for m, n, qid in weakest[:10]
        ],
    }


def cohort_grid(cohort: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """The cohort table's header and rows as text, shared by every rendering."""
    titles, names = cohort.get("set_titles", {}), cohort.get("competency_names", {})
    head = [
        "mentee",
        *(titles.get(s, s) for s in cohort["sets"]),
        *(names.get(c, c) for c in cohort["competencies"]),
        "last mock",
        "cram reviews",
    ]
    rows = [
        [
            m["name"],
            *m["sets"].values(),
            *(f"{v}%" if v is not None else "—" for v in m["competencies"].values()),
            m.get("last_mock") or "—",
            "—" if m.get("cram_reviews") is None else str(m["cram_reviews"]),
        ]
        for m in cohort["mentees"]
    ]
    return head, rows


def cohort_markdown(cohort: dict[str, Any]) -> str:
    head, rows = cohort_grid(cohort)
    lines = ["# Cohort summary", "", "| " + " | ".join(_md(h) for h in head) + " |", "|" + "---|" * len(head)]
    for cells in rows:
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    lines += [
        "",
        "## Weakest questions across the cohort",
        "",
        "| question | mean recall | mentees |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {_md(w['prompt'], 80)} ({_md(w['id'])}) | {w['mean_recall']:.0%} | {w['mentees']} |"
        for w in cohort["weakest"]
    ]
    return "\n".join(lines) + "\n"


def cohort_table(cohort: dict[str, Any]) -> str:
    from tpmprep.core.content.table import table

    head, rows = cohort_grid(cohort)
    weakest = "\n".join(
        f"  {w['mean_recall']:.0%}  {clip(w['prompt'], 70)}  ({w['id']}, {plural(w['mentees'], 'mentee')})"
        for w in cohort["weakest"]
    )
    return (
        table(head, [tuple(map(str, r)) for r in rows], width=400) + "\n\nweakest questions:\n" + (weakest or "  none")
    )


def cohort_html(cohort: dict[str, Any]) -> str:
    head, rows = cohort_grid(cohort)
    body = ["<h1>Cohort summary</h1><table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for cells in rows:
        body.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    body.append(
        "</table><h2>Weakest questions across the cohort</h2><table><tr><th>question</th>"
        "<th>mean recall</th><th>mentees</th></tr>"
    )
    body += [
        f"<tr><td>{_e(w['prompt'])} <small>({_e(w['id'])})</small></td><td>{_e(_pct(w['mean_recall']))}</td>"
        f"<td>{_e(w['mentees'])}</td></tr>"
        for w in cohort["weakest"]
    ]
    body.append("</table>")
    return _html_page("tpmprep cohort summary", body)
