"""Address Info: names, parent (jobs), phones and emails, Bill To and Work addresses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QWidget

from officemgr.core.records import AddressRecord, NodeDetail
from officemgr.core.validation import default_customer_name
from officemgr.errors import ValidationError
from officemgr.ui.customers.fields import (
    EmailField,
    PhoneField,
    TitleCaseField,
    fill_combo,
    form_layout_of,
    shown_phone,
    text_or_none,
)
from officemgr.ui.customers.tab_base import FormContext, FormTab

TEXT_FIELDS = {
    "company_name": "companyEdit",
    "first_name": "firstNameEdit",
    "middle_initial": "middleInitialEdit",
    "last_name": "lastNameEdit",
    "pronounced": "pronouncedEdit",
    "website": "websiteEdit",
    "alt_contact_name": "altContactEdit",
}
MESSAGES = {
    "name": "nameMessage",
    "parent": "parentMessage",
    "company_name": "companyMessage",
    "first_name": "firstNameMessage",
    "last_name": "lastNameMessage",
    "alt_contact_name": "altContactMessage",
}
# form field -> (number edit, extension edit or None, message label)
PHONES = {
    "phone": ("phoneEdit", "extensionEdit", "phoneMessage"),
    "alt_phone": ("altPhoneEdit", None, "altPhoneMessage"),
    "cell": ("cellEdit", None, "cellMessage"),
    "fax": ("faxEdit", None, "faxMessage"),
}
EMAILS = {"email": ("emailEdit", "emailMessage"), "cc_email": ("ccEmailEdit", "ccEmailMessage")}
ADDRESS_PARTS = {
    "line1": "Line1Edit",
    "line2": "Line2Edit",
    "city": "CityEdit",
    "region": "RegionEdit",
    "postal_code": "PostalEdit",
    "country": "CountryEdit",
}
ADDRESS_MESSAGES = {"line1": "Line1Message", "line2": "Line2Message", "city": "CityMessage"}
CONTACT_METHODS = [
    ("Phone", "phone"),
    ("Cell", "cell"),
    ("Text message", "text"),
    ("Email", "email"),
    ("None", "none"),
]
TITLE_CASE_NAMES = ("name", "company_name", "first_name", "last_name", "alt_contact_name")


def _relabel(label: QLabel, text: str) -> None:
    """Change a label's text, keeping its Alt+letter where the new text has the letter."""
    old = label.text()
    at = old.find("&")
    letter = old[at + 1].lower() if 0 <= at < len(old) - 1 else ""
    pos = text.lower().find(letter) if letter else -1
    label.setText(text[:pos] + "&" + text[pos:] if pos >= 0 else text)


