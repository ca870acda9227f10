"""Fixtures for the billing dialogs: the Customer:Job form on a real temp company, a
customer with a job and final figures, and helpers to type into the dialogs' tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget

from officemgr.ui.changes import ChangeHub
from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.preferences import set_current_employee


@dataclass
class Books:
    """A customer (terms Net 30, taxed at 7.25 %) with a job whose final figures are known."""

    company: Any
    customer: int
    job: int
    tax_code: int
    net_30: int

    def invoice(
        self,
        node: int | None = None,
        amount: str = "1000",
        *,
        days_ago: int = 0,
        credit_override: str | None = None,
    ) -> Any:
        """An untaxed invoice dated ``days_ago`` (due 30 days after it)."""
        return self.company.invoices.add(
            node=node or self.job,
            lines=[
                {"description": "Work", "quantity": 1, "rate": Decimal(amount), "is_taxable": False}
            ],
            invoice_date=date.today() - timedelta(days=days_ago),
            credit_override=credit_override,
            by="Dana",
        )


@pytest.fixture
def books(company: Any) -> Books:
    lists = company.lists.all()
    net_30 = next(t.id for t in lists.terms if t.name == "Net 30")
    tax = company.lists.add_item(
        list_kind="tax_code", name="OH", rate_percent=Decimal("7.25"), is_taxable=True
    ).id
    customer = company.customers.add(
        name="Smith, John", terms_id=net_30, tax_code_id=tax, phone="(555) 201-3344"
    ).id
    job = company.jobs.add(parent=customer, name="Furnace Replacement", status="Closed").id
    co_jobs = company.jobs
    co_jobs.add_figure_line(
        job, phase="final", description="Furnace, 80,000 BTU", quantity=1, rate=Decimal("2150.00")
    )
    co_jobs.add_figure_line(
        job,
        phase="final",
        description="Labor hours",
        quantity=Decimal("6.5"),
        rate=Decimal("95.00"),
    )
    return Books(company, customer, job, tax, net_30)


@pytest.fixture
def hub() -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def form(qtbot: Any, company: Any, hub: ChangeHub, books: Books) -> CustomerJobForm:
    """The form, shown and active, as Dana's desk (made after the office lists of
    ``books``, as a window opened on that company would be)."""
    set_current_employee("Dana")
    widget = CustomerJobForm(company, hub)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def click(qtbot: Any, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_cell(
    qtbot: Any, view: QAbstractItemView, row: int, column: int, text: str, *, shown: str = ""
) -> None:
    """Go to a cell and type into it (the editor opens on the first key); Return commits.
    ``shown``: what the cell then shows, when not ``text`` itself (money is tidied)."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClicks(view, text[0])
    editor = view.focusWidget()
    assert editor is not view, "typing did not open the cell editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Return through a queued call.
    index = view.model().index(row, column)
    qtbot.waitUntil(lambda: index.data(Qt.ItemDataRole.EditRole) == (shown or text.strip()))


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    select_all = getattr(widget, "selectAll", None)
    if select_all is not None:
        select_all()
    qtbot.keyClicks(widget, text)
