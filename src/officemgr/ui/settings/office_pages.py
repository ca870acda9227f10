"""The pages that edit the office settings row: Office, Phones & money, Preferences.

They save together: each puts what changed into ``context.office_changes`` and the dialog
writes all of it in one ``co.settings.update(expected_version=…)`` call.
"""

from __future__ import annotations

import getpass
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from officemgr.core.numbers import number_format, system_locale
from officemgr.core.validation import TitleCaseMode, check_email, parse_phone
from officemgr.ui.form_loader import DesignerForm
from officemgr.ui.preferences import (
    EMPLOYEE_KEY,
    POPUP_REPEAT_DEFAULT,
    POPUP_REPEAT_KEY,
    POPUP_REPEAT_TEXT,
)
from officemgr.ui.settings.choices import (
    combo_code,
    countries,
    currencies,
    fill_codes,
    number_locales,
    phone_regions,
    set_code,
)
from officemgr.ui.settings.page import (
    SettingsCheckError,
    SettingsContext,
    register_page,
)
from officemgr.ui.settings.widgets import FormPage, align_form_labels

PAPER_SIZES = (("letter", "Letter (8.5 × 11 in)"), ("a4", "A4 (210 × 297 mm)"))
EMPLOYEE_NAME_LENGTH = 100


def _login_name() -> str:
    """Who signs entries while no employee is set (as ``preferences.current_employee``)."""
    try:
        return getpass.getuser()
    except OSError:
        return "Office"


