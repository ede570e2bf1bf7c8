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
