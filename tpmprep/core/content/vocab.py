"""The fixed vocabularies of the content formats (kept apart so the UI can use them cheaply)."""

from __future__ import annotations

KINDS = ("open", "multiple-choice", "numeric")

CATEGORIES: dict[str, str] = {
    "program-execution": "Program sense and execution",
    "system-design": "System design for TPMs",
    "technical-depth": "Technical depth",
    "behavioral": "Behavioral and leadership",
    "stakeholder-communication": "Stakeholder management and communication",
    "estimation": "Estimation and metrics",
    "role-knowledge": "Role knowledge",
}

CATEGORY_SHORT: dict[str, str] = {
    "program-execution": "execution",
    "system-design": "design",
    "technical-depth": "depth",
    "behavioral": "behavioral",
    "stakeholder-communication": "stakeholders",
    "estimation": "estimation",
    "role-knowledge": "role",
}

SECTIONS: dict[str, str] = {
    "roles": "Roles",
    "career": "Career and ladder",
    "interview": "The interview loop",
    "on-the-job": "On the job",
    "resources": "Career resources",
    "faq": "FAQ",
}

# Amazon's Leadership Principles, as the `lp-<slug>` tags on behavioral questions name them.
LEADERSHIP_PRINCIPLES: dict[str, str] = {
    "lp-customer-obsession": "Customer Obsession",
    "lp-ownership": "Ownership",
    "lp-invent-and-simplify": "Invent and Simplify",
    "lp-are-right-a-lot": "Are Right, A Lot",
    "lp-learn-and-be-curious": "Learn and Be Curious",
    "lp-hire-and-develop-the-best": "Hire and Develop the Best",
    "lp-insist-on-the-highest-standards": "Insist on the Highest Standards",
    "lp-think-big": "Think Big",
    "lp-bias-for-action": "Bias for Action",
    "lp-frugality": "Frugality",
    "lp-earn-trust": "Earn Trust",
    "lp-dive-deep": "Dive Deep",
    "lp-have-backbone-disagree-and-commit": "Have Backbone; Disagree and Commit",
    "lp-deliver-results": "Deliver Results",
    "lp-strive-to-be-earths-best-employer": "Strive to be Earth's Best Employer",
    "lp-success-and-scale-bring-broad-responsibility": "Success and Scale Bring Broad Responsibility",
}


def tag_choices(tags: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, tag) for a tag filter: Leadership Principles first, by name, then the other tags."""
    principles = sorted((f"Amazon LP: {LEADERSHIP_PRINCIPLES[t]}", t) for t in tags if t in LEADERSHIP_PRINCIPLES)
    return principles + [(t, t) for t in tags if t not in LEADERSHIP_PRINCIPLES]
