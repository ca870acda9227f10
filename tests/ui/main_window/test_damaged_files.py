"""Damaged, foreign and read-only files opened in the window: one clear message each.

Every kind of file is tried three ways a user can open it — File › Open, Open Recent and
the command line (``run_gui``) — and each time the message names the problem, the window
keeps the company it had (or the launch ends with status 1), and the file keeps every
byte: nothing is migrated, backed up, or written beside it. The batch commands
(``officemgr find-phone``, ``check``, ``backup``) get the same sentence and exit 1; a
read-only file can still be checked and backed up, which only read it.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sqlite3
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from officemgr.app import run_gui
from officemgr.cli import main as cli_main
from officemgr.core import paths


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _zero_bytes(path: Path, _template: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path, template: Path) -> None:
    path.write_bytes(template.read_bytes()[:12288])


def _random_bytes(path: Path, _template: Path) -> None:
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(20_000)))


def _other_program(path: Path, _template: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO songs (title) VALUES ('Blue in Green')")
    conn.commit()
    conn.close()


def _newer_schema(path: Path, template: Path) -> None:
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


def _read_only_file(path: Path, template: Path) -> None:
    shutil.copyfile(template, path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)


def _read_only_folder(path: Path, template: Path) -> None:
    shutil.copyfile(template, path)
    path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)


# Each kind of file: how it is made, and the words the message must contain.
CASES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "zero-byte": (_zero_bytes, "is empty (0 bytes)"),
    "truncated": (_truncated, "is damaged"),
    "random bytes": (_random_bytes, "not a SQLite database"),
    "another program's SQLite file": (_other_program, "database of another program"),
    "newer schema": (_newer_schema, "newer version of OfficeMgr"),
    "read-only file": (_read_only_file, "is read-only"),
    "read-only folder": (_read_only_folder, "folder"),
}


@pytest.fixture
def bad_file(tmp_path: Path, template_company_file: Path) -> Iterator[Callable[[str], Path]]:
    made: list[Path] = []

    def make(case: str) -> Path:
        folder = tmp_path / "from the customer"
        folder.mkdir()
        path = folder / "Their Company.officemgr"
        CASES[case][0](path, template_company_file)
        made.append(path)
        return path

    yield make
    for path in made:  # let pytest clean its temp folder
        path.parent.chmod(0o755)
        if path.exists():
            path.chmod(0o644)


def unchanged(path: Path, before: tuple[str, list[str]]) -> bool:
    """Same bytes, and nothing written beside it (no -wal, -shm, .creating …)."""
    return (digest(path), sorted(p.name for p in path.parent.iterdir())) == before


def state(path: Path) -> tuple[str, list[str]]:
    return digest(path), sorted(p.name for p in path.parent.iterdir())


def no_backups_made() -> bool:
    folder = paths.backup_dir()
    return not folder.exists() or not [p for p in folder.iterdir() if "Their Company" in p.name]


def type_file_name(path: Path) -> Callable[[QFileDialog], None]:
    def choose(dialog: QFileDialog) -> None:
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        dialog.accept()

    return choose


@pytest.mark.parametrize("way", ["File › Open", "Open Recent"])
@pytest.mark.parametrize("case", CASES)
def test_the_window_says_what_is_wrong_and_keeps_its_company(
    case: str,
    way: str,
    qtbot: Any,
    driver: Any,
    tree_data: Any,
    company_path: Path,
    bad_file: Callable[[str], Path],
    answer_modal: Any,
) -> None:
    tree_data.add("Smith, John")
    d = driver()
    qtbot.waitUntil(lambda: d.listed() == ["Smith, John"])
    path = bad_file(case)
    before = state(path)
    shown: list[tuple[str, str]] = []

    def read_and_close(box: QMessageBox) -> None:
        shown.append((box.windowTitle(), box.text()))
        box.accept()

    files = d.window.file_actions
    if way == "File › Open":
        answer_modal(QFileDialog, type_file_name(path))
        answer_modal(QMessageBox, read_and_close)
        d.window.open_action.trigger()
    else:
        files.remember(path)
        (entry,) = [a for a in files.recent_actions() if Path(a.data()) == path]
        answer_modal(QMessageBox, read_and_close)
        entry.trigger()
    ((title, text),) = shown
    assert title == "Cannot Open Company File"
    assert CASES[case][1] in text and path.name in text
    assert "\n" not in text and "Traceback" not in text
    assert Path(d.window.company.path) == company_path  # the window kept its company
    assert "Their Company" not in d.window.windowTitle()
    d.window.refresh()
    qtbot.waitUntil(lambda: d.listed() == ["Smith, John"])
    assert d.window.company.customers.search("Smith")  # and it still reads and writes
    d.window.company.customers.add(name="Jones, Mary")
    assert unchanged(path, before)
    assert no_backups_made()


@pytest.fixture
def restore_process_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_gui installs an excepthook and a log file; put both back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log = logging.getLogger("officemgr")
    handlers, level = list(log.handlers), log.level
    yield
    for handler in log.handlers[:]:
        if handler not in handlers:
            log.removeHandler(handler)
            handler.close()
    log.setLevel(level)


@pytest.mark.parametrize("case", CASES)
def test_the_command_line_launch_says_what_is_wrong_and_ends(
    case: str,
    bad_file: Callable[[str], Path],
    answer_modal: Any,
    restore_process_state: None,
) -> None:
    path = bad_file(case)
    before = state(path)
    shown: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        shown.append(box.text())
        box.accept()

    answer_modal(QMessageBox, read_and_close)
    assert run_gui(db=path) == 1
    (text,) = shown
    assert CASES[case][1] in text and "\n" not in text
    assert unchanged(path, before)
    assert no_backups_made()
    log_text = (paths.log_dir() / "officemgr.log").read_text(encoding="utf-8")
    assert f"Cannot open the company file {path}" in log_text


READ_ONLY = ("read-only file", "read-only folder")


@pytest.mark.parametrize("command", ["find-phone", "check", "backup"])
@pytest.mark.parametrize("case", CASES)
def test_the_batch_commands_say_what_is_wrong_in_one_line(
    case: str,
    command: str,
    bad_file: Callable[[str], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = bad_file(case)
    before = digest(path)
    extra = {"find-phone": ["555-201-3344"], "check": [], "backup": ["--to", str(tmp_path)]}
    status = cli_main([command, "--db", str(path), *extra[command]])
    out, err = capsys.readouterr()
    assert digest(path) == before
    assert "Traceback" not in out + err
    if case in READ_ONLY and command != "find-phone":  # reading is all these need
        assert status == 0, err
        return
    assert status == 1
    (line,) = err.strip().splitlines()
    assert line.startswith("officemgr: ") and CASES[case][1] in line
    assert not [p for p in tmp_path.glob("*.officemgr")], "no backup of a refused file"
