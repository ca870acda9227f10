"""The Customer:Job list on the left of the main window: a tree view with badges.

The search results of the quick filter use the same base view (``NodeListView``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from officemgr.core.records import TreeRow
from officemgr.ui.icons import icon
from officemgr.ui.models.customer_job_tree import Column, CustomerJobTreeModel, Role

BADGE_SIZE = 16
BADGE_GAP = 3
ROW_PADDING = 6  # vertical room around a badge: rows are easy to aim at and to read
WIDEST_BALANCE = "-9,999,999.99"
_NAME, _BADGES = int(Column.NAME), int(Role.BADGES)


class BadgeDelegate(QStyledItemDelegate):
    """Paints a name's badges (credit hold, pop-up notes, prospect) at the column's right.

    Names stay aligned whatever their badges, and the badges line up in a column.
    """

    @staticmethod
    def badges(index: QModelIndex | QPersistentModelIndex) -> tuple[str, ...]:
        if index.column() != _NAME:  # every painted cell asks: ints, not enum members
            return ()
        return index.data(_BADGES) or ()

    @staticmethod
    def badges_width(count: int) -> int:
        return count * (BADGE_SIZE + BADGE_GAP) + BADGE_GAP if count else 0

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        badges = self.badges(index)
        if not badges:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        width = self.badges_width(len(badges))
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        room = max(text_rect.width() - width, 0)
        opt.text = opt.fontMetrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, room)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect
        x = rect.right() + 1 - width + BADGE_GAP
        y = rect.top() + (rect.height() - BADGE_SIZE) // 2
        for key in badges:
            icon(key).paint(painter, QRect(x, y, BADGE_SIZE, BADGE_SIZE))
            x += BADGE_SIZE + BADGE_GAP

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        size.setWidth(size.width() + self.badges_width(len(self.badges(index))))
        # Every row, badges or not: the view takes one row's height for all of them.
        size.setHeight(max(size.height(), BADGE_SIZE + ROW_PADDING))
        return size


class NodeListView(QTreeView):
    """What the Customer:Job tree and the search results share: badges, one row selected,
    the context menu, and keys handed to the quick filter.

    ``typed`` carries printable text typed while the list has the focus (the quick filter
    takes it: with 100,000 customers, finding beats type-ahead among the loaded rows);
    ``escape_pressed`` and ``up_from_top`` let the window move the focus back to the filter.
    """

    typed = Signal(str)
    escape_pressed = Signal()
    up_from_top = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setAnimated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(BadgeDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._context_actions: list[QAction | None] = []

    def current_row(self) -> object | None:
        """The selected row's record (a TreeRow or a NodeSummary), if any."""
        model = self.selectionModel()
        rows = model.selectedRows(Column.NAME) if model is not None else []
        return rows[0].data(Role.ROW) if rows else None

    def size_columns(self) -> None:
        """Name takes the room; Balance is as wide as the widest balance."""
        header = self.header()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.BALANCE, QHeaderView.ResizeMode.Interactive)
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        header.resizeSection(
            Column.BALANCE, self.fontMetrics().horizontalAdvance(WIDEST_BALANCE) + margin
        )

    def set_context_actions(self, actions: list[QAction | None]) -> None:
        """The context menu's items (``None``: a separator), shared with the menu bar."""
        self._context_actions = list(actions)

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("nodeContextMenu")
        for action in self._context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self._context_actions:
            super().contextMenuEvent(event)
            return
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(event.pos())
            if index.isValid() and not self.selectionModel().isRowSelected(
                index.row(), index.parent()
            ):
                self.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            where = event.globalPos()
        else:  # the Menu key or Shift+F10: at the current row
            rect = self.visualRect(self.currentIndex())
            point = rect.bottomLeft() if rect.isValid() else self.viewport().rect().topLeft()
            where = self.viewport().mapToGlobal(point)
        menu = self.context_menu()
        menu.popup(where)
        self._open_menu = menu  # kept alive while it is shown (and findable in tests)
        menu.aboutToHide.connect(menu.deleteLater)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Escape and not modifiers:
            self.escape_pressed.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Up and not modifiers and self._at_top():
            self.up_from_top.emit()
            event.accept()
            return
        text = event.text()
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if plain and text and text.isprintable() and not text.isspace():
            self.typed.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def _at_top(self) -> bool:
        current = self.currentIndex()
        return not current.isValid() or not self.indexAbove(current).isValid()


