"""The table of an invoice's lines, typed in like a spreadsheet.

Tab goes from cell to cell along a line and on to the next line (past Amount, which is
worked out, not typed); Tab on the last line's last cell starts a new line, its cursor in
Description. Shift+Tab goes back the same way and leaves the table from the first cell;
Tab leaves it from a last line still blank, so the keyboard is never stuck in the table.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from officemgr.ui.billing.invoice_lines_model import Column, InvoiceLinesModel

# The cells Tab stops at on each line, in order.
TAB_STOPS = (Column.DESCRIPTION, Column.QUANTITY, Column.RATE, Column.TAXABLE)

Move = QAbstractItemView.CursorAction


class InvoiceLinesView(QTableView):
    """A table view of an `InvoiceLinesModel` whose Tab goes through the lines (with
    ``tabKeyNavigation`` on, as the invoice dialog sets it)."""

    def lines_model(self) -> InvoiceLinesModel:
        model = self.model()
        assert isinstance(model, InvoiceLinesModel)
        return model

    def moveCursor(self, cursorAction: Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Where Tab and Shift+Tab go, from a cell or from its open editor (Qt asks here in
        both cases); an invalid index lets the focus leave the table."""
        if cursorAction == Move.MoveNext:
            return self.next_stop()
        if cursorAction == Move.MovePrevious:
            return self.previous_stop()
        return super().moveCursor(cursorAction, modifiers)

    def next_stop(self) -> QModelIndex:
        """The next cell along; past the last line's last cell, a new line."""
        model = self.lines_model()
        current = self.currentIndex()
        if not current.isValid():
            return model.index(0, TAB_STOPS[0])  # invalid when there are no lines
        row, column = current.row(), current.column()
        later = [stop for stop in TAB_STOPS if stop > column]
        if later:
            return model.index(row, later[0])
        if row + 1 < model.rowCount():
            return model.index(row + 1, TAB_STOPS[0])
        if model.row(row).is_blank:
            return QModelIndex()  # nothing typed on the last line: on out of the table
        return model.index(model.add_row(), TAB_STOPS[0])

    def previous_stop(self) -> QModelIndex:
        """The cell before; none before the first line's first cell (out of the table)."""
        model = self.lines_model()
        current = self.currentIndex()
        if not current.isValid():
            return QModelIndex()
        row, column = current.row(), current.column()
        earlier = [stop for stop in TAB_STOPS if stop < column]
        if earlier:
            return model.index(row, earlier[-1])
        return model.index(row - 1, TAB_STOPS[-1]) if row > 0 else QModelIndex()
