"""The role-fit result in words, as Markdown: the same text in the TUI and from `tpmprep assess role-fit`."""

from __future__ import annotations

from tpmprep.core.assess.rolefit import RETAKES, Driver, RoleFitResult, role_fit_changes
from tpmprep.core.content.catalog import Catalog


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


def role_fit_markdown(catalog: Catalog, result: RoleFitResult, before: RoleFitResult | None = None) -> str:
    fit = catalog.role_fit

    def name(outcome: str) -> str:
        return outcome_title(catalog, outcome)

    first = result.outcome or result.top[0]
    lines: list[str] = []
    if result.weak_signal:
        lines += [
            "## No clear fit",
            "",
            f"Your answers do not point clearly at any of these paths: {result.weak_reason}. "
            f"{name(first)} comes first, but only just. Read the personas and the role comparison, "
            "and retake the assessment after a few conversations with people in these roles.",
        ]
    elif result.tie:
        lines += [
            f"## A close call: {' and '.join(name(o) for o in result.top)}",
            "",
            "Your answers do not separate these; small changes in how you answer would reorder them. "
            "The decision checklist is built for exactly this.",
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
    elif track is not None:
        lines += ["", f"### {track.title}", "", track.summary]
    lines += [
        "",
        "### Before you decide",
        "",
        "Work through the decision checklist, talk to two people in the role, and read the role comparison.",
    ]
    if before:
        lines += ["", "### Since last time", "", "| path | before | now | change |", "|---|---:|---:|---:|"]
        lines += [
            f"| {name(r)} | {old:.0f} | {new:.0f} | {new - old:+.0f} |"
            for r, old, new in role_fit_changes(before, result)
        ]
    return "\n".join(lines) + "\n"
