"""One window per company file: later launches hand their request to the running one.

The running window listens on a ``QLocalServer`` whose name comes from the user and the
company file, so two different files may run side by side while a second launch on the
same file (a plain one, or ``officemgr --incoming-call NUMBER`` from the phone system)
talks to the first. The messages, and the Qt-free client the phone system's launches
use, are in ``officemgr.handoff``; the window answers each message with ``{"ok": true}``
(or ``false`` and an ``error``), so the launching process knows somebody took it and can
exit at once.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDeadlineTimer, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from officemgr.core.location import without_password
from officemgr.handoff import (
    ACTIONS,
    DeskNote,
    hand_off,
    incoming_call_message,
    parse_message,
    raise_message,
    server_name,
)

__all__ = [
    "ACTIONS",
    "InstanceServer",
    "Launch",
    "incoming_call_message",
    "parse_message",
    "raise_message",
    "send",
    "serve_window",
    "server_name",
    "start_or_hand_off",
]

log = logging.getLogger(__name__)

REPLY_TIMEOUT_MS = 3000  # a busy window (a report starting) still answers within this
MAX_LINE = 4096  # a message is a few dozen bytes; anything longer is not ours


def send(name: str, message: dict[str, Any], *, timeout_ms: int = REPLY_TIMEOUT_MS) -> bool:
    """Hand ``message`` to the window listening as ``name``: True once it answered.

    False when nobody listens (or a stale socket of a crashed window), or no answer came
    in time."""
    if sys.platform == "win32":  # let the running window come to the front
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined]
    deadline = QDeadlineTimer(timeout_ms)
    socket = QLocalSocket()
    try:
        socket.connectToServer(name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(json.dumps(message).encode("utf-8") + b"\n")
        if not socket.waitForBytesWritten(max(int(deadline.remainingTime()), 1)):
            return False
        while not socket.canReadLine():
            if deadline.hasExpired() or not socket.waitForReadyRead(
                max(int(deadline.remainingTime()), 1)
            ):
                log.warning("The window on %s took the message but did not answer.", name)
                return False
        reply = bytes(socket.readLine().data())
        try:
            answer = json.loads(reply)
        except (UnicodeDecodeError, json.JSONDecodeError):
            answer = {}
        if isinstance(answer, dict) and answer.get("ok") is False:
            log.warning("The running window refused %s: %s", message, answer.get("error"))
        return True
    finally:
        socket.abort()


class InstanceServer(QObject):
    """Listens for later launches and emits each of their messages."""

    message_received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        return bool(self.server.listen(self.name))

    def address_in_use(self) -> bool:
        return self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            # A bound slot and sender(), not a lambda holding the socket: such a lambda
            # makes a reference cycle whose collection deletes the socket under Qt (crash).
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)

    def _read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket):
            return
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).strip()
            if not line:
                continue
            try:
                message = parse_message(line)
            except ValueError as error:
                log.warning("Ignored a message from another launch: %s", error)
                self._reply(socket, {"ok": False, "error": str(error)})
                continue
            self.message_received.emit(message)
            self._reply(socket, {"ok": True})
        if socket.bytesAvailable() > MAX_LINE:
            log.warning("Dropped another launch that sent no message.")
            socket.abort()

    @staticmethod
    def _reply(socket: QLocalSocket, answer: dict[str, Any]) -> None:
        socket.write(json.dumps(answer).encode("utf-8") + b"\n")
        socket.flush()


@dataclass
class Launch:
    """What a launch found: another window took its message, or it is the instance."""

    handed_off: bool
    server: InstanceServer | None  # None when handed off, or when listening failed


def start_or_hand_off(
    company_path: Path | str,
    message: dict[str, Any],
    *,
    parent: QObject | None = None,
    timeout_ms: int = REPLY_TIMEOUT_MS,
) -> Launch:
    """Give ``message`` to the window already on ``company_path``, or become that window.

    A socket left by a crashed window answers nobody: it is removed and the name taken
    over. When even that fails, the window runs without a server (and says so in the log).
    """
    name = server_name(company_path)
    shown = without_password(company_path) if isinstance(company_path, str) else company_path
    # A window that opened this file after it started listens under another name: the
    # desk notes find it.
    if hand_off(message, company_path) or send(name, message, timeout_ms=timeout_ms):
        log.info("Handed %s to the window already open on %s.", message["action"], shown)
        return Launch(True, None)
    server = InstanceServer(name, parent)
    if server.listen():
        log.info("Listening for other launches on %s as %s.", shown, name)
        return Launch(False, server)
    if server.address_in_use():
        # Another launch may have started between the two steps: ask once more.
        if send(name, message, timeout_ms=timeout_ms):
            server.deleteLater()
            log.info("Handed %s to the window just opened on %s.", message["action"], shown)
            return Launch(True, None)
        log.info("Removing the stale instance socket %s (a window that crashed).", name)
        QLocalServer.removeServer(name)
        if server.listen():
            log.info("Listening for other launches on %s as %s.", shown, name)
            return Launch(False, server)
    log.warning(
        "Cannot listen for other launches as %s (%s); a second launch will open a second window.",
        name,
        server.server.errorString(),
    )
    server.deleteLater()
    return Launch(False, None)


def serve_window(server: InstanceServer, window: Any, company_path: Path | str) -> DeskNote:
    """Bring ``window`` forward for each message; an incoming call runs its caller ID.
    Returns the window's note in the desk folder (which the phone system's launches
    read), kept up to date as the window is used; the caller removes it at the end.

    Queued with a zero timer: the socket handler answers at once and never waits inside
    a dialog the caller-ID flow may open."""
    note = DeskNote(company_path, server.server.fullServerName())
    window.desk_note = note
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):

        def used(state: Qt.ApplicationState) -> None:
            if state == Qt.ApplicationState.ApplicationActive:
                note.touch()

        app.applicationStateChanged.connect(used)

    def deliver(message: dict[str, Any]) -> None:
        act: Callable[[], None]
        if message["action"] == "incoming_call":
            number = message["number"]
            log.info("Incoming call handed over by another launch (%s).", window.company.address)
            act = lambda: window.incoming_call(number)  # noqa: E731
        else:
            log.info("Another launch asked for the window.")
            act = window.bring_to_front
        QTimer.singleShot(0, act)

    server.message_received.connect(deliver)
    return note
