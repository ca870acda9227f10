"""The Settings dialog: a list of pages on the left, the page chosen on the right.

OK and Apply first let list pages save what is still typed, then check every page, and
only when all pass do the pages hand over their changes, which are written in one
``co.settings.update`` call. A page that refuses is shown, with the widget at fault
focused and the reason above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from officemgr.errors import ConflictError, OfficeMgrError, ValidationError
from officemgr.ui.changes import ChangeHub, Changes
from officemgr.ui.operations import Operations
from officemgr.ui.preferences import settings_store
from officemgr.ui.settings.page import (
    SettingsCheckError,
    SettingsContext,
    SettingsPage,
    registered_pages,
    reveal,
)
from officemgr.ui.settings.widgets import MessageStrip

if TYPE_CHECKING:
    from officemgr.company import Company

DEFAULT_SIZE = QSize(760, 520)
MINIMUM_SIZE = QSize(680, 460)
GEOMETRY_KEY = "settings_dialog/geometry"
PAGE_ICON_SIZE = QSize(24, 24)


class SettingsDialog(QDialog):
    """Office settings, preferences and office lists. ``exec()`` it (it is modal)."""

    def __init__(
        self,
        company: Company,
        hub: ChangeHub,
        parent: QWidget | None = None,
        *,
        desk: QSettings | None = None,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setModal(True)
        self.company = company
        self.hub = hub
        hub.watch(company)  # what its pages save is told by the company itself
        self.desk = desk if desk is not None else settings_store()
        self._make_page_heading()
        self.stack = QStackedWidget(self)
        self.pages: list[SettingsPage] = []
        self._add_pages()
        # Made after the pages, so Tab goes: page list, the page, then OK / Cancel / Apply.
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        self._lay_out()
        self._connect()
        self.context = SettingsContext(
            company=company,
            hub=hub,
            desk=self.desk,
            initiator=self,
            ops=ops if ops is not None else getattr(parent, "ops", None) or Operations(self),
            office=company.settings.get(),
            lists=company.lists.all(),
        )
        self.context.lists_listeners.append(self._lists_changed)
        for page in self.pages:
            page.load(self.context)
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(DEFAULT_SIZE)
        geometry = self.desk.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.page_list.setCurrentRow(0)
        self.page_list.setFocus()

    def _make_page_heading(self) -> None:
        """The list of pages, and the chosen page's title, summary and message strip."""
        self.page_list = QListWidget(self)
        self.page_list.setObjectName("pageList")
        self.page_list.setIconSize(PAGE_ICON_SIZE)
        self.page_list.setUniformItemSizes(True)
        self.page_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.page_list.setAccessibleName("Settings pages")
        self.heading = QLabel(self)
        self.heading.setObjectName("pageTitle")
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("pageSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.message = MessageStrip(self)

    def _add_pages(self) -> None:
        """One page of each registered class, in the stack and in the page list."""
        for page_class in registered_pages():
            page = page_class(self.stack)
            page.setObjectName(f"page_{page.name}")
            self.pages.append(page)
            self.stack.addWidget(page)
            item = QListWidgetItem(page.icon(), page.title)
            item.setData(Qt.ItemDataRole.UserRole, page.name)
            item.setSizeHint(QSize(0, PAGE_ICON_SIZE.height() + 12))
            self.page_list.addItem(item)
        widest = max(
            (self.page_list.fontMetrics().horizontalAdvance(p.title) for p in self.pages),
            default=100,
        )
        self.page_list.setFixedWidth(widest + PAGE_ICON_SIZE.width() + 44)

    def _lay_out(self) -> None:
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.heading)
        right.addWidget(self.summary)
        right.addWidget(self.message)
        right.addSpacing(4)
        right.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addSpacing(6)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.page_list.currentRowChanged.connect(self._page_chosen)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply_button.clicked.connect(self.apply)
        apply_button.setToolTip("Save the settings and keep this window open")
        for keys, step in (
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageDown), 1),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageUp), -1),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.activated.connect(lambda step=step: self._step_page(step))

    # -- pages ----------------------------------------------------------------------

    @property
    def saved(self) -> bool:
        """Whether anything was written (settings, preferences or a list) since it opened."""
        return self.context.saved_anything

    def page(self, name: str) -> SettingsPage:
        for page in self.pages:
            if page.name == name:
                return page
        known = ", ".join(p.name for p in self.pages)
        raise KeyError(f"There is no settings page {name!r}; the pages are {known}.")

    def current_page(self) -> SettingsPage:
        return self.pages[self.stack.currentIndex()]

    def show_page(self, name: str) -> SettingsPage:
        page = self.page(name)
        self.page_list.setCurrentRow(self.pages.index(page))
        return page

    def _page_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.pages):
            return
        page = self.pages[row]
        self.stack.setCurrentWidget(page)
        self.heading.setText(page.title)
        self.summary.setText(page.summary)
        self.summary.setVisible(bool(page.summary))
        self.message.clear()

    def _step_page(self, step: int) -> None:
        row = (self.page_list.currentRow() + step) % len(self.pages)
        self.page_list.setCurrentRow(row)

    def _lists_changed(self) -> None:
        for page in self.pages:
            page.lists_changed(self.context)

    # -- saving ---------------------------------------------------------------------

    def apply(self) -> bool:
        """Check every page, then save them all; False (with the page at fault shown) if not."""
        self.message.clear()
        for step in ("finish_editing", "check"):
            for page in self.pages:
                try:
                    getattr(page, step)()
                except SettingsCheckError as error:
                    self.show_fault(page, error)
                    return False
        context = self.context
        context.office_changes = {}
        context.desk_changes = {}
        for page in self.pages:
            page.save(context)
        if context.office_changes:
            try:
                settings, version = self.company.settings, context.office.version
                changes = context.office_changes
                context.office = context.run(
                    lambda: settings.update(expected_version=version, **changes)
                )
            except ValidationError as error:
                self._refused(error)
                return False
            except ConflictError as error:
                self.message.show_message(
                    f"{error} Nothing was saved. Reload shows their settings; then make "
                    "your changes again.",
                    "Not saved",
                    action=("&Reload", self.reload_office),
                )
                return False
            except OfficeMgrError as error:
                self.message.show_message(str(error), "Not saved")
                return False
        for key, value in context.desk_changes.items():
            self.desk.setValue(key, value)
        if context.desk_changes:
            self.desk.sync()
        if context.office_changes or context.desk_changes:
            context.saved_anything = True
            for page in self.pages:
                page.saved(context)
            if context.desk_changes:  # this desk's preferences: the core does not see them
                self.hub.announce(Changes(settings=True), self)
        return True

    def reload_office(self) -> None:
        """Show the office settings as saved now (someone else's change), on every page;
        what was typed on the pages is dropped."""
        self.context.office = self.company.settings.get()
        self.context.lists = self.company.lists.all()
        for page in self.pages:
            page.load(self.context)
        self.message.clear()

    def _refused(self, error: ValidationError) -> None:
        """The service refused a setting: show it at its field (or above the page)."""
        for page in self.pages:
            widget = page.field_widgets().get(error.field or "")
            if widget is not None:
                self.show_fault(page, SettingsCheckError("Not saved", error.message, widget))
                return
        self.message.show_message(error.message, "Not saved")

    def show_fault(self, page: SettingsPage, error: SettingsCheckError) -> None:
        """Open ``page``, focus the widget at fault and say what is wrong."""
        self.page_list.setCurrentRow(self.pages.index(page))
        self.message.show_message(error.message, error.title)
        if error.widget is not None:
            reveal(error.widget)
            error.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        if self.apply():
            self._remember_geometry()
            super().accept()

    def reject(self) -> None:
        self._remember_geometry()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._remember_geometry()
        super().closeEvent(event)

    def _remember_geometry(self) -> None:
        self.desk.setValue(GEOMETRY_KEY, self.saveGeometry())


def open_settings(
    company: Company, hub: ChangeHub, parent: QWidget | None = None, page: str | None = None
) -> bool:
    """Show the Settings dialog (at ``page``, a page name) until closed.

    Returns True when something was saved: office settings, this desk's preferences, or
    an office list (lists are saved as they are edited, so even after Cancel).
    """
    dialog = SettingsDialog(company, hub, parent)
    try:
        if page is not None:
            dialog.show_page(page)
        dialog.exec()
        return dialog.saved
    finally:
        dialog.deleteLater()
