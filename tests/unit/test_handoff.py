"""The phone system's launch hands a call to a running window with no Qt (``handoff``).

A "window" here is a plain Unix socket server in a thread that answers as the window's
``InstanceServer`` does, with a note in the desk folder as ``serve_window`` leaves it.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from officemgr import handoff
from officemgr.core import paths

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")


class FakeWindow:
    """Listens at a socket path; keeps the messages it was given; answers {"ok": true}."""

    def __init__(self, folder: Path, company: Path) -> None:
        self.address = str(folder / f"w{id(self)}.sock")
        self.received: list[dict[str, object]] = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.address)
        self.server.listen()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        self.note = handoff.DeskNote(company, self.address)

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                line = conn.makefile("rb").readline()
                self.received.append(handoff.parse_message(line.strip()))
                conn.sendall(b'{"ok": true}\n')

    def close(self) -> None:
        # shutdown first: close alone leaves a socket blocked in accept() listening.
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        self.thread.join(timeout=5)


@pytest.fixture
def windows(tmp_path: Path) -> Iterator[list[FakeWindow]]:
    made: list[FakeWindow] = []
    yield made
    for window in made:
        window.close()


def _call(number: str, *extra: str) -> bool:
    return handoff.hand_off_from_arguments(["--incoming-call", number, *extra])


def test_the_one_running_window_takes_a_call_whatever_its_file(
    tmp_path: Path, windows: list[FakeWindow]
) -> None:
    windows.append(FakeWindow(tmp_path, tmp_path / "Sample Company.officemgr"))
    assert _call("(555) 201-3344")
    assert windows[0].received == [{"action": "incoming_call", "number": "(555) 201-3344"}]


def test_the_default_files_window_comes_first_then_the_one_used_last(
    tmp_path: Path, windows: list[FakeWindow]
) -> None:
    older = FakeWindow(tmp_path, tmp_path / "A.officemgr")
    default = FakeWindow(tmp_path, paths.default_company_file())
    newer = FakeWindow(tmp_path, tmp_path / "B.officemgr")
    windows.extend([older, default, newer])
    assert _call("555-0100")
    assert default.received and not older.received and not newer.received
    default.close()  # gone without removing its note (a crash)
    older.note.touch()  # used after the other one
    assert _call("555-0101")
    assert older.received and not newer.received


def test_with_a_file_named_only_that_files_window_takes_it(
    tmp_path: Path, windows: list[FakeWindow]
) -> None:
    a = FakeWindow(tmp_path, tmp_path / "A.officemgr")
    windows.append(a)
    assert not _call("555-0100", "--db", str(tmp_path / "B.officemgr"))
    assert _call("555-0100", "--db", str(tmp_path / "sub" / ".." / "A.officemgr"))
    assert a.received == [{"action": "incoming_call", "number": "555-0100"}]


def test_a_window_that_opened_another_file_takes_that_files_calls(
    tmp_path: Path, windows: list[FakeWindow]
) -> None:
    window = FakeWindow(tmp_path, tmp_path / "A.officemgr")
    windows.append(window)
    window.note.retarget(tmp_path / "B.officemgr")
    assert _call("555-0100", "--db", str(tmp_path / "B.officemgr"))
    assert not _call("555-0100", "--db", str(tmp_path / "A.officemgr"))


def test_notes_of_windows_gone_are_removed_and_nobody_answering_is_false(
    tmp_path: Path, windows: list[FakeWindow]
) -> None:
    gone = FakeWindow(tmp_path, tmp_path / "A.officemgr")
    gone.close()
    note = gone.note.path
    data = json.loads(note.read_text(encoding="utf-8"))
    note.write_text(json.dumps({**data, "pid": 2**22 + 7}), encoding="utf-8")  # no such process
    (handoff.desk_folder() / f"junk{handoff.NOTE_SUFFIX}").write_text("{", encoding="utf-8")
    assert not _call("555-0100")
    assert not note.exists()


def test_anything_but_a_plain_call_is_left_to_the_full_command_line(
    tmp_path: Path, windows: list[FakeWindow]
) -> None:
    window = FakeWindow(tmp_path, tmp_path / "A.officemgr")
    windows.append(window)
    for args in (
        ["--incoming-call", "  "],
        ["--incoming-call", "5" * 65],
        ["--incoming-call", "555", "--sample"],
        ["--incoming-call", "555", "check"],
        ["--incoming-call", "555", "--db"],
    ):
        assert not handoff.hand_off_from_arguments(args), args
    assert window.received == []
