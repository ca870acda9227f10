"""Contacts: the other people of a customer or job, saved as soon as they are changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from officemgr.core.records import ContactRecord, NodeDetail
from officemgr.errors import ConflictError, OfficeMgrError, ValidationError
from officemgr.ui.column_widths import ContentFit
from officemgr.ui.customers.contacts_model import Column, ContactsModel
from officemgr.ui.customers.fields import EmailField, FieldMessage, PhoneField
from officemgr.ui.customers.tab_base import FormContext, FormTab
from officemgr.ui.form_loader import DesignerForm
from officemgr.ui.reload_box import ask_reload


class ContactForm(DesignerForm):
    """``forms/contact_dialog.ui``."""

    ui_file = "contact_dialog"
    root: QDialog
    contact_name_edit: QLineEdit
    contact_name_message: QLabel
    role_edit: QLineEdit
    contact_phone_edit: QLineEdit
    contact_phone_message: QLabel
    mobile_edit: QLineEdit
    mobile_message: QLabel
    work_phone_edit: QLineEdit
    work_phone_message: QLabel
    contact_email_edit: QLineEdit
    contact_email_message: QLabel
    contact_notes_edit: QPlainTextEdit
    primary_check: QCheckBox
    other_phones_label: QLabel
    button_box: QDialogButtonBox

    def phones(self) -> dict[str, tuple[QLineEdit, QLabel]]:
        """The phone kinds the dialog edits (others a contact has are kept as they are):
        each kind's edit and message line."""
        return {
            "main": (self.contact_phone_edit, self.contact_phone_message),
            "mobile": (self.mobile_edit, self.mobile_message),
            "work": (self.work_phone_edit, self.work_phone_message),
        }


class ContactDialog:
    """``forms/contact_dialog.ui``: one contact's name, role, phones, email, notes."""

    def __init__(self, parent: QWidget | None, region: str, contact: ContactRecord | None):
        self.form = f = ContactForm(parent)
        self.dialog = f.root
        self.dialog.setWindowTitle("Change Contact" if contact else "New Contact")
        self.name = f.contact_name_edit
        self.role = f.role_edit
        self.email = f.contact_email_edit
        self.notes = f.contact_notes_edit
        self.notes.setTabChangesFocus(True)
        self.primary = f.primary_check
        self.name_message = FieldMessage(f.contact_name_message, self.name)
        self.phones = {
            kind: PhoneField(edit, FieldMessage(message, edit), lambda: region)
            for kind, (edit, message) in f.phones().items()
        }
        self.email_field = EmailField(self.email, FieldMessage(f.contact_email_message, self.email))
        self.other_phones: list[tuple[str, str]] = []
        if contact is not None:
            self._fill(contact)
        if self.other_phones:
            listed = ", ".join(f"{text} ({kind})" for kind, text in self.other_phones)
            f.other_phones_label.setText(f"Also kept: {listed}")
        else:
            f.other_phones_label.hide()
        f.button_box.accepted.connect(self._accept)
        f.button_box.rejected.connect(self.dialog.reject)
        self.name.setFocus()

    def _fill(self, contact: ContactRecord) -> None:
        self.name.setText(contact.name)
        self.role.setText(contact.role or "")
        self.notes.setPlainText(contact.notes or "")
        self.primary.setChecked(contact.is_primary)
        self.email.setText(contact.email.address if contact.email else "")
        shown: set[str] = set()
        for phone in contact.phones:
            if phone.kind in self.phones and phone.kind not in shown:
                shown.add(phone.kind)
                self.phones[phone.kind].set_record(phone)
            else:
                self.other_phones.append((phone.kind, phone.as_typed))

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.name_message.error("Give the contact a name.")
            self.name.setFocus()
            return
        self.dialog.accept()

    def values(self) -> dict[str, Any]:
        phones = [(kind, field.value()) for kind, field in self.phones.items() if field.value()]
        return {
            "name": self.name.text().strip(),
            "role": self.role.text().strip() or None,
            "phones": phones + self.other_phones,
            "email": self.email.text().strip() or None,
            "notes": self.notes.toPlainText().strip() or None,
            "is_primary": self.primary.isChecked(),
        }

    def ask(self) -> dict[str, Any] | None:
        if self.dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.values()


class ContactsForm(DesignerForm):
    """``forms/customer_contacts_tab.ui``."""

    ui_file = "customer_contacts_tab"
    contacts_hint: QLabel
    contacts_view: QTableView
    add_contact_button: QPushButton
    edit_contact_button: QPushButton
    remove_contact_button: QPushButton
    contacts_status: QLabel


