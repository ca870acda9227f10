"""Nothing cut off on a 1024×700 laptop or at 1366×800: every tab of the form (a customer
and a job), every Settings page, the toolbar."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QTableView, QToolBar, QToolButton

from officemgr.ui.changes import ChangeHub
from officemgr.ui.settings import SettingsDialog

from .conftest import SIZES, cut_cells, cut_widgets, settle


@pytest.fixture
def customer_with_a_job(company: Any) -> tuple[int, int]:
    co = company
    customer = co.customers.add(
        name="Bell-Featherstonehaugh, Shirley",
        phone="(555) 849-1119 x1234",
        email="shirley.featherstonehaugh@riverside-estates.example.com",
        bill_to={"line1": "1234 Riverside Estates Blvd", "city": "Dayton", "region": "OH",
                 "postal_code": "45402-1234"},
    ).id  # fmt: skip
    job = co.jobs.add(parent=customer, name="Furnace replacement").id
    co.invoices.add(
        node=job, lines=[{"description": "Service call", "rate": "150.00", "is_taxable": False}]
    )
    co.contact_log.add(
        owner=customer, kind="Call In", subject="Asked about the warranty",
        contact="Bartholomew Featherstonehaugh", employee="Dana Whitfield",
        follow_up_on=date(2026, 12, 24),
    )  # fmt: skip
    co.contact_log.add(owner=job, kind="Visit", subject="Furnace out", employee="Sam")
    co.contacts.add(owner=customer, name="Okafor, Ngozi", role="Tenant", phone="(555) 849-1120",
                    email="ngozi.okafor@riverside-estates.example.com")  # fmt: skip
    co.popups.add(
        owner=customer, text="Gate code 1234 — dog in the yard", on_open=False, on_billing=True
    )
    co.customers.place_credit_hold(customer, reason="Owes 90 days", by="Dana")
    return customer, job


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_tab_of_a_customer_or_a_job_is_cut(
    make_window: Any, customer_with_a_job: tuple[int, int], width: int, height: int
) -> None:
    window = make_window()
    window.resize(width, height)
    found: list[str] = []
    for node in customer_with_a_job:
        assert window.open_node(node)
        tabs = window.form.tabs
        for index in range(tabs.count()):
            if not tabs.isTabVisible(index):
                continue
            tabs.setCurrentIndex(index)
            settle()
            where = f"{width}×{height} {tabs.tabText(index)}"
            found += cut_widgets(tabs.currentWidget(), where)
        found += cut_widgets(window.form.header, f"{width}×{height} header")
        bar = tabs.tabBar()
        if bar.sizeHint().width() > tabs.width():
            found.append(f"{width}×{height}: the tabs of the form scroll")
    assert found == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_toolbar_button_shows_without_the_overflow_menu(
    make_window: Any, width: int, height: int
) -> None:
    window = make_window()
    window.resize(width, height)
    settle()
    for bar in window.findChildren(QToolBar):
        hidden = [
            button
            for button in bar.findChildren(QToolButton)
            if button.objectName() == "qt_toolbar_ext_button" and button.isVisible()
        ]
        assert hidden == [], f"{bar.objectName()} overflows at {width}×{height}"


def test_no_settings_page_is_cut_at_1024_by_700(qtbot: Any, company: Any) -> None:
    dialog = SettingsDialog(company, ChangeHub())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(min(dialog.width(), 1000), min(dialog.height(), 660))
    found: list[str] = []
    for page in dialog.pages:
        dialog.show_page(page.name)
        settle()
        found += cut_widgets(dialog.stack.currentWidget(), f"Settings › {page.title}")
    assert found == []


def test_the_lists_of_the_tabs_show_their_short_values_whole(
    make_window: Any, customer_with_a_job: tuple[int, int]
) -> None:
    """At 1366×800 the date, kind, owner, contact, employee and follow-up of a log entry,
    an invoice's figures on the Account tab, a contact's name and phones, are not cut."""
    window = make_window()
    window.resize(1366, 800)
    customer, _job = customer_with_a_job
    assert window.open_node(customer)
    form = window.form
    found: list[str] = []
    for tab in (form.contact_log_tab, form.account_tab, form.contacts_tab):
        form.tabs.setCurrentWidget(tab)
        settle()
        for view in tab.findChildren(QTableView):
            if view.isVisible():
                found += cut_cells(view, f"{tab.title} {view.objectName()}")
    assert found == [], "\n".join(found)
