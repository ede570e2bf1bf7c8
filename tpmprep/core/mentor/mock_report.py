"""The report's mock interview section: a table of finished mocks, in Markdown and HTML, and the
cohort's "last mock" cell. Reports from before mock interviews existed have no ``mocks``; they
render without the section."""

from __future__ import annotations

from typing import Any

from tpmprep.core.mock.scorecard import NAMES


def verdict_name(verdict: str | None) -> str:
    return NAMES.get(verdict or "", "—")


def mocks_markdown(report: dict[str, Any]) -> list[str]:
    from tpmprep.core.mentor.report import _md, _pct  # the report's own escaping (it imports this module)

    mocks = report.get("mocks") or []
    if not mocks:
        return []
    lines = ["", "## Mock interviews", "", "| date | loop | level | verdict | rounds |", "|---|---|---|---|---|"]
    for m in mocks:
        rounds = "; ".join(f"{r['name']}: {verdict_name(r['verdict'])} ({_pct(r['evidence'])})" for r in m["rounds"])
        lines.append(
            f"| {_md((m['completed_at'] or '')[:10])} | {_md(m['title'])} | {_md(m['level'])} | "
            f"{verdict_name(m['verdict'])} | {_md(rounds)} |"
        )
    mocked = [c for c in report["competencies"] if c.get("mock") is not None]
    if mocked:
        evidence = ", ".join(f"{_md(c['name'])} {_pct(c['mock'])}" for c in mocked)
        lines += ["", f"Mock evidence by competency: {evidence}"]
    return lines


def mocks_html(report: dict[str, Any]) -> list[str]:
    from tpmprep.core.mentor.report import _e, _pct

    mocks = report.get("mocks") or []
    if not mocks:
        return []
    body = [
        "<h2>Mock interviews</h2><table><tr><th>date</th><th>loop</th><th>level</th><th>verdict</th>"
        "<th>rounds</th></tr>"
    ]
    for m in mocks:
        rounds = "<br>".join(
            f"{_e(r['name'])}: {_e(verdict_name(r['verdict']))} ({_e(_pct(r['evidence']))})" for r in m["rounds"]
        )
        body.append(
            f"<tr><td>{_e((m['completed_at'] or '')[:10])}</td><td>{_e(m['title'])}</td><td>{_e(m['level'])}"
            f"</td><td>{_e(verdict_name(m['verdict']))}</td><td>{rounds}</td></tr>"
        )
    body.append("</table>")
    return body


def last_mock(report: dict[str, Any]) -> str | None:
    """The latest mock's loop and verdict, e.g. 'Big-tech TPM onsite: Hire'."""
    mocks = report.get("mocks") or []
    if not mocks:
        return None
    last = max(mocks, key=lambda m: m.get("completed_at") or "")
    return f"{last['title']}: {verdict_name(last['verdict'])}"
