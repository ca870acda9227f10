"""One window per company file, checked between real processes.

Each test starts ``python -m officemgr`` as child processes on the offscreen platform and
reads what they did in the OfficeMgr log (the children share this test's temp data and
log folders through the XDG variables set by the autouse fixture in tests/conftest.py).
No test hook: the window logs each hand-over and each caller-ID result anyway.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer

from officemgr.core import paths
from officemgr.handoff import open_windows, same_file_key
from officemgr.ui.single_instance import parse_message, server_name

NUMBER = "(555) 201-3344"
START_TIMEOUT_MS = 30_000  # a cold start on a loaded CI machine
HAND_OFF_TIMEOUT_S = 30
QUICK_S = 15  # a hand-off is Python and Qt starting, then one message: a few seconds

needs_unix_log_folders = pytest.mark.skipif(
    sys.platform == "win32", reason="the children's log folder cannot be redirected on Windows"
)


def _log_text() -> str:
    log_file = paths.log_dir() / "officemgr.log"
    return log_file.read_text(encoding="utf-8") if log_file.exists() else ""


class Processes:
    """The child processes of one test: windows kept running, launches run to the end."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.children: list[subprocess.Popen[bytes]] = []
        self.names: set[str] = set()
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONFAULTHANDLER="1")

    def _command(self, path: Path, *extra: str) -> list[str]:
        self.names.add(server_name(path))
        return [sys.executable, "-m", "officemgr", "--db", str(path), *extra]

    def start_window(self, path: Path, *extra: str) -> subprocess.Popen[bytes]:
        """Start a window on ``path`` and wait until it listens for other launches."""
        listening = f"Listening for other launches on {path} "
        before = _log_text().count(listening)
        child = subprocess.Popen(
            self._command(path, *extra),
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.children.append(child)
        self.qtbot.waitUntil(
            lambda: _log_text().count(listening) > before or child.poll() is not None,
            timeout=START_TIMEOUT_MS,
        )
        assert child.poll() is None, f"the window on {path.name} ended ({child.returncode})"
        # Listening comes before the window exists; its note for the phone system's
        # launches, once it does.
        wanted = same_file_key(path)
        self.qtbot.waitUntil(
            lambda: any(w.company == wanted for w in open_windows()), timeout=START_TIMEOUT_MS
        )
        return child

    def launch(self, path: Path, *extra: str) -> tuple[int, float]:
        """Run a launch that should hand over and end: its exit code and seconds taken."""
        started = time.monotonic()
        done = subprocess.run(
            self._command(path, *extra),
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=HAND_OFF_TIMEOUT_S,
            check=False,
        )
        return done.returncode, time.monotonic() - started

    def call_without_db(self, number: str) -> tuple[int, float, str]:
        """What the phone system runs: ``officemgr --incoming-call NUMBER`` and nothing
        else. Its exit code, seconds, and the modules it imported (``-X importtime``)."""
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "officemgr", "--incoming-call", number],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=HAND_OFF_TIMEOUT_S,
            check=False,
        )
        return done.returncode, time.monotonic() - started, done.stderr

    def wait_for_log(self, text: str, count: int = 1) -> None:
        self.qtbot.waitUntil(lambda: _log_text().count(text) >= count, timeout=START_TIMEOUT_MS)

    def stop_all(self) -> None:
        for child in self.children:
            if child.poll() is None:
                child.terminate()
        for child in self.children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=10)
        for name in self.names:  # terminated windows leave their socket files behind
            QLocalServer.removeServer(name)


@pytest.fixture
def processes(qtbot: Any) -> Iterator[Processes]:
    running = Processes(qtbot)
    try:
        yield running
    finally:
        running.stop_all()


@pytest.fixture
def phone_book(company: Any, company_path: Path) -> tuple[Path, int]:
    smith = company.customers.add(name="Smith, John", phone=NUMBER).id
    company.customers.add(name="Baker, Ann", phone="937-555-0199")
    return company_path, int(smith)


def listening_count(path: Path) -> int:
    return _log_text().count(f"Listening for other launches on {path} ")


# -- the rules, without processes ----------------------------------------------------------


def test_the_server_name_is_per_file_and_the_same_for_any_spelling_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "A.officemgr", tmp_path / "B.officemgr"
    monkeypatch.chdir(tmp_path)
    assert server_name(a) == server_name(Path("A.officemgr"))
    assert server_name(a) == server_name(tmp_path / "sub" / ".." / "A.officemgr")
    assert server_name(a) != server_name(b)
    assert server_name(a).startswith("officemgr-") and len(server_name(a)) < 40


def test_messages_are_checked() -> None:
    assert parse_message(b'{"action": "raise"}') == {"action": "raise"}
    assert parse_message(b'{"action": "incoming_call", "number": " 555-0100 "}') == {
        "action": "incoming_call",
        "number": "555-0100",
    }
    for bad in (
        b"raise",
        b'["raise"]',
        b'{"action": "quit"}',
        b'{"action": "incoming_call"}',
        b'{"action": "incoming_call", "number": 5550100}',
        b'{"action": "incoming_call", "number": "' + b"5" * 65 + b'"}',
        b"\xff\xfe",
    ):
        with pytest.raises(ValueError):
            parse_message(bad)


