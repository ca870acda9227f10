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
    QTableView,
    QWidget,
)

from officemgr.core.records import ContactRecord, NodeDetail
from officemgr.errors import ConflictError, OfficeMgrError, ValidationError
from officemgr.ui.customers.contacts_model import Column, ContactsModel
from officemgr.ui.customers.fields import EmailField, FieldMessage, PhoneField
from officemgr.ui.customers.tab_base import FormContext, FormTab
from officemgr.ui.form_loader import load_form
from officemgr.ui.reload_box import ask_reload

# phone kind -> the dialog's line edit; other kinds a contact has are kept as they are
DIALOG_PHONES = {"main": "contactPhoneEdit", "mobile": "mobileEdit", "work": "workPhoneEdit"}
PHONE_MESSAGES = {
    "main": "contactPhoneMessage",
    "mobile": "mobileMessage",
    "work": "workPhoneMessage",
}


class ContactDialog:
    """``forms/contact_dialog.ui``: one contact's name, role, phones, email, notes."""

    def __init__(self, parent: QWidget | None, region: str, contact: ContactRecord | None):
        self.dialog: QDialog = load_form("contact_dialog", parent)  # type: ignore[assignment]
        d = self.dialog
        d.setWindowTitle("Change Contact" if contact else "New Contact")
        self.name: QLineEdit = d.findChild(QLineEdit, "contactNameEdit")
        self.role: QLineEdit = d.findChild(QLineEdit, "roleEdit")
        self.email: QLineEdit = d.findChild(QLineEdit, "contactEmailEdit")
        self.notes: QPlainTextEdit = d.findChild(QPlainTextEdit, "contactNotesEdit")
        self.notes.setTabChangesFocus(True)
        self.primary: QCheckBox = d.findChild(QCheckBox, "primaryCheck")
        self.name_message = FieldMessage(d.findChild(QLabel, "contactNameMessage"), self.name)
        self.phones: dict[str, PhoneField] = {}
        for kind, name in DIALOG_PHONES.items():
            edit = d.findChild(QLineEdit, name)
            message = FieldMessage(d.findChild(QLabel, PHONE_MESSAGES[kind]), edit)
            self.phones[kind] = PhoneField(edit, message, lambda: region)
        self.email_field = EmailField(
            self.email, FieldMessage(d.findChild(QLabel, "contactEmailMessage"), self.email)
        )
        self.other_phones: list[tuple[str, str]] = []
        others = d.findChild(QLabel, "otherPhonesLabel")
        if contact is not None:
            self.name.setText(contact.name)
            self.role.setText(contact.role or "")
            self.notes.setPlainText(contact.notes or "")
            self.primary.setChecked(contact.is_primary)
            self.email.setText(contact.email.address if contact.email else "")
            shown: set[str] = set()
            for phone in contact.phones:
                if phone.kind in DIALOG_PHONES and phone.kind not in shown:
                    shown.add(phone.kind)
                    self.phones[phone.kind].set_record(phone)
                else:
                    self.other_phones.append((phone.kind, phone.as_typed))
        if self.other_phones:
            listed = ", ".join(f"{text} ({kind})" for kind, text in self.other_phones)
            others.setText(f"Also kept: {listed}")
        else:
            others.hide()
        buttons: QDialogButtonBox = d.findChild(QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(d.reject)
        self.name.setFocus()

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


class ContactsTab(FormTab):
    form_name = "customer_contacts_tab"
    title = "Contacts"
    contacts_changed = Signal(object)  # the node's contacts after a change
    status_message = Signal(str)

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = ContactsModel(self)
        self.view: QTableView = self.w("contactsView")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.PHONES, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.NAME, 170), (Column.ROLE, 120), (Column.EMAIL, 190)):
            self.view.setColumnWidth(column, width)
        self.view.setColumnWidth(Column.PRIMARY, 64)
        self.view.doubleClicked.connect(lambda _index: self.edit_contact())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.w("addContactButton").clicked.connect(self.add_contact)
        self.w("editContactButton").clicked.connect(self.edit_contact)
        self.w("removeContactButton").clicked.connect(self.remove_contact)
        self.status: QLabel = self.w("contactsStatus")
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(6000)
        self._status_timer.timeout.connect(self.status.clear)

    def fill(self, detail: NodeDetail) -> None:
        self.model.set_records(detail.contacts)
        self.status.clear()
        saved = detail.id != 0
        self.w("addContactButton").setEnabled(saved)
        hint = (
            "Other people at this customer or job. Contacts are saved as soon as you add, "
            "change or remove them."
            if saved
            else "These contacts are copied to the new job when you save it; add more after."
            if detail.contacts
            else "Save the record first, then add its contacts."
        )
        self.w("contactsHint").setText(hint)
        self._enable()

    def changes(self) -> dict[str, Any]:
        return {}  # saved at once, never part of the form's save

    def current(self) -> ContactRecord | None:
        return self.model.record(self.view.currentIndex().row())

    def _enable(self) -> None:
        editable = self.detail is not None and self.detail.id != 0 and self.current() is not None
        self.w("editContactButton").setEnabled(editable)
        self.w("removeContactButton").setEnabled(editable)

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
