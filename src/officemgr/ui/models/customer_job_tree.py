"""The Customer:Job list as a lazy tree model over ``co.tree``.

Nothing is loaded up front: the customers and the jobs of each node arrive a page at a
time through ``canFetchMore``/``fetchMore``, which views call as they scroll or expand.
Whether a node has children comes with its row, so the expand arrows cost no query.

The customers are a *window* of the whole list, kept by key: pages are read after the
last loaded row's ``(sort_key, id)`` and before the first one's (``co.tree.children_after``
and ``children_before``), one index range each, never by OFFSET — so rows added, renamed
or deleted elsewhere in the list do not shift what is read next. Opening a record far down
the list (search, caller ID) does not read, nor count, every row above it — a QTreeView
lays out every row it is given, so 90,000 rows would cost a second even unread — but
moves the window to a page around the record's key (``children_around``); scrolling back
up reads the previous pages (`fetch_before`, called by the tree view at the top).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from typing import TYPE_CHECKING, Any, TypeVar

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
from officemgr.core.records import DEFAULT_PAGE, TreeKey, TreePlace, TreeRow
from officemgr.errors import NotFoundError
from officemgr.ui.formatting import format_money, numbers

if TYPE_CHECKING:
    from officemgr.company import Company

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
_T = TypeVar("_T")

# A customer this many rows beyond the loaded ones is reached by reading the pages in
# between; farther, the window moves (a QTreeView lays out every row: keep them few).
# Finding out costs at most this many steps along the index, never a count of the list.
JUMP_DISTANCE = 1_000

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
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


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
    tail: TreeKey | None = None  # the next page starts after this key (None: the first)

    @property
    def key(self) -> int:
        return self.row.id if self.row is not None else 0


# The roles as plain ints: a painted cell asks for eight roles, and comparing an int with
# an enum member (looked up on its class each time) costs more than the rest of the call.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ROW, _NODE_ID, _BADGES = int(Role.ROW), int(Role.NODE_ID), int(Role.BADGES)
_NAME, _BALANCE = int(Column.NAME), int(Column.BALANCE)

# Balances as shown, by number format: rows are painted again on every scroll or selection.
_money_shown: dict[tuple[object, Decimal], str] = {}


def money_text(amount: Decimal) -> str:
    """``format_money(amount)``, remembered for the number format in use."""
    key = (numbers(), amount)
    text = _money_shown.get(key)
    if text is None:
        if len(_money_shown) >= 20_000:
            _money_shown.clear()
        text = _money_shown[key] = format_money(amount)
    return text


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
    if role == _DISPLAY:
        return name if column == _NAME else money_text(row.balance_total)
    if role == _ALIGNMENT:
        return RIGHT_ALIGNED if column == _BALANCE else None
    if role == _FOREGROUND:
        if row.is_active:
            return None
        return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    if role == _BADGES:
        return badges(row) if column == _NAME else None
    if role == _TOOLTIP:
        return tooltip(row)
    if role == _ROW:
        return row
    if role == _NODE_ID:
        return row.id
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
        self._head: TreeKey | None = None  # the customers above the window sort before it
        self._at_top = True  # the window starts at the first customer
        self._layout_hold = False  # see top_level_held

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
    def starts_at_top(self) -> bool:
        """Whether customer row 0 is the first customer of the whole list (see the
        docstring: after a jump the window starts further down)."""
        return self._at_top

    def can_fetch_before(self) -> bool:
        return not self._at_top and not self._root.fetching

    def fetch_before(self, at_least: int = 1) -> int:
        """Insert the customers just above the window at the top; returns how many."""
        if not self.can_fetch_before() or self._head is None:
            return 0
        wanted = -(-max(at_least, 1) // self._page_size) * self._page_size
        rows = self._read(self._tree.children_before, before=self._head, limit=wanted)
        if rows is None:
            self._at_top = True  # nothing more to ask for (load_failed has told the user)
            return 0
        if len(rows) < wanted:
            self._at_top = True
        if rows:
            self._head = rows[0].key
        fresh = [row for row in rows if row.id not in self._nodes]  # moved since listed
        if not fresh:
            return 0
        root = self._root
        root.fetching = True
        try:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            for child in root.children:
                child.number += len(fresh)
            nodes = [_Node(row=row, parent=root, number=n) for n, row in enumerate(fresh)]
            root.children[:0] = nodes
            self._nodes.update((child.key, child) for child in nodes)
        finally:
            root.fetching = False
        self.endInsertRows()
        return len(fresh)

    def index_for_id(self, node_id: int) -> QModelIndex:
        """The index of customer or job ``node_id``, fetching the pages that lead to it.

        A customer far below (or above) the loaded rows moves the window to a page around
        its key (a model reset) rather than reading every page in between. Invalid when
        the node does not exist or the current ``show`` does not list it.
        """
        loaded = self._nodes.get(node_id)
        if loaded is not None and loaded is not self._root:  # what the list shows is current
            return self.createIndex(loaded.number, _NAME, loaded.key)
        try:
            path = self._tree.locate(node_id=node_id, show=self._show)
        except NotFoundError:
            return QModelIndex()
        if not all(place.listed for place in path):
            return QModelIndex()
        index = QModelIndex()
        node = self._root
        for place in path:
            child = self._loaded_child(node, place.id)
            if child is None and node is self._root:
                child = self._reach_customer(place)
            elif child is None:
                child = self._reach_child(node, index, place)
            if child is None:
                return QModelIndex()
            node = child
            index = self.createIndex(child.number, _NAME, child.key)
        return index

    def _reach_customer(self, place: TreePlace) -> _Node | None:
        """Customer ``place``: the rows up to it are read when it is near the window; else
        (or when the window should hold it but does not: it was added or renamed since
        the window was read) the window moves to a page around it."""
        near = self._read_up_to(place.key)
        if near is None:  # the file could not be read (load_failed said so)
            return None
        if self._loaded_child(self._root, place.id) is None:
            self._move_window(place.key)
        return self._loaded_child(self._root, place.id)

    def _read_up_to(self, target: TreeKey) -> bool | None:
        """Read the customers between the window and ``target`` if there are few: True
        when read, False when far (or inside the window), None when reading failed."""
        root, tail, head = self._root, self._root.tail, self._head
        if not root.complete and (tail is None or target > tail):
            after = None if tail is None else TreeKey(tail.sort_key, tail.id + 1)
            gap = self._count(after, target)
            if gap is None:
                return None
            if gap > JUMP_DISTANCE:
                return False
            self._fetch(root, QModelIndex(), at_least=gap + 1)
            return True
        if not self._at_top and head is not None and target < head:
            gap = self._count(target, head)
            if gap is None:
                return None
            if gap > JUMP_DISTANCE:
                return False
            self.fetch_before(at_least=gap)
            return True
        return False

    def _reach_child(self, node: _Node, index: QModelIndex, place: TreePlace) -> _Node | None:
        """Job ``place`` of ``node``: its siblings are read from the first, up to it."""
        while True:
            child = self._loaded_child(node, place.id)
            if child is not None or node.complete or node.fetching:
                return child
            if node.tail is not None and place.key <= node.tail:
                return None  # listed since the jobs were read: a refresh shows it
            self._fetch(node, index, at_least=1)

    def _count(self, low: TreeKey | None, high: TreeKey) -> int | None:
        """Customers listed from ``low`` up to ``high``, counted no further than needed."""
        return self._read(self._tree.count_between, low=low, high=high, most=JUMP_DISTANCE + 1)

    def _move_window(self, target: TreeKey) -> None:
        """Make the window the page of customers around ``target`` (a model reset)."""
        # Half a page: more than a tall list shows, and each row is read and laid out.
        above = self._page_size // 4
        below = max(self._page_size // 2 - above, 1)
        rows = self._read(self._tree.children_around, key=target, before=above, after=below)
        if rows is None:
            return
        self.beginResetModel()
        self._clear()
        root = self._root
        if rows:
            self._at_top = sum(1 for row in rows if row.key < target) < above
            root.complete = sum(1 for row in rows if row.key >= target) < below
            self._head, root.tail = rows[0].key, rows[-1].key
            root.children = [_Node(row=row, parent=root, number=n) for n, row in enumerate(rows)]
            self._nodes.update((child.key, child) for child in root.children)
        self.endResetModel()

    # -- QAbstractItemModel ---------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Views call this once a row on every layout and paint: bounds checked here, not
        # via hasIndex (which would call rowCount back through Python); ints, not enums.
        if not parent.isValid():
            children = self._root.children
        elif parent.column() == _NAME:
            children = self._nodes[parent.internalId()].children
        else:
            return QModelIndex()
        if not (0 <= row < len(children) and 0 <= column < COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column, children[row].key)

    def parent(self, index: AnyIndex | None = None) -> Any:
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        up = self._nodes[index.internalId()].parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.number, _NAME, up.key)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != _NAME:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return COLUMN_COUNT

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() != _NAME:
            return False
        node = self._node(parent)
        return bool(node.children) or self._may_have_more(node)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if parent.isValid() and parent.column() != _NAME:
            return False
        node = self._node(parent)
        if node is self._root and self._layout_hold and node.children:
            return False
        return self._may_have_more(node)

    @contextmanager
    def top_level_held(self) -> Iterator[None]:
        """No more customers offered meanwhile (the view's layout: see ``doItemsLayout``
        of the tree view); an empty list still gets its first page."""
        held, self._layout_hold = self._layout_hold, True
        try:
            yield
        finally:
            self._layout_hold = held

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() and parent.column() != _NAME:
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
            return _NO_FLAGS
        row = self._nodes[index.internalId()].row
        return _BRANCH_FLAGS if row is None or row.has_children else _LEAF_FLAGS

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._nodes[index.internalId()].row
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

    def _clear(self) -> None:
        self._root = _Node(row=None, parent=None, number=0)
        self._nodes = {0: self._root}
        self._head = None
        self._at_top = True

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
        parent_id = node.row.id if node.row is not None else None
        rows = self._read(
            self._tree.children_after, parent_id=parent_id, after=node.tail, limit=wanted
        )
        if rows is None:
            node.complete = True
            return
        if len(rows) < wanted:
            node.complete = True
        if not rows:
            return
        node.tail = rows[-1].key
        if node is self._root and self._head is None:
            self._head = rows[0].key
        fresh = [row for row in rows if row.id not in self._nodes]  # moved since listed
        if not fresh:
            return
        if parent_index.isValid():
            parent_index = parent_index.siblingAtColumn(Column.NAME)
        start = len(node.children)
        node.fetching = True  # slots of rowsAboutToBeInserted must not fetch this page again
        try:
            self.beginInsertRows(parent_index, start, start + len(fresh) - 1)
            for number, row in enumerate(fresh, start):
                child = _Node(row=row, parent=node, number=number)
                node.children.append(child)
                self._nodes[row.id] = child
        finally:
            node.fetching = False
        self.endInsertRows()

    def _read(self, read: Callable[..., _T], **kwargs: Any) -> _T | None:
        """What ``read`` (a ``co.tree`` service) gives for the current ``show``, or None
        (and ``load_failed``) when the file cannot be read."""
        kwargs.setdefault("parent_id", None)
        try:
            return read(show=self._show, **kwargs)
        except Exception as error:  # a locked or damaged file: say so, stop fetching here
            log.exception("Could not load the Customer:Job list")
            self.load_failed.emit(f"The Customer:Job list could not be loaded: {error}")
            return None
