"""Company files the system asks the running program to open.

On macOS a double-click in the Finder (or a file dropped on the Dock icon) reaches a
running OfficeMgr as a QFileOpenEvent, not as a command-line argument. The window opens
the file as File › Open would (asking first about unsaved changes); an event that comes
before the window exists waits for it. The router filters every event of the
application, so `run_gui` installs it on macOS only, where such events come.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent

from officemgr.core.paths import COMPANY_SUFFIX


class FileOpenRouter(QObject):
    """Watches the application for file-open requests and hands them to the window."""

    def __init__(self, app: QObject) -> None:
        super().__init__(app)
        self.window: Any = None
        self.pending: list[Path] = []
        app.installEventFilter(self)

    def attach(self, window: Any) -> None:
        """From now on requests go to ``window``; one that came before is opened now."""
        self.window = window
        if self.pending:
            latest = self.pending[-1]  # the last file asked for is the one to show
            self.pending.clear()
            QTimer.singleShot(0, self, lambda: self._open(latest))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = Path(event.file())
        if path.suffix.lower() != COMPANY_SUFFIX:
            return False
        # Not inside the event: opening may ask about unsaved changes in a dialog.
        QTimer.singleShot(0, self, lambda: self._open(path))
        return True

    def _open(self, path: Path) -> None:
        if self.window is None:
            self.pending.append(path)
            return
        self.window.bring_to_front()
        self.window.open_company(path)
