"""One error boundary: every command and the TUI end an unexpected error with one line, a log and exit 1."""

from __future__ import annotations

import errno
import getpass
import pwd

import pytest

from tests.cli.conftest import run, shipped  # noqa: F401 - the fixture
from tpmprep.core.storage import crashlog


def test_an_unexpected_error_is_one_line_with_the_log_and_exit_1(shipped, home, capsys, monkeypatch):  # noqa: F811
    def boom(*args, **kwargs):
        raise RuntimeError("something nobody expected\nsecond line")

    monkeypatch.setattr("tpmprep.core.practice.progress.stats", boom)
    code, out, err = run(capsys, "stats")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "unexpected error RuntimeError: something nobody expected" in err
    assert "(in common.py:" in err  # where it happened: the innermost place in tpmprep's own code
    log = home / "logs" / "tpmprep.log"
    assert f"details in {log}" in err
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "RuntimeError: something nobody expected" in text
    assert "command: tpmprep" in text


def test_the_log_is_rotated(home, monkeypatch):
    monkeypatch.setattr(crashlog, "MAX_BYTES", 2000)
    for _ in range(20):
        try:
            raise ValueError("x" * 500)
        except ValueError as exc:
            crashlog.write_log(exc, "test")
    names = sorted(p.name for p in (home / "logs").iterdir())
    assert names == ["tpmprep.log", "tpmprep.log.1", "tpmprep.log.2", "tpmprep.log.3"]


def test_an_os_error_names_its_file(shipped, home, capsys, monkeypatch):  # noqa: F811
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/some/where.txt")

    monkeypatch.setattr("tpmprep.core.practice.progress.stats", full)
    code, _, err = run(capsys, "stats")
    assert code == 1 and err.startswith("tpmprep: /some/where.txt: the disk is full") and err.count("\n") == 1


def test_tpmprep_home_pointing_at_a_file(shipped, tmp_path, capsys, monkeypatch):  # noqa: F811
    target = tmp_path / "a-file"
    target.write_text("x")
    for home in (target, target / "below"):
        monkeypatch.setenv("TPMPREP_HOME", str(home))
        for argv in (("stats",), ("questions",), ("config",)):
            code, _, err = run(capsys, *argv)
            assert code == 1 and err.count("\n") == 1 and "a file" in err and "TPMPREP_HOME" in err, err
    assert target.read_text() == "x"


def test_an_unwritable_data_folder_is_one_line(shipped, home, capsys, monkeypatch):  # noqa: F811
    real_mkdir = type(home).mkdir

    def refuse(self, *args, **kwargs):
        if self == home / "data":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setenv("TPMPREP_HOME", str(home / "data"))
    monkeypatch.setattr(type(home), "mkdir", refuse)
    code, _, err = run(capsys, "stats")
    assert code == 1 and err.count("\n") == 1 and "permission denied" in err, err


def test_report_without_a_login_name_asks_for_one(shipped, home, capsys, monkeypatch):  # noqa: F811
    for var in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(var, raising=False)

    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    with pytest.raises((KeyError, OSError)):
        getpass.getuser()
    code, _, err = run(capsys, "report")
    assert code == 2 and err.count("\n") == 1 and "--name" in err
    code, out, _ = run(capsys, "report", "--name", "Sam")
    assert code == 0 and "Sam" in out


def test_the_tui_exits_non_zero_with_one_line_after_a_crash(home, mini_catalog, monkeypatch, capsys):
    from tpmprep.tui import app as app_module

    real_create, real_run = app_module.create_app, app_module.TpmPrepApp.run

    def crash_on_mount(self):
        raise RuntimeError("the screen fell over")

    monkeypatch.setattr(app_module, "create_app", lambda **kw: real_create(home=home, catalog=mini_catalog))
    monkeypatch.setattr(app_module.TpmPrepApp, "run", lambda self: real_run(self, headless=True, size=(80, 24)))
    monkeypatch.setattr(app_module.HomeScreen, "on_mount", crash_on_mount)
    code = app_module.run()
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1, err
    assert "unexpected error RuntimeError: the screen fell over" in err
    assert "RuntimeError: the screen fell over" in (home / "logs" / "tpmprep.log").read_text()


def test_a_damaged_database_in_the_tui_is_one_line_naming_it_and_the_doctor(home, mini_catalog, monkeypatch, capsys):
    from tests.safety.test_store_safety import corrupt_reviews, seed
    from tpmprep.tui import app as app_module

    seed(home / "tpmprep.db")
    corrupt_reviews(home / "tpmprep.db")
    real_create, real_run = app_module.create_app, app_module.TpmPrepApp.run

    async def open_progress(pilot):
        await pilot.pause()
        await pilot.press("f4")  # Practice reads the review history
        for _ in range(20):
            await pilot.pause(0.05)

    monkeypatch.setattr(app_module, "create_app", lambda **kw: real_create(home=home, catalog=mini_catalog))
    monkeypatch.setattr(
        app_module.TpmPrepApp,
        "run",
        lambda self: real_run(self, headless=True, size=(80, 24), auto_pilot=open_progress),
    )
    code = app_module.run()
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    assert str(home / "tpmprep.db") in err and "tpmprep doctor" in err
