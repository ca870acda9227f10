"""The main window: the Customer:Job list on the left, the selected record on the right.

This module only assembles: the list lives in ``ui/customers/tree_view.py`` over the lazy
model in ``ui/models/``, the right-hand side in ``ui/customers/summary_panel.py``.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QWidget,
)

import officemgr
from officemgr.core import paths
from officemgr.errors import OfficeMgrError
from officemgr.ui.customers.summary_panel import CustomerSummaryPanel
from officemgr.ui.customers.tree_view import CustomerJobTreeView
from officemgr.ui.icons import icon
from officemgr.ui.models.customer_job_tree import CustomerJobTreeModel
from officemgr.ui.preferences import APP_NAME, settings_store

log = logging.getLogger(__name__)

COMPANY_FILTER = f"OfficeMgr company files (*{paths.COMPANY_SUFFIX});;All files (*)"
DEFAULT_SIZE = QSize(1200, 760)  # fits a 1280x800 screen with its task bar
TREE_WIDTH = 460


def _shortcuts(*keys: QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """The platform's standard keys first, then fixed ones, without duplicates or blanks."""
    found: list[QKeySequence] = []
    for key in keys:
        sequences = (
            QKeySequence.keyBindings(key)
            if isinstance(key, QKeySequence.StandardKey)
            else [QKeySequence(key)]
        )
        found += [s for s in sequences if not s.isEmpty() and s not in found]
    return found


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


