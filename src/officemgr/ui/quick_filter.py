"""The left side of the main window: the quick filter above the Customer:Job list.

Typing in the filter searches ``co.customers.search`` (name, company, contacts, phone
digits, email, city, account number) ~200 ms after the last key, on a worker thread, and
shows the hits as a flat list of full names in place of the tree. A search that is
overtaken by newer typing is thrown away (each carries a sequence number). Esc clears the
filter and goes back to the tree with the chosen record selected; Enter or Down moves from
the filter into the list, Up from the list's first row back to the filter, and typing in
a list goes on in the filter.

The show combo (Active / Inactive / All / Prospects) filters both the tree and the
search; the window keeps its View menu in step through ``show_mode_changed``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.choices import (
    SEARCH_MODE_LABELS,
    SHOW_LABELS,
    SearchMode,
    Show,
    as_search_mode,
    as_show,
)
from officemgr.core.records import NodeSummary, TreeRow
from officemgr.ui.background import TaskFailure, TaskRunner
from officemgr.ui.customers.tree_view import CustomerJobTreeView, NodeListView
from officemgr.ui.models.customer_job_tree import Column, CustomerJobTreeModel, Role
from officemgr.ui.models.node_ref import NodeRef
from officemgr.ui.models.search_results import SearchResultsModel

if TYPE_CHECKING:
    from officemgr.company import Company

log = logging.getLogger(__name__)

PLACEHOLDER = "Find customer, job, phone, email…"
DEBOUNCE_MS = 200
RESULT_LIMIT = 200

Choice = TypeVar("Choice", bound=str)


def found_text(count: int, limit: int = RESULT_LIMIT) -> str:
    """The line above the results: how many were found and whether the list is cut."""
    if count > limit:
        return f"More than {limit:,} found (showing the first {limit:,}) — type more to narrow"
    if count == 0:
        return "Nothing found"
    return f"{count:,} found"


def _combo(labels: Mapping[Choice, str], name: str, tip: str, parent: QWidget) -> QComboBox:
    """A combo of ``labels``' texts; each item's data is its key (what the services take)."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for value, label in labels.items():
        combo.addItem(label, value)
    combo.setToolTip(tip)
    combo.setStatusTip(tip)
    combo.setAccessibleName(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class SearchResultsView(NodeListView):
    """The flat list of search hits (same look as the tree, without branches)."""

    row_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setAccessibleName("Customers and jobs found")
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.results_model = SearchResultsModel(self)
        self.setModel(self.results_model)
        self.size_columns()
        self.selectionModel().selectionChanged.connect(
            lambda *_: self.row_changed.emit(self.current_row())
        )

    def current_row(self) -> NodeSummary | None:
        rows = self.selectionModel().selectedRows(Column.NAME)
        return rows[0].data(Role.ROW) if rows else None

    def select_node(self, node_id: int) -> bool:
        index = self.results_model.index_for_id(node_id)
        if not index.isValid():
            return False
        self.select_index(index)
        return True

    def select_index(self, index: QModelIndex) -> None:
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)


