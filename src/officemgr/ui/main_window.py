"""The main window: the Customer:Job list on the left, the Customer:Job form on the right.

This module only assembles. The pieces live in their own modules:

- ``ui/quick_filter.py``: the quick filter over the tree (``ui/customers/tree_view.py``,
  lazy model in ``ui/models/``) and the search results;
- ``ui/customers/form.py``: the Customer:Job form (``CustomerJobForm``);
- ``ui/file_actions.py``: the File menu (company files, backup, restore, Verify Data);
- ``ui/customer_actions.py``: the Customers menu and the list's context menu;
- ``ui/edit_actions.py``: the Edit menu;
- ``ui/settings/``: the Settings dialog (``open_settings``);
- ``ui/errors.py``: what the user sees when something goes wrong.

Selecting a record in the list loads it into the form, after ``form.maybe_save()``: when
the user keeps the changes (Cancel), the selection goes back to the record being edited.
Writes are announced on the window's ``ChangeHub``; the list and the counts reload from
announcements (keeping the selection), ignoring the window's own.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

import officemgr
from officemgr.core import paths
from officemgr.core.choices import Show, as_search_mode
from officemgr.core.first_look import FirstLook
from officemgr.core.location import (
    is_server_url,
    location_key,
    location_label,
    without_password,
)
from officemgr.core.numbers import number_format
from officemgr.core.records import TreeCounts
from officemgr.errors import CompanyLoginError, OfficeMgrError
from officemgr.handoff import DeskNote
from officemgr.ui.actions import make_action
from officemgr.ui.background import TaskRunner
from officemgr.ui.changes import ChangeHub, Changes
from officemgr.ui.customer_actions import CALLER, CALLER_MS, CustomerActions
from officemgr.ui.desk_employee import WhoWorksHereDialog
from officemgr.ui.edit_actions import EditActions
from officemgr.ui.elided_label import ElidedLabel
from officemgr.ui.errors import report_failure
from officemgr.ui.formatting import use_numbers
from officemgr.ui.icons import icon
from officemgr.ui.models.customer_job_tree import CustomerJobTreeModel
from officemgr.ui.models.first_page import FirstPageModel
from officemgr.ui.models.node_ref import NodeRef
from officemgr.ui.operations import Operations
from officemgr.ui.preferences import APP_NAME, settings_store
from officemgr.ui.quick_filter import CustomerListPane
from officemgr.ui.reports.menu import fill_reports_menu, open_report_dialog
from officemgr.ui.status_line import DEFAULT_MS, Priority, StatusLine

if TYPE_CHECKING:
    from officemgr.company import Company
    from officemgr.ui.customers.form import CustomerJobForm
    from officemgr.ui.damaged import DamageNotice
    from officemgr.ui.file_actions import FileActions
    from officemgr.ui.merge_actions import MergeActions

__all__ = ["APP_NAME", "FormFactory", "MainWindow"]

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1200, 760)  # fits a 1280x800 screen with its task bar
TREE_WIDTH = 460
TOOL_BAR_SLACK = 24  # px beyond the buttons' own width before their names are shown
PATH_WIDTH = 260  # the status bar's file path at most (the title bar names the file too)
OFFICE_LISTS_PAGE = "lists"

FormFactory = Callable[["Company", ChangeHub, QWidget], "CustomerJobForm"]


def customer_job_form(company: Company, hub: ChangeHub, parent: QWidget) -> CustomerJobForm:
    """The real Customer:Job form (imported when the first window is built)."""
    from officemgr.ui.customers.form import CustomerJobForm

    # The window's operations: the form's saves queue behind the window's other writes.
    return CustomerJobForm(company, hub, parent, ops=getattr(parent, "ops", None))


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


INPUT_WIDGETS = (
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
)


def first_field(widget: QWidget) -> QWidget:
    """The first field inside ``widget`` that Tab would reach (a text field, box or list,
    not a button, tab bar or scroll area); else the first focusable widget, else itself."""
    fallback: QWidget | None = None
    candidate = widget.nextInFocusChain()
    while candidate is not None and candidate is not widget:
        if (
            widget.isAncestorOf(candidate)
            and candidate.isVisible()
            and candidate.isEnabled()
            and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            if isinstance(candidate, INPUT_WIDGETS):
                return candidate
            fallback = fallback or candidate
        candidate = candidate.nextInFocusChain()
    return fallback or widget


class MainWindow(QMainWindow):
    """One company file open: its Customer:Job list and the record selected in it.

    Built in two steps when the program starts (``run_gui``): from a ``FirstLook`` the
    window shows the list's first page — its commands held — and ``attach`` adds what
    works on the open company file (the form, the File and Customers menus, the list
    itself) once that first page is on screen. Given a ``Company``, it does both at once.
    """

    def __init__(
        self,
        company: Company | FirstLook,
        *,
        hub: ChangeHub | None = None,
        settings: QSettings | None = None,
        form_factory: FormFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("officemgr"))
        # This window's note for the phone system's launches (set by ``serve_window``).
        self.desk_note: DeskNote | None = None
        self.hub = hub if hub is not None else ChangeHub(self)
        self.ops = Operations(self)  # the one queue of writes and long reads
        self.hub.deliver_through(self.ops.after)
        self._settings = settings if settings is not None else settings_store()
        self._form_factory = form_factory or customer_job_form
        self._counts_runner = TaskRunner(max_threads=1, parent=self)
        self._following = False  # the window moves the selection itself: do not load
        self._released = False  # the company file is closed (a restore is running)
        self.ready = False  # attached to the open company file (see ``attach``)
        self._when_ready: list[Callable[[], None]] = []
        self._held_actions: list[QAction] = []  # enabled once the file is open

        self._create_central_widget()
        self._create_action_owners()
        self._create_actions()
        self._create_menus()
        self._create_tool_bar()
        self._create_status_bar()
        self._create_timers()
        self._restore_settings()
        if isinstance(company, FirstLook):
            self._show_first_look(company)
        else:
            self.attach(company)

    def attach(self, company: Company) -> None:
        """The company file is open: build the form and the commands on the file, list it."""
        self.company = company
        self.hub.watch(company)  # every write to the file, whoever in the window made it
        self.pane.attach(company)
        self._create_form(company)
        self._create_file_owners()
        self._fill_file_menus()
        self._set_tab_order()
        self._connect_signals()
        self._hold_commands(False)
        self._show_first_company(company)
        self.ready = True
        waiting, self._when_ready = self._when_ready, []
        for callback in waiting:
            callback()

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the company file is attached (at once if it is)."""
        if self.ready:
            callback()
        else:
            self._when_ready.append(callback)

    # -- building -------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[..., Any], **kwargs: Any) -> QAction:
        return make_action(self, text, slot, **kwargs)

    def _create_central_widget(self) -> None:
        self.pane = CustomerListPane(None, self)
        self.tree_view = self.pane.tree_view
        self.results_view = self.pane.results_view
        # Holds the form's place until the company file is open (``_create_form``).
        self._form_place = QWidget(self)
        self._form_place.setObjectName("formPlace")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.pane)
        self.splitter.addWidget(self._form_place)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

    def _create_form(self, company: Company) -> None:
        self.form = self._form_factory(company, self.hub, self)
        self.form.setObjectName(self.form.objectName() or "customerJobForm")
        sizes = self.splitter.sizes()
        self.splitter.replaceWidget(1, self.form)
        self.splitter.setStretchFactor(1, 1)  # kept in the widget's size policy, not the slot
        if self.isVisible():  # the list keeps the width on screen
            self.splitter.setSizes(sizes)
        else:  # as saved, now that the form's own sizes count
            self._restore_splitter()
        self._form_place.deleteLater()
        for action in (
            self.form.save_action,
            self.form.revert_action,
            self.form.add_log_entry_action,
        ):
            self.addAction(action)  # their keys work wherever the focus is in the window
        self._add_form_tools()

    def _create_action_owners(self) -> None:
        self.customer_actions = CustomerActions(self, self)
        self.edit_actions = EditActions(self, copy_from_list=self.customer_actions.copy_full_name)

    def _create_file_owners(self) -> None:
        # Imported here: the backups, Verify Data and merging load SQLAlchemy's ORM, which
        # the first page of the list does not wait for.
        from officemgr.ui.damaged import DamageNotice
        from officemgr.ui.file_actions import FileActions
        from officemgr.ui.merge_actions import MergeActions

        self.file_actions: FileActions = FileActions(self, self._settings, self)
        self.damage: DamageNotice = DamageNotice(self, self)
        self.merge_actions: MergeActions = MergeActions(self, self)
        self._adopt_file_actions()

    def _hold_commands(self, held: bool) -> None:
        """Before the company file is open the commands wait (the filter takes typing)."""
        if held:
            self._held_actions = [a for a in self.findChildren(QAction) if a.isEnabled()]
        for action in self._held_actions:
            action.setEnabled(not held)
        for widget in (self.pane.mode_combo, self.pane.show_combo, self.menuBar()):
            widget.setEnabled(not held)

    def _create_timers(self) -> None:
        self._sync_timer = QTimer(self)  # one form load per burst of selection changes
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(0)
        self._sync_timer.timeout.connect(self._sync_form_to_selection)
        self._refresh_timer = QTimer(self)  # one reload per burst of announcements
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

    def _connect_signals(self) -> None:
        self.pane.current_changed.connect(self._selection_changed)
        self.pane.shown_record = lambda: self.form.current_node_id
        self.pane.show_mode_changed.connect(self._show_mode_changed)
        self.pane.search_failed.connect(lambda failure: self.show_status(str(failure)))
        for view in (self.tree_view, self.results_view):
            view.activated.connect(lambda _index: self.customer_actions.edit())
        self.hub.changed.connect(self._on_changes)
        self._connect_form()

    def _show_first_look(self, look: FirstLook) -> None:
        """The list's first page, read before the company file is open (``run_gui``)."""
        self._hold_commands(True)
        use_numbers(number_format(look.number_locale, look.currency))
        self._show_names(look.company_name, look.path)
        self._first_page = FirstPageModel(look.rows, self)
        self.tree_view.setModel(self._first_page)
        self.tree_view.size_columns()
        self.pane.filter_edit.setFocus()  # the phone rings: type the caller's name at once

    def _show_first_company(self, company: Company) -> None:
        self.tree_model = self._new_model(company)
        self.pane.set_tree_model(self.tree_model)
        self.file_actions.remember(company.address)
        if self.desk_note is not None:  # calls for this company find this window
            self.desk_note.retarget(company.address)
        self._show_company()
        self._company_opened()
        if QApplication.focusWidget() is None or not self.isVisible():
            self.pane.filter_edit.setFocus()  # the phone rings: type the caller's name

    def _create_actions(self) -> None:
        self._adopt_actions()
        self._create_find_action()
        self._create_filter_actions()
        self._create_list_actions()
        self._create_settings_actions()
        self._create_about_action()

    def _adopt_file_actions(self) -> None:
        fa = self.file_actions
        # Names the tests and the rest of the program know the actions by.
        self.new_company_action = fa.new_company_action
        self.open_action = fa.open_action
        self.connect_action = fa.connect_action
        self.backup_action = fa.backup_action
        self.restore_action = fa.restore_action
        self.verify_action = fa.verify_action
        self.exit_action = fa.exit_action

    def _adopt_actions(self) -> None:
        ca = self.customer_actions
        # Names the tests and the rest of the program know the actions by.
        self.print_action = ca.print_action
        self.new_customer_action = ca.new_customer_action
        self.new_job_action = ca.new_job_action
        self.new_invoice_action = ca.new_invoice_action
        self.receive_payment_action = ca.receive_payment_action
        self.edit_action = ca.edit_action
        self.make_inactive_action = ca.make_inactive_action
        self.make_active_action = ca.make_active_action
        self.place_hold_action = ca.place_hold_action
        self.release_hold_action = ca.release_hold_action
        self.find_phone_action = ca.find_phone_action
        self.log_call_action = ca.log_call_action
        self.copy_name_action = ca.copy_name_action

    def _create_find_action(self) -> None:
        self.find_action = self._action(
            "&Quick Filter",
            self.pane.focus_filter,
            tip="Find customers and jobs as you type",
            keys=(QKeySequence.StandardKey.Find, "Ctrl+F"),
            name="findAction",
        )

    def _create_filter_actions(self) -> None:
        self.show_inactive_action = self._action(
            "Show &Inactive",
            self._show_inactive_toggled,
            icon_name="show-inactive",
            tip="List inactive customers and jobs too (shown in grey)",
            checkable=True,
            name="showInactiveAction",
        )
        self.prospects_action = self._action(
            "&Prospects Only",
            self._prospects_toggled,
            icon_name="prospect",
            tip="List only customers who are prospects",
            checkable=True,
            name="prospectsAction",
        )
        # At most one of the two is on (ExclusiveOptional allows none); the show combo of
        # the quick filter holds the state, these two follow it.
        self.filter_group = QActionGroup(self)
        self.filter_group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.filter_group.addAction(self.show_inactive_action)
        self.filter_group.addAction(self.prospects_action)

    def _create_list_actions(self) -> None:
        self.refresh_action = self._action(
            "&Refresh",
            self.refresh,
            icon_name="refresh",
            keys=(QKeySequence.StandardKey.Refresh, "F5"),
            tip="Read the list again from the company file",
            name="refreshAction",
        )
        self.collapse_action = self._action(
            "Co&llapse All",
            self.tree_view.collapseAll,
            icon_name="collapse",
            tip="Close every customer's list of jobs",
            name="collapseAction",
        )

    def _create_settings_actions(self) -> None:
        self.settings_action = self._action(
            "&Settings…",
            lambda: self.open_settings(None),
            icon_name="settings",
            tip="Office information, preferences and custom fields",
            keys=(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
            name="settingsAction",
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.office_lists_action = self._action(
            "&Office Lists…",
            lambda: self.open_settings(OFFICE_LISTS_PAGE),
            tip="Customer types, terms, reps, job types and the other lists of the office",
            name="officeListsAction",
        )

    def _create_about_action(self) -> None:
        self.about_action = self._action(
            "&About OfficeMgr",
            self.show_about,
            icon_name="about",
            tip="Version, company file and data folder",
            name="aboutAction",
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")  # filled by _fill_file_menus
        self._create_edit_menu(bar)
        self._create_view_menu(bar)
        self.customers_menu = bar.addMenu("&Customers")  # filled by _fill_file_menus
        self._create_reports_menu(bar)
        self._create_settings_menu(bar)
        self._create_help_menu(bar)
        self.pane.tree_view.set_context_actions(self._context_actions())
        self.pane.results_view.set_context_actions(self._context_actions())

    def _fill_file_menus(self) -> None:
        """The menus of what works on the open company file (``attach``)."""
        self._fill_file_menu(self.file_menu)
        self._fill_customers_menu(self.customers_menu)

    def _fill_file_menu(self, menu: QMenu) -> None:
        fa = self.file_actions
        menu.addAction(fa.new_company_action)
        menu.addAction(fa.open_action)
        menu.addAction(fa.connect_action)
        menu.addMenu(fa.recent_menu)
        menu.addSeparator()
        menu.addAction(fa.backup_action)
        menu.addAction(fa.restore_action)
        menu.addAction(fa.verify_action)
        menu.addSeparator()
        menu.addAction(fa.import_action)
        menu.addAction(fa.export_action)
        menu.addSeparator()
        menu.addAction(self.customer_actions.print_action)
        menu.addSeparator()
        menu.addAction(fa.exit_action)

    def _create_edit_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu("&Edit")
        self.edit_actions.add_to(menu)
        menu.addSeparator()
        menu.addAction(self.customer_actions.copy_name_action)

    def _create_view_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu("&View")
        menu.addAction(self.find_action)
        menu.addSeparator()
        menu.addAction(self.show_inactive_action)
        menu.addAction(self.prospects_action)
        menu.addSeparator()
        menu.addAction(self.refresh_action)
        menu.addAction(self.collapse_action)

    def _fill_customers_menu(self, menu: QMenu) -> None:
        ca = self.customer_actions
        menu.addAction(ca.new_customer_action)
        menu.addAction(ca.new_job_action)
        menu.addAction(ca.edit_action)
        menu.addAction(self.form.add_log_entry_action)
        menu.addSeparator()
        menu.addAction(ca.new_invoice_action)
        menu.addAction(ca.receive_payment_action)
        menu.addSeparator()
        menu.addAction(self.form.save_action)
        menu.addAction(self.form.revert_action)
        menu.addSeparator()
        menu.addAction(ca.make_inactive_action)
        menu.addAction(ca.make_active_action)
        menu.addSeparator()
        menu.addAction(ca.place_hold_action)
        menu.addAction(ca.release_hold_action)
        menu.addSeparator()
        menu.addAction(ca.find_phone_action)
        menu.addAction(ca.log_call_action)  # enabled after a caller-ID match
        menu.addSeparator()
        menu.addAction(self.merge_actions.find_duplicates_action)
        menu.addAction(self.merge_actions.merge_action)

    def _create_reports_menu(self, bar: QMenuBar) -> None:
        self.reports_menu = bar.addMenu("&Reports")
        self.report_actions = fill_reports_menu(
            self.reports_menu, self.open_report, self.open_report_navigator
        )

    def _create_settings_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu("&Settings")
        menu.addAction(self.settings_action)
        menu.addAction(self.office_lists_action)

    def _create_help_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu("&Help")
        menu.addAction(self.about_action)

    def _context_actions(self) -> list[QAction | None]:
        ca = self.customer_actions
        return [
            ca.new_customer_action,
            ca.new_job_action,
            ca.edit_action,
            None,
            ca.make_inactive_action,
            ca.make_active_action,
            None,
            ca.place_hold_action,
            ca.release_hold_action,
            None,
            ca.copy_name_action,
            self.refresh_action,
        ]

    def _create_tool_bar(self) -> None:
        bar = QToolBar("Main Toolbar", self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        ca = self.customer_actions
        bar.addAction(ca.new_customer_action)
        bar.addAction(ca.new_job_action)
        bar.addSeparator()
        self._form_tools_before = bar.addSeparator()  # the form's come here (_add_form_tools)
        self._icon_only_tools = (ca.new_invoice_action, ca.receive_payment_action)
        for action in self._icon_only_tools:
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(ca.find_phone_action)
        bar.addSeparator()
        bar.addAction(self.refresh_action)
        bar.addAction(self.show_inactive_action)
        bar.addSeparator()
        bar.addAction(self.settings_action)
        self.tool_bar = bar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self._measure_tool_bar()

    def _add_form_tools(self) -> None:
        """Save, Revert and Add Log Entry on the tool bar, once the form is built."""
        form = self.form
        for name, action in (("save", form.save_action), ("revert", form.revert_action)):
            if action.icon().isNull():
                action.setIcon(icon(name))
            if not action.statusTip():
                action.setStatusTip(action.toolTip() or action.text().replace("&", ""))
        tools = [form.save_action, form.revert_action, form.add_log_entry_action]
        self.tool_bar.insertActions(self._form_tools_before, tools)
        self._measure_tool_bar()

    def _measure_tool_bar(self) -> None:
        # Names beside the icons while they fit; on a narrow window icons only (their
        # names in tooltips) rather than buttons hidden in the overflow menu.
        shown = self.tool_bar.toolButtonStyle()
        self._style_tools(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._tool_bar_width = self.tool_bar.sizeHint().width()
        self._style_tools(shown)
        self._fit_tool_bar()

    def _fit_tool_bar(self) -> None:
        fits = self.width() >= self._tool_bar_width + TOOL_BAR_SLACK
        style = (
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if fits
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        if self.tool_bar.toolButtonStyle() != style:
            self._style_tools(style)

    def _style_tools(self, style: Qt.ToolButtonStyle) -> None:
        """The bar's style for every button, but icons only for New Invoice and Receive
        Payment whatever it is: the bar stays narrow (the bar's style resets them)."""
        self.tool_bar.setToolButtonStyle(style)
        for action in self._icon_only_tools:
            button = self.tool_bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_tool_bar()

    def _create_status_bar(self) -> None:
        # Both give way to the caller line on a narrow window (cut, whole in the tooltip).
        self.counts_label = ElidedLabel(self, mode=Qt.TextElideMode.ElideRight)
        self.counts_label.setObjectName("countsLabel")
        self.path_label = ElidedLabel(self)
        self.path_label.setObjectName("pathLabel")
        self.path_label.setContentsMargins(6, 0, 6, 0)
        self.path_label.setMaximumWidth(PATH_WIDTH)  # the title bar names the file too
        divider = QFrame(self)
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setFrameShadow(QFrame.Shadow.Sunken)
        # Permanent: the status line (messages with owners) takes the left, these stay.
        bar = self.statusBar()
        self.status_line = StatusLine.of(bar)
        # Shown after a caller-ID match until the call is logged (customer_actions), left
        # of the counts.
        self.log_call_button = QToolButton(self)
        self.log_call_button.setObjectName("logCallButton")
        self.log_call_button.setDefaultAction(self.customer_actions.log_call_action)
        self.log_call_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.log_call_button.setAutoRaise(True)
        bar.addPermanentWidget(self.log_call_button)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(divider)
        bar.addPermanentWidget(self.path_label)
        self.log_call_button.setVisible(False)
        self.customer_actions.log_call_action.enabledChanged.connect(
            self.log_call_button.setVisible
        )

    def _set_tab_order(self) -> None:
        chain = [
            self.pane.filter_edit,
            self.pane.mode_combo,
            self.pane.show_combo,
            self.tree_view,
            self.results_view,
            self.form,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_form(self) -> None:
        form = self.form
        form.saved.connect(lambda _node_id: self._refresh_timer.start())
        form.open_requested.connect(self.open_node)
        new_job_requested = getattr(form, "new_job_requested", None)
        if new_job_requested is not None:  # the Account tab's New Job…
            new_job_requested.connect(self.customer_actions.new_job_under)

    # -- reports (officemgr.ui.reports) ---------------------------------------------------

    def open_report(self, key: str) -> QWidget:
        """Open the options dialog of the report called ``key`` ("contact-log")."""
        return open_report_dialog(key, self.company, self)

    def open_contact_log_report(self) -> QWidget:
        return self.open_report("contact-log")

    def open_report_navigator(self) -> QWidget:
        """Reports | Report Navigator: every report by category."""
        from officemgr.ui.reports.navigator import ReportNavigator

        navigator = ReportNavigator(self.company, self)
        navigator.show()
        return navigator

    def _new_model(self, company: Company) -> CustomerJobTreeModel:
        model = CustomerJobTreeModel(company, show=self.pane.show_mode, parent=self)
        model.load_failed.connect(self._load_failed)
        return model

    # -- what the window shows ------------------------------------------------------

    def show_mode(self) -> Show:
        return self.pane.show_mode

    def show_status(self, text: str, msecs: int = DEFAULT_MS) -> None:
        """The answer to a command, in the status line (a caller line outranks it)."""
        self.status_line.show("window", text, msecs=msecs)

    def _show_company(self) -> None:
        try:
            settings = self.company.settings.get()
        except OfficeMgrError as error:  # e.g. the file vanished: say so, show what we had
            self.show_status(str(error), 15_000)
            return
        use_numbers(settings.numbers)  # amounts read and shown in the office's locale
        self._show_names(settings.company_name, self.company.address)
        self._show_counts()

    def _show_names(self, company_name: str, address: Path | str) -> None:
        """The office's name and its file (or database and server) in the title bar, the
        file's path (or the server's address, never a password) in the status bar."""
        self.setWindowTitle(f"{company_name} — {location_label(address)} — {APP_NAME}")
        self.setWindowFilePath("" if is_server_url(address) else str(address))
        self.path_label.set_full_text(str(address))

    def _show_counts(self) -> None:
        """Count customers and jobs off the GUI thread: a tenth of a second on a big file,
        which the list does not wait for."""
        company = self.company
        task = self._counts_runner.start(company.tree.counts)
        task.finished.connect(lambda counts: self._counts_arrived(company, counts))
        task.failed.connect(lambda failure: log.warning("Could not count: %s", failure))

    def _counts_arrived(self, company: Company, c: TreeCounts) -> None:
        if company is not self.company:  # another file was opened meanwhile
            return
        parts = [
            f"{_count(c.customers, 'customer')} ({c.active_customers:,} active)",
            _count(c.jobs, "job"),
            _count(c.prospects, "prospect"),
            f"{c.on_hold:,} on credit hold",
        ]
        self.counts_label.set_full_text("  ·  ".join(parts))

    def _wait_for_background(self) -> None:
        """Let searches and counts end (before the company file is closed)."""
        self.pane.wait_for_search()
        self._counts_runner.wait()
        self.ops.runner.wait()
        self.ops.reads.wait()
        self.file_actions.wait_for_auto_backups()

    def _load_failed(self, message: str) -> None:
        self.show_status(message, 15_000)

    # -- the selection and the form -------------------------------------------------

    def _update_record_actions(self, ref: NodeRef | None) -> None:
        self.customer_actions.update_enabled(ref)
        self.merge_actions.update_enabled(ref)

    def current_node(self) -> NodeRef | None:
        """The customer or job selected in the list on show."""
        return self.pane.current_node()

    @contextmanager
    def _moving_selection(self) -> Iterator[None]:
        """The window moves the selection itself: no form load, no unsaved-changes prompt."""
        before, self._following = self._following, True
        try:
            yield
        finally:
            self._following = before

    def _selection_changed(self, ref: NodeRef | None) -> None:
        self._update_record_actions(ref)
        if not self._following:
            self._sync_timer.start()

    def _sync_form_to_selection(self) -> None:
        ref = self.pane.current_node()
        if ref is None or ref.id == self.form.current_node_id:
            return
        if not self.form.maybe_save():
            self._put_selection_back()
            return
        self.form.load(ref.id)

    def _put_selection_back(self) -> None:
        """The user stays with the record being edited: select it again in the list."""
        with self._moving_selection():
            node_id = self.form.current_node_id
            if node_id is None or not self.pane.select_node(node_id):
                self.pane.clear_selection()
        self._update_record_actions(self.pane.current_node())

    def leave_record(self) -> bool:
        """Before the form shows something else: True when its changes are saved or
        discarded (or there were none), False when the user keeps editing."""
        return bool(self.form.maybe_save())

    def open_node(self, node_id: int) -> bool:
        """Show customer or job ``node_id`` in the form and select it in the list."""
        if self.form.current_node_id != node_id and not self.leave_record():
            return False
        with self._moving_selection():
            listed = self.pane.select_node(node_id)
        self._update_record_actions(self.pane.current_node())
        if self.form.current_node_id != node_id:
            self.form.load(node_id)
        if not listed:
            self.show_status(
                "This record is not listed with the current filter (View › Show Inactive "
                "lists inactive ones); it is open in the form."
            )
        return True

    def active_employees(self) -> list[str]:
        """The names on the office's employee list, for "who works at this desk"."""
        return [e.name for e in self.company.lists.all().employees if e.is_active]

    def show_jobs_of(self, node_id: int) -> None:
        """List the jobs of customer ``node_id`` under it (its caller is on the phone)."""
        self.pane.show_jobs_of(node_id)

    def deselect(self) -> None:
        """Select nothing in the list (the form shows a record the list has no row for)."""
        with self._moving_selection():
            self.pane.clear_selection()
        self._update_record_actions(None)

    def bring_to_front(self) -> None:
        """Another launch asked for this window: show it (un-minimized) and activate it."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def incoming_call(self, number: str) -> None:
        """The phone system handed over a caller's number: come forward, run caller ID.

        Not on top of an open dialog (its work would be interrupted by another one): the
        number is shown for Find by Phone once the dialog is done."""
        if not self.ready:  # the company file is still opening: the call waits for it
            self.when_ready(lambda: self.incoming_call(number))
            return
        self.bring_to_front()
        busy = QApplication.activeModalWidget()
        if isinstance(busy, WhoWorksHereDialog):
            busy.reject()  # the caller comes first: the question comes back next start
            busy = None
        if busy is not None:
            log.info("A call came in while a dialog was open; left to Find by Phone.")
            self.status_line.show(
                CALLER,
                f"Call from {number}: finish “{busy.windowTitle()}”, then use Find by Phone.",
                priority=Priority.CALLER,
                msecs=CALLER_MS,
            )
            return
        self.customer_actions.find_by_phone(number)

    def focus_form(self) -> None:
        first_field(self.form).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _follow_form(self) -> None:
        """Select the form's record in the list (e.g. a customer it has just added)."""
        node_id = self.form.current_node_id
        current = self.pane.current_node()
        if node_id is None or (current is not None and current.id == node_id):
            return
        with self._moving_selection():
            self.pane.select_node(node_id)
        self._update_record_actions(self.pane.current_node())

    # -- changes --------------------------------------------------------------------

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is self or self._released:
            return
        if changes.nodes or changes.popups or changes.contacts or changes.billing:
            self._refresh_timer.start()
        if changes.settings:
            self._show_company()

    def nodes_changed(self, node_id: int | None = None) -> None:
        """This window wrote to customer or job ``node_id``: reload the list and counts."""
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Read the list, the counts and the company name again, keeping what is open."""
        if self._released:
            return
        if self.ops.busy:  # not under a save that waits inside a selection change
            self.ops.after(self.refresh)
            return
        self._refresh_timer.stop()
        try:
            with self._moving_selection():
                self.pane.refresh()
            self._follow_form()
        except OfficeMgrError as error:  # e.g. the file vanished: one message, keep going
            report_failure(error)
            return
        self._update_record_actions(self.pane.current_node())
        self._show_company()

    # -- view filters ---------------------------------------------------------------

    def _show_inactive_toggled(self, checked: bool) -> None:
        if checked:
            self.pane.set_show_mode("all")
        elif self.pane.show_mode in ("all", "inactive"):
            self.pane.set_show_mode("active")

    def _prospects_toggled(self, checked: bool) -> None:
        if checked:
            self.pane.set_show_mode("prospects")
        elif self.pane.show_mode == "prospects":
            self.pane.set_show_mode("active")

    def _show_mode_changed(self, mode: str) -> None:
        for action, on in (
            (self.show_inactive_action, mode in ("all", "inactive")),
            (self.prospects_action, mode == "prospects"),
        ):
            if action.isChecked() != on:
                action.blockSignals(True)
                action.setChecked(on)
                action.blockSignals(False)
        self._follow_form()

    # -- company files --------------------------------------------------------------

    def open_company(self, location: Path | str, *, create: bool = False) -> bool:
        """Switch to the company file at ``location`` (or the company on a server at that
        address); on failure say why and keep this one."""
        if not is_server_url(location):
            location = Path(location).absolute()
        if location_key(location) == location_key(self.company.address) and not self._released:
            self.show_status(f"{location_label(location)} is already open.")
            return True
        if not self.leave_record():
            return False
        from officemgr.ui.opening import open_company_file

        try:
            company = open_company_file(location, self, create=create)
        except CompanyLoginError as error:
            # A password that changed, or none kept: ask again, the address filled in.
            log.warning("The server refused %s: %s", location_label(location), error)
            return self.file_actions.connect_to_server(
                without_password(str(location)), refused=str(error)
            )
        except OfficeMgrError as error:
            shown = without_password(location) if isinstance(location, str) else location
            log.warning("Cannot open %s: %s", shown, error)
            QMessageBox.critical(self, "Cannot Open Company File", str(error))
            return False
        self._install_company(company)
        return True

    def _install_company(self, company: Company) -> None:
        self._wait_for_background()
        old, old_model = self.company, self.tree_model
        self.company = company
        self.hub.watch(company)
        self.tree_model = self._new_model(company)
        with self._moving_selection():
            self.pane.set_company(company)
            self.pane.set_tree_model(self.tree_model)
        self.form.set_company(company)
        old_model.deleteLater()
        if old is not company and not self._released:
            old.close()
        self._released = False
        self._update_record_actions(None)
        self.file_actions.remember(company.address)
        if self.desk_note is not None:  # calls for this company find this window
            self.desk_note.retarget(company.address)
        self._show_company()
        self.hub.announce(Changes(company=True), self)
        self._company_opened()

    def _company_opened(self) -> None:
        from officemgr.files import remove_leftovers

        log.info("Opened the %s %s", self._company_noun(), self.company.address)
        self.file_actions.follow_company()
        if self.company.is_server:
            return  # no file beside which anything is left, nor one to back up daily
        remove_leftovers(Path(self.company.path))  # of backups and restores once stopped
        if self.company.damaged is not None:  # found as it opened: say so, write nothing
            self.damage.handle(self.company.damaged)
            return
        self.file_actions.start_daily_backup()

    def _company_noun(self) -> str:
        return "company" if self.company.is_server else "company file"

    def release_company(self) -> None:
        """Close the company file (Restore replaces it); the list shows nothing meanwhile."""
        self._wait_for_background()
        with self._moving_selection():
            self.tree_view.setModel(None)
        self._released = True
        self.company.close()

    def reopen_company(self, path: Path) -> bool:
        """Open ``path`` again after a restore (or a failed one)."""
        from officemgr.ui.opening import open_company_file

        try:
            company = open_company_file(path, self)
        except OfficeMgrError as error:
            report_failure(error)
            return False
        self._install_company(company)
        return True

    # -- settings, about ------------------------------------------------------------

    def open_settings(self, page: str | None = None) -> bool:
        from officemgr.ui.settings import open_settings

        changed = bool(open_settings(self.company, self.hub, self, page=page))
        if changed:
            self._show_company()
            self._show_numbers_again()
        return changed

    def _show_numbers_again(self) -> None:
        """Amounts on screen in the office's (perhaps new) way of writing numbers: the list
        repaints; the record is read again unless someone is typing in it."""
        self.tree_view.viewport().update()
        node_id = self.form.current_node_id
        if node_id is not None and not self.form.is_dirty and not self.form.is_new:
            self.form.load(node_id, fire_popups=False)

    def about_text(self) -> str:
        return (
            f"<h3>OfficeMgr {officemgr.__version__}</h3>"
            "<p>An office manager for small service businesses.</p>"
            f"<p><b>{self._company_noun().capitalize()}:</b><br>"
            f"{escape(str(self.company.address))}</p>"
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
        self._restore_splitter()
        header = s.value("customer_tree/header")
        if header is not None:
            self.tree_view.header().restoreState(header)
        match = as_search_mode(s.value("customer_list/match"))
        if match is not None:
            self.pane.set_match_mode(match)

    def _restore_splitter(self) -> None:
        state = self._settings.value("main_window/splitter")
        if state is None or not self.splitter.restoreState(state):
            # The list gets at most 38% of a narrow window: the form needs the room more.
            tree = min(TREE_WIDTH, round(self.width() * 0.38))
            self.splitter.setSizes([tree, max(self.width() - tree, 400)])

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
        s.setValue("customer_list/match", self.pane.match_mode)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ready:  # closed before the company file was open: nothing to keep
            super().closeEvent(event)
            return
        if self.file_actions.busy:
            self.show_status("Wait for the backup, restore or check to finish.")
            event.ignore()
            return
        if not self.leave_record():
            event.ignore()
            return
        self.save_settings()
        self._wait_for_background()
        # Not backed up: a file closed for a restore that failed, or a damaged one.
        if not self._released and self.company.damaged is None:
            self.hide()  # gone from the screen at once: nobody waits for the backup
            QApplication.processEvents()
            self.file_actions.backup_on_close()
        self.damage.detach()
        log.info("Closed the %s %s", self._company_noun(), self.company.address)
        super().closeEvent(event)
