"""The report windows driven as a user would: menu, options, preview, print, save, navigator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from officemgr.ui.reports import ContactLogOptionsDialog, PdfPreviewWindow, ReportNavigator

TIMEOUT = 20_000


def pdf_text(path: str | Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def last_month_day() -> datetime:
    first = date.today().replace(day=1)
    day = first - timedelta(days=10)
    return datetime(day.year, day.month, day.day, 10, 0)


@pytest.fixture
def logged(company: Any) -> dict[str, int]:
    smith = company.customers.add(name="Smith, John").id
    furnace = company.jobs.add(parent=smith, name="Furnace").id
    baker = company.customers.add(name="Baker, Ann").id
    at = last_month_day()
    company.contact_log.add(owner=smith, at=at, kind="Call In", subject="Smith asked quote")
    company.contact_log.add(owner=furnace, at=at, kind="Visit", subject="Furnace visit done")
    company.contact_log.add(owner=baker, at=at, kind="Call Out", subject="Baker called back")
    old = at - timedelta(days=400)
    company.contact_log.add(owner=smith, at=old, kind="Note", subject="Old Smith note")
    return {"smith": smith, "furnace": furnace, "baker": baker}


@pytest.fixture
def dialog(qtbot: Any, company: Any, logged: dict[str, int]) -> ContactLogOptionsDialog:
    dlg = ContactLogOptionsDialog(company)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def choose_smith_last_month(qtbot: Any, dlg: ContactLogOptionsDialog) -> None:
    dlg.set_period("last_month")
    qtbot.mouseClick(dlg.one_customer, Qt.MouseButton.LeftButton)
    dlg.customer_edit.clear()
    qtbot.keyClicks(dlg.customer_edit, "Smith, John")
    dlg.include_jobs.setChecked(True)


def test_reports_menu_lists_the_report_and_opens_it(make_window: Callable[..., Any]) -> None:
    window = make_window()
    titles = [a.text() for a in window.reports_menu.actions()]
    assert "&Contacts && Jobs" in titles  # shown as "Contacts & Jobs", Alt+C
    assert "C&ustomers && Receivables" in titles
    submenu = window.reports_menu.actions()[0].menu()
    names = [a.text() for a in submenu.actions()]
    assert "Contact Log (Customer)…" in names
    assert "Report &Navigator…" in titles
    action = window.report_actions["contact-log"]
    assert action.text() == "Contact Log (Customer)…"
    action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ContactLogOptionsDialog)]
    assert any(d.isVisible() for d in dialogs)
    for d in dialogs:
        d.close()


def test_last_month_one_customer_with_jobs(
    qtbot: Any, dialog: ContactLogOptionsDialog, tmp_path: Path
) -> None:
    choose_smith_last_month(qtbot, dialog)
    suggested = dialog.customer_edit.completer().model().stringList()  # type: ignore[attr-defined]
    assert "Smith, John" in suggested and "Baker, Ann" not in suggested
    out = tmp_path / "log.pdf"
    with qtbot.waitSignal(dialog.report_finished, timeout=TIMEOUT) as blocker:
        dialog.save_pdf(out)
    assert blocker.args == [str(out)]
    text = pdf_text(out)
    assert "Smith asked quote" in text
    assert "Furnace visit done" in text
    assert "Baker called back" not in text
    assert "Old Smith note" not in text
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_choices_are_remembered(qtbot: Any, company: Any, dialog: ContactLogOptionsDialog) -> None:
    choose_smith_last_month(qtbot, dialog)
    dialog.sort_combo.setCurrentIndex(dialog.sort_combo.findData("customer"))
    dialog.group_check.setChecked(True)
    dialog.set_kinds(["Call In", "Visit"])
    dialog.remember()
    dialog.close()
    again = ContactLogOptionsDialog(company)
    qtbot.addWidget(again)
    options = again.options()
    assert options.period == "last_month"
    assert options.customers == ("Smith, John",)
    assert options.include_jobs
    assert options.sort == "customer" and options.group_by_customer
    assert options.kinds == ("Call In", "Visit")


def test_custom_dates_enable_the_date_edits(dialog: ContactLogOptionsDialog) -> None:
    dialog.set_period("this_month")
    assert not dialog.from_edit.isEnabled()
    dialog.set_period("custom")
    assert dialog.from_edit.isEnabled() and dialog.to_edit.isEnabled()
    options = dialog.options()
    assert options.period == "custom" and options.date_from is not None


def test_cancel_right_away_leaves_no_file(
    qtbot: Any, dialog: ContactLogOptionsDialog, tmp_path: Path
) -> None:
    out = tmp_path / "cancelled.pdf"
    with qtbot.waitSignal(dialog.report_cancelled, timeout=TIMEOUT):
        dialog.save_pdf(out)
        dialog.cancel_report()
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]
    assert dialog.save_button.isEnabled()
    assert dialog.progress_dialog is None


def test_preview_opens_and_pages(
    qtbot: Any, company: Any, dialog: ContactLogOptionsDialog, tmp_path: Path
) -> None:
    smith = company.customers.search("Smith, John", show="all")[0].id
    at = last_month_day()
    for i in range(120):  # enough rows for several pages
        company.contact_log.add(owner=smith, at=at, kind="Note", subject=f"Line {i}")
    with qtbot.waitSignal(dialog.report_finished, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    preview = dialog.previews[-1]
    assert isinstance(preview, PdfPreviewWindow)
    qtbot.addWidget(preview)
    qtbot.waitExposed(preview)
    assert preview.page_count > 1
    assert preview.page_label.text() == f"Page 1 of {preview.page_count}"
    assert not preview.previous_action.isEnabled()
    preview.next_action.trigger()
    qtbot.waitUntil(lambda: preview.current_page == 1)
    assert preview.page_label.text() == f"Page 2 of {preview.page_count}"
    preview.previous_action.trigger()
    qtbot.waitUntil(lambda: preview.current_page == 0)
    before = preview.view.zoomFactor()
    preview.zoom_in_action.trigger()
    assert preview.view.zoomFactor() > before
    preview.fit_width_action.trigger()

    saved = preview.save_pdf(tmp_path / "copy.pdf")
    assert saved == str(tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == Path(preview.path).read_bytes()

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_report(printer)
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == preview.page_count
    preview.close()


def test_print_from_the_options_dialog(
    qtbot: Any, dialog: ContactLogOptionsDialog, tmp_path: Path
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(dialog.report_finished, timeout=TIMEOUT):
        dialog.print_report(printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) >= 1


def test_navigator_lists_and_opens(qtbot: Any, company: Any) -> None:
    navigator = ReportNavigator(company)
    qtbot.addWidget(navigator)
    navigator.show()
    assert "Contact Log (Customer)" in navigator.listed()["Contacts & Jobs"]
    navigator.select("contact-log")
    assert "Contact Log (Customer)" in navigator.description.text()
    opened = navigator.open_selected()
    assert isinstance(opened, ContactLogOptionsDialog)
    qtbot.addWidget(opened)
    assert opened.isVisible()


def test_navigator_from_the_menu(make_window: Callable[..., Any]) -> None:
    window = make_window()
    navigator = window.open_report_navigator()
    assert isinstance(navigator, ReportNavigator)
    assert navigator.selected_key() is not None
    navigator.close()


def test_every_registered_report_opens_a_dialog(qtbot: Any, company: Any) -> None:
    from officemgr.reports import registry
    from officemgr.ui.reports import ReportOptionsDialog, open_report_dialog

    for info in registry.all_reports():
        dlg = open_report_dialog(info.key, company, None)
        qtbot.addWidget(dlg)
        assert isinstance(dlg, ReportOptionsDialog) and dlg.isVisible()
        assert dlg.windowTitle() == info.name
        dlg.close()


def test_an_unknown_customer_is_reported_and_no_file_written(
    qtbot: Any, dialog: ContactLogOptionsDialog, tmp_path: Path, answer_modal: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    dialog.one_customer.setChecked(True)
    dialog.customer_edit.setText("Nobody, Here")
    seen: list[str] = []
    answer_modal(QMessageBox, lambda box: (seen.append(box.text()), box.accept()))
    out = tmp_path / "none.pdf"
    with qtbot.waitSignal(dialog.report_failed, timeout=TIMEOUT) as blocker:
        dialog.save_pdf(out)
    assert "Nobody, Here" in blocker.args[0]
    assert seen and "Nobody, Here" in seen[0]
    assert not out.exists() and not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_open_balances_options_as_of_customers_and_zero(
    qtbot: Any, company: Any, tmp_path: Path
) -> None:
    from decimal import Decimal

    from officemgr.core import models as m
    from officemgr.ui.reports.menu import open_report_dialog
    from officemgr.ui.reports.options_dialog import OpenBalancesOptionsDialog

    smith = company.customers.add(name="Smith, John").id
    baker = company.customers.add(name="Baker, Ann").id
    company.customers.add(name="Zero, Zed")
    with company.write() as session:
        for number, node, due in ((1001, smith, date(2026, 9, 1)), (1002, baker, date(2026, 9, 1))):
            session.add(
                m.Invoice(
                    number=number,
                    node_id=node,
                    customer_id=node,
                    invoice_date=due,
                    due_date=due,
                    subtotal=Decimal("40.00"),
                    total=Decimal("40.00"),
                )
            )
    dlg = open_report_dialog("open-balances", company, None)
    assert isinstance(dlg, OpenBalancesOptionsDialog)
    qtbot.addWidget(dlg)
    dlg.set_as_of(date(2026, 10, 15))
    qtbot.keyClicks(dlg.customer_edit, "Smith")
    suggested = dlg.customer_edit.completer().model().stringList()  # type: ignore[attr-defined]
    assert suggested == ["Smith, John"]
    dlg.customer_edit.setText("Smith, John")
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    dlg.add_customer("Zero, Zed")
    assert dlg.chosen_customers.isChecked() and dlg.chosen_names() == ["Smith, John", "Zero, Zed"]
    dlg.include_zero.setChecked(True)
    options = dlg.options()
    assert options.as_of == date(2026, 10, 15) and options.include_zero
    out = tmp_path / "balances.pdf"
    with qtbot.waitSignal(dlg.report_finished, timeout=TIMEOUT) as blocker:
        dlg.save_pdf(out)
    assert blocker.args == [str(out)]
    text = pdf_text(out)
    assert "As of 2026-10-15" in text and "1001" in text and "Zero, Zed" in text
    assert "1002" not in text and "Baker" not in text
    dlg.close()

    again = OpenBalancesOptionsDialog(company)
    qtbot.addWidget(again)
    again.show()
    remembered = again.options()
    assert remembered.customers == ("Smith, John", "Zero, Zed") and remembered.include_zero
    assert remembered.as_of == date.today()
    again.customers_list.setCurrentRow(0)
    qtbot.mouseClick(again.remove_button, Qt.MouseButton.LeftButton)
    assert again.chosen_names() == ["Zero, Zed"]
    # On the radio's indicator: the button spans the row but only its label part is clickable.
    indicator = QPoint(6, again.all_customers.height() // 2)
    qtbot.mouseClick(again.all_customers, Qt.MouseButton.LeftButton, pos=indicator)
    assert again.options().customers == ()


def test_contact_list_options_choose_customers_jobs_inactive_and_prospects(
    qtbot: Any, make_window: Any, company: Any, tmp_path: Path
) -> None:
    """Reports › Customer Contact List offers the report's choices, and they reach the PDF."""
    from officemgr.ui.reports.options_dialog import ContactListOptionsDialog

    smith = company.customers.add(name="Smith, John", phone="(555) 201-3344").id
    company.jobs.add(parent=smith, name="Furnace")
    company.customers.add(name="Baker, Ann", is_prospect=True)
    company.customers.add(name="Old, Olive", is_active=False)
    window = make_window()
    window.report_actions["customer-contact-list"].trigger()
    dlg = next(
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, ContactListOptionsDialog) and w.isVisible()
    )  # fmt: skip
    qtbot.mouseClick(dlg.include_jobs, Qt.MouseButton.LeftButton)
    dlg.customer_edit.setText("Smith, John")
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "contacts.pdf"
    with qtbot.waitSignal(dlg.report_finished, timeout=TIMEOUT):
        dlg.save_pdf(out)
    text = pdf_text(out)
    assert "Smith, John" in text and "Furnace" in text and "Baker" not in text
    dlg.close()

    again = ContactListOptionsDialog(company)
    qtbot.addWidget(again)
    assert again.options().customers == ("Smith, John",) and again.options().include_jobs
    again.all_customers.setChecked(True)
    again.include_jobs.setChecked(False)
    again.include_inactive.setChecked(True)
    assert "Old, Olive" in _report_text(qtbot, again, tmp_path / "all.pdf")
    again.prospects_only.setChecked(True)
    only = _report_text(qtbot, again, tmp_path / "prospects.pdf")
    assert "Baker, Ann" in only and "Smith" not in only


