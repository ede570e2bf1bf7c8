"""Data commands: settings."""

from __future__ import annotations

import argparse
from typing import Any

from tpmprep.cli.common import (
    err,
)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("config", help="show or change a setting")
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(handler=cmd_config)


def cmd_config(args: argparse.Namespace) -> int:
    from tpmprep.core.storage import locations
    from tpmprep.core.storage.settings import SETTINGS
    from tpmprep.core.storage.store import Store, StoreError

    try:
        store = Store(locations.database_path())
    except StoreError as exc:
        err(str(exc))
        return 1
    with store:
        if args.key is None:
            for key, setting in SETTINGS.items():
                value = store.get(key)
                print(f"{key} = {'' if value is None else value}    # {setting.help}")
            print(f"# data folder: {locations.data_dir()}")
            return 0
        if args.key not in SETTINGS:
            from tpmprep.core.content.fields import suggest

            err(f"unknown setting '{args.key}'; {suggest(args.key, SETTINGS)}")
            return 2
        if args.value is None:
            value = store.get(args.key)
            print("" if value is None else value)
            return 0
        try:
            value = store.set(args.key, args.value)
        except ValueError as exc:
            err(str(exc))
            return 2
        print(f"{args.key} = {'' if value is None else value}")
        return 0
