"""Handing a launch to a window already running — without Qt, SQLAlchemy or phonenumbers.

The phone system starts ``officemgr --incoming-call NUMBER`` on every ring. When a window
is open, this module is that process's whole work: find the windows this user has open
(each leaves a small note in the desk folder while it runs, saying which company file it
has, where it listens and when it was last used), give the number to the right one over
its local socket (a Unix socket; a named pipe on Windows) and exit — in milliseconds and
a few MB. Only when no window answers does the launch go on to open one (``app``).

Which window takes a call: with ``--db FILE``, the one on that file; without, the one on
the default company file if it runs, else the one used most recently.

Messages are one JSON object per line, answered by one line::

    {"action": "raise"}                                   -> {"ok": true}
    {"action": "incoming_call", "number": "(555) 201-3344"} -> {"ok": true}
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import hashlib
import json
import logging
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from officemgr.core.location import company_location, location_key

__all__ = [
    "ACTIONS",
    "DeskNote",
    "WindowNote",
    "hand_off",
    "hand_off_from_arguments",
    "incoming_call_message",
    "open_windows",
    "parse_message",
    "raise_message",
    "send",
    "server_name",
]

log = logging.getLogger(__name__)

ACTIONS = ("raise", "incoming_call")
REPLY_TIMEOUT_S = 3.0  # a busy window (a report starting) still answers within this
MAX_NUMBER = 64
NOTE_SUFFIX = ".window.json"


# ------------------------------------------------------------------------ messages


def raise_message() -> dict[str, Any]:
    return {"action": "raise"}


def incoming_call_message(number: str) -> dict[str, Any]:
    return {"action": "incoming_call", "number": number}


def parse_message(line: bytes) -> dict[str, Any]:
    """The message in ``line``; ValueError with the reason when it is not one of ours."""
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a JSON line: {error}") from None
    if not isinstance(message, dict) or message.get("action") not in ACTIONS:
        raise ValueError(f"the action must be one of {', '.join(ACTIONS)}")
    if message["action"] == "incoming_call":
        number = message.get("number")
        if not isinstance(number, str) or not number.strip() or len(number) > MAX_NUMBER:
            raise ValueError("an incoming call needs its number")
        return incoming_call_message(number.strip())
    return raise_message()


def server_name(company_path: Path | str) -> str:
    """The local server name of the window on this file for this user (one name per
    file, so a second launch on the same file finds the first)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (a container's bare uid)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha256(f"{user}\0{same_file_key(company_path)}".encode()).hexdigest()[:20]
    # Short: on Unix it becomes a socket file in the temp folder (paths max ~100 bytes).
    return f"officemgr-{digest}"


def same_file_key(location: Path | str) -> str:
    """One text for every way of naming one company: a file (relative, ``~``, links,
    case on Windows) or a server's address (see ``core.location.location_key``)."""
    return location_key(location)


# -------------------------------------------------------------- the windows' notes


def desk_folder() -> Path:
    """Where running windows leave their notes (per user; not synced or backed up)."""
    return Path(platformdirs.user_state_dir("OfficeMgr", appauthor=False)) / "windows"


@dataclass(frozen=True)
class WindowNote:
    """A running window, as its note says."""

    company: str  # `same_file_key` of its company file
    address: str  # its local server's full name: a socket path, or a pipe name
    pid: int
    active: float  # when it was last the active window (time.time())
    note: Path


class DeskNote:
    """This window's note in the desk folder, written when it starts listening, touched
    when it becomes the active window, removed when it closes."""

    def __init__(self, company_path: Path | str, address: str) -> None:
        self.company = same_file_key(company_path)
        self.address = address
        self.path = desk_folder() / f"{server_name(company_path)}{NOTE_SUFFIX}"
        self.touch()

    def retarget(self, company_path: Path | str) -> None:
        """The window opened another company file (it keeps listening where it did)."""
        self.company = same_file_key(company_path)
        self.touch()

    def touch(self) -> None:
        """Say this window is the one in use now (an unwritable folder only costs the
        hand-off its choice of window: logged, not raised)."""
        note = {
            "company": self.company,
            "address": self.address,
            "pid": os.getpid(),
            "active": time.time(),
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(self.path.name + f".{os.getpid()}.partial")
            partial.write_text(json.dumps(note), encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as error:
            log.warning("Cannot write the window's note %s: %s", self.path, error)

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def open_windows() -> list[WindowNote]:
    """The notes of the windows that say they run (unreadable notes are left out)."""
    found: list[WindowNote] = []
    try:
        notes = sorted(desk_folder().glob(f"*{NOTE_SUFFIX}"))
    except OSError:
        return found
    for note in notes:
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            found.append(
                WindowNote(
                    company=str(data["company"]),
                    address=str(data["address"]),
                    pid=int(data["pid"]),
                    active=float(data["active"]),
                    note=note,
                )
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("Ignored the unreadable window note %s: %s", note, error)
    return found


def _in_turn(windows: list[WindowNote], company: Path | str | None) -> list[WindowNote]:
    """The windows to offer the message to, first choice first."""
    if company is not None:
        wanted = same_file_key(company)
        return [w for w in windows if w.company == wanted]
    default = same_file_key(_default_company_file())
    return sorted(windows, key=lambda w: (w.company != default, -w.active))


def _default_company_file() -> Path:
    # The same place as core.paths says, without importing the core.
    from officemgr.core.paths import default_company_file

    return default_company_file()


# -------------------------------------------------------------------- sending


def hand_off_from_arguments(args: list[str]) -> bool:
    """``officemgr --incoming-call NUMBER [--db FILE]``: True when a running window took
    the call. False for anything else (no window answered, other options, a number the
    command line refuses): the full command line then does what it says."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--incoming-call")
    parser.add_argument("--db", type=company_location)
    try:
        known, rest = parser.parse_known_args(args)
    except SystemExit:  # "--db" with no file: the full command line says what is wrong
        return False
    number = (known.incoming_call or "").strip()
    if rest or not number or len(number) > MAX_NUMBER:
        return False
    return hand_off(incoming_call_message(number), known.db)


def hand_off(message: dict[str, Any], company: Path | str | None = None) -> bool:
    """Give ``message`` to a running window (the one on ``company``, when given): True
    once one answered. Notes of windows that no longer run are removed on the way."""
    for window in _in_turn(open_windows(), company):
        if send(window.address, message):
            log.info("Handed %s to the window on %s.", message["action"], window.company)
            return True
        if not _alive(window.pid):
            with contextlib.suppress(OSError):
                window.note.unlink()
    return False


def send(address: str, message: dict[str, Any], *, timeout_s: float = REPLY_TIMEOUT_S) -> bool:
    """Send ``message`` to the window listening at ``address``: True once it answered.
    False when nobody listens there or no answer came in time."""
    line = json.dumps(message).encode("utf-8") + b"\n"
    try:
        if sys.platform == "win32":
            reply = _send_pipe(address, line)
        else:
            reply = _send_socket(address, line, timeout_s)
    except OSError as error:
        log.info("No window answered at %s: %s", address, error)
        return False
    try:
        answer = json.loads(reply)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    if isinstance(answer, dict) and answer.get("ok") is False:
        log.warning("The running window refused %s: %s", message, answer.get("error"))
    return isinstance(answer, dict)


def _send_socket(address: str, line: bytes, timeout_s: float) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout_s)
        conn.connect(address)
        conn.sendall(line)
        return _read_line(conn.recv)


def _send_pipe(address: str, line: bytes) -> bytes:  # pragma: no cover - Windows only
    import ctypes

    # Let the running window come to the front (Windows refuses focus theft otherwise).
    ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined]
    with open(address, "r+b", buffering=0) as pipe:
        pipe.write(line)
        return _read_line(pipe.read)


def _read_line(read: Any) -> bytes:
    reply = b""
    while not reply.endswith(b"\n"):
        chunk = read(256)
        if not chunk:
            break
        reply += chunk
        if len(reply) > 4096:
            break
    return reply


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - a refused pipe says enough there
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