def _report_text(qtbot: Any, dialog: Any, out: Path) -> str:
    with qtbot.waitSignal(dialog.report_finished, timeout=TIMEOUT):
        dialog.save_pdf(out)
    return pdf_text(out)


def test_enter_on_a_typed_name_adds_it_without_previewing(qtbot: Any, company: Any) -> None:
    from officemgr.ui.reports.options_dialog import OpenBalancesOptionsDialog

    company.customers.add(name="Smith, John")
    dlg = OpenBalancesOptionsDialog(company)
    qtbot.addWidget(dlg)
    dlg.show()
    previews: list[str] = []
    dlg.run = lambda path, then=None: previews.append(str(then))  # type: ignore[method-assign]
    dlg.customer_edit.setFocus()
    qtbot.keyClicks(dlg.customer_edit, "Smith, John")
    qtbot.keyClick(dlg.customer_edit, Qt.Key.Key_Return)
    assert dlg.chosen_names() == ["Smith, John"] and previews == []
    qtbot.keyClick(dlg.customer_edit, Qt.Key.Key_Return)  # nothing typed: the default button
    assert previews == ["preview"]


def test_every_report_exports_its_rows_from_its_options_dialog(
    qtbot: Any, company: Any, tmp_path: Path
) -> None:
    import csv

    from officemgr.ui.reports.menu import open_report_dialog

    smith = company.customers.add(name="Smith, John", phone="(555) 201-3344").id
    company.contact_log.add(owner=smith, kind="Call In", subject="Asked about the warranty")
    company.invoices.add(node=smith, lines=[{"description": "Visit", "rate": "95.00"}])
    for key, field, value in (
        ("contact-log", "subject", "Asked about the warranty"),
        ("customer-contact-list", "customer_job", "Smith, John"),
        ("open-balances", "customer", "Smith, John"),
    ):
        dlg = open_report_dialog(key, company, None)
        qtbot.addWidget(dlg)
        assert dlg.export_button.isVisibleTo(dlg)
        out = tmp_path / f"{key}.csv"
        with qtbot.waitSignal(dlg.report_finished, timeout=TIMEOUT):
            dlg.export(out)
        with out.open(encoding="utf-8-sig", newline="") as handle:
            assert [row[field] for row in csv.DictReader(handle)] == [value]
        dlg.close()