def _text(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


def _put(changes: dict[str, Any], key: str, value: Any, loaded: Any) -> None:
    if value != loaded:
        changes[key] = value


class OfficeForm(DesignerForm):
    """``forms/settings_office.ui``: each field's widget is named as the setting it edits."""

    ui_file = "settings_office"
    company_name: QLineEdit
    line1: QLineEdit
    line2: QLineEdit
    city: QLineEdit
    region: QLineEdit
    postal_code: QLineEdit
    country: QComboBox
    phone: QLineEdit
    phone_warning: QLabel
    email: QLineEdit
    email_warning: QLabel
    office_form: QFormLayout

    def text_edits(self) -> dict[str, QLineEdit]:
        """The settings typed as plain text (the phone too), each with its edit."""
        return {
            "company_name": self.company_name,
            "line1": self.line1,
            "line2": self.line2,
            "city": self.city,
            "region": self.region,
            "postal_code": self.postal_code,
            "phone": self.phone,
        }


@register_page
class OfficePage(FormPage[OfficeForm]):
    name = "office"
    title = "Office"
    icon_name = "office"
    order = 10
    summary = "Your company's name and address, as reports and printouts show them."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(OfficeForm(), parent)
        self.edits = self.form.text_edits()
        self.email = self.form.email
        self.country = self.form.country
        fill_codes(self.country, countries())
        self.phone_warning = self.form.phone_warning
        self.email_warning = self.form.email_warning
        self.email.setPlaceholderText("office@example.com")
        for warning in (self.phone_warning, self.email_warning):
            warning.setStyleSheet("color: #8a4b00;")  # a warning, unlike the grey hints
        self.edits["phone"].editingFinished.connect(self._phone_done)
        self.email.editingFinished.connect(self._email_done)
        self._region = "US"
        self._loaded: dict[str, Any] = {}
        self._warn(self.phone_warning, None)
        self._warn(self.email_warning, None)

    def load(self, context: SettingsContext) -> None:
        office = context.office
        self._region = office.default_phone_region
        self._loaded = {key: getattr(office, key) for key in (*self.edits, "email", "country")}
        for key, edit in self.edits.items():
            edit.setText(self._loaded[key] or "")
        self.email.setText(office.email or "")
        set_code(self.country, office.country)
        self._warn(self.phone_warning, None)
        self._warn(self.email_warning, None)
        for edit in (*self.edits.values(), self.email):
            edit.setCursorPosition(0)

    def check(self) -> None:
        if not self.edits["company_name"].text().strip():
            raise SettingsCheckError(
                "Company name",
                "The company needs a name; it prints at the top of every report.",
                self.edits["company_name"],
            )

    def save(self, context: SettingsContext) -> None:
        changes = context.office_changes
        for key, edit in self.edits.items():
            _put(changes, key, _text(edit), self._loaded[key])
        _put(changes, "email", _text(self.email), self._loaded["email"])
        _put(changes, "country", combo_code(self.country), self._loaded["country"])

    def field_widgets(self) -> dict[str, QWidget]:
        return {**self.edits, "email": self.email, "country": self.country}

    # -- warnings beside the fields (they never stop a save) ------------------------

    def _warn(self, label: QLabel, text: str | None) -> None:
        label.setText(text or "")
        self.form.office_form.setRowVisible(label, bool(text))

    def _phone_done(self) -> None:
        edit = self.edits["phone"]
        number = parse_phone(edit.text(), self._region)
        if number.is_valid and number.formatted:
            shown = number.formatted + (f" ext. {number.extension}" if number.extension else "")
            if shown != edit.text():
                edit.setText(shown)
        self._warn(self.phone_warning, number.warning)

    def _email_done(self) -> None:
        self._warn(self.email_warning, check_email(self.email.text()).warning)


class PhonesMoneyForm(DesignerForm):
    """``forms/settings_money.ui``: each field's widget is named as the setting it edits."""

    ui_file = "settings_money"
    default_phone_region: QComboBox
    currency: QComboBox
    number_locale: QComboBox
    paper_size: QComboBox
    phone_form: QFormLayout
    money_form: QFormLayout
    printing_form: QFormLayout


@register_page
class PhonesMoneyPage(FormPage[PhonesMoneyForm]):
    name = "phones_money"
    title = "Phones & money"
    icon_name = "phones-money"
    order = 20
    summary = "How phone numbers are read, the money and numbers of the office, and paper."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(PhonesMoneyForm(), parent)
        f = self.form
        self.phone_region = f.default_phone_region
        self.currency = f.currency
        self.number_locale = f.number_locale
        self.paper_size = f.paper_size
        fill_codes(self.phone_region, phone_regions())
        fill_codes(self.currency, currencies(), editable=True)
        # Editable: typing part of a name ("Germany", "français") offers the matches.
        fill_codes(self.number_locale, number_locales(), editable=True)
        computer = number_format(system_locale())
        self.number_locale.insertItem(
            0, f"This computer's: {computer.display_name} — {computer.example}", ""
        )
        for value, label in PAPER_SIZES:
            self.paper_size.addItem(label, value)
        align_form_labels(f.phone_form, f.money_form, f.printing_form)
        self._loaded: dict[str, Any] = {}

    def load(self, context: SettingsContext) -> None:
        office = context.office
        self._loaded = {
            "default_phone_region": office.default_phone_region,
            "currency": office.currency,
            "number_locale": office.number_locale,
            "paper_size": office.paper_size,
        }
        set_code(self.phone_region, office.default_phone_region)
        set_code(self.currency, office.currency)
        chosen = office.number_locale or ""
        if self.number_locale.findData(chosen) < 0:  # one Qt does not list: keep it
            self.number_locale.addItem(chosen, chosen)
        self.number_locale.setCurrentIndex(self.number_locale.findData(chosen))
        index = self.paper_size.findData(office.paper_size)
        if index < 0:  # a size this version does not offer: keep it
            self.paper_size.addItem(office.paper_size, office.paper_size)
            index = self.paper_size.count() - 1
        self.paper_size.setCurrentIndex(index)

    def check(self) -> None:
        code = combo_code(self.currency)
        if len(code) != 3 or not code.isalpha():
            raise SettingsCheckError(
                "Currency",
                "Choose a currency, or type its three-letter code (such as USD or EUR).",
                self.currency,
            )

    def save(self, context: SettingsContext) -> None:
        changes = context.office_changes
        for key, value in (
            ("default_phone_region", combo_code(self.phone_region)),
            ("currency", combo_code(self.currency)),
            ("number_locale", self._chosen_locale()),
            ("paper_size", self.paper_size.currentData()),
        ):
            _put(changes, key, value, self._loaded[key])

    def _chosen_locale(self) -> str | None:
        """The locale chosen (None: the computer's); text that names none keeps the last."""
        index = self.number_locale.findText(self.number_locale.currentText())
        if index < 0:
            index = self.number_locale.currentIndex()
        return self.number_locale.itemData(index) or None

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "default_phone_region": self.phone_region,
            "currency": self.currency,
            "number_locale": self.number_locale,
            "paper_size": self.paper_size,
        }


