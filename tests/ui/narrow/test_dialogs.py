"""Every dialog fits a 1024×700 laptop with nothing cut: those a menu opens (driven there
by their actions) and those a tab or a call opens (built as their owner builds them, on
real records of a temp company file)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QWidget, QWizard

from officemgr.core.check import verify
from officemgr.ui.billing.credit_override import CreditOverrideDialog
from officemgr.ui.billing.invoice_dialog import InvoiceDialog
from officemgr.ui.billing.payment_dialog import PaymentDialog
from officemgr.ui.billing.void_dialog import VoidDialog
from officemgr.ui.customers.caller_chooser import CallerChooser, by_customer
from officemgr.ui.customers.conflict_dialog import ConflictDialog
from officemgr.ui.customers.contacts_tab import ContactDialog
from officemgr.ui.customers.duplicate_dialog import DuplicateDialog
from officemgr.ui.customers.field_compare import FieldChange
from officemgr.ui.customers.log_entry_dialog import LogEntryDialog
from officemgr.ui.customers.merge_dialog import (
    ChooseCustomerDialog,
    FindDuplicatesDialog,
    MergeDialog,
)
from officemgr.ui.customers.popup_dialog import PopupNoteEditor, PopupNotesDialog
from officemgr.ui.customers.work_stop_dialog import StopDialog
from officemgr.ui.desk_employee import WhoWorksHereDialog
from officemgr.ui.export_dialog import ExportDialog
from officemgr.ui.imports.wizard import ImportWizard
from officemgr.ui.reports.navigator import ReportNavigator
from officemgr.ui.reports.options_dialog import ReportOptionsDialog
from officemgr.ui.verify_dialog import VerifyDialog

from .conftest import dialog_problems, settle

LONG_NAME = "Bell-Featherstonehaugh, Shirley"
PHONE = "(555) 849-1119"
EMAIL = "shirley.featherstonehaugh@riverside-estates.example.com"


def _busy_customer(co: Any) -> tuple[int, int]:
    """A customer with long values everywhere a dialog shows them, and a job."""
    customer = co.customers.add(
        name=LONG_NAME,
        phone=PHONE,
        email=EMAIL,
        bill_to={"line1": "1234 Riverside Estates Blvd", "city": "Dayton", "region": "OH",
                 "postal_code": "45402-1234"},
    ).id  # fmt: skip
    job = co.jobs.add(parent=customer, name="Furnace replacement and duct cleaning").id
    co.contacts.add(
        owner=customer, name="Featherstonehaugh, Bartholomew", role="Property manager",
        phone="(555) 849-1120", email="bart@riverside-estates.example.com",
    )  # fmt: skip
    co.popups.add(owner=customer, text="Gate code 1234 — the dog is friendly but loud. " * 4)
    co.customers.place_credit_hold(customer, reason="Owes 90 days", by="Dana")
    return customer, job


def _show(widget: QWidget, parent: QWidget, title: str) -> list[str]:
    """Show a dialog built the way its owner builds it, look at it, and close it."""
    widget.setParent(parent, widget.windowFlags())
    widget.show()
    found = dialog_problems(widget, title)
    widget.close()
    return found


def test_dialogs_of_the_menus_fit(make_window: Any, company: Any, open_by_action: Any) -> None:
    plain = company.customers.add(name="Plain, Pat", phone="(555) 201-3344").id
    company.customers.add(name="Plain, P.", phone="555 201 3344")
    window = make_window()
    window.resize(1024, 700)
    assert window.open_node(plain)
    settle()
    actions = window.customer_actions
    menus: list[tuple[str, Any, type[QWidget]]] = [
        ("New Invoice", actions.new_invoice_action, InvoiceDialog),
        ("Receive Payment", actions.receive_payment_action, PaymentDialog),
        ("New Log Entry", window.form.add_log_entry_action, LogEntryDialog),
        ("Place on Credit Hold", actions.place_hold_action, QDialog),  # CreditHoldDialog's
        ("Export", window.file_actions.export_action, ExportDialog),
        ("Find Duplicates", window.merge_actions.find_duplicates_action, FindDuplicatesDialog),
    ]
    found: list[str] = []
    for title, action, kind in menus:

        def look(dialog: Any, title: str = title) -> None:
            found.extend(dialog_problems(dialog, title))
            dialog.reject()

        open_by_action(action, kind, look)
    for key, action in window.report_actions.items():
        action.trigger()
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, ReportOptionsDialog) and dialog.isVisible():
                found.extend(dialog_problems(dialog, f"{key} options"))
                dialog.close()
    assert found == []


def test_merge_choose_and_merge_dialogs_fit(
    make_window: Any, company: Any, answer_modal: Any
) -> None:
    kept, _ = _busy_customer(company)
    company.customers.add(name="Bell-Featherstonehaugh, S.", phone=PHONE)
    window = make_window()
    window.resize(1024, 700)
    assert window.open_node(kept)
    found: list[str] = []

    def merge(dialog: MergeDialog) -> None:
        found.extend(dialog_problems(dialog, "Merge"))
        dialog.reject()

    def choose(dialog: ChooseCustomerDialog) -> None:
        dialog.search_edit.setText("featherstonehaugh, s.")
        found.extend(dialog_problems(dialog, "Merge Into"))
        answer_modal(MergeDialog, merge)
        dialog.results.setCurrentCell(0, 0)
        dialog.accept()

    answer_modal(ChooseCustomerDialog, choose)
    window.merge_actions.merge_action.trigger()
    assert isinstance(window.merge_actions.last_dialog, MergeDialog)
    assert found == []


def test_the_import_wizard_fits_on_each_page(
    make_window: Any, company: Any, tmp_path: Path, open_by_action: Any
) -> None:
    company.customers.add(name="J. Smith", phone="(555) 201-3344")
    source = tmp_path / "customers from the old program.csv"
    source.write_text(
        "Customer,Phone,E-mail,Bill to street,City,Referred by a neighbour or a radio ad\r\n"
        f'"Smith, John",555-201-3344,john@example.com,1 Main St,Dayton,Radio\r\n'
        f'"{LONG_NAME}",{PHONE},shirley@example.com,1234 Riverside Estates Blvd,Dayton,\r\n',
        encoding="utf-8",
    )
    window = make_window()
    window.resize(1024, 700)
    found: list[str] = []

    def steps(wizard: ImportWizard) -> None:
        found.extend(dialog_problems(wizard, "Import: file"))
        wizard.file_page.path_edit.setText(str(source))
        wizard.next()
        assert wizard.currentId() == 1, wizard.file_page.message.text()
        found.extend(dialog_problems(wizard, "Import: columns"))
        wizard.next()
        assert wizard.currentId() == 2
        found.extend(dialog_problems(wizard, "Import: preview"))
        wizard.button(QWizard.WizardButton.CancelButton).click()

    open_by_action(window.file_actions.import_action, ImportWizard, steps)
    assert found == []


def _dialogs_of_a_record(co: Any, customer: int, job: int) -> list[tuple[str, QWidget]]:
    """The dialogs a tab, a save or a call opens, built as their owners build them."""
    detail = co.customers.get(customer)
    groups = by_customer(co.phone_lookup(PHONE))
    cards = co.customers.caller_cards(list(groups))
    notes = co.popups.list_for(customer)
    contact = co.contacts.list_for(customer)[0]
    stop_from = [(address.line1, address) for address in co.jobs.stop_addresses(job)]
    changes = [
        FieldChange("email", "Email", EMAIL, "shirley.f@riverside-estates.example.com",
                    "s.featherstonehaugh@riverside-estates.example.com"),
        FieldChange("notes", "Notes", "", "Gate code changed " * 8, None),
    ]  # fmt: skip
    check = co.accounts.credit_check(job, amount=Decimal("1250.00"))
    return [
        ("Find by Phone", CallerChooser(PHONE, cards, groups, None)),
        ("Pop-up Notes", PopupNotesDialog(detail.full_name, notes, None)),
        ("Change Pop-up Note", PopupNoteEditor(None, notes[0]).dialog),
        ("Change Contact", ContactDialog(None, "US", contact).dialog),
        ("New Stop", StopDialog(None, stop_from, None, lambda _values: None).dialog),
        ("Conflict", ConflictDialog(detail.full_name, changes, None)),
        ("Possible Duplicate", DuplicateDialog(detail.full_name, _matches(co), None)),
        ("Credit override", CreditOverrideDialog(check, action="start the job", parent=None)),
        ("Void", VoidDialog("Invoice 1001 for $12,345.67", None, consequence="Paid: 0.00")),
        ("Who works here", WhoWorksHereDialog(["Dana Whitfield-Okonkwo", "Sam"], None)),
        ("Report Navigator", ReportNavigator(co, None)),
    ]


def _matches(co: Any) -> Any:
    return co.customers.find_duplicates(name=LONG_NAME.upper(), phone=PHONE, email=None)


def test_dialogs_of_tabs_saves_and_calls_fit(
    make_window: Any, company: Any, company_path: Path, qtbot: Any
) -> None:
    co = company
    customer, job = _busy_customer(co)
    co.customers.add(name="Bell, Shirley", phone=PHONE)  # a second customer: the chooser
    window = make_window()
    window.resize(1024, 700)
    found: list[str] = []
    dialogs = _dialogs_of_a_record(co, customer, job)
    report = verify(company_path)
    report.problems += ["Customer 12 has a balance of 1.00 that its invoices do not add up to."]
    report.kinds += ["balance"]
    dialogs.append(("Verify Data", VerifyDialog(report, None, note="Checked a copy.")))
    for title, dialog in dialogs:
        qtbot.addWidget(dialog)
        found.extend(_show(dialog, window, title))
    assert found == []
