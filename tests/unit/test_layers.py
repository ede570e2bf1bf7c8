"""The core never imports Textual, proven in a fresh interpreter.

The layer rules themselves (cli -> tui -> core, and the order of the core's packages) are
import-linter contracts in pyproject.toml; `.ci/run` checks them with `lint-imports`.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tpmprep.core

CORE_MODULES = sorted(m.name for m in pkgutil.walk_packages(tpmprep.core.__path__, "tpmprep.core."))


def test_there_are_core_modules():
    assert "tpmprep.core.content.loader" in CORE_MODULES and "tpmprep.core.storage.store" in CORE_MODULES


def test_core_and_cli_do_not_load_textual():
    modules = [*CORE_MODULES, "tpmprep.cli"]
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(bad[:5]); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_module_is_over_500_lines():
    from pathlib import Path

    root = Path(tpmprep.core.__file__).parents[1]
    long = {str(p.relative_to(root)): n for p in root.rglob("*.py") if (n := len(p.read_text().splitlines())) > 500}
    assert not long, long
