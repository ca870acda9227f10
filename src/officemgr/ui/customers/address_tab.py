"""Address Info: names, parent (jobs), phones and emails, Bill To and Work addresses.

Typing a new customer's name whole ("Ødegård, Zoë", "Dr. Ana María de la Cruz Jr.")
fills the empty name fields from it (`split_person_name`); typing first and last names
while the customer name is empty makes it "Last, First" (`default_customer_name`).
Every field has a message line that keeps its place, so messages never move the fields
below; an email that is not an address is refused at the field unless kept as typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from officemgr.core.records import AddressRecord, NodeDetail
from officemgr.core.validation import PersonName, default_customer_name, split_person_name
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
from officemgr.ui.customers.reflow import GridReflow
from officemgr.ui.customers.tab_base import FormContext, FormTab
from officemgr.ui.form_loader import DesignerForm

# The fields of the tab, by kind (field_compare shows them in the same groups).
TEXT_FIELDS = (
    "company_name",
    "first_name",
    "middle_initial",
    "last_name",
    "pronounced",
    "website",
    "alt_contact_name",
)
PHONES = ("phone", "alt_phone", "cell", "fax")
EMAILS = ("email", "cc_email")
ADDRESS_BLOCKS = ("bill_to", "work")
ADDRESS_PARTS = ("line1", "line2", "city", "region", "postal_code", "country")
CONTACT_METHODS = [
    ("Phone", "phone"),
    ("Cell", "cell"),
    ("Text message", "text"),
    ("Email", "email"),
    ("None", "none"),
]
TITLE_CASE_NAMES = ("name", "company_name", "first_name", "last_name", "alt_contact_name")


class AddressForm(DesignerForm):
    """``forms/customer_address_tab.ui``."""

    ui_file = "customer_address_tab"
    name_label: QLabel
    name_edit: QLineEdit
    name_message: QLabel
    parent_edit: QLineEdit
    parent_message: QLabel
    company_edit: QLineEdit
    company_message: QLabel
    salutation_combo: QComboBox
    salutation_message: QLabel
    first_name_edit: QLineEdit
    first_name_message: QLabel
    middle_initial_edit: QLineEdit
    last_name_edit: QLineEdit
    last_name_message: QLabel
    pronounced_edit: QLineEdit
    pronounced_message: QLabel
    phone_edit: QLineEdit
    extension_edit: QLineEdit
    phone_message: QLabel
    alt_phone_edit: QLineEdit
    alt_phone_message: QLabel
    cell_edit: QLineEdit
    cell_message: QLabel
    fax_edit: QLineEdit
    fax_message: QLabel
    email_edit: QLineEdit
    email_message: QLabel
    cc_email_edit: QLineEdit
    cc_email_message: QLabel
    website_edit: QLineEdit
    website_message: QLabel
    alt_contact_edit: QLineEdit
    alt_contact_message: QLabel
    preferred_contact_combo: QComboBox
    bill_to_line1_edit: QLineEdit
    bill_to_line1_message: QLabel
    bill_to_line2_edit: QLineEdit
    bill_to_line2_message: QLabel
    bill_to_city_edit: QLineEdit
    bill_to_city_message: QLabel
    bill_to_region_edit: QLineEdit
    bill_to_region_message: QLabel
    bill_to_postal_edit: QLineEdit
    bill_to_country_edit: QLineEdit
    work_same_as_bill_to: QCheckBox
    work_line1_edit: QLineEdit
    work_line1_message: QLabel
    work_line2_edit: QLineEdit
    work_line2_message: QLabel
    work_city_edit: QLineEdit
    work_city_message: QLabel
    work_region_edit: QLineEdit
    work_region_message: QLabel
    work_postal_edit: QLineEdit
    work_country_edit: QLineEdit

    def text_fields(self) -> dict[str, tuple[QLineEdit, QLabel]]:
        """Each plain text field: its edit and its message line (M.I. shares its row's)."""
        return {
            "company_name": (self.company_edit, self.company_message),
            "first_name": (self.first_name_edit, self.first_name_message),
            "middle_initial": (self.middle_initial_edit, self.first_name_message),
            "last_name": (self.last_name_edit, self.last_name_message),
            "pronounced": (self.pronounced_edit, self.pronounced_message),
            "website": (self.website_edit, self.website_message),
            "alt_contact_name": (self.alt_contact_edit, self.alt_contact_message),
        }

    def phones(self) -> dict[str, tuple[QLineEdit, QLineEdit | None, QLabel]]:
        """Each phone field: its number edit, its extension edit (if any), its message."""
        return {
            "phone": (self.phone_edit, self.extension_edit, self.phone_message),
            "alt_phone": (self.alt_phone_edit, None, self.alt_phone_message),
            "cell": (self.cell_edit, None, self.cell_message),
            "fax": (self.fax_edit, None, self.fax_message),
        }

    def emails(self) -> dict[str, tuple[QLineEdit, QLabel]]:
        return {
            "email": (self.email_edit, self.email_message),
            "cc_email": (self.cc_email_edit, self.cc_email_message),
        }

    def address(self, block: str) -> dict[str, tuple[QLineEdit, QLabel]]:
        """The parts of the Bill To or Work address: each edit and its message line
        (state, ZIP and country share their row's)."""
        if block == "bill_to":
            return {
                "line1": (self.bill_to_line1_edit, self.bill_to_line1_message),
                "line2": (self.bill_to_line2_edit, self.bill_to_line2_message),
                "city": (self.bill_to_city_edit, self.bill_to_city_message),
                "region": (self.bill_to_region_edit, self.bill_to_region_message),
                "postal_code": (self.bill_to_postal_edit, self.bill_to_region_message),
                "country": (self.bill_to_country_edit, self.bill_to_region_message),
            }
        return {
            "line1": (self.work_line1_edit, self.work_line1_message),
            "line2": (self.work_line2_edit, self.work_line2_message),
            "city": (self.work_city_edit, self.work_city_message),
            "region": (self.work_region_edit, self.work_region_message),
            "postal_code": (self.work_postal_edit, self.work_region_message),
            "country": (self.work_country_edit, self.work_region_message),
        }


def _relabel(label: QLabel, text: str) -> None:
    """Change a label's text, keeping its Alt+letter where the new text has the letter."""
    old = label.text()
    at = old.find("&")
    letter = old[at + 1].lower() if 0 <= at < len(old) - 1 else ""
    pos = text.lower().find(letter) if letter else -1
    label.setText(text[:pos] + "&" + text[pos:] if pos >= 0 else text)


class AddressTab(FormTab[AddressForm]):
    title = "Address Info"
    reserve_message_lines = True

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, AddressForm(), parent)
        grid = self.form.root.layout()
        assert isinstance(grid, QGridLayout)  # its group boxes in one column when narrow
        self.boxes = GridReflow(grid, self.scroll_area.viewport())
        f = self.form
        self.name_edit = self.field("name", f.name_edit, f.name_message)
        self.parent_edit = self.field("parent", f.parent_edit, f.parent_message)
        self.salutation = self.field("salutation", f.salutation_combo, f.salutation_message)
        self.text_edits: dict[str, QLineEdit] = {}
        for field, (edit, message) in f.text_fields().items():
            self.text_edits[field] = self.field(field, edit, message)
        self.preferred = self.field("preferred_contact", f.preferred_contact_combo)
        fill_combo(self.preferred, [(t, v, True) for t, v in CONTACT_METHODS], "phone", blank=None)
        self.phones = self._phone_fields()
        self.emails = self._email_fields()
        self.same_as = self.field("work_same_as_bill_to", f.work_same_as_bill_to)
        self.address_edits = {block: self._address_fields(block) for block in ADDRESS_BLOCKS}
        self.title_case = self._title_case_fields()
        self._name_follows = False  # a new customer's name follows the names typed
        self._filled: dict[str, str] = {}  # name fields filled from the name: what was put
        self._parent_ids: dict[str, int] = {}
        self._parent_model = QStringListModel(self)
        self._shown_job: bool | None = None  # the kind the name's label and hints are for
        self._mirroring = True  # Work follows Bill To as typed (while "same as" is ticked)
        self._connect()

    def _phone_fields(self) -> dict[str, PhoneField]:
        phones: dict[str, PhoneField] = {}
        for field, (edit, extension, message) in self.form.phones().items():
            self.field(field, edit, message)
            if extension is not None:
                self.field(f"{field}_extension", extension, message)
            phones[field] = PhoneField(
                edit, self.messages[field], lambda: self.ctx.region, extension
            )
        return phones

    def _email_fields(self) -> dict[str, EmailField]:
        emails: dict[str, EmailField] = {}
        for field, (edit, message) in self.form.emails().items():
            emails[field] = EmailField(
                self.field(field, edit, message), self.messages[field], refuse=True
            )
        return emails

    def _address_fields(self, block: str) -> dict[str, QLineEdit]:
        """Register the edits of the ``block`` address (``bill_to`` or ``work``) by part;
        an error about the address as a whole goes to its first line."""
        edits = {
            part: self.field(f"{block}.{part}", edit, message)
            for part, (edit, message) in self.form.address(block).items()
        }
        self.editors[block] = edits["line1"]
        self.messages[block] = self.messages[f"{block}.line1"]
        return edits

    def _title_case_fields(self) -> dict[str, TitleCaseField]:
        mode = lambda: self.ctx.title_case_mode  # noqa: E731
        fields: dict[str, TitleCaseField] = {}
        for field in TITLE_CASE_NAMES:
            edit = self.name_edit if field == "name" else self.text_edits[field]
            fields[field] = TitleCaseField(edit, self.message(field), "name", mode)
        for block in ADDRESS_BLOCKS:
            for part in ("line1", "line2", "city"):
                field = f"{block}.{part}"
                fields[field] = TitleCaseField(
                    self.address_edits[block][part], self.message(field), "address", mode
                )
        return fields

    def _connect(self) -> None:
        self.name_edit.textEdited.connect(self._name_typed)
        self.name_edit.editingFinished.connect(self._check_name)
        self.name_edit.editingFinished.connect(self._name_finished)
        self.title_case["name"].applied.connect(self._name_finished)
        for field in ("first_name", "last_name", "company_name"):
            self.text_edits[field].textEdited.connect(self._names_typed)
        self.same_as.toggled.connect(self._same_as_toggled)
        for edit in self.address_edits["bill_to"].values():
            edit.textChanged.connect(self._mirror_bill_to)
        completer = QCompleter(self._parent_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(lambda _text: self.parent_edit.editingFinished.emit())
        self.parent_edit.setCompleter(completer)
        self.parent_edit.textEdited.connect(self._find_parents)

    # -- loading ----------------------------------------------------------------------

    def fill(self, detail: NodeDetail) -> None:
        is_job = detail.kind == "job"
        if is_job != self._shown_job:  # the words of a job's name, or of a customer's
            self._shown_job = is_job
            self._name_words(is_job)
            self._show_parent_row(is_job)
        self.name_edit.setText(detail.name)
        self._name_follows = detail.id == 0 and not is_job and not detail.name
        self._filled = {}
        self.parent_edit.setText(detail.parent_full_name or "")
        self.parent_edit.setReadOnly(detail.id == 0)  # a new job: chosen before starting it
        if detail.parent_id is not None and detail.parent_full_name:
            self._parent_ids[detail.parent_full_name.casefold()] = detail.parent_id
        self.salutation.setCurrentText(detail.salutation or "")
        for field, edit in self.text_edits.items():
            edit.setText(getattr(detail, field) or "")
        index = self.preferred.findData(detail.preferred_contact)
        self.preferred.setCurrentIndex(max(index, 0))
        for field, phone in self.phones.items():
            phone.set_record(getattr(detail, field))
        for field, email in self.emails.items():
            email.set_record(getattr(detail, field))
        self._mirroring = False  # the Work address is copied once, whole, below
        try:
            self._set_address("bill_to", detail.bill_to)
        finally:
            self._mirroring = True
        self.same_as.setChecked(detail.work_same_as_bill_to)
        if not detail.work_same_as_bill_to:
            self._set_address("work", detail.work)
        self._same_as_toggled(detail.work_same_as_bill_to)  # "same as": copies Bill To

    def _name_words(self, is_job: bool) -> None:
        _relabel(self.form.name_label, "Job name:" if is_job else "Customer name:")
        self.name_edit.setPlaceholderText("Required" if is_job else "Required — e.g. Smith, John")
        self.name_edit.setToolTip(
            "The job's name under its customer"
            if is_job
            else "How the customer is listed: “Last, First” for a person, or a company's name"
        )

    def _show_parent_row(self, visible: bool) -> None:
        layout = form_layout_of(self.parent_edit)
        if layout is None:
            return
        layout.setRowVisible(self.parent_edit, visible)
        layout.setRowVisible(self.form.parent_message, visible)
        # Every box below the row moves: lay the tab out now, top to bottom, in one pass
        # (left to the event loop, the name box, the page and the scroll area each take
        # their turn, and the boxes are moved and painted up to three times).
        layout.activate()
        root_layout = self.form.root.layout()
        if root_layout is not None:
            root_layout.activate()
        QCoreApplication.sendEvent(self.scroll_area, QEvent(QEvent.Type.LayoutRequest))

    def _set_address(self, block: str, record: AddressRecord | None) -> None:
        for part, edit in self.address_edits[block].items():
            edit.setText((getattr(record, part) if record is not None else None) or "")

    # -- behaviour --------------------------------------------------------------------

    def _is_new_customer(self) -> bool:
        d = self.detail
        return d is not None and d.id == 0 and d.kind != "job"

    def _name_typed(self, text: str) -> None:
        self.message("name").clear("error")
        # Erased, a new customer's name follows the names typed again (and takes back
        # what it had filled in).
        self._name_follows = self._is_new_customer() and not text.strip()
        if self._name_follows:
            self._fill_parts(None)

    def _name_finished(self) -> None:
        """A new customer's name typed whole: fill the empty name fields from it."""
        if self._is_new_customer() and not self._name_follows:
            self._fill_parts(split_person_name(self.name_edit.text()))

    def _fill_parts(self, parts: PersonName | None) -> None:
        """Put ``parts`` into the name fields that are empty or still hold what a name
        put there before; what the user typed is never replaced."""
        values = {
            "salutation": parts.salutation if parts else "",
            "first_name": parts.first if parts else "",
            "middle_initial": parts.middle_initial if parts else "",
            "last_name": parts.last if parts else "",
        }
        for field, value in values.items():
            current = self._part_text(field)
            if current.strip() and current != self._filled.get(field):
                continue  # typed by the user
            if current != value:
                if field == "salutation":
                    self.salutation.setCurrentText(value)
                else:
                    self.text_edits[field].setText(value)
            if value and field in self.title_case:
                self.title_case[field].check()  # as if typed there: Title Case applies
            self._filled[field] = self._part_text(field)

    def _part_text(self, field: str) -> str:
        if field == "salutation":
            return self.salutation.currentText()
        return self.text_edits[field].text()

    def _names_typed(self, _text: str) -> None:
        if not self._name_follows:
            return
        name = default_customer_name(
            first_name=self.text_edits["first_name"].text(),
            last_name=self.text_edits["last_name"].text(),
            company_name=self.text_edits["company_name"].text(),
        )
        self.name_edit.setText(name)
        if name:
            self.message("name").clear("error")

    def _check_name(self) -> None:
        if self.name_edit.text().strip():
            self.message("name").clear("error")

    def _same_as_toggled(self, checked: bool) -> None:
        for edit in self.address_edits["work"].values():
            edit.setEnabled(not checked)
        if checked:
            self._mirror_bill_to()

    def _mirror_bill_to(self, *_args: Any) -> None:
        if not (self._mirroring and self.same_as.isChecked()):
            return
        bill_to = self.address_edits["bill_to"]
        for part, edit in self.address_edits["work"].items():
            edit.setText(bill_to[part].text())

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
        return {part: text_or_none(edit.text()) for part, edit in self.address_edits[block].items()}

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
        for field, edit in self.text_edits.items():
            value = text_or_none(edit.text())
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
        for field, email in self.emails.items():
            problem = email.problem()
            if problem is not None:
                raise ValidationError(problem, field=field)

    def show_error(self, field: str, message: str) -> bool:
        email = self.emails.get(field)
        if email is not None and message == email.problem():
            return email.show_refusal()  # with its Keep as typed link
        return super().show_error(field, message)

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
