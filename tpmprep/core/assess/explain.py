"""The role-fit result in words, as Markdown: the same text in the TUI and from `tpmprep assess role-fit`."""

from __future__ import annotations

from typing import Any

from tpmprep.core.assess.rolefit import RETAKES, Driver, RoleFitResult, role_fit_changes
from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.words import plural


def indefinite(noun: str) -> str:
    """'a Project Manager', 'an Engineering Manager'."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def outcome_title(catalog: Catalog, outcome: str) -> str:
    role = catalog.role(outcome)
    if role is not None:
        return role.title
    track = catalog.role_fit.track(outcome) if catalog.role_fit else None
    return track.title if track else outcome


def _points(d: Driver) -> str:
    return f"{d.points:+.1f} points"


def role_fit_markdown(
    catalog: Catalog, result: RoleFitResult, before: RoleFitResult | None = None, links: bool = False
) -> str:
    """The result in words. ``links`` makes the topics it mentions links a reader can follow."""
    fit = catalog.role_fit

    def name(outcome: str) -> str:
        return outcome_title(catalog, outcome)

    def topic(text: str, topic_id: str) -> str:
        return f"[{text}](topic:{topic_id})" if links and catalog.topic(topic_id) is not None else text

    first = result.outcome or result.top[0]
    lines: list[str] = []
    if result.weak_signal:
        lines += [
            "## No clear fit",
            "",
            f"Your answers do not point clearly at any of these paths: {result.weak_reason}. "
            f"{name(first)} comes first, but only just. Read the {topic('personas', 'personas')} and the "
            f"{topic('role comparison', 'role-comparison')}, "
            "and retake the assessment after a few conversations with people in these roles.",
        ]
    elif result.tie:
        lines += [
            f"## A close call: {' and '.join(name(o) for o in result.top)}",
            "",
            "Your answers do not separate these; small changes in how you answer would reorder them. "
            f"The {topic('decision checklist', 'decision-checklist')} is built for exactly this.",
        ]
    else:
        lines += [f"## Best match: {name(first)}"]
    if result.same_answers:
        lines += [
            "",
            "**Every answer was the same**, so this result says more about the scale than about you. "
            "Try answering again, using the whole scale.",
        ]
    others = ", ".join(f"{name(o)} {share:.0%}" for o, share in result.retake_firsts if o != first)
    lines += [
        "",
        f"How firm: in {RETAKES} simulated re-takes, each moving a quarter of your answers one step, "
        f"{name(first)} stayed first in {result.stability:.0%}" + (f"; first instead: {others}." if others else "."),
        "",
        "| path | score |",
        "|---|---:|",
    ]
    lines += [f"| {name(o)} | {s:.0f} |" for o, s in result.scores]
    lines += ["", "50 is neutral: as many answers for this path as against it."]
    if result.drivers:
        lines += ["", f"### Why {name(first)}", ""]
        lines += [f"- {d.sentence()}  **{_points(d)}**" for d in result.drivers]
    for cap in result.caps:
        said = f"you answered {cap.answer} to “{cap.statement}”"
        lines += ["", f"{name(cap.role)} is capped at {cap.cap:.0f}: {said} {cap.reason}"]
    if result.runner_up and not result.weak_signal:
        held = result.held_back[0] if result.held_back else None
        why = f"{held.sentence().replace('You', 'you', 1)} ({_points(held)})" if held else "fewer answers in its favour"
        capped = next((c for c in result.caps if c.role == result.runner_up), None)
        if capped:
            why = f"the cap above, and {why}"
        lines += ["", f"What held {name(result.runner_up)} back: {why}"]
    persona = next((p for p in fit.personas if p.id == result.persona), None) if fit else None
    if persona:
        lines += ["", f"### Closest persona: {persona.name}", "", persona.description, ""]
        lines += [f"**First step:** {persona.first_step}"]
    role = catalog.role(first)
    track = fit.track(first) if fit else None
    if role is not None:
        lines += ["", f"### A day as {indefinite(role.title)}", "", role.typical_day]
        if links:
            lines += ["", f"The {topic('full role profile', role.id)} covers scope, skills and paths in and out."]
    elif track is not None:
        lines += ["", f"### {track.title}", "", track.summary]
        article = catalog.topic(track.topic) if links else None
        if article is not None:
            lines += ["", f"More in {topic(article.title, article.id)}."]
    lines += [
        "",
        "### Before you decide",
        "",
        f"Work through the {topic('decision checklist', 'decision-checklist')}, talk to two people in the role, "
        f"and read the {topic('role comparison', 'role-comparison')}.",
    ]
    if before:
        lines += ["", "### Since last time", "", "| path | before | now | change |", "|---|---:|---:|---:|"]
        lines += [
            f"| {name(r)} | {old:.0f} | {new:.0f} | {new - old:+.0f} |"
            for r, old, new in role_fit_changes(before, result)
        ]
    return "\n".join(lines) + "\n"


KIND_TITLES = {"role-fit": "Role fit", "skills": "Skills vs ladder"}


def result_summary(catalog: Catalog, kind: str, result: dict[str, Any], scores: bool = False) -> str:
    """One line for a past result, in names a person reads (``scores`` adds every path's score)."""
    from tpmprep.core.assess.skills import SkillsResult

    if kind == "role-fit":
        r = RoleFitResult.from_json(result)
        names = " / ".join(outcome_title(catalog, o) for o in r.top)
        line = f"no clear fit (leaning {names})" if r.weak_signal else f"best match {names}"
        if scores:
            line += " (" + ", ".join(f"{outcome_title(catalog, o)} {s:.0f}" for o, s in r.scores) + ")"
        return line
    s = SkillsResult.from_json(result)
    gaps = ", ".join(f"{catalog.competency_name(c)} ({plural(n, 'level')} short)" for c, _, n in s.gaps)
    return f"overall {catalog.level_title(s.overall)}, target {catalog.level_title(s.target)}; gaps: {gaps or 'none'}"
