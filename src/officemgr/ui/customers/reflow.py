"""A tab's two columns side by side when there is room, one above the other when not.

Payment Info and Additional Info are laid out in Designer as two columns (a box layout).
Below about 1,200 px of window (a 1024×700 laptop, the list beside the form) the pair no
longer fit and the tab scrolled sideways, cutting the credit-hold box and the notepad.
The columns now follow the room the tab has: side by side at their preferred widths,
else stacked — the box only turns, nothing is taken out of it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QWidget

__all__ = ["ColumnReflow", "GridReflow"]


class _FollowsTheRoom(QObject):
    """Re-arranges a layout for the width of ``room`` after each of its resizes (not
    during one: the layout being changed is being laid out then)."""

    def __init__(self, room: QWidget) -> None:
        super().__init__(room)
        self.room = room
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(lambda: self.arrange(self.room.width()))
        room.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.room and event.type() == QEvent.Type.Resize:
            self._soon.start()
        return False

    def arrange(self, width: int) -> None:
        raise NotImplementedError


class ColumnReflow(_FollowsTheRoom):
    """Turns ``box`` (two columns) top-to-bottom when ``room`` (the widget whose width
    the columns get) is narrower than both want side by side, and back."""

    def __init__(self, box: QBoxLayout, room: QWidget) -> None:
        if box.count() != 2:
            raise ValueError("ColumnReflow needs a box of two columns")
        self.box = box
        super().__init__(room)

    @property
    def stacked(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def needed_width(self) -> int:
        """The width both columns want side by side (with the box's margins and gap)."""
        margins = self.box.contentsMargins()
        widths = [item.sizeHint().width() for item in map(self.box.itemAt, range(2)) if item]
        return sum(widths) + max(self.box.spacing(), 0) + margins.left() + margins.right()

    def arrange(self, width: int) -> None:
        stack = width < self.needed_width()
        if stack != self.stacked:
            self.box.setDirection(
                QBoxLayout.Direction.TopToBottom if stack else QBoxLayout.Direction.LeftToRight
            )


class GridReflow(_FollowsTheRoom):
    """A grid of group boxes (Address Info: Name | Phone and email, Bill To | Work) in
    one column, in reading order, when ``room`` is narrower than its widest row wants;
    back in its rows and columns when there is room. Widgets move; no layout does."""

    def __init__(self, grid: QGridLayout, room: QWidget) -> None:
        self.grid = grid
        self.places: list[tuple[QWidget, int, int]] = []
        for row in range(grid.rowCount()):
            for column in range(grid.columnCount()):
                item = grid.itemAtPosition(row, column)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    self.places.append((widget, row, column))
        self.row_stretch = [grid.rowStretch(row) for row in range(grid.rowCount())]
        self.stacked = False
        super().__init__(room)

    def needed_width(self) -> int:
        """What the widest row of the grid wants side by side."""
        margins = self.grid.contentsMargins()
        spacing = max(self.grid.horizontalSpacing(), 0)
        rows: dict[int, list[int]] = {}
        for widget, row, _column in self.places:
            rows.setdefault(row, []).append(widget.sizeHint().width())
        widest = max((sum(w) + spacing * (len(w) - 1) for w in rows.values()), default=0)
        return widest + margins.left() + margins.right()

    def arrange(self, width: int) -> None:
        stack = width < self.needed_width()
        if stack == self.stacked:
            return
        for widget, _row, _column in self.places:
            self.grid.removeWidget(widget)
        for order, (widget, row, column) in enumerate(self.places):
            if stack:
                self.grid.addWidget(widget, order, 0)
            else:
                self.grid.addWidget(widget, row, column)
        # The room left over goes below the last box, as in the grid's own rows.
        rows = max(len(self.places) + 1, len(self.row_stretch))
        for row in range(rows):
            if stack:
                self.grid.setRowStretch(row, 1 if row == len(self.places) else 0)
            else:
                kept = self.row_stretch[row] if row < len(self.row_stretch) else 0
                self.grid.setRowStretch(row, kept)
        self.stacked = stack