class PreferencesForm(DesignerForm):
    """``forms/settings_preferences.ui``."""

    ui_file = "settings_preferences"
    title_case_off: QRadioButton
    title_case_off_hint: QLabel
    title_case_suggest: QRadioButton
    title_case_suggest_hint: QLabel
    title_case_automatic: QRadioButton
    title_case_automatic_hint: QLabel
    current_employee: QComboBox
    backups_to_keep: QSpinBox
    desk_form: QFormLayout
    backup_form: QFormLayout

    def title_case_modes(self) -> dict[str, tuple[QRadioButton, QLabel]]:
        """Each Title Case mode: its radio button and the line that explains it."""
        modes = {
            TitleCaseMode.OFF: (self.title_case_off, self.title_case_off_hint),
            TitleCaseMode.SUGGEST: (self.title_case_suggest, self.title_case_suggest_hint),
            TitleCaseMode.AUTOMATIC: (self.title_case_automatic, self.title_case_automatic_hint),
        }
        return {mode.value: widgets for mode, widgets in modes.items()}


@register_page
class PreferencesPage(FormPage[PreferencesForm]):
    name = "preferences"
    title = "Preferences"
    icon_name = "preferences"
    order = 30
    summary = "Title Case, who works at this desk, and how many backups to keep."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(PreferencesForm(), parent)
        f = self.form
        modes = f.title_case_modes()
        self.title_case = {mode: button for mode, (button, _hint) in modes.items()}
        self.title_case_hints = {mode: hint for mode, (_button, hint) in modes.items()}
        self.employee = f.current_employee
        self.employee.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.employee.lineEdit()
        if line is not None:
            line.setMaxLength(EMPLOYEE_NAME_LENGTH)
        self.backups = f.backups_to_keep
        # Desk-only, like the employee: acknowledged pop-up notes and when they come back.
        self.popup_repeat = QComboBox(self)
        self.popup_repeat.setObjectName("popupRepeatCombo")
        for key, text in POPUP_REPEAT_TEXT.items():
            self.popup_repeat.addItem(text, key)
        self.popup_repeat.setToolTip(
            "Notes that pop up when a caller's number matches show on every call."
        )
        f.desk_form.addRow("Pop-&up notes show:", self.popup_repeat)
        align_form_labels(f.desk_form, f.backup_form)
        self._loaded: dict[str, Any] = {}

    def load(self, context: SettingsContext) -> None:
        office = context.office
        stored = context.desk.value(EMPLOYEE_KEY, "")
        name = stored.strip() if isinstance(stored, str) else ""
        repeat = context.desk.value(POPUP_REPEAT_KEY, POPUP_REPEAT_DEFAULT)
        repeat = repeat if repeat in POPUP_REPEAT_TEXT else POPUP_REPEAT_DEFAULT
        self._loaded = {
            "title_case_mode": office.title_case_mode,
            "backups_to_keep": office.backups_to_keep,
            EMPLOYEE_KEY: name,
            POPUP_REPEAT_KEY: repeat,
        }
        self.popup_repeat.setCurrentIndex(self.popup_repeat.findData(repeat))
        button = self.title_case.get(office.title_case_mode)
        if button is not None:
            button.setChecked(True)
        self.backups.setValue(office.backups_to_keep)
        self._fill_employees(context)
        self.employee.setEditText(name)
        line = self.employee.lineEdit()
        if line is not None:
            line.setPlaceholderText(f"Not set: entries are signed “{_login_name()}”")

    def lists_changed(self, context: SettingsContext) -> None:
        typed = self.employee.currentText()
        self._fill_employees(context)
        self.employee.setEditText(typed)

    def _fill_employees(self, context: SettingsContext) -> None:
        self.employee.blockSignals(True)
        self.employee.clear()
        for employee in context.lists.employees:
            if employee.is_active:
                self.employee.addItem(employee.name)
        self.employee.blockSignals(False)

    def check(self) -> None:
        if self.mode() is None:
            raise SettingsCheckError(
                "Title Case", "Choose off, suggest or automatic.", self.title_case["suggest"]
            )

    def mode(self) -> str | None:
        return next((mode for mode, b in self.title_case.items() if b.isChecked()), None)

    def save(self, context: SettingsContext) -> None:
        changes = context.office_changes
        _put(changes, "title_case_mode", self.mode(), self._loaded["title_case_mode"])
        _put(changes, "backups_to_keep", self.backups.value(), self._loaded["backups_to_keep"])
        name = " ".join(self.employee.currentText().split())
        if name != self._loaded[EMPLOYEE_KEY]:
            context.desk_changes[EMPLOYEE_KEY] = name
        repeat = self.popup_repeat.currentData()
        if repeat != self._loaded[POPUP_REPEAT_KEY]:
            context.desk_changes[POPUP_REPEAT_KEY] = repeat

    def field_widgets(self) -> dict[str, QWidget]:
        first: QAbstractButton = self.title_case["off"]
        return {
            "title_case_mode": first,
            "backups_to_keep": self.backups,
            POPUP_REPEAT_KEY: self.popup_repeat,
        }
