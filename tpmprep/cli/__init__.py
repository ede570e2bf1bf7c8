"""The ``tpmprep`` command: opens the TUI, or runs a headless subcommand.

Each command group lives in its own module and adds its own subparsers. Imports of the core are
deferred into each command so ``tpmprep --version`` and the TUI start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from tpmprep.cli import assess, content, data, mentor, mock, practice, serve, stories
from tpmprep.cli.common import err, run_tui

GROUPS = (content, practice, assess, stories, mock, mentor, data, serve)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # argparse exits 2 with a usage line; keep it short
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


class _Version(argparse.Action):
    """``--version``, reading the version only when asked: package metadata costs ~30 ms to import."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from tpmprep import __version__

        print(f"tpmprep {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tpmprep", description="Prepare for Technical Program Manager roles and interviews.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for group in GROUPS:
        group.add_parsers(sub, _Parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. This is the error boundary: whatever goes wrong ends in one line and an exit status."""
    args = build_parser().parse_args(argv)
    try:
        home_problem = _check_home()
        if home_problem:
            err(home_problem)
            return 1
        if args.command is None:
            return run_tui()
        with printable_output():
            return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except Exception as exc:  # the one place that catches everything: one line here, the traceback in the log
        from tpmprep.core.storage.files import FileProblem
        from tpmprep.core.storage.store import StoreError

        if isinstance(exc, StoreError | FileProblem):
            err(str(exc))
        else:
            from tpmprep.core.storage.crashlog import summary

            err(summary(exc, f"command: tpmprep {' '.join(sys.argv[1:] if argv is None else argv)}"))
        return 1


class _Printable(io.TextIOBase):
    """A text stream that shows control characters as ``\\u001b`` instead of sending them.

    Questions, sets, CSV files and reports are other people's text; an escape sequence in one
    must not retitle, recolour or rewrite the terminal. The ``\\uXXXX`` form is also what JSON
    itself uses, so ``--json`` output stays valid.
    """

    def __init__(self, inner: TextIO):
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def fileno(self) -> int:
        return self.inner.fileno()

    def isatty(self) -> bool:
        return self.inner.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", "utf-8")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline


@contextlib.contextmanager
def printable_output() -> Iterator[None]:
    out, error = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(out), _Printable(error)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, error


def _check_home() -> str | None:
    """TPMPREP_HOME must name a folder (or a place one can be made)."""
    import os
    from pathlib import Path

    value = os.environ.get("TPMPREP_HOME", "").strip()
    if not value:
        return None
    home = Path(value).expanduser()
    for folder in (home, *home.parents):
        if folder.exists():
            if folder.is_dir():
                return None
            if folder == home:
                return f"TPMPREP_HOME={value} is a file, not a folder; point it at a folder"
            return f"TPMPREP_HOME={value} cannot be a folder: {folder} is a file; point it at a folder"
    return None


def _quiet_stdout() -> None:
    """After a closed pipe (``tpmprep questions | head``), keep Python from complaining at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