def test_incoming_call_goes_with_no_command_and_needs_a_number(
    company_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from officemgr.cli import main

    for argv, said in (
        (["--incoming-call", NUMBER, "check", "--db", str(company_path)], "give it no command"),
        (["--incoming-call", "  ", "--db", str(company_path)], "needs the caller's number"),
    ):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 2
        assert said in capsys.readouterr().err


# -- between processes ---------------------------------------------------------------------


@needs_unix_log_folders
def test_an_incoming_call_is_handed_to_the_running_window(
    processes: Processes, phone_book: tuple[Path, int]
) -> None:
    path, smith = phone_book
    window = processes.start_window(path)
    code, seconds = processes.launch(path, "--incoming-call", NUMBER)
    assert code == 0
    assert seconds < QUICK_S
    processes.wait_for_log(f"Incoming call handed over by another launch ({path}).")
    processes.wait_for_log(f"Caller ID opened record {smith}.")
    assert window.poll() is None
    assert listening_count(path) == 1  # the launch never became a window


@needs_unix_log_folders
def test_a_second_plain_launch_raises_the_running_window(
    processes: Processes, phone_book: tuple[Path, int]
) -> None:
    path, _smith = phone_book
    window = processes.start_window(path)
    code, _seconds = processes.launch(path)
    assert code == 0
    processes.wait_for_log("Another launch asked for the window.")
    assert window.poll() is None
    assert listening_count(path) == 1


@needs_unix_log_folders
def test_with_no_window_running_the_incoming_call_starts_one(
    processes: Processes, phone_book: tuple[Path, int]
) -> None:
    path, smith = phone_book
    window = processes.start_window(path, "--incoming-call", "+1 555 201 3344")
    processes.wait_for_log(f"Caller ID opened record {smith}.")
    assert window.poll() is None  # it is the window now, and stays


@needs_unix_log_folders
def test_a_stale_socket_from_a_crashed_window_does_not_block_the_next_start(
    processes: Processes, phone_book: tuple[Path, int]
) -> None:
    path, smith = phone_book
    crashed = processes.start_window(path)
    crashed.send_signal(signal.SIGKILL)  # no clean-up at all
    crashed.wait(timeout=10)
    socket_file = Path(QDir.tempPath()) / server_name(path)
    assert socket_file.exists()  # left behind, as after a crash

    window = processes.start_window(path)
    assert listening_count(path) == 2
    code, _seconds = processes.launch(path, "--incoming-call", NUMBER)
    assert code == 0
    processes.wait_for_log(f"Caller ID opened record {smith}.")
    assert window.poll() is None


@needs_unix_log_folders
def test_a_different_file_runs_as_its_own_window(
    processes: Processes, phone_book: tuple[Path, int], template_company_file: Path, tmp_path: Path
) -> None:
    path, _smith = phone_book
    other = tmp_path / "Other Company.officemgr"
    other.write_bytes(template_company_file.read_bytes())
    first = processes.start_window(path)
    second = processes.start_window(other)  # not handed to the first: a window of its own
    assert listening_count(other) == 1
    code, _seconds = processes.launch(other)
    assert code == 0
    processes.wait_for_log("Another launch asked for the window.")
    assert first.poll() is None and second.poll() is None
    assert listening_count(path) == 1 and listening_count(other) == 1


@needs_unix_log_folders
def test_a_call_with_no_file_named_reaches_the_window_whatever_file_it_has(
    processes: Processes, phone_book: tuple[Path, int]
) -> None:
    """The phone system knows no company file: the open window (on a file that is not
    the default one) takes the call, and the launch loads no Qt, SQLAlchemy or
    phonenumbers to hand it over."""
    path, smith = phone_book
    assert path != paths.default_company_file()
    window = processes.start_window(path)
    code, seconds, imported = processes.call_without_db(NUMBER)
    assert code == 0 and seconds < QUICK_S
    processes.wait_for_log(f"Incoming call handed over by another launch ({path}).")
    processes.wait_for_log(f"Caller ID opened record {smith}.")
    for heavy in ("PySide6", "sqlalchemy", "phonenumbers", "officemgr.cli"):
        assert f" {heavy}\n" not in imported and f" {heavy}." not in imported, heavy
    assert window.poll() is None
    assert not paths.default_company_file().exists()  # no window on "My Company" was made


@needs_unix_log_folders
def test_a_call_with_no_file_named_goes_to_the_default_files_window_first(
    processes: Processes, phone_book: tuple[Path, int], template_company_file: Path
) -> None:
    path, _smith = phone_book
    default = paths.default_company_file()
    default.parent.mkdir(parents=True, exist_ok=True)
    default.write_bytes(template_company_file.read_bytes())
    processes.start_window(default)
    processes.start_window(path)  # used more recently, but not the default file
    code, _seconds, _imported = processes.call_without_db(NUMBER)
    assert code == 0
    processes.wait_for_log(f"Incoming call handed over by another launch ({default}).")
    assert f"Incoming call handed over by another launch ({path})." not in _log_text()