@dataclass(frozen=True)
class ViewState:
    """What to put back after the list reloads: the current node and the expanded ones."""

    current_id: int | None
    expanded_ids: tuple[int, ...]  # parents before their children


class CustomerJobTreeView(NodeListView):
    """The Customer:Job tree. ``row_changed`` carries the current TreeRow (or None)."""

    row_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerJobTree")
        self.setAccessibleName("Customers and jobs")

    def tree_model(self) -> CustomerJobTreeModel | None:
        model = self.model()
        return model if isinstance(model, CustomerJobTreeModel) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Up or Page Up at the first loaded customer reads the customers above it first
        # (the list may start further down after a jump to a record).
        keys = (Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Home)
        if event.key() in keys and self.currentIndex().row() == 0:
            self._fetch_before()  # the current row moves down with the rows added above
        super().keyPressEvent(event)

    def doItemsLayout(self) -> None:
        # QTreeView fetches one more page of the top level on every full layout (after a
        # reset, after rows are added there) before laying out what it has: 200 customers
        # nobody scrolled to, read and laid out on every jump to a record. Scrolling to the
        # end (or an end in view) still fetches them.
        model = self.tree_model()
        if model is None:
            super().doItemsLayout()
            return
        with model.top_level_held():
            super().doItemsLayout()

    def _scrolled(self, value: int) -> None:
        if value == self.verticalScrollBar().minimum():
            self._fetch_before()

    def _fetch_before(self) -> int:
        """Read the customers above the loaded window, keeping the same rows in view."""
        model = self.tree_model()
        if model is None or not model.can_fetch_before():
            return 0
        top = self.indexAt(self.viewport().rect().topLeft())
        added = model.fetch_before()
        if added and top.isValid():
            self.scrollTo(top, QAbstractItemView.ScrollHint.PositionAtTop)
        return added

    def set_tree_model(self, model: CustomerJobTreeModel) -> None:
        """Show ``model`` (the view does not own it) with the columns sized for it."""
        self.setModel(model)
        self.size_columns()
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        # The panel follows the selected row; focus alone only moves the (unselected) cursor.
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        model.modelReset.connect(lambda: self.row_changed.emit(None))

    def current_row(self) -> TreeRow | None:
        """The selected customer or job, if any."""
        rows = self.selectionModel().selectedRows(Column.NAME) if self.selectionModel() else []
        return rows[0].data(Role.ROW) if rows else None

    def clear_selection(self) -> None:
        if self.selectionModel() is not None:
            self.selectionModel().clearSelection()

    def select_node(self, node_id: int) -> bool:
        """Make ``node_id`` current, fetching and expanding what leads to it."""
        model = self.tree_model()
        index = model.index_for_id(node_id) if model is not None else QModelIndex()
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)
        return True

    def view_state(self) -> ViewState:
        current = self.current_row()
        expanded: list[int] = []
        model = self.model()
        pending = [QModelIndex()]
        while pending:  # only expanded subtrees are walked
            parent = pending.pop()
            for row in range(model.rowCount(parent)):
                index = model.index(row, Column.NAME, parent)
                if self.isExpanded(index):
                    expanded.append(index.data(Role.NODE_ID))
                    pending.append(index)
        return ViewState(current.id if current else None, tuple(expanded))

    def restore_view_state(self, state: ViewState) -> None:
        model = self.tree_model()
        if model is None:
            return
        for node_id in state.expanded_ids:
            index = model.index_for_id(node_id)
            if index.isValid():
                self.expand(index)
        if state.current_id is not None:
            self.select_node(state.current_id)

    def _selection_changed(self, *_args: object) -> None:
        self.row_changed.emit(self.current_row())