class AddressTab(FormTab):
    form_name = "customer_address_tab"
    title = "Address Info"

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.name_edit: QLineEdit = self.field("name", self.w("nameEdit"), MESSAGES["name"])
        self.parent_edit: QLineEdit = self.field("parent", self.w("parentEdit"), "parentMessage")
        self.salutation = self.field("salutation", self.w("salutationCombo"))
        for field, name in TEXT_FIELDS.items():
            self.field(field, self.w(name), MESSAGES.get(field))
        self.preferred = self.field("preferred_contact", self.w("preferredContactCombo"))
        fill_combo(self.preferred, [(t, v, True) for t, v in CONTACT_METHODS], "phone", blank=None)

        self.phones: dict[str, PhoneField] = {}
        for field, (number, extension, message) in PHONES.items():
            edit = self.field(field, self.w(number), message)
            ext = self.w(extension) if extension else None
            if ext is not None:
                self.field(f"{field}_extension", ext)
            self.phones[field] = PhoneField(
                edit, self.messages[field], lambda: self.ctx.region, ext
            )
        self.emails: dict[str, EmailField] = {}
        for field, (name, message) in EMAILS.items():
            edit = self.field(field, self.w(name), message)
            self.emails[field] = EmailField(edit, self.messages[field])

        self.same_as = self.field("work_same_as_bill_to", self.w("workSameAsBillTo"))
        for block in ("bill_to", "work"):
            prefix = "billTo" if block == "bill_to" else "work"
            for part, suffix in ADDRESS_PARTS.items():
                message = ADDRESS_MESSAGES.get(part)
                self.field(
                    f"{block}.{part}",
                    self.w(prefix + suffix),
                    prefix + message if message else None,
                )
        self.editors["bill_to"] = self.editors["bill_to.line1"]
        self.editors["work"] = self.editors["work.line1"]

        mode = lambda: self.ctx.title_case_mode  # noqa: E731
        self.title_case: dict[str, TitleCaseField] = {}
        for field in TITLE_CASE_NAMES:
            self.title_case[field] = TitleCaseField(
                self.editors[field], self.message(field), "name", mode
            )
        for block in ("bill_to", "work"):
            for part in ("line1", "line2", "city"):
                field = f"{block}.{part}"
                self.title_case[field] = TitleCaseField(
                    self.editors[field], self.message(field), "address", mode
                )

        self._name_follows = False  # a new customer's name follows the names typed
        self.name_edit.textEdited.connect(self._name_typed)
        self.name_edit.editingFinished.connect(self._check_name)
        for field in ("first_name", "last_name", "company_name"):
            self.editors[field].textEdited.connect(self._names_typed)
        self.same_as.toggled.connect(self._same_as_toggled)
        for part in ADDRESS_PARTS:
            self.editors[f"bill_to.{part}"].textChanged.connect(self._mirror_bill_to)

        self._parent_ids: dict[str, int] = {}
        self._parent_model = QStringListModel(self)
        completer = QCompleter(self._parent_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(lambda _text: self.parent_edit.editingFinished.emit())
        self.parent_edit.setCompleter(completer)
        self.parent_edit.textEdited.connect(self._find_parents)

    # -- loading ----------------------------------------------------------------------

    def fill(self, detail: NodeDetail) -> None:
        is_job = detail.kind == "job"
        _relabel(self.w("nameLabel"), "Job name:" if is_job else "Customer name:")
        self.name_edit.setText(detail.name)
        self.name_edit.setPlaceholderText("Required" if is_job else "Required — e.g. Smith, John")
        self.name_edit.setToolTip(
            "The job's name under its customer"
            if is_job
            else "How the customer is listed: “Last, First” for a person, or a company's name"
        )
        self._name_follows = detail.id == 0 and not is_job and not detail.name
        self._show_parent_row(is_job)
        self.parent_edit.setText(detail.parent_full_name or "")
        self.parent_edit.setReadOnly(detail.id == 0)  # a new job: chosen before starting it
        if detail.parent_id is not None and detail.parent_full_name:
            self._parent_ids[detail.parent_full_name.casefold()] = detail.parent_id
        self.salutation.setCurrentText(detail.salutation or "")
        for field in TEXT_FIELDS:
            self.editors[field].setText(getattr(detail, field) or "")
        index = self.preferred.findData(detail.preferred_contact)
        self.preferred.setCurrentIndex(max(index, 0))
        for field, phone in self.phones.items():
            phone.set_record(getattr(detail, field))
        for field, email in self.emails.items():
            email.set_record(getattr(detail, field))
        self._set_address("bill_to", detail.bill_to)
        self.same_as.setChecked(detail.work_same_as_bill_to)
        if detail.work_same_as_bill_to:
            self._mirror_bill_to()
        else:
            self._set_address("work", detail.work)
        self._same_as_toggled(detail.work_same_as_bill_to)

    def _show_parent_row(self, visible: bool) -> None:
        layout = form_layout_of(self.parent_edit)
        if layout is not None:
            layout.setRowVisible(self.parent_edit, visible)

    def _set_address(self, block: str, record: AddressRecord | None) -> None:
        values = record.as_dict() if record is not None else {}
        for part in ADDRESS_PARTS:
            self.editors[f"{block}.{part}"].setText(values.get(part) or "")

    # -- behaviour --------------------------------------------------------------------

    def _name_typed(self, _text: str) -> None:
        self._name_follows = False
        self.message("name").clear("error")

    def _names_typed(self, _text: str) -> None:
        if not self._name_follows:
            return
        name = default_customer_name(
            first_name=self.editors["first_name"].text(),
            last_name=self.editors["last_name"].text(),
            company_name=self.editors["company_name"].text(),
        )
        self.name_edit.setText(name)
        if name:
            self.message("name").clear("error")

    def _check_name(self) -> None:
        if self.name_edit.text().strip():
            self.message("name").clear("error")

    def _same_as_toggled(self, checked: bool) -> None:
        for part in ADDRESS_PARTS:
            self.editors[f"work.{part}"].setEnabled(not checked)
        if checked:
            self._mirror_bill_to()

    def _mirror_bill_to(self, *_args: Any) -> None:
        if not self.same_as.isChecked():
            return
        for part in ADDRESS_PARTS:
            self.editors[f"work.{part}"].setText(self.editors[f"bill_to.{part}"].text())

    def _find_parents(self, text: str) -> None:
        if len(text.strip()) < 2:
            return
        own = self.detail.full_name.casefold() if self.detail and self.detail.id else None
        found = self.ctx.company.customers.search(text, limit=25, show="all")
        names = []
        for row in found:
            key = row.full_name.casefold()
            if own and (key == own or key.startswith(own + ":")):
                continue  # never under itself or its own jobs
            self._parent_ids[key] = row.id
            names.append(row.full_name)
        self._parent_model.setStringList(names)

    # -- saving -----------------------------------------------------------------------

    def address(self, block: str) -> dict[str, str | None]:
        return {
            part: text_or_none(self.editors[f"{block}.{part}"].text()) for part in ADDRESS_PARTS
        }

    def changes(self) -> dict[str, Any]:
        d = self.detail
        if d is None:
            return {}
        out: dict[str, Any] = {}
        name = self.name_edit.text().strip()
        if name != d.name:
            out["name"] = name
        if (
            d.kind == "job"
            and d.id
            and self.parent_edit.text().strip() != (d.parent_full_name or "")
        ):
            out["parent"] = self.parent_edit.text().strip()
        salutation = text_or_none(self.salutation.currentText())
        if salutation != d.salutation:
            out["salutation"] = salutation
        for field in TEXT_FIELDS:
            value = text_or_none(self.editors[field].text())
            if value != getattr(d, field):
                out[field] = value
        preferred = self.preferred.currentData()
        if preferred != d.preferred_contact:
            out["preferred_contact"] = preferred
        for field, phone in self.phones.items():
            value = phone.value()
            if value != shown_phone(getattr(d, field)):
                out[field] = value or None
        for field, email in self.emails.items():
            record = getattr(d, field)
            value = email.edit.text().strip()
            if value != (record.address if record else ""):
                out[field] = value or None
        empty = dict.fromkeys(ADDRESS_PARTS)
        bill_to = self.address("bill_to")
        if bill_to != (d.bill_to.as_dict() if d.bill_to else empty):
            out["bill_to"] = bill_to
        same = self.same_as.isChecked()
        if same != d.work_same_as_bill_to:
            out["work_same_as_bill_to"] = same
            if same and d.work is not None:
                out["work"] = None
        if not same:
            work = self.address("work")
            if work != (d.work.as_dict() if d.work else empty):
                out["work"] = work
        return out

    def check(self) -> None:
        """What must hold before saving (raises ValidationError naming the field)."""
        d = self.detail
        if not self.name_edit.text().strip():
            what = "job" if d is not None and d.kind == "job" else "customer"
            raise ValidationError(f"Give the {what} a name.", field="name")

    def resolve_parent(self, text: str) -> int:
        """The id of the customer or job whose full name is ``text``."""
        if not text:
            raise ValidationError(
                "A job needs a parent: type the customer or job it belongs under.",
                field="parent",
            )
        key = text.casefold()
        if key in self._parent_ids:
            return self._parent_ids[key]
        for row in self.ctx.company.customers.search(text, limit=50, show="all"):
            if row.full_name.casefold() == key:
                return int(row.id)
        raise ValidationError(
            f"There is no customer or job called “{text}”; choose one from the list.",
            field="parent",
        )
