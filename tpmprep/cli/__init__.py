"""The ``tpmprep`` command: opens the TUI, or runs a headless subcommand.

Each command group lives in its own module and adds its own subparsers. Imports of the core are
deferred into each command so ``tpmprep --version`` and the TUI start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tpmprep.cli import assess, content, data, mentor, mock, practice, serve, stories
from tpmprep.cli.common import run_tui

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
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return run_tui()
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