class QuickFilterBar(QWidget):
    """The filter line, the match mode and the show filter, in one row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickFilterBar")
        self.edit = QLineEdit(self)
        self.edit.setObjectName("quickFilter")
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Quick filter")
        tip = "Type part of a name, company, contact, phone number, email, city or account"
        self.edit.setToolTip(tip)
        self.edit.setStatusTip(tip)
        self.mode_combo = _combo(SEARCH_MODE_LABELS, "matchMode", "How the text must match", self)
        self.show_combo = _combo(SHOW_LABELS, "showMode", "Which customers and jobs to list", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.mode_combo)
        layout.addWidget(self.show_combo)


class CustomerListPane(QWidget):
    """Quick filter + (Customer:Job tree | search results).

    ``current_changed(NodeRef | None)``: the selection in the list on show changed.
    ``show_mode_changed(str)``: the show filter changed (from the combo or ``set_show_mode``).
    ``search_finished(int)``: results are on show (the number found, up to the limit + 1).
    """

    current_changed = Signal(object)
    show_mode_changed = Signal(str)
    search_finished = Signal(int)
    search_failed = Signal(object)

    def __init__(self, company: Company | None, parent: QWidget | None = None) -> None:
        """``company`` None: the file is still opening; typing waits for ``attach``."""
        super().__init__(parent)
        self.setObjectName("customerListPane")
        self._company = company
        self._seq = 0  # the newest search; results of older ones are dropped
        self._enter_results = False  # move into the results when they arrive
        self._runner = TaskRunner(max_threads=1, parent=self)
        # The record the window's form shows (set by the window): selected among the
        # results when they list it, so the commands on the selection stay at hand.
        self.shown_record: Callable[[], int | None] = lambda: None

        self.bar = QuickFilterBar(self)
        self.filter_edit = self.bar.edit
        self.mode_combo = self.bar.mode_combo
        self.show_combo = self.bar.show_combo
        self.found_label = QLabel(self)
        self.found_label.setObjectName("foundLabel")
        self.found_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.found_label.setContentsMargins(4, 0, 4, 0)
        self.found_label.hide()

        self.tree_view = CustomerJobTreeView(self)
        self.results_view = SearchResultsView(self)
        self.results_model = self.results_view.results_model
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree_view)
        self.stack.addWidget(self.results_view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        layout.addWidget(self.found_label)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.filter_edit)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_search)

        self.filter_edit.textChanged.connect(self._text_changed)
        self.filter_edit.installEventFilter(self)
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        self.tree_view.row_changed.connect(self._tree_row_changed)
        self.results_view.row_changed.connect(self._results_row_changed)
        for view in (self.tree_view, self.results_view):
            view.typed.connect(self._typed_in_list)
            view.escape_pressed.connect(self.clear_filter)
            view.up_from_top.connect(self.focus_filter)

    # -- state ----------------------------------------------------------------------

    @property
    def show_mode(self) -> Show:
        return as_show(self.show_combo.currentData()) or "active"

    def set_show_mode(self, mode: Show) -> None:
        position = self.show_combo.findData(mode)
        if position < 0:
            raise ValueError(f"Unknown show mode {mode!r}")
        self.show_combo.setCurrentIndex(position)

    @property
    def match_mode(self) -> SearchMode:
        return as_search_mode(self.mode_combo.currentData()) or "contains"

    def set_match_mode(self, mode: SearchMode) -> None:
        position = self.mode_combo.findData(mode)
        if position >= 0:
            self.mode_combo.setCurrentIndex(position)

    @property
    def searching(self) -> bool:
        """Whether the search results are on show (instead of the tree)."""
        return self.stack.currentWidget() is self.results_view

    @property
    def active_view(self) -> NodeListView:
        return self.results_view if self.searching else self.tree_view

    def tree_model(self) -> CustomerJobTreeModel | None:
        return self.tree_view.tree_model()

    def set_tree_model(self, model: CustomerJobTreeModel) -> None:
        self.tree_view.set_tree_model(model)

    def attach(self, company: Company) -> None:
        """The company file is open: search what was typed while it opened."""
        self._company = company
        if self.filter_edit.text().strip():
            self._start_search()

    def set_company(self, company: Company) -> None:
        """Another company file: drop the filter and any search on the old one."""
        self._company = company
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self._cancel_search()
        self.results_model.clear()
        self._show_tree(select=None)

    def current_node(self) -> NodeRef | None:
        """The customer or job selected in the list on show."""
        row = self.active_view.current_row()
        return NodeRef.of(row if isinstance(row, TreeRow | NodeSummary) else None)

    def select_node(self, node_id: int) -> bool:
        """Select ``node_id`` in the list on show (the tree when the results lack it)."""
        if self.searching:
            if self.results_view.select_node(node_id):
                return True
            self.clear_filter(select=False)
        return self.tree_view.select_node(node_id)

    def clear_selection(self) -> None:
        self.active_view.clearSelection()

    def show_jobs_of(self, node_id: int) -> None:
        """Unfold ``node_id`` in the tree so its jobs show under it (caller ID)."""
        model = self.tree_view.tree_model()
        index = model.index_for_id(node_id) if model is not None else None
        if not self.searching and index is not None and index.isValid():
            self.tree_view.expand(index)

    def wait_for_search(self) -> None:
        """Let a running search end (before the company file is closed)."""
        self._cancel_search()
        self._runner.wait()

    # -- the filter -----------------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def set_filter_text(self, text: str) -> None:
        self.filter_edit.setText(text)

    def clear_filter(self, *, select: bool = True) -> None:
        """Back to the tree; the record chosen among the results is selected there."""
        chosen = self.current_node() if self.searching and select else None
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self._cancel_search()
        if self.searching:
            self._show_tree(select=chosen.id if chosen is not None else None)
        if self.filter_edit.hasFocus() or self.results_view.hasFocus():
            self.tree_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def run_search_now(self) -> None:
        """Search at once (no debounce wait), e.g. after a refresh."""
        if self.filter_edit.text().strip():
            self._start_search()

    def _text_changed(self, text: str) -> None:
        self._seq += 1  # what is on its way answers text that is no longer there
        if text.strip():
            self._debounce.start()
        else:
            self._cancel_search()
            if self.searching:
                self._show_tree(select=None)

    def _mode_changed(self, _position: int) -> None:
        self.run_search_now()

    def _show_changed(self, _position: int) -> None:
        mode = self.show_mode
        model = self.tree_model()
        if model is not None and model.show != mode:
            state = self.tree_view.view_state()
            model.set_show(mode)
            self.tree_view.restore_view_state(state)
        self.run_search_now()
        self.show_mode_changed.emit(mode)

    def _cancel_search(self) -> None:
        self._debounce.stop()
        self._seq += 1
        self._enter_results = False

    def _start_search(self) -> None:
        self._debounce.stop()
        text = " ".join(self.filter_edit.text().split())
        if not text or self._company is None:  # None: searched once the file is open
            return
        self._seq += 1
        seq = self._seq
        customers = self._company.customers
        mode, show = self.match_mode, self.show_mode

        def search() -> tuple[int, str, list[NodeSummary] | None]:
            if seq != self._seq:  # overtaken while it waited for the thread
                return seq, text, None
            return seq, text, customers.search(text, limit=RESULT_LIMIT + 1, mode=mode, show=show)

        task = self._runner.start(search)
        task.finished.connect(self._search_done)
        task.failed.connect(lambda failure, seq=seq: self._search_error(seq, failure))

    def _search_done(self, outcome: tuple[int, str, list[NodeSummary] | None]) -> None:
        seq, _text, rows = outcome
        if seq != self._seq or rows is None:
            return  # stale: newer typing or a cleared filter
        kept = self.current_node() if self.searching else None
        self.results_model.set_rows(rows[:RESULT_LIMIT])
        self.found_label.setText(found_text(len(rows)))
        self.found_label.show()
        if not self.searching:
            self.stack.setCurrentWidget(self.results_view)
        keep = kept.id if kept is not None else self.shown_record()
        if keep is not None:
            self.results_view.select_node(keep)
        self.current_changed.emit(self.current_node())
        if self._enter_results:
            self._enter_results = False
            self._enter_list()
        self.search_finished.emit(len(rows))

    def _search_error(self, seq: int, failure: TaskFailure) -> None:
        if seq != self._seq:
            return
        log.warning("Quick filter search failed: %s", failure.error)
        self.found_label.setText(f"The search failed: {failure.error}")
        self.found_label.show()
        self.search_failed.emit(failure)

    def _show_tree(self, *, select: int | None) -> None:
        self.found_label.hide()
        self.stack.setCurrentWidget(self.tree_view)
        self.results_model.clear()
        if select is not None:
            self.tree_view.select_node(select)
        self.current_changed.emit(self.current_node())

    # -- moving between the filter and the list -------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False
            if key == Qt.Key.Key_Escape:
                if self.filter_edit.text():
                    self.clear_filter()
                    self.filter_edit.setFocus()
                else:
                    self.tree_view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
                if self._debounce.isActive():  # typed faster than the search: search now
                    self._start_search()
                    self._enter_results = True
                else:
                    self._enter_list()
                return True
        return False

    def _enter_list(self) -> None:
        view = self.active_view
        view.setFocus(Qt.FocusReason.TabFocusReason)
        if not view.selectionModel().hasSelection():
            first = view.model().index(0, Column.NAME)
            if first.isValid():
                view.selectionModel().setCurrentIndex(
                    first,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _typed_in_list(self, text: str) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.end(False)
        self.filter_edit.insert(text)

    # -- selection ------------------------------------------------------------------

    def _tree_row_changed(self, _row: object) -> None:
        if not self.searching:
            self.current_changed.emit(self.current_node())

    def _results_row_changed(self, _row: object) -> None:
        if self.searching:
            self.current_changed.emit(self.current_node())

    # -- reloading ------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the tree again (keeping what is open and selected) and redo the search."""
        model = self.tree_model()
        if model is not None:
            state = self.tree_view.view_state()
            model.refresh()
            self.tree_view.restore_view_state(state)
        self.run_search_now()
