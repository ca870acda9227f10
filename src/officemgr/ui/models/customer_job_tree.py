"""The Customer:Job list as a lazy tree model over ``co.tree``.

Nothing is loaded up front: the customers and the jobs of each node arrive a page at a
time through ``canFetchMore``/``fetchMore``, which views call as they scroll or expand.
Whether a node has children comes with its row, so the expand arrows cost no query.

The customers are a *window* of the whole list: row 0 is customer number ``first_row``
(0 until a jump). Opening a record far down the list (search, caller ID) does not read
every page above it — a QTreeView lays out every row it is given, so 90,000 rows would
cost a second even unread — but moves the window to the record's page; scrolling back
up reads the previous pages (`fetch_before`, called by the tree view at the top).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from officemgr.core.choices import SHOWS, Show, as_show
from officemgr.core.records import DEFAULT_PAGE, TreeRow
from officemgr.errors import NotFoundError
from officemgr.ui.formatting import format_money

if TYPE_CHECKING:
    from officemgr.company import Company

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex

# A customer this many rows beyond the loaded ones is reached by reading the pages in
# between; farther, the window moves (a QTreeView lays out every row: keep them few).
JUMP_DISTANCE = 2_000

# What a row can be marked with, most urgent first (keys of the icons in ui/icons.py).
BADGE_TEXT = {
    "hold": "Credit hold",
    "popup-note": "Pop-up notes",
    "prospect": "Prospect",
}


class Column(IntEnum):
    NAME = 0
    BALANCE = 1


HEADERS = {Column.NAME: "Name", Column.BALANCE: "Balance"}
COLUMN_COUNT = len(Column)
RIGHT_ALIGNED = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
# Flags are asked for twice a row on every layout: combined once here, not per call.
_BRANCH_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LEAF_FLAGS = _BRANCH_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


class Role(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1  # the TreeRow
    NODE_ID = Qt.ItemDataRole.UserRole + 2  # its id
    BADGES = Qt.ItemDataRole.UserRole + 3  # tuple of BADGE_TEXT keys, most urgent first


def badges_of(row: TreeRow) -> tuple[str, ...]:
    """The badges a row shows, most urgent first."""
    flags = (
        ("hold", row.on_credit_hold),
        ("popup-note", row.has_popup_notes),
        ("prospect", row.is_prospect),
    )
    return tuple(key for key, shown in flags if shown)


def describe(row: TreeRow) -> str:
    """The tooltip of a row: its full name and what its badges mean."""
    lines = [row.full_name]
    lines += [BADGE_TEXT[key] for key in badges_of(row)]
    if not row.is_active:
        lines.append("Inactive")
    return "\n".join(lines)


@dataclass(eq=False)
class _Node:
    row: TreeRow | None  # None for the invisible root above the customers
    parent: _Node | None
    number: int  # this node's row under its parent
    children: list[_Node] = field(default_factory=list)
    complete: bool = False  # every child has been fetched (or fetching failed)
    fetching: bool = False  # a page is being inserted (views may ask for more meanwhile)

    @property
    def key(self) -> int:
        return self.row.id if self.row is not None else 0


def cell_data(
    row: Any,
    column: int,
    role: int,
    *,
    name: str,
    tooltip: Callable[[Any], str],
    badges: Callable[[Any], Any],
) -> Any:
    """What a Name/Balance cell shows for ``role``; shared by the tree and search results."""
    if role == Qt.ItemDataRole.DisplayRole:
        return name if column == Column.NAME else format_money(row.balance_total)
    if role == Qt.ItemDataRole.ToolTipRole:
        return tooltip(row)
    if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.BALANCE:
        return RIGHT_ALIGNED
    if role == Qt.ItemDataRole.ForegroundRole and not row.is_active:
        return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    if role == Role.ROW:
        return row
    if role == Role.NODE_ID:
        return row.id
    if role == Role.BADGES and column == Column.NAME:
        return badges(row)
    return None


def header_data(section: int, orientation: Qt.Orientation, role: int) -> Any:
    """The Name/Balance header, shared by the tree and search results."""
    if orientation != Qt.Orientation.Horizontal or section not in HEADERS:
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return HEADERS[Column(section)]
    if role == Qt.ItemDataRole.TextAlignmentRole and section == Column.BALANCE:
        return RIGHT_ALIGNED
    return None


class CustomerJobTreeModel(QAbstractItemModel):
    """Customers and their jobs, fetched a page at a time from ``company.tree``."""

    load_failed = Signal(str)  # a page could not be read; the message is for the user

    def __init__(
        self,
        company: Company,
        *,
        show: Show = "active",
        page_size: int = DEFAULT_PAGE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tree = company.tree
        self._show = self._checked_show(show)
        self._page_size = page_size
        self._root = _Node(row=None, parent=None, number=0)
        self._nodes: dict[int, _Node] = {0: self._root}
        self._first_row = 0  # the position in the whole list of the first customer row

    # -- what is listed -------------------------------------------------------------

    @property
    def show(self) -> Show:
        return self._show

    def set_show(self, show: Show) -> None:
        """List ``"active"``, ``"inactive"``, ``"all"`` nodes or ``"prospects"``."""
        show = self._checked_show(show)
        if show != self._show:
            self.beginResetModel()
            self._show = show
            self._clear()
            self.endResetModel()

    def refresh(self) -> None:
        """Forget every loaded row; views fetch again what they show."""
        self.beginResetModel()
        self._clear()
        self.endResetModel()

    def row_at(self, index: AnyIndex) -> TreeRow | None:
        node = self._node(index)
        return node.row if node is not self._root else None

    @property
    def first_row(self) -> int:
        """The position in the whole customer list of customer row 0 (see the docstring)."""
        return self._first_row

    def can_fetch_before(self) -> bool:
        return self._first_row > 0 and not self._root.fetching

    def fetch_before(self) -> int:
        """Insert the customers just above the window at the top; returns how many."""
        if not self.can_fetch_before():
            return 0
        start = max(0, self._first_row - self._page_size)
        rows = self._read(None, offset=start, limit=self._first_row - start)
        if not rows:
            return 0
        root = self._root
        root.fetching = True
        try:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            for child in root.children:
                child.number += len(rows)
            fresh = [_Node(row=row, parent=root, number=n) for n, row in enumerate(rows)]
            root.children[:0] = fresh
            self._nodes.update((child.key, child) for child in fresh)
            self._first_row = start
        finally:
            root.fetching = False
        self.endInsertRows()
        return len(rows)

    def index_for_id(self, node_id: int) -> QModelIndex:
        """The index of customer or job ``node_id``, fetching the pages that lead to it.

        A customer far below (or above) the loaded rows moves the window to its page (a
        model reset) rather than reading every page in between. Invalid when the node
        does not exist or the current ``show`` does not list it.
        """
        loaded = self._nodes.get(node_id)
        if loaded is not None and loaded is not self._root:  # what the list shows is current
            return self.createIndex(loaded.number, Column.NAME, loaded.key)
        try:
            path = self._tree.path_to(node_id)
        except NotFoundError:
            return QModelIndex()
        parent_index = QModelIndex()
        node = self._root
        for step_id in path:
            child = self._loaded_child(node, step_id)
            if child is None:
                position = self._tree.position(node_id=step_id, show=self._show)
                if position is None:
                    return QModelIndex()
                if node is self._root:
                    position = self._customer_row(position)
                    node = self._root  # a new one if the window moved
                self._fetch(node, parent_index, at_least=position + 1 - len(node.children))
                child = self._loaded_child(node, step_id)
                if child is None:
                    return QModelIndex()
            node = child
            parent_index = self.createIndex(child.number, Column.NAME, child.key)
        return parent_index

    def _customer_row(self, position: int) -> int:
        """The row of the customer at ``position``, moving the window there if far."""
        row = position - self._first_row
        if 0 <= row < len(self._root.children) + JUMP_DISTANCE:
            return row
        self.beginResetModel()
        self._clear(first_row=max(0, position - self._page_size // 2))
        self.endResetModel()
        return position - self._first_row

    # -- QAbstractItemModel ---------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Views call this once a row on every layout: bounds checked here, not via hasIndex
        # (which would call rowCount back through Python).
        if parent.isValid() and parent.column() != Column.NAME:
            return QModelIndex()
        children = self._node(parent).children
        if not (0 <= row < len(children) and 0 <= column < COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column, children[row].key)

    def parent(self, index: AnyIndex | None = None) -> Any:
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        up = self._node(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.number, Column.NAME, up.key)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != Column.NAME:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return COLUMN_COUNT

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() != Column.NAME:
            return False
        node = self._node(parent)
        return bool(node.children) or self._may_have_more(node)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if parent.isValid() and parent.column() != Column.NAME:
            return False
        return self._may_have_more(self._node(parent))

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() and parent.column() != Column.NAME:
            return
        node = self._node(parent)
        if self._may_have_more(node):
            # Qt may hand a persistent index; the fetch needs a plain one of this model.
            plain = parent if isinstance(parent, QModelIndex) else self._plain(parent)
            self._fetch(node, plain, at_least=1)

    def _plain(self, index: QPersistentModelIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        return self.index(index.row(), index.column(), index.parent())

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self._node(index).row
        return _BRANCH_FLAGS if row is None or row.has_children else _LEAF_FLAGS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._node(index).row
        if row is None:
            return None
        return cell_data(
            row, index.column(), role, name=row.name, tooltip=describe, badges=badges_of
        )

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        return header_data(section, orientation, role)

    # -- internals ------------------------------------------------------------------

    @staticmethod
    def _checked_show(show: object) -> Show:
        known = as_show(show)
        if known is not None:
            return known
        raise ValueError(f"show must be one of {SHOWS}, not {show!r}")

    def _clear(self, first_row: int = 0) -> None:
        self._root = _Node(row=None, parent=None, number=0)
        self._nodes = {0: self._root}
        self._first_row = first_row

    def _node(self, index: AnyIndex) -> _Node:
        if not index.isValid():
            return self._root
        return self._nodes[index.internalId()]

    def _may_have_more(self, node: _Node) -> bool:
        if node.complete or node.fetching:
            return False
        return node.row is None or node.row.has_children

    def _loaded_child(self, node: _Node, node_id: int) -> _Node | None:
        child = self._nodes.get(node_id)
        return child if child is not None and child.parent is node else None

    def _fetch(self, node: _Node, parent_index: QModelIndex, *, at_least: int) -> None:
        """Append the next page (or enough pages for ``at_least`` more rows) of ``node``."""
        if node.complete or node.fetching or at_least < 1:
            return
        pages = -(-at_least // self._page_size)
        # Views lay out every loaded row again after each insert (QTreeView does, at the
        # top level), so a long list grows geometrically: half again of what is loaded.
        wanted = max(pages * self._page_size, len(node.children) // 2)
        offset = len(node.children) + (self._first_row if node is self._root else 0)
        rows = self._read(node.row.id if node.row is not None else None, offset, wanted)
        if rows is None:
            node.complete = True
            return
        if len(rows) < wanted:
            node.complete = True
        if not rows:
            return
        if parent_index.isValid():
            parent_index = parent_index.siblingAtColumn(Column.NAME)
        start = len(node.children)
        node.fetching = True  # slots of rowsAboutToBeInserted must not fetch this page again
        try:
            self.beginInsertRows(parent_index, start, start + len(rows) - 1)
            for number, row in enumerate(rows, start):
                child = _Node(row=row, parent=node, number=number)
                node.children.append(child)
                self._nodes[row.id] = child
        finally:
            node.fetching = False
        self.endInsertRows()

    def _read(self, parent_id: int | None, offset: int, limit: int) -> list[TreeRow] | None:
        """One page of children, or None (and ``load_failed``) when it cannot be read."""
        try:
            return list(
                self._tree.children(
                    parent_id=parent_id, show=self._show, offset=offset, limit=limit
                )
            )
        except Exception as error:  # a locked or damaged file: say so, stop fetching here
            log.exception("Could not load the Customer:Job list")
            self.load_failed.emit(f"The Customer:Job list could not be loaded: {error}")
            return None
