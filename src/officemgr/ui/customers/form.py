"""The Customer:Job form: the right-hand editor of a customer or job.

A header (full name, balance, badges, Save and Revert) over five tabs — Address Info,
Additional Info, Payment Info, Contacts and Job Info (jobs only) — each laid out in its
own Designer form under ``forms/``. The form reads and writes only through the Company
facade, announces every write on the ChangeHub, and never drops what was typed: leaving
a changed record asks Save / Discard / Cancel (`maybe_save`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import ContactRecord, CreditCheck, NodeDetail, PopupNoteRecord
from officemgr.errors import (
    ConflictError,
    CreditHoldError,
    NotFoundError,
    OfficeMgrError,
    ValidationError,
)
from officemgr.ui.billing.credit_override import ask_override
from officemgr.ui.busy import BusyCancelled, retrying
from officemgr.ui.changes import ChangeHub, Changes
from officemgr.ui.column_widths import keep_column_widths
from officemgr.ui.customers.account_tab import AccountTab
from officemgr.ui.customers.additional_tab import AdditionalTab
from officemgr.ui.customers.address_tab import AddressTab
from officemgr.ui.customers.conflict_dialog import KEEP_MINE, RELOAD, ConflictDialog
from officemgr.ui.customers.contact_log_tab import ContactLogTab
from officemgr.ui.customers.contacts_tab import ContactsTab
from officemgr.ui.customers.credit_hold_dialog import CreditHoldDialog
from officemgr.ui.customers.duplicate_dialog import OPEN, RENAME, SAVE, DuplicateDialog
from officemgr.ui.customers.field_compare import compare
from officemgr.ui.customers.fields import refuse_unreadable
from officemgr.ui.customers.header import FormHeader
from officemgr.ui.customers.job_tab import JobTab
from officemgr.ui.customers.payment_tab import PaymentTab
from officemgr.ui.customers.popup_dialog import PopupNotesDialog
from officemgr.ui.customers.tab_base import FormContext, FormTab
from officemgr.ui.customers.tab_titles import FittedTabTitles
from officemgr.ui.customers.work_tab import WorkTab
from officemgr.ui.operations import Operations
from officemgr.ui.preferences import current_employee, popup_repeat

if TYPE_CHECKING:
    from officemgr.company import Company

EMPTY_TEXT = "Select a customer or job in the list to see it here."
_HOLD_FIELDS = ("credit_hold", "credit_hold_reason", "credit_hold_at", "credit_hold_by")


class CustomerJobForm(QWidget):
    """Shows and edits one customer or job; see the module docstring."""

    saved = Signal(int)
    dirty_changed = Signal(bool)
    open_requested = Signal(int)
    new_job_requested = Signal(int)  # the Account tab's New Job (the window starts it)

    def __init__(
        self,
        company: Company,
        hub: ChangeHub,
        parent: QWidget | None = None,
        *,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerJobForm")
        self.hub = hub
        self.ctx = FormContext(company, hub, self, ops)
        self._detail: NodeDetail | None = None
        self._new = False
        self._prefill: dict[str, Any] = {}
        self._pristine: dict[str, Any] = {}  # what a new record holds before any typing
        self._dirty = False
        self._credit_override: str | None = None  # the reason a new job may start anyway
        self.popup_dialog: PopupNotesDialog | None = None

        self._make_actions()
        self.header = FormHeader(self.save_action, self.revert_action, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("customerJobTabs")
        self.tabs.setDocumentMode(True)
        self._make_tabs()
        self._connect_tabs()
        self.tab_titles = FittedTabTitles(self.tabs)
        # Every list of the tabs keeps the column widths its user sets, at this desk.
        self.column_widths = [
            keep_column_widths(view) for view in self.tabs.findChildren(QTableView)
        ]
        self.editor_page = QWidget(self)
        editor_layout = QVBoxLayout(self.editor_page)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.setSpacing(0)
        editor_layout.addWidget(self.header)
        editor_layout.addWidget(self.tabs, 1)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.editor_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        hub.changed.connect(self._hub_changed)
        self._update_actions()

    def _make_actions(self) -> None:
        """Save, Revert and Log a Call: the window puts them in its menus and toolbar."""
        style = self.style()
        self.save_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton), "&Save", self
        )
        self.save_action.setObjectName("saveRecordAction")
        self.save_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Save))
        self.save_action.setToolTip("Save this customer or job (Ctrl+S)")
        self.save_action.setStatusTip("Save the changes to this customer or job")
        self.save_action.triggered.connect(self.save)
        self.revert_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogResetButton), "&Revert", self
        )
        self.revert_action.setObjectName("revertRecordAction")
        self.revert_action.setToolTip("Undo the changes not saved yet")
        self.revert_action.setStatusTip("Put back the record as it was last saved")
        self.revert_action.triggered.connect(self.revert)
        self.add_log_entry_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
            "Lo&g a Call…",
            self,
        )
        self.add_log_entry_action.setObjectName("addLogEntryAction")
        self.add_log_entry_action.setShortcut(QKeySequence("Ctrl+L"))
        self.add_log_entry_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_log_entry_action.setToolTip("Add a contact log entry to this record (Ctrl+L)")
        self.add_log_entry_action.setStatusTip("Log a call, email, visit or note on this record")
        self.add_log_entry_action.triggered.connect(self.add_log_entry)
        self.addAction(self.save_action)
        self.addAction(self.revert_action)
        self.addAction(self.add_log_entry_action)

    def _make_tabs(self) -> None:
        self.address_tab = AddressTab(self.ctx, self)
        self.additional_tab = AdditionalTab(self.ctx, self)
        self.payment_tab = PaymentTab(self.ctx, self)
        self.contacts_tab = ContactsTab(self.ctx, self)
        self.job_tab = JobTab(self.ctx, self)
        # The tabs of the record's fields: they load with it and make up its changes()
        # (Contacts has none: like the tabs after Job Info it saves each change at once).
        self.all_tabs: list[FormTab[Any]] = [
            self.address_tab,
            self.additional_tab,
            self.payment_tab,
            self.contacts_tab,
            self.job_tab,
        ]
        for tab in self.all_tabs:
            self.tabs.addTab(tab, tab.title)
        # Jobs only, right after Job Info.
        self.work_tab = WorkTab(self.ctx, self)
        self.tabs.insertTab(self.tabs.indexOf(self.job_tab) + 1, self.work_tab, self.work_tab.title)
        self.contact_log_tab = ContactLogTab(self.ctx, self)
        self.tabs.addTab(self.contact_log_tab, self.contact_log_tab.title)
        # Read only while on show (see AccountTab.load).
        self.account_tab = AccountTab(self.ctx, self)
        self.tabs.addTab(self.account_tab, self.account_tab.title)

    def _connect_tabs(self) -> None:
        for tab in self.all_tabs:
            tab.edited.connect(self._edited)
        for tab_with_status in (
            self.work_tab,
            self.contact_log_tab,
            self.account_tab,
            self.contacts_tab,
        ):
            tab_with_status.status_message.connect(self.header.show_status)
        self.account_tab.open_requested.connect(self.open_requested)
        self.account_tab.new_job_requested.connect(self.new_job_requested)
        self.account_tab.new_invoice_requested.connect(self.new_invoice)
        self.account_tab.payment_requested.connect(self.receive_payment)
        self.payment_tab.place_hold_requested.connect(self.place_credit_hold)
        self.payment_tab.release_hold_requested.connect(self.release_credit_hold)
        self.additional_tab.popups_changed.connect(self._notes_changed)
        self.contacts_tab.contacts_changed.connect(self._contacts_changed)

    # -- what is shown ----------------------------------------------------------------

    @property
    def company(self) -> Company:
        return self.ctx.company

    @property
    def detail(self) -> NodeDetail | None:
        """The record as last read (for a new one: its defaults)."""
        return self._detail

    @property
    def current_node_id(self) -> int | None:
        if self._detail is None or self._new:
            return None
        return self._detail.id

    @property
    def is_new(self) -> bool:
        return self._detail is not None and self._new

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    def set_company(self, company: Company) -> None:
        """Another company file was opened: show nothing until a record is loaded."""
        self.ctx.company = company
        self.ctx.reload()
        for tab in self.all_tabs:
            tab.refill()
        self.clear()

    def clear(self) -> None:
        """Show no record (what was not saved is dropped: call `maybe_save` first)."""
        self._detail = None
        self._new = False
        self._prefill = {}
        self.stack.setCurrentWidget(self.empty_label)
        self._set_dirty(False)

    def load(self, node_id: int, *, fire_popups: bool = True) -> None:
        """Show the customer or job ``node_id``; then its pop-up notes due on opening."""
        try:
            detail = retrying(self, lambda: self.company.customers.get(node_id), show_wait=False)
        except (NotFoundError, BusyCancelled) as error:
            self.clear()
            self.empty_label.setText(str(error))
            return
        self._show(detail, new=False)
        if fire_popups:
            self._fire_popups(detail.id, detail.full_name, detail.popup_notes, "open")

    def start_new_customer(self, prefill: dict[str, Any] | None = None) -> None:
        """A blank form for a new customer; ``prefill`` fills fields (e.g. ``phone``)."""
        self._prefill = dict(prefill or {})
        self._show(self.company.customers.new_defaults(), new=True)
        self._apply_prefill()
        self.tabs.setCurrentWidget(self.address_tab)
        self.address_tab.name_edit.setFocus()

    def start_new_job(self, parent_id: int) -> bool:
        """A new job under ``parent_id``, with the parent's contact details copied in.

        A customer on credit hold first needs an override with a reason (False: stopped)."""
        override = self._credit_override_for(parent_id, action="start a new job")
        if override is None:
            return False
        detail = self.company.jobs.new_defaults(parent_id)
        self._prefill = {}
        self._show(detail, new=True)
        self._credit_override = override or None
        self.tabs.setCurrentWidget(self.address_tab)
        self.address_tab.name_edit.setFocus()
        self._fire_popups(parent_id, detail.parent_full_name or "", detail.popup_notes, "new_job")
        return True

    def _show(self, detail: NodeDetail, *, new: bool) -> None:
        self._detail = detail
        self._new = new
        for tab in self.all_tabs:
            tab.load(detail)
        self.contact_log_tab.load(detail)
        self.account_tab.load(detail, new=new)
        is_job = detail.kind == "job"
        self.tabs.setTabVisible(self.tabs.indexOf(self.job_tab), is_job)
        self.work_tab.load(detail)
        self.tabs.setTabVisible(self.tabs.indexOf(self.work_tab), is_job)
        self.tab_titles.fit()
        self.header.show_detail(detail, new=new)
        self.empty_label.setText(EMPTY_TEXT)
        self.stack.setCurrentWidget(self.editor_page)
        self._pristine = {}
        self._set_dirty(bool(self.changes()))

    def _apply_prefill(self) -> None:
        tab = self.address_tab
        for field, value in self._prefill.items():
            editor = tab.editors.get(field)
            if editor is None or not hasattr(editor, "setText"):
                continue
            editor.setText(str(value))
            if field in tab.phones:
                tab.phones[field].tidy()
            elif field in tab.emails:
                tab.emails[field].check()
        # A prefilled value (a caller's number) is saved with the record, but until the
        # user types something the new record has nothing of theirs to lose.
        self._pristine = self.changes()
        self._edited()

    # -- changes and dirty state --------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The fields changed since the record was read (for a new one: from defaults)."""
        if self._detail is None:
            return {}
        out: dict[str, Any] = {}
        for tab in self.all_tabs:
            out.update(tab.changes())
        return out

    def _edited(self) -> None:
        changes = self.changes() if self._detail is not None else {}
        self._set_dirty(bool(changes) and changes != self._pristine)
        if self._new and self._detail is not None:
            name = self.address_tab.name_edit.text().strip()
            kind = "job" if self._detail.kind == "job" else "customer"
            under = f"{self._detail.parent_full_name}:" if self._detail.parent_full_name else ""
            self.header.set_name(f"{under}{name}" if name else f"{under}New {kind}")

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self._update_actions()
        if changed:
            self.dirty_changed.emit(dirty)

    def _update_actions(self) -> None:
        shown = self._detail is not None
        self.save_action.setEnabled(shown and (self._dirty or self._new))
        self.revert_action.setEnabled(shown and self._dirty)
        self.add_log_entry_action.setEnabled(shown and not self._new)

    # -- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        """Save what was changed; False (with the problem shown at its field) if not saved."""
        detail = self._detail
        if detail is None:
            return True
        if not self._new and not self._dirty:
            return True
        for tab in self.all_tabs:
            tab.clear_messages("error")
        try:
            self.address_tab.check()
            changes = self.changes()
            refuse_unreadable(changes)
            if "parent" in changes:
                changes["parent"] = self.address_tab.resolve_parent(changes["parent"])
            if self._new and not self._duplicates_ok(detail, changes):
                return False
            written = self._write_settled(detail, changes)
        except ValidationError as error:
            self.show_error(error.field, error.message)
            return False
        except BusyCancelled:
            self.header.show_status("Not saved: the company file is busy.")
            return False
        except CreditHoldError as error:  # the hold came after the job was started
            reason = self._ask_override(error, action="save this job")
            if reason is None:
                return False
            self._credit_override = reason
            return self.save()
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Not Saved", str(error))
            return False
        if written is None:
            return False
        node_id = written
        index = self.tabs.currentIndex()
        self.load(node_id, fire_popups=False)
        self.tabs.setCurrentIndex(index)
        self.header.show_status("Saved.")
        self.saved.emit(node_id)
        return True

    def _write_settled(self, detail: NodeDetail, changes: dict[str, Any]) -> int | None:
        """Write ``changes``, waiting out a busy file; when someone else saved the record
        first, let the user choose (see `ConflictDialog`). None: nothing was saved."""
        base = detail
        # Read here, on the GUI thread: the write runs on the operations' worker.
        new, override, by = self._new, self._credit_override, current_employee()
        while True:
            try:
                return self.ctx.run(partial(self._write, base, changes, new, override, by))
            except ConflictError as error:
                fresh = self._resolve_conflict(base, error)
                if fresh is None:
                    return None
                base = fresh  # Keep Mine: the same changes on top of their version

    def _resolve_conflict(self, base: NodeDetail, error: ConflictError) -> NodeDetail | None:
        """Show what they and I changed; the record to save over (Keep Mine) or None."""
        try:
            fresh = retrying(self, lambda: self.company.customers.get(base.id))
        except NotFoundError as gone:
            QMessageBox.warning(self, "Not Saved", f"{error} {gone}")
            return None
        assert self._detail is not None
        # As typed (a job's parent by name), against the record this form loaded.
        mine = self.changes()
        rows = compare(self._detail, fresh, mine, self.ctx.lists)
        choice = ConflictDialog(fresh.full_name, rows, self).ask()
        if choice == KEEP_MINE:
            return fresh
        if choice == RELOAD:
            index = self.tabs.currentIndex()
            self._show(fresh, new=False)
            self.tabs.setCurrentIndex(index)
            self.header.show_status("Reloaded: your changes were dropped.")
            self.hub.announce(Changes(nodes=True, node_id=fresh.id), self)
        else:
            self.header.show_status("Not saved: your changes are still here.")
        return None

    def _write(
        self,
        detail: NodeDetail,
        changes: dict[str, Any],
        new: bool,
        override: str | None,
        by: str,
    ) -> int:
        """The save itself (on the operations' worker: it touches no widget)."""
        co = self.company
        if not new:
            co.customers.update(detail.id, expected_version=detail.version, **changes)
            return detail.id
        fields = dict(changes)
        name = fields.pop("name", "")
        if detail.kind == "job":
            assert detail.parent_id is not None
            if override:
                fields.update(credit_override=override, by=by)
            return int(co.jobs.add(parent=detail.parent_id, name=name, **fields).id)
        return int(co.customers.add(name=name, **fields).id)

    def _duplicates_ok(self, detail: NodeDetail, changes: dict[str, Any]) -> bool:
        """Warn when the new record's name, phone or email is already used (True: go on)."""
        name = changes.get("name") or ""
        full_name = f"{detail.parent_full_name}:{name}" if detail.parent_full_name else name
        is_job = detail.kind == "job"
        # A new job's copied phone and email are its customer's: only new ones count.
        phone = changes.get("phone") if is_job else self.address_tab.phones["phone"].value()
        email = changes.get("email") if is_job else self.address_tab.emails["email"].edit.text()
        matches = self.company.customers.find_duplicates(
            name=full_name, phone=phone or None, email=(email or "").strip() or None
        )
        if not matches:
            return True
        dialog = DuplicateDialog(full_name, matches, self)
        dialog.exec()
        if dialog.choice == SAVE:
            return True
        if dialog.choice == OPEN:
            existing = dialog.selected_id()
            if existing is not None:
                self.clear()
                self.open_requested.emit(existing)
        elif dialog.choice == RENAME:
            self.tabs.setCurrentWidget(self.address_tab)
            self.address_tab.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.address_tab.name_edit.selectAll()
        return False

    def show_error(self, field: str | None, message: str) -> None:
        """Show ``message`` at ``field`` and bring its tab forward (a dialog if no field)."""
        for index, tab in enumerate(self.all_tabs):
            if field and tab.show_error(field, message):
                self.tabs.setCurrentIndex(index)
                editor = tab.editor_for(field)
                if editor is not None:
                    tab.scroll_area.ensureWidgetVisible(editor)
                    editor.setFocus()
                return
        QMessageBox.warning(self, "Not Saved", message)

    def revert(self) -> None:
        """Put back the record as last read (a new one: blank, or as prefilled)."""
        if self._detail is None:
            return
        index = self.tabs.currentIndex()
        self._show(self._detail, new=self._new)
        if self._new:
            self._apply_prefill()
        self.tabs.setCurrentIndex(index)

    def maybe_save(self) -> bool:
        """Before leaving a changed record: Save / Discard / Cancel. False: stay here."""
        if not self._dirty:
            return True
        detail = self._detail
        name = self.address_tab.name_edit.text().strip() or (detail.full_name if detail else "")
        box = QMessageBox(self)
        box.setObjectName("unsavedChangesBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved Changes")
        what = f"“{name}”" if name else "the new record"
        box.setText(f"Do you want to save the changes to {what}?")
        box.setInformativeText("If you don't save them, your changes will be lost.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        return False

    # -- contact log --------------------------------------------------------------------

    def add_log_entry(self) -> None:
        """Log a call (or email, visit, note) on the record shown: the New Log Entry dialog."""
        if self._detail is None or self._new:
            return
        self.contact_log_tab.add_entry()

    # -- credit hold --------------------------------------------------------------------

    def place_credit_hold(self) -> None:
        """Ask the reason and put the current customer (a job: its customer) on hold."""
        self._credit_hold(placing=True)

    def release_credit_hold(self) -> None:
        """Ask the reason and take the current customer (a job: its customer) off hold."""
        self._credit_hold(placing=False)

    def _credit_hold(self, *, placing: bool) -> None:
        detail = self._detail
        if detail is None or self._new:
            return
        if detail.credit_hold == placing:
            state = "already on" if placing else "not on"
            QMessageBox.information(
                self, "Credit Hold", f"“{detail.customer_name}” is {state} credit hold."
            )
            return
        by = current_employee()
        reason = CreditHoldDialog(self, placing=placing, customer=detail.customer_name, by=by).ask()
        if reason is None:
            return
        customers = self.company.customers
        customer = detail.customer_id
        try:
            if placing:
                self.ctx.run(lambda: customers.place_credit_hold(customer, reason=reason, by=by))
            else:
                self.ctx.run(
                    lambda: customers.release_credit_hold(customer, reason=reason or None, by=by)
                )
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Credit Hold", str(error))
            return
        self._refresh_hold()
        self.header.show_status("Credit hold placed." if placing else "Credit hold released.")

    def _refresh_hold(self) -> None:
        """Show the new hold without touching what is being typed."""
        detail = self._detail
        assert detail is not None
        fresh = self.company.customers.get(detail.id)
        changes: dict[str, Any] = {f: getattr(fresh, f) for f in _HOLD_FIELDS}
        changes["version"] = fresh.version
        self._rebase(**changes)
        assert self._detail is not None  # _rebase keeps a record
        self.payment_tab.show_hold(self._detail)

    def _rebase(self, **fields: Any) -> None:
        """Replace parts of the record as read (side changes saved at once elsewhere)."""
        assert self._detail is not None
        self._detail = dataclasses.replace(self._detail, **fields)
        for tab in self.all_tabs:
            tab.detail = self._detail
        self.contact_log_tab.detail = self._detail
        self.account_tab.load(self._detail, new=self._new)
        self.header.show_detail(self._detail, new=self._new)
        if self._new:
            self._edited()

    def _notes_changed(self, notes: tuple[PopupNoteRecord, ...]) -> None:
        self._rebase(popup_notes=tuple(notes))
        self.header.show_status("Pop-up notes saved.")

    def _contacts_changed(self, contacts: tuple[ContactRecord, ...]) -> None:
        self._rebase(contacts=tuple(contacts))

    # -- billing (the Account tab) ------------------------------------------------------

    def new_invoice(self) -> None:
        """Customers | New Invoice…: its "billing" pop-up notes first, then the dialog."""
        self._billing(self.account_tab.new_invoice)

    def receive_payment(self) -> None:
        """Customers | Receive Payment…: its "billing" pop-up notes first, then the dialog."""
        self._billing(self.account_tab.receive_payment)

    def _billing(self, work: Callable[[], object]) -> None:
        detail = self._detail
        if detail is None or self._new:
            return
        self.tabs.setCurrentWidget(self.account_tab)
        # The notes are read (and acknowledged) before the dialog opens.
        shown = self._fire_popups(
            detail.id, detail.full_name, detail.popup_notes, "billing", then=work
        )
        if shown is None:
            work()

    def _credit_override_for(self, node_id: int, *, action: str) -> str | None:
        """The override reason for new work on ``node_id`` ("" when none is needed);
        None when the user stopped at the credit warning."""
        try:
            check = self.company.accounts.credit_check(node_id)
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Credit Check", str(error))
            return None
        if not check.needs_override:
            return ""
        return ask_override(self, check, action=action)

    def _ask_override(self, error: CreditHoldError, *, action: str) -> str | None:
        if not isinstance(error.check, CreditCheck):
            QMessageBox.warning(self, "Not Saved", str(error))
            return None
        return ask_override(self, error.check, action=action, reason=self._credit_override or "")

    # -- pop-up notes -------------------------------------------------------------------

    def _fire_popups(
        self,
        node_id: int,
        full_name: str,
        notes: tuple[PopupNoteRecord, ...],
        trigger: str,
        *,
        then: Callable[[], object] | None = None,
    ) -> PopupNotesDialog | None:
        flag = {"open": "on_open", "new_job": "on_new_job", "billing": "on_billing"}[trigger]
        if not any(n.is_active and getattr(n, flag) for n in notes):
            return None  # the usual case: no query at all
        due = self.ctx.popups.due(
            node_id, trigger=trigger, quiet_for=current_employee(), repeat=popup_repeat()
        )
        return self.show_popups(node_id, full_name, due, then=then) if due else None

    def show_popups(
        self,
        node_id: int,
        full_name: str,
        notes: list[PopupNoteRecord],
        *,
        then: Callable[[], object] | None = None,
    ) -> PopupNotesDialog:
        """Show ``notes`` (window-modal); *Acknowledge* logs it on ``node_id``; ``then``
        runs once the dialog is closed either way."""
        if self.popup_dialog is not None:
            self.popup_dialog.close()
        dialog = PopupNotesDialog(full_name, notes, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        ids = [n.id for n in notes]

        def closed(result: int) -> None:
            if self.popup_dialog is dialog:
                self.popup_dialog = None
            acknowledged = result == PopupNotesDialog.DialogCode.Accepted
            # The write waits for the dialog's own signals to finish: an operation must not
            # run (and wait) inside a closing dialog's handler.
            QTimer.singleShot(0, lambda: self._popups_done(node_id, ids, acknowledged, then))

        dialog.finished.connect(closed)
        self.popup_dialog = dialog
        dialog.open()
        return dialog

    def _popups_done(
        self,
        node_id: int,
        note_ids: list[int],
        acknowledged: bool,
        then: Callable[[], object] | None,
    ) -> None:
        if acknowledged:
            self._acknowledge(node_id, note_ids)
        if then is not None:
            then()

    def _acknowledge(self, node_id: int, note_ids: list[int]) -> None:
        popups, by = self.ctx.popups, current_employee()
        try:
            self.ctx.run(lambda: popups.acknowledge(node_id, note_ids=note_ids, by=by))
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Pop-up Notes", str(error))
            return
        self.header.show_status("Pop-up notes acknowledged.")

    # -- changes made elsewhere -------------------------------------------------------------

    def _hub_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self:
            return
        if changes.lists or changes.settings:
            self.ctx.reload()
            for tab in self.all_tabs:
                tab.refill()
        detail = self._detail
        if detail is None or self._new:
            return
        touched = changes.nodes or changes.popups or changes.contacts or changes.billing
        related = changes.node_id is None or changes.node_id in (detail.id, detail.customer_id)
        if not (touched and related):
            return
        if self._dirty:
            # Keep what is being typed; show the new hold and badges, save will tell of
            # a conflict if the record itself changed.
            try:
                fresh = self.company.customers.get(detail.id)
            except NotFoundError:
                return
            fields = {f: getattr(fresh, f) for f in _HOLD_FIELDS}
            self._rebase(popup_notes=fresh.popup_notes, contacts=fresh.contacts, **fields)
            self.payment_tab.show_hold(fresh)
            self.contacts_tab.model.set_records(fresh.contacts)
            return
        index = self.tabs.currentIndex()
        self.load(detail.id, fire_popups=False)
        self.tabs.setCurrentIndex(index)