class ContactsTab(FormTab[ContactsForm]):
    title = "Contacts"
    contacts_changed = Signal(object)  # the node's contacts after a change
    status_message = Signal(str)

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ContactsForm(), parent)
        f = self.form
        self.model = ContactsModel(self)
        self.view = f.contacts_view
        self._set_up_view()
        f.add_contact_button.clicked.connect(self.add_contact)
        f.edit_contact_button.clicked.connect(self.edit_contact)
        f.remove_contact_button.clicked.connect(self.remove_contact)
        self.status = f.contacts_status
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(6000)
        self._status_timer.timeout.connect(self.status.clear)

    def _set_up_view(self) -> None:
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.EMAIL, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.NAME, 170), (Column.ROLE, 120), (Column.PHONES, 150)):
            self.view.setColumnWidth(column, width)
        self.view.setColumnWidth(Column.PRIMARY, 64)
        # Phones whole; names and roles give way first; the email takes the rest.
        self.column_fit = ContentFit(self.view, elastic=(Column.NAME, Column.ROLE))
        self.view.doubleClicked.connect(lambda _index: self.edit_contact())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())

    def fill(self, detail: NodeDetail) -> None:
        self.model.set_records(detail.contacts)
        self.column_fit.fit()
        self.status.clear()
        saved = detail.id != 0
        self.form.add_contact_button.setEnabled(saved)
        hint = (
            "Other people at this customer or job. Contacts are saved as soon as you add, "
            "change or remove them."
            if saved
            else "These contacts are copied to the new job when you save it; add more after."
            if detail.contacts
            else "Save the record first, then add its contacts."
        )
        self.form.contacts_hint.setText(hint)
        self._enable()

    def changes(self) -> dict[str, Any]:
        return {}  # saved at once, never part of the form's save

    def current(self) -> ContactRecord | None:
        return self.model.record(self.view.currentIndex().row())

    def _enable(self) -> None:
        editable = self.detail is not None and self.detail.id != 0 and self.current() is not None
        self.form.edit_contact_button.setEnabled(editable)
        self.form.remove_contact_button.setEnabled(editable)

    def _saved(self, text: str) -> None:
        assert self.detail is not None
        contacts = self.ctx.company.contacts.list_for(self.detail.id)
        self.model.set_records(contacts)
        self._enable()
        self.status.setText(text)
        self._status_timer.start()
        self.contacts_changed.emit(tuple(contacts))
        self.status_message.emit(text)

    def _ask(self, contact: ContactRecord | None) -> dict[str, Any] | None:
        return ContactDialog(self, self.ctx.region, contact).ask()

    def _try(self, action: Any, contact: ContactRecord | None) -> bool:
        """Run the write ``action`` through the window's operations; say what went wrong."""
        try:
            self.ctx.run(action)
        except ValidationError as error:
            QMessageBox.warning(self, "Contact", str(error))
            return False
        except ConflictError as error:
            if ask_reload(self, "Contact", error):
                self._reload(contact)
            return False
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Contact", str(error))
            return False
        return True

    def _reload(self, contact: ContactRecord | None) -> None:
        """Show the contacts as saved now (someone else changed them), ``contact`` selected."""
        assert self.detail is not None
        contacts = self.ctx.company.contacts.list_for(self.detail.id)
        self.model.set_records(contacts)
        for row, record in enumerate(contacts):
            if contact is not None and record.id == contact.id:
                self.view.selectRow(row)
        self._enable()
        self.contacts_changed.emit(tuple(contacts))

    def add_contact(self) -> None:
        if self.detail is None or not self.detail.id:
            return
        values = self._ask(None)
        if values is None:
            return
        owner = self.detail.id
        if self._try(lambda: self.ctx.company.contacts.add(owner=owner, **values), None):
            self._saved(f"Contact “{values['name']}” added and saved.")

    def edit_contact(self) -> None:
        contact = self.current()
        if contact is None or self.detail is None or not self.detail.id:
            return
        values = self._ask(contact)
        if values is None:
            return

        def update() -> None:
            self.ctx.company.contacts.update(contact.id, expected_version=contact.version, **values)

        if self._try(update, contact):
            self._saved(f"Contact “{values['name']}” saved.")

    def remove_contact(self) -> None:
        contact = self.current()
        if contact is None or self.detail is None or not self.detail.id:
            return
        answer = QMessageBox.question(
            self,
            "Remove Contact",
            f"Remove “{contact.name}” from the contacts?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._try(lambda: self.ctx.company.contacts.remove(contact.id), contact):
            self._saved(f"Contact “{contact.name}” removed.")
