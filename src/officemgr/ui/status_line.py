"""The status bar's message line: every message has an owner and a priority.

Several parts of the window speak in the status bar — caller ID, the daily backup, the
operations runner, menu commands — and they do so at times of their own. A plain
``showMessage`` lets the last one win, so a backup finishing in the background wiped the
caller line a dispatcher was reading. Here each owner holds at most one message; the line
shows the most important one still current (the newest among equals), and a message that
is outranked waits its turn instead of being lost while it is still current.

The line is a label among the bar's normal widgets, not its temporary message: menu status
tips still cover it while the mouse is over a menu, and it is back when they go.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStatusBar

from officemgr.ui.elided_label import ElidedLabel

__all__ = ["ElidedLabel", "Priority", "StatusLine"]

# How long a message stays when its owner gives no time: long enough to read a sentence.
DEFAULT_MS = 6000
MIN_WIDTH = 420  # px: "Caller (555) 849-1119: Bell, Shirley — 2 open jobs. Ctrl+L logs the call."


class Priority(IntEnum):
    NOTE = 10  # news from the background: a backup written, a list refreshed
    ACTION = 20  # the answer to what the user just did: copied, printed, made inactive
    WAITING = 30  # the company file is busy and the window waits for it
    CALLER = 40  # a caller found by phone, until the call is logged


@dataclass(frozen=True)
class _Message:
    text: str
    priority: Priority
    order: int  # newer messages win among equals
    until: float | None  # time.monotonic() deadline; None: until its owner clears it


class StatusLine(QObject):
    """The message line of one status bar (``StatusLine.of(bar)``)."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.setObjectName("statusLine")
        self.label = ElidedLabel(bar)
        self.label.setObjectName("statusLineLabel")
        self.label.setContentsMargins(4, 0, 4, 0)
        # The caller line comes first: the bar's other labels give up their room before
        # it is cut below what a caller's number and name need.
        self.label.setMinimumWidth(MIN_WIDTH)
        bar.addWidget(self.label, 1)
        self._messages: dict[str, _Message] = {}
        self._counter = itertools.count()
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self._update)

    @classmethod
    def of(cls, bar: QStatusBar) -> StatusLine:
        """The bar's line, made the first time it is asked for."""
        line = bar.findChild(StatusLine)  # by its type: a bar has one line
        return line if isinstance(line, StatusLine) else cls(bar)

    def show(
        self,
        owner: str,
        text: str,
        *,
        priority: Priority = Priority.ACTION,
        msecs: int = DEFAULT_MS,
    ) -> None:
        """``owner``'s message (replacing its previous one) for ``msecs`` ms; 0 keeps it
        until `clear`."""
        until = time.monotonic() + msecs / 1000 if msecs > 0 else None
        self._messages[owner] = _Message(text, priority, next(self._counter), until)
        self._update()

    def clear(self, owner: str, text: str | None = None) -> None:
        """Take ``owner``'s message away (only if it still says ``text``, when given)."""
        message = self._messages.get(owner)
        if message is not None and (text is None or message.text == text):
            del self._messages[owner]
            self._update()

    def text(self) -> str:
        """What the line shows now (whole, however narrow the window)."""
        return self.label.full_text()

    def text_of(self, owner: str) -> str:
        """``owner``'s current message, shown or waiting its turn ("" when none)."""
        self._drop_expired()
        message = self._messages.get(owner)
        return message.text if message is not None else ""

    def _drop_expired(self) -> None:
        now = time.monotonic()
        for owner, message in list(self._messages.items()):
            if message.until is not None and message.until <= now:
                del self._messages[owner]

    def _update(self) -> None:
        self._drop_expired()
        shown = max(self._messages.values(), key=lambda m: (m.priority, m.order), default=None)
        self.label.set_full_text(shown.text if shown is not None else "")
        deadlines = [m.until for m in self._messages.values() if m.until is not None]
        if deadlines:
            wait_ms = max(0, round((min(deadlines) - time.monotonic()) * 1000)) + 1
            self._expiry.start(wait_ms)
        else:
            self._expiry.stop()
