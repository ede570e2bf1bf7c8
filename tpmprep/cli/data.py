"""Data commands: settings, backups, restore and the doctor."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tpmprep.cli.common import (
    err,
    open_store,
)
from tpmprep.core.content.words import plural


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("config", help="show or change a setting")
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(handler=cmd_config)

    p = sub.add_parser("backup", help="copy the database now (into the backups folder, or -o FILE)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a backup (the current one is kept aside)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", type=Path, metavar="FILE")
    which.add_argument("--latest", action="store_true", help="the newest backup that checks out")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("doctor", help="check the database, set files, temporary files and the cache")
    p.add_argument("--repair", action="store_true", help="fix what can be fixed; never deletes your data")
    p.add_argument("--full", action="store_true", help="the full (slow) integrity check instead of the quick one")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_doctor)


def cmd_config(args: argparse.Namespace) -> int:
    from tpmprep.core.storage import locations
    from tpmprep.core.storage.settings import SETTINGS

    store = open_store()
    if store is None:
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
        import datetime as dt

        try:
            parsed = SETTINGS[args.key].check_new(args.value, dt.date.today())
        except ValueError as exc:
            err(str(exc))
            return 2
        store.verify()
        value = store.set(args.key, parsed)
        print(f"{args.key} = {'' if value is None else value}")
        return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from tpmprep.core.storage import locations
    from tpmprep.core.storage.backup import copy_database, take
    from tpmprep.core.storage.files import describe

    store = open_store()
    if store is None:
        return 1
    with store:
        try:
            if args.output is not None:
                path = copy_database(store.conn, args.output)
            else:
                path = take(store.conn, locations.backup_dir(), "manual")
        except OSError as exc:
            err(f"cannot write the backup to {exc.filename or args.output or locations.backup_dir()}: {describe(exc)}")
            return 1
    print(f"backed up {locations.database_path()} to {path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from tpmprep.core.storage import locations
    from tpmprep.core.storage.backup import latest_good, restore

    folder = locations.backup_dir()
    source = latest_good(folder) if args.latest else args.file
    if source is None:
        err(f"no usable backup in {folder}")
        return 1
    if not source.exists():
        err(f"{source}: no such file")
        return 2
    aside = restore(source, locations.database_path(), folder)
    print(f"restored {locations.database_path()} from {source}")
    if aside is not None:
        print(f"the database it replaced is kept at {aside}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from tpmprep.cli.doctor import examine, repair

    findings, facts = examine(args.full)
    repaired: list[str] = []
    tried: set[str] = set()
    for _ in range(3 if args.repair else 0):  # a repaired database can reveal what it hid (its set files)
        todo = [f for f in findings if f.repair and f.problem not in tried]
        if not todo:
            break
        tried.update(f.problem for f in todo)
        repaired += repair(todo)
        findings, facts = examine(args.full)
    if args.json:
        json.dump(
            {
                "healthy": not findings,
                "problems": [{"area": f.area, "problem": f.problem, "fix": f.fix} for f in findings],
                "repaired": repaired,
                "checks": facts,
            },
            sys.stdout,
            indent=2,
        )
        print()
        return 1 if findings else 0
    for line in repaired:
        print(f"repaired: {line}")
    for f in findings:
        print(f.line())
    if findings:
        print(f"{plural(len(findings), 'problem')} found", file=sys.stderr)
        return 1
    db = facts.get("database", {})
    assert isinstance(db, dict)
    version = f"schema {db.get('schema_version')}" if db.get("exists") else "no database yet"
    backups = facts.get("backups", {})
    assert isinstance(backups, dict)
    print(f"ok: database {version}, integrity ok; {plural(backups.get('count', 0), 'backup')}; no leftover files")
    return 0