class MainWindow(QMainWindow):
    """One company file open: its Customer:Job list and the record selected in it."""

    def __init__(
        self,
        company: Any,
        *,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("officemgr"))
        self.company = company
        self._settings = settings if settings is not None else settings_store()

        self.tree_view = CustomerJobTreeView(self)
        self.summary_panel = CustomerSummaryPanel(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree_view)
        self.splitter.addWidget(self.summary_panel)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self._create_actions()
        self._create_menus()
        self._create_tool_bar()
        self._create_status_bar()
        self.tree_view.row_changed.connect(self._row_changed)
        self.tree_view.setFocus()

        self.tree_model = self._new_model(company)
        self.tree_view.set_tree_model(self.tree_model)
        self._show_company()
        self._restore_settings()

    # -- building -------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Any,
        *,
        icon_name: str | None = None,
        keys: tuple[QKeySequence.StandardKey | str, ...] = (),
        tip: str,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        shortcuts = _shortcuts(*keys)
        action.setShortcuts(shortcuts)
        shown_key = (
            shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText) if shortcuts else ""
        )
        action.setToolTip(f"{tip} ({shown_key})" if shown_key else tip)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        return action

    def _create_actions(self) -> None:
        self.open_action = self._action(
            "&Open Company…",
            self.choose_company_file,
            icon_name="open",
            keys=(QKeySequence.StandardKey.Open,),
            tip="Open another company file",
        )
        self.exit_action = self._action(
            "E&xit",
            self.close,
            keys=(QKeySequence.StandardKey.Quit,),
            tip="Close OfficeMgr",
        )
        self.exit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.show_inactive_action = self._action(
            "Show &Inactive",
            self._filter_changed,
            icon_name="show-inactive",
            tip="List inactive customers and jobs too (shown in grey)",
            checkable=True,
        )
        self.prospects_action = self._action(
            "&Prospects Only",
            self._filter_changed,
            icon_name="prospect",
            tip="List only customers who are prospects",
            checkable=True,
        )
        # At most one of the two filters is on (ExclusiveOptional allows none).
        self.filter_group = QActionGroup(self)
        self.filter_group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.filter_group.addAction(self.show_inactive_action)
        self.filter_group.addAction(self.prospects_action)
        self.refresh_action = self._action(
            "&Refresh",
            self.refresh,
            icon_name="refresh",
            keys=(QKeySequence.StandardKey.Refresh, "F5"),
            tip="Read the list again from the company file",
        )

        self.copy_name_action = self._action(
            "&Copy Full Name",
            self.copy_full_name,
            icon_name="copy",
            keys=(QKeySequence.StandardKey.Copy,),
            tip="Copy the selected customer's or job's full name",
        )
        # Ctrl+C copies the name only while the list has the focus (never from a field).
        self.copy_name_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree_view.addAction(self.copy_name_action)
        self.copy_name_action.setEnabled(False)
        self.collapse_action = self._action(
            "Co&llapse All",
            self.tree_view.collapseAll,
            icon_name="collapse",
            tip="Close every customer's list of jobs",
        )

        self.about_action = self._action(
            "&About OfficeMgr",
            self.show_about,
            icon_name="about",
            tip="Version, company file and data folder",
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.exit_action)

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.show_inactive_action)
        view_menu.addAction(self.prospects_action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)

        customers_menu = bar.addMenu("&Customers")
        customers_menu.addAction(self.copy_name_action)
        customers_menu.addAction(self.collapse_action)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _create_tool_bar(self) -> None:
        bar = QToolBar("Main Toolbar", self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.open_action)
        bar.addSeparator()
        bar.addAction(self.refresh_action)
        bar.addAction(self.show_inactive_action)
        bar.addAction(self.prospects_action)
        bar.addSeparator()
        bar.addAction(self.copy_name_action)
        self.tool_bar = bar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _create_status_bar(self) -> None:
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.path_label = QLabel(self)
        self.path_label.setObjectName("pathLabel")
        self.statusBar().addWidget(self.counts_label, 1)
        self.statusBar().addPermanentWidget(self.path_label)

    def _new_model(self, company: Any) -> CustomerJobTreeModel:
        model = CustomerJobTreeModel(company, show=self.show_mode(), parent=self)
        model.load_failed.connect(self._load_failed)
        return model

    # -- what the window shows ------------------------------------------------------

    def show_mode(self) -> str:
        if self.prospects_action.isChecked():
            return "prospects"
        return "all" if self.show_inactive_action.isChecked() else "active"

    def _show_company(self) -> None:
        name = self.company.settings.get().company_name
        path = Path(self.company.path)
        self.setWindowTitle(f"{name} — {path.name} — {APP_NAME}")
        self.setWindowFilePath(str(path))
        self.path_label.setText(
            self.path_label.fontMetrics().elidedText(str(path), Qt.TextElideMode.ElideMiddle, 420)
        )
        self.path_label.setToolTip(str(path))
        self._show_counts()

    def _show_counts(self) -> None:
        c = self.company.tree.counts()
        parts = [
            f"{_count(c.customers, 'customer')} ({c.active_customers:,} active)",
            _count(c.jobs, "job"),
            _count(c.prospects, "prospect"),
            f"{c.on_hold:,} on credit hold",
        ]
        self.counts_label.setText("  ·  ".join(parts))

    def _row_changed(self, row: Any) -> None:
        self.summary_panel.show_row(row)
        self.copy_name_action.setEnabled(row is not None)

    def _load_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)

    # -- slots ----------------------------------------------------------------------

    def _filter_changed(self, _checked: bool = False) -> None:
        mode = self.show_mode()
        if mode != self.tree_model.show:
            state = self.tree_view.view_state()
            self.tree_model.set_show(mode)
            self.tree_view.restore_view_state(state)

    def refresh(self) -> None:
        """Read the list, the counts and the company name again, keeping what is open."""
        state = self.tree_view.view_state()
        self.tree_model.refresh()
        self.tree_view.restore_view_state(state)
        self._show_company()

    def copy_full_name(self) -> None:
        row = self.tree_view.current_row()
        if row is not None:
            QGuiApplication.clipboard().setText(row.full_name)
            self.statusBar().showMessage(f"Copied “{row.full_name}”", 4000)

    def choose_company_file(self) -> None:
        start = str(Path(self.company.path).parent)
        name, _ = QFileDialog.getOpenFileName(self, "Open Company File", start, COMPANY_FILTER)
        if name:
            self.open_company(Path(name))

    def open_company(self, path: Path) -> bool:
        """Switch to the company file at ``path``; on failure say why and keep this one."""
        from officemgr import Company

        try:
            company = Company.open(path, create=False)
        except OfficeMgrError as error:
            QMessageBox.critical(self, "Cannot Open Company File", str(error))
            return False
        old, old_model = self.company, self.tree_model
        self.company = company
        self.tree_model = self._new_model(company)
        self.tree_view.set_tree_model(self.tree_model)
        old_model.deleteLater()
        old.close()
        self._show_company()
        return True

    def about_text(self) -> str:
        return (
            f"<h3>OfficeMgr {officemgr.__version__}</h3>"
            "<p>An office manager for small service businesses.</p>"
            f"<p><b>Company file:</b><br>{escape(str(self.company.path))}</p>"
            f"<p><b>Data folder:</b><br>{escape(str(paths.data_dir()))}</p>"
        )

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("aboutDialog")
        box.setWindowTitle("About OfficeMgr")
        box.setIconPixmap(icon("officemgr").pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.about_text())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    # -- window state ---------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self._settings
        geometry = s.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_geometry()
        state = s.value("main_window/splitter")
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([TREE_WIDTH, max(self.width() - TREE_WIDTH, 400)])
        header = s.value("customer_tree/header")
        if header is not None:
            self.tree_view.header().restoreState(header)

    def _default_geometry(self) -> None:
        size = QSize(DEFAULT_SIZE)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            size = size.boundedTo(room.size())
            self.resize(size)
            self.move(room.center() - self.rect().center())
        else:
            self.resize(size)

    def save_settings(self) -> None:
        s = self._settings
        s.setValue("main_window/geometry", self.saveGeometry())
        s.setValue("main_window/splitter", self.splitter.saveState())
        s.setValue("customer_tree/header", self.tree_view.header().saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
