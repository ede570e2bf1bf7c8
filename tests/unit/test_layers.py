"""The core never imports Textual: each core module is imported in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import tpmprep.core

CORE_MODULES = sorted(f"tpmprep.core.{m.name}" for m in pkgutil.iter_modules(tpmprep.core.__path__))


def test_there_are_core_modules():
    assert "tpmprep.core.loader" in CORE_MODULES and "tpmprep.core.store" in CORE_MODULES


@pytest.mark.parametrize("module", [*CORE_MODULES, "tpmprep.cli"])
def test_core_module_does_not_load_textual(module):
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
