"""A tab's two columns side by side when there is room, one above the other when not.

Payment Info and Additional Info are laid out in Designer as two columns (a box layout).
Below about 1,200 px of window (a 1024×700 laptop, the list beside the form) the pair no
longer fit and the tab scrolled sideways, cutting the credit-hold box and the notepad.
The columns now follow the room the tab has: side by side at their preferred widths,
else stacked — the box only turns, nothing is taken out of it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QBoxLayout, QWidget

__all__ = ["ColumnReflow"]


class ColumnReflow(QObject):
    """Turns ``box`` (two columns) top-to-bottom when ``room`` (the widget whose width
    the columns get) is narrower than both want side by side, and back."""

    def __init__(self, box: QBoxLayout, room: QWidget) -> None:
        super().__init__(room)
        if box.count() != 2:
            raise ValueError("ColumnReflow needs a box of two columns")
        self.box = box
        self.room = room
        self._soon = QTimer(self)  # after the resize: the box is being laid out during it
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(lambda: self.arrange(self.room.width()))
        room.installEventFilter(self)

    @property
    def stacked(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def needed_width(self) -> int:
        """The width both columns want side by side (with the box's margins and gap)."""
        margins = self.box.contentsMargins()
        widths = [item.sizeHint().width() for item in map(self.box.itemAt, range(2)) if item]
        return sum(widths) + max(self.box.spacing(), 0) + margins.left() + margins.right()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.room and event.type() == QEvent.Type.Resize:
            self._soon.start()
        return False

    def arrange(self, width: int) -> None:
        stack = width < self.needed_width()
        if stack != self.stacked:
            self.box.setDirection(
                QBoxLayout.Direction.TopToBottom if stack else QBoxLayout.Direction.LeftToRight
            )
