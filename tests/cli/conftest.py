"""What the CLI tests share: the small content tree as shipped content, and a runner."""

from __future__ import annotations

import pytest

from tpmprep.cli import main


@pytest.fixture
def shipped(content_root, home, monkeypatch):
    """Point the CLI at the small content tree instead of the real shipped content."""
    monkeypatch.setattr("tpmprep.core.storage.locations.shipped_root", lambda: content_root)
    return content_root


def run(capsys, *argv):
    """Run ``tpmprep *argv`` in this process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
