"""The Customers menu (and the list's context menu): what can be done to the selection.

New Customer:Job, New Job, Edit, Make Inactive / Active, credit hold, Find by Phone,
Copy Full Name and Print. Writes go through the Company facade and are announced on the
window's ChangeHub; the form (``CustomerJobForm``) does the editing itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from officemgr.core.records import CallerCard, NodeDetail, PhoneMatch
from officemgr.errors import OfficeMgrError
from officemgr.ui.actions import key_text, make_action
from officemgr.ui.changes import ChangeHub
from officemgr.ui.customers.caller_chooser import CallerChooser, by_customer, record_to_open
from officemgr.ui.errors import report_failure
from officemgr.ui.formatting import format_money
from officemgr.ui.models.node_ref import NodeRef
from officemgr.ui.operations import Operations
from officemgr.ui.preferences import current_employee, popup_repeat
from officemgr.ui.status_line import Priority, StatusLine

if TYPE_CHECKING:
    from officemgr.company import Company
    from officemgr.ui.customers.form import CustomerJobForm

log = logging.getLogger(__name__)

CALLER = "caller"  # the status line's owner of the caller line
CALLER_MS = 10 * 60_000  # a call seldom lasts longer; logging it clears the line sooner
JOB_COUNT_LIMIT = 10_000  # "its N jobs": counting stops here (nobody has more)

T = TypeVar("T")


class CustomerHost(Protocol):
    """What these actions need from the main window."""

    company: Company
    hub: ChangeHub
    ops: Operations
    form: CustomerJobForm

    def current_node(self) -> NodeRef | None: ...

    def leave_record(self) -> bool: ...

    def open_node(self, node_id: int) -> bool: ...

    def show_jobs_of(self, node_id: int) -> None: ...

    def focus_form(self) -> None: ...

    def deselect(self) -> None: ...

    def nodes_changed(self, node_id: int | None) -> None: ...

    def show_status(self, text: str, msecs: int = ...) -> None: ...

    @property
    def status_line(self) -> StatusLine: ...


@dataclass(frozen=True)
class JobCount:
    total: int  # jobs under the node
    to_change: int  # of those, the ones not yet in the wanted state


def count_jobs(company: Company, node_id: int, *, active: bool) -> JobCount:
    """How many jobs are under ``node_id``, and how many of them are not ``active`` yet."""
    total = to_change = 0
    pending = [node_id]
    while pending and total < JOB_COUNT_LIMIT:
        parent = pending.pop()
        offset = 0
        while True:
            rows = company.tree.children(parent_id=parent, show="all", offset=offset, limit=500)
            for row in rows:
                total += 1
                to_change += row.is_active != active
                if row.has_children:
                    pending.append(row.id)
            if len(rows) < 500:
                break
            offset += len(rows)
    return JobCount(total, to_change)


def has_digits(text: str) -> bool:
    """Whether ``text`` can be a phone number at all (it has a digit)."""
    return any(ch.isdigit() for ch in text)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def distinct_nodes(matches: list[PhoneMatch]) -> list[PhoneMatch]:
    """One match per customer or job (a customer and its contact are one record)."""
    seen: set[int] = set()
    kept = []
    for match in matches:
        if match.node_id not in seen:
            seen.add(match.node_id)
            kept.append(match)
    return kept


@dataclass(frozen=True)
class PendingCall:
    """A caller found by phone whose call may still be logged (in ``company``)."""

    match: PhoneMatch
    company: Company


def record_html(detail: NodeDetail, company_name: str) -> str:
    """The printed summary of one customer or job (kept simple: who, where, how to reach)."""
    rows: list[tuple[str, str]] = [("Kind", "Customer" if detail.kind == "customer" else "Job")]
    person = " ".join(
        part
        for part in (detail.salutation, detail.first_name, detail.middle_initial, detail.last_name)
        if part
    )
    for label, value in (
        ("Company", detail.company_name),
        ("Name", person),
        ("Pronounced", detail.pronounced),
        ("Account", detail.account_number),
    ):
        if value:
            rows.append((label, value))
    for address in (detail.bill_to, detail.work):
        if address is not None:
            lines = [address.line1, address.line2]
            city = " ".join(p for p in (address.city, address.region, address.postal_code) if p)
            lines += [city, address.country]
            rows.append((address.name, "\n".join(line for line in lines if line)))
    for phone in detail.phones:
        rows.append((phone.kind.replace("_", " ").title(), phone.display))
    for email in detail.emails:
        rows.append(("Email", email.address))
    rows.append(("Balance", format_money(detail.balance_total)))
    if detail.credit_hold:
        rows.append(("Credit hold", detail.credit_hold_reason or "Yes"))
    if not detail.is_active:
        rows.append(("Status", "Inactive"))
    body = "".join(
        f"<tr><td><b>{escape(label)}</b></td><td>{escape(value).replace(chr(10), '<br>')}</td></tr>"
        for label, value in rows
    )
    return (
        f"<p>{escape(company_name)}</p><h2>{escape(detail.full_name)}</h2>"
        f"<table cellspacing='4'>{body}</table>"
    )


class CustomerActions(QObject):
    """The actions on the selected customer or job, shared by menu, toolbar and list."""

    def __init__(self, host: CustomerHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host: CustomerHost = host
        self.parent_widget = parent  # the window: dialogs open over it
        self._pending_call: PendingCall | None = None
        # The order the actions are made in is their order among this object's children.
        self._make_new_record_actions()
        self._make_billing_actions()
        self._make_record_actions()
        self._make_call_actions()
        self._make_output_actions()
        self.update_enabled(None)

    def _action(self, text: str, slot: Callable[[], Any], tip: str, **kwargs: Any) -> QAction:
        return make_action(self, text, slot, tip=tip, **kwargs)

    def _make_new_record_actions(self) -> None:
        self.new_customer_action = self._action(
            "&New Customer:Job…",
            self.new_customer,
            "Start a new customer",
            icon_name="new-customer",
            keys=(QKeySequence.StandardKey.New, "Ctrl+N"),
            name="newCustomerAction",
        )
        self.new_job_action = self._action(
            "New &Job for Selected…",
            self.new_job,
            "Start a new job under the selected customer or job, with its details copied",
            icon_name="new-job",
            keys=("Ctrl+Shift+N",),
            name="newJobAction",
        )

    def _make_billing_actions(self) -> None:
        self.new_invoice_action = self._action(
            "New In&voice…",
            self.new_invoice,
            "Invoice the selected customer or job (lines typed, or from the job's figures)",
            icon_name="invoice",
            keys=("Ctrl+I",),
            name="newInvoiceAction",
        )
        self.receive_payment_action = self._action(
            "Receive Pa&yment…",
            self.receive_payment,
            "Take a payment from the selected customer and apply it to its open invoices",
            icon_name="payment",
            name="receivePaymentAction",
        )

    def _make_record_actions(self) -> None:
        """Edit, (in)active and credit hold: what is done to the selected record itself."""
        self.edit_action = self._action(
            "&Edit",
            self.edit,
            "Edit the selected customer or job in the form (Enter in the list)",
            keys=("F2",),
            name="editAction",
        )
        self.make_inactive_action = self._action(
            "Make &Inactive",
            lambda: self.set_active(False),
            "Hide the selected customer or job from the list (nothing is deleted)",
            icon_name="inactive",
            name="makeInactiveAction",
        )
        self.make_active_action = self._action(
            "Make &Active",
            lambda: self.set_active(True),
            "List the selected customer or job again",
            name="makeActiveAction",
        )
        self.place_hold_action = self._action(
            "&Place on Credit Hold…",
            self.place_credit_hold,
            "Stop new work and invoices for this customer until the hold is released",
            icon_name="hold",
            name="placeHoldAction",
        )
        self.release_hold_action = self._action(
            "Re&lease Credit Hold…",
            self.release_credit_hold,
            "Take the customer off credit hold",
            name="releaseHoldAction",
        )

    def _make_call_actions(self) -> None:
        self.find_phone_action = self._action(
            "&Find by Phone…",
            self.find_by_phone,
            "Find the caller by phone number",
            icon_name="find-phone",
            keys=("Ctrl+Shift+F",),
            name="findPhoneAction",
        )
        # Enabled while a caller found by phone has not been logged yet.
        self.log_call_action = self._action(
            "Log This &Call…",
            self.log_call,
            "Log the call just found by phone as a Call In entry on the caller's record",
            icon_name="find-phone",
            keys=("Ctrl+Shift+L",),
            name="logCallAction",
        )
        self.log_call_action.setEnabled(False)

    def _make_output_actions(self) -> None:
        self.copy_name_action = self._action(
            "Copy &Full Name",
            self.copy_full_name,
            "Copy the selected customer's or job's full name",
            icon_name="copy",
            keys=("Ctrl+Shift+C",),
            name="copyNameAction",
        )
        self.print_action = self._action(
            "&Print…",
            self.print_record,
            "Print the selected customer or job",
            icon_name="print",
            keys=(QKeySequence.StandardKey.Print, "Ctrl+P"),
            name="printAction",
        )

    # -- enabling -------------------------------------------------------------------

    def selection_actions(self) -> list[QAction]:
        return [
            self.new_job_action,
            self.new_invoice_action,
            self.receive_payment_action,
            self.edit_action,
            self.make_inactive_action,
            self.make_active_action,
            self.place_hold_action,
            self.release_hold_action,
            self.copy_name_action,
            self.print_action,
        ]

    def update_enabled(self, ref: NodeRef | None) -> None:
        """Enable what makes sense for the selected node (``None``: nothing selected)."""
        has = ref is not None
        self.new_job_action.setEnabled(has)
        self.new_invoice_action.setEnabled(has)
        self.receive_payment_action.setEnabled(has)
        self.edit_action.setEnabled(has)
        self.copy_name_action.setEnabled(has)
        self.print_action.setEnabled(has)
        self.make_inactive_action.setEnabled(has and bool(ref and ref.is_active))
        self.make_active_action.setEnabled(has and bool(ref and not ref.is_active))
        customer = bool(ref and ref.is_customer)
        self.place_hold_action.setEnabled(customer and not (ref and ref.on_credit_hold))
        self.release_hold_action.setEnabled(customer and bool(ref and ref.on_credit_hold))

    # -- new ------------------------------------------------------------------------

    def new_customer(self, prefill: dict[str, Any] | None = None) -> None:
        if not self.host.leave_record():
            return
        if prefill:
            self.host.form.start_new_customer(prefill=prefill)
        else:
            self.host.form.start_new_customer()
        self.host.deselect()  # the list has no row for it yet

    def new_job(self) -> None:
        ref = self.host.current_node()
        if ref is not None:
            self.new_job_under(ref.id)

    def new_job_under(self, parent_id: int) -> None:
        """A new job under ``parent_id`` (also the Account tab's New Job…)."""
        if not self.host.leave_record():
            return
        if self.host.form.start_new_job(parent_id) is not False:
            self.host.deselect()

    # -- billing ----------------------------------------------------------------------

    def new_invoice(self) -> None:
        if self._load_selection() is not None:
            self.host.form.new_invoice()

    def receive_payment(self) -> None:
        if self._load_selection() is not None:
            self.host.form.receive_payment()

    def edit(self) -> None:
        ref = self.host.current_node()
        if ref is None:
            return
        if self.host.form.current_node_id != ref.id and not self.host.open_node(ref.id):
            return
        self.host.focus_form()

    # -- active / inactive ----------------------------------------------------------

    def _run(self, work: Callable[[], T]) -> T:
        """A write, through the window's operations, as the window."""
        return self.host.ops.run(self.parent_widget, work, initiator=self.host)

    def set_active(self, active: bool) -> None:
        """Make the selection (in)active; a node with jobs asks whether they go along."""
        ref = self.host.current_node()
        if ref is None or ref.is_active == active:
            return
        jobs = count_jobs(self.host.company, ref.id, active=active)
        include_jobs = False
        if jobs.to_change:
            include_jobs_answer = self._ask_about_jobs(ref, jobs.to_change, active)
            if include_jobs_answer is None:
                return
            include_jobs = include_jobs_answer
        if ref.id == self.host.form.current_node_id and not self.host.leave_record():
            return
        customers = self.host.company.customers
        try:
            self._run(
                lambda: customers.set_active(ref.id, active=active, include_jobs=include_jobs)
            )
        except OfficeMgrError as error:
            report_failure(error)
            return
        self.host.nodes_changed(ref.id)
        state = "active" if active else "inactive"
        also = f" with its {_plural(jobs.to_change, 'job')}" if include_jobs else ""
        self.host.show_status(f"“{ref.full_name}”{also} is now {state}.", 8000)

    def _ask_about_jobs(self, ref: NodeRef, count: int, active: bool) -> bool | None:
        """Yes: the jobs too; No: only the node; None: cancelled."""
        state = "active" if active else "inactive"
        many = count != 1
        box = QMessageBox(self.parent_widget)
        box.setObjectName("includeJobsDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(f"Make {state.title()}")
        other = "inactive" if active else "active"
        box.setText(
            f"“{ref.full_name}” has {count:,} {other} job{'s' if many else ''}. "
            f"Make {'them' if many else 'it'} {state} too?"
        )
        if not active:
            box.setInformativeText("Inactive records are hidden from the list; nothing is deleted.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel
        )
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(f"&Yes, the {'jobs' if many else 'job'} too")
        box.button(QMessageBox.StandardButton.No).setText(f"&Only “{ref.name_only}”")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Yes:
            return True
        if answer == QMessageBox.StandardButton.No:
            return False
        return None

    # -- credit hold ----------------------------------------------------------------

    def _load_selection(self) -> NodeRef | None:
        ref = self.host.current_node()
        if ref is None:
            return None
        if self.host.form.current_node_id != ref.id and not self.host.open_node(ref.id):
            return None
        return ref

    def place_credit_hold(self) -> None:
        if self._load_selection() is not None:
            self.host.form.place_credit_hold()

    def release_credit_hold(self) -> None:
        if self._load_selection() is not None:
            self.host.form.release_credit_hold()

    # -- find by phone --------------------------------------------------------------

    def find_by_phone(self, number: str | None = None) -> None:
        """Caller ID: one match opens it (with its caller-ID pop-up notes), several offer a
        choice, none offers a new Customer:Job with the number filled in."""
        if number is None:
            number = self._ask_number()
            if number is None:
                return
        number = number.strip()
        if not number:
            return
        if not has_digits(number):  # "Anonymous", "Private" from the phone system
            self.host.status_line.show(
                CALLER,
                f"Call from “{number}”: no number to look up.",
                priority=Priority.CALLER,
                msecs=CALLER_MS,
            )
            return
        self._forget_call()  # a new caller: the last one can no longer be logged from here
        try:
            groups = by_customer(distinct_nodes(self.host.company.phone_lookup(number)))
            cards = self.host.company.customers.caller_cards(list(groups)) if groups else []
        except OfficeMgrError as error:
            report_failure(error)
            return
        log.info("Caller ID: %s with the number looked up.", _plural(len(groups), "customer"))
        if not groups or not cards:
            self._offer_new_customer(number)
            return
        chosen = cards[0]
        if len(cards) > 1:
            chooser = CallerChooser(number, cards, groups, self.parent_widget)
            if chooser.exec() != QDialog.DialogCode.Accepted:
                return
            chosen = next(c for c in cards if c.customer_id == chooser.chosen_customer_id())
        self._open_match(record_to_open(groups[chosen.customer_id]), chosen)

    def _ask_number(self) -> str | None:
        """The number typed in Find by Phone (None: cancelled); text without a single
        digit is refused in the dialog, which stays open with what was typed."""
        dialog = QInputDialog(self.parent_widget)
        dialog.setObjectName("findPhoneDialog")
        dialog.setWindowTitle("Find by Phone")
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        prompt = "The caller's phone number (any format):"
        dialog.setLabelText(prompt)
        clip = QGuiApplication.clipboard().text().strip()
        if clip and sum(ch.isdigit() for ch in clip) >= 7 and len(clip) < 40:
            dialog.setTextValue(clip)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            typed = dialog.textValue().strip()
            if not typed or has_digits(typed):
                return typed
            dialog.setLabelText(f"“{typed}” has no digits: type the caller's number (any format).")
        return None

    def _open_match(self, match: PhoneMatch, card: CallerCard) -> None:
        """Open the caller's record, show its pop-up notes due on opening and on caller ID
        in one dialog (a note with both triggers once), and offer to log the call."""
        form = self.host.form
        # A record already open showed its "open" notes when it was opened.
        triggers: tuple[str, ...] = ("caller_id",)
        if form.current_node_id != match.node_id:
            if not self.host.leave_record():
                return
            form.load(match.node_id, fire_popups=False)
            triggers = ("open", "caller_id")
        if not self.host.open_node(match.node_id):
            return
        log.info("Caller ID opened record %s.", match.node_id)
        self._pending_call = PendingCall(match, self.host.company)
        self.log_call_action.setEnabled(True)
        keys = key_text(self.log_call_action)
        # Until the call is logged: nothing from the background may take its place.
        jobs = f" — {_plural(card.open_jobs, 'open job')}" if card.open_jobs else ""
        self.host.status_line.show(
            CALLER,
            f"Caller {match.phone}: {match.full_name}{jobs}. {keys} logs the call.",
            priority=Priority.CALLER,
            msecs=CALLER_MS,
        )
        if card.open_jobs and match.node_id == card.customer_id:
            self.host.show_jobs_of(match.node_id)
        self._fire_caller_popups(match.node_id, triggers)

    def _fire_caller_popups(self, node_id: int, triggers: tuple[str, ...]) -> None:
        form = self.host.form
        detail = form.detail
        if detail is None or detail.id != node_id:
            return
        flags = [f"on_{trigger}" for trigger in triggers]
        if not any(n.is_active and any(getattr(n, f) for f in flags) for n in detail.popup_notes):
            return  # the usual case: no query at all
        due: dict[int, Any] = {}
        try:
            for trigger in triggers:
                notes = self.host.company.popups.due(
                    node_id, trigger=trigger, quiet_for=current_employee(), repeat=popup_repeat()
                )
                for note in notes:
                    due.setdefault(note.id, note)
        except OfficeMgrError as error:
            report_failure(error)
            return
        if due:
            notes = sorted(due.values(), key=lambda note: note.id)
            form.show_popups(node_id, detail.full_name, notes)

    def _forget_call(self) -> None:
        self._pending_call = None
        self.log_call_action.setEnabled(False)
        self.host.status_line.clear(CALLER)

    def log_call(self) -> None:
        """Log the call found by phone: a Call In entry on the caller's record, with the
        number in the subject and the contact chosen when the number was a contact's.
        Enter in the subject saves."""
        from officemgr.errors import ValidationError
        from officemgr.ui.customers.log_entry_dialog import LogEntryDialog

        call = self._pending_call
        if call is None or call.company is not self.host.company:
            self._forget_call()  # another company file was opened since
            return
        match, company = call.match, call.company
        try:
            detail = company.customers.get(match.node_id)
        except OfficeMgrError as error:
            self._forget_call()
            report_failure(error)
            return
        dialog = LogEntryDialog(
            self.parent_widget,
            owner_name=detail.full_name,
            contacts=[contact.name for contact in detail.contacts],
            employee=current_employee(),
        )
        dialog.kind_combo.setCurrentText("Call In")
        if match.kind == "contact":
            dialog.contact_combo.setCurrentText(match.name)
        dialog.subject_edit.setText(f"Call from {match.phone}")
        while dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            try:
                self._run(lambda: company.contact_log.add(owner=match.node_id, **values))  # noqa: B023
            except ValidationError as error:
                if error.field == "subject":
                    dialog.show_subject_error(error.message)
                else:
                    QMessageBox.warning(dialog, "Log Entry", str(error))
                continue
            except OfficeMgrError as error:
                QMessageBox.warning(dialog, "Log Entry", str(error))
                continue
            self._forget_call()
            self.host.show_status(f"Logged the call from {match.phone}.", 8000)
            return

    def _offer_new_customer(self, number: str) -> None:
        box = QMessageBox(self.parent_widget)
        box.setObjectName("phoneNotFoundDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Find by Phone")
        box.setText(f"Nobody has the number {number}.")
        box.setInformativeText("Start a new Customer:Job with this number?")
        new_button = box.addButton("&New Customer:Job", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(new_button)
        box.exec()
        if box.clickedButton() is new_button:
            self.new_customer(prefill={"phone": number})

    # -- copy, print ----------------------------------------------------------------

    def copy_full_name(self) -> None:
        ref = self.host.current_node()
        if ref is not None:
            QGuiApplication.clipboard().setText(ref.full_name)
            self.host.show_status(f"Copied “{ref.full_name}”", 4000)

    def print_document(self, node_id: int) -> QTextDocument:
        detail = self.host.company.customers.get(node_id)
        name = self.host.company.settings.get().company_name
        document = QTextDocument(self)
        document.setHtml(record_html(detail, name))
        return document

    def print_record(self) -> None:
        """Print a summary of the selected customer or job."""
        ref = self.host.current_node()
        if ref is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        document = self.print_document(ref.id)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(ref.full_name)
        dialog = QPrintDialog(printer, self.parent_widget)
        dialog.setWindowTitle(f"Print {ref.full_name}")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            document.print_(printer)
            self.host.show_status(f"Printed “{ref.full_name}”", 4000)
