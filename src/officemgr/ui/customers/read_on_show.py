"""A tab of the form that reads its rows only while it is on show."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class ReadOnShowTab(QWidget):
    """A tab whose rows (a log, an account, a work order) are read when it is on show.

    A dispatcher moving through the list reads only the tabs they look at: `read_when_shown`
    reads at once when the tab is on screen, else marks it stale, and a stale tab reads as
    it is shown. A subclass reads in `refresh` and calls `mark_read` there.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = False  # what is shown is not what `refresh` would read now

    def refresh(self) -> None:
        raise NotImplementedError

    def mark_read(self) -> None:
        """What is shown is current (called by `refresh`)."""
        self._stale = False

    def mark_stale(self) -> None:
        """What is shown is not current: read it again when the tab is shown."""
        self._stale = True

    def read_when_shown(self) -> bool:
        """Read now if the tab is on show (True), else when it is shown (False)."""
        self.mark_stale()
        if self.isVisible():
            self.refresh()
            return True
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
