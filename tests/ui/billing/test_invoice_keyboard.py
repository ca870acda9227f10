"""The invoice lines typed from the keyboard: Tab runs on to a new line, rates show in the
office's way with two decimals, and a line's message goes as soon as the line is right."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from officemgr.ui.billing.invoice_dialog import InvoiceDialog
from officemgr.ui.billing.invoice_lines_model import Column
from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.formatting import use_numbers

from .conftest import Books, click, type_cell

TAB, BACKTAB = Qt.Key.Key_Tab, Qt.Key.Key_Backtab


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def at(dialog: InvoiceDialog) -> tuple[int, int]:
    index = dialog.view.currentIndex()
    return index.row(), index.column()


def editing(dialog: InvoiceDialog) -> bool:
    """An editor of a cell has the focus (not the table itself)."""
    widget = focus()
    return widget is not dialog.view and dialog.view.isAncestorOf(widget)


def type_here(qtbot: Any, dialog: InvoiceDialog, text: str) -> None:
    """Type into the cell the cursor is on: the first key opens its editor, if not open."""
    if not editing(dialog):
        qtbot.keyClicks(dialog.view, text[0])
        text = text[1:]
        assert editing(dialog), "typing did not open the cell editor"
    qtbot.keyClicks(focus(), text)


def press(qtbot: Any, key: Qt.Key) -> None:
    """A key where the focus is (the table, or the editor open in it)."""
    qtbot.keyClick(focus(), key)


def shown(dialog: InvoiceDialog, row: int, column: Column) -> str:
    return str(dialog.model.index(row, column).data())


def test_tab_past_the_last_cell_starts_a_new_line_and_shift_tab_goes_back(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.customer)
    seen: dict[str, Any] = {}

    def type_two_lines(dialog: InvoiceDialog) -> None:
        qtbot.waitUntil(dialog.view.hasFocus)
        assert at(dialog) == (0, Column.DESCRIPTION)
        type_here(qtbot, dialog, "Service call")
        press(qtbot, TAB)  # to the quantity, its editor open
        assert (at(dialog), editing(dialog)) == ((0, Column.QUANTITY), True)
        press(qtbot, TAB)  # 1 stays the quantity
        type_here(qtbot, dialog, "89")
        press(qtbot, TAB)  # past Amount (worked out) to Taxable
        assert (at(dialog), focus()) == ((0, Column.TAXABLE), dialog.view)
        press(qtbot, TAB)  # the last cell of the last line: a new line
        seen["new line"] = (dialog.model.rowCount(), at(dialog), focus() is dialog.view)
        type_here(qtbot, dialog, "Filter")
        press(qtbot, BACKTAB)  # back the way it came: the line above, its last cell
        seen["back"] = at(dialog)
        press(qtbot, BACKTAB)
        seen["back again"] = at(dialog)
        dialog.view.setCurrentIndex(dialog.model.index(1, Column.RATE))
        type_here(qtbot, dialog, "24.5")
        press(qtbot, TAB)
        press(qtbot, TAB)  # a new line 3, left blank …
        press(qtbot, TAB)
        press(qtbot, TAB)
        press(qtbot, TAB)
        press(qtbot, TAB)  # … so Tab from its last cell leaves the lines
        seen["out"] = (dialog.model.rowCount(), focus() is dialog.add_line_button)
        dialog.ok_button.click()

    answer_modal(InvoiceDialog, type_two_lines)
    form.new_invoice()
    assert seen == {
        "new line": (2, (1, Column.DESCRIPTION), True),
        "back": (0, Column.TAXABLE),
        "back again": (0, Column.RATE),
        "out": (3, True),
    }
    (invoice,) = company.invoices.list_for(books.customer)
    lines = company.invoices.get(invoice.id).lines
    assert [(line.description, line.rate) for line in lines] == [
        ("Service call", Decimal("89")),
        ("Filter", Decimal("24.5")),
    ]


def test_shift_tab_from_the_first_cell_leaves_the_lines(
    form: CustomerJobForm, books: Books, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.customer)
    seen: list[Any] = []

    def back_out(dialog: InvoiceDialog) -> None:
        qtbot.waitUntil(dialog.view.hasFocus)
        press(qtbot, BACKTAB)
        seen.append((focus() is dialog.terms_combo, dialog.model.rowCount()))
        dialog.reject()

    answer_modal(InvoiceDialog, back_out)
    form.new_invoice()
    assert seen == [(True, 1)]


@pytest.mark.parametrize(
    ("locale", "rates", "expected"),
    [
        ("en_US", ("185.5", "89", "1234.5"), ("185.50", "89.00", "1,234.50")),
        ("de_DE", ("185,5", "89", "1234,5"), ("185,50", "89,00", "1.234,50")),
    ],
)
def test_rates_show_in_the_offices_way_with_two_decimals_right_aligned(
    form: CustomerJobForm,
    books: Books,
    company: Any,
    qtbot: Any,
    answer_modal: Any,
    locale: str,
    rates: tuple[str, ...],
    expected: tuple[str, ...],
) -> None:
    use_numbers(company.settings.update(number_locale=locale).numbers)
    form.load(books.customer)
    seen: dict[str, Any] = {}

    def fill(dialog: InvoiceDialog) -> None:
        for row, rate in enumerate(rates):
            if row:
                dialog.add_line()
            type_cell(qtbot, dialog.view, row, Column.DESCRIPTION, f"Line {row + 1}")
            type_cell(qtbot, dialog.view, row, Column.RATE, rate)
        seen["rates"] = tuple(shown(dialog, row, Column.RATE) for row in range(len(rates)))
        seen["amounts"] = tuple(shown(dialog, row, Column.AMOUNT) for row in range(len(rates)))
        seen["edited as typed"] = dialog.model.index(1, Column.RATE).data(Qt.ItemDataRole.EditRole)
        seen["right"] = {
            bool(dialog.model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole) & 0x2)
            for column in (Column.RATE, Column.AMOUNT)
        }
        dialog.reject()

    answer_modal(InvoiceDialog, fill)
    form.new_invoice()
    assert seen == {
        "rates": expected,
        "amounts": expected,
        "edited as typed": "89",
        "right": {True},
    }


def test_a_typo_in_a_rate_still_shows_as_typed(
    form: CustomerJobForm, books: Books, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.customer)
    seen: list[str] = []

    def fill(dialog: InvoiceDialog) -> None:
        type_cell(qtbot, dialog.view, 0, Column.RATE, "89.5o")
        seen.append(shown(dialog, 0, Column.RATE))
        dialog.reject()

    answer_modal(InvoiceDialog, fill)
    form.new_invoice()
    assert seen == ["89.5o"]


def test_a_lines_message_goes_once_the_line_is_fixed(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.customer)
    seen: dict[str, Any] = {}

    def fix(dialog: InvoiceDialog) -> None:
        type_cell(qtbot, dialog.view, 0, Column.DESCRIPTION, "Service call")
        type_cell(qtbot, dialog.view, 0, Column.RATE, "89.5o")
        qtbot.keyClick(dialog.memo_edit, Qt.Key.Key_Return)  # Enter saves: refused
        seen["refused"] = dialog.errors()
        type_cell(qtbot, dialog.view, 0, Column.DESCRIPTION, "Service call, Saturday")
        seen["still wrong"] = dialog.errors()
        type_cell(qtbot, dialog.view, 0, Column.RATE, "89.50")
        seen["fixed"] = (dialog.errors(), dialog.lines_message.isVisible())
        dialog.reject()

    answer_modal(InvoiceDialog, fix)
    form.new_invoice()
    wrong = (
        "Line 1: The rate must be a number written like 1,234.56 (English (United States)); "
        "“89.5o” is not."
    )
    assert seen == {"refused": [wrong], "still wrong": [wrong], "fixed": ([], False)}


def test_a_lines_message_goes_with_the_line_and_follows_it_up(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.customer)
    seen: dict[str, Any] = {}

    def remove(dialog: InvoiceDialog) -> None:
        for row, (description, rate) in enumerate(
            [("Service call", "89"), ("Parts", "12"), ("", "40")]
        ):
            if row:
                dialog.add_line()
            if description:
                type_cell(qtbot, dialog.view, row, Column.DESCRIPTION, description)
            type_cell(qtbot, dialog.view, row, Column.RATE, rate)
        qtbot.keyClick(dialog.memo_edit, Qt.Key.Key_Return)  # Enter saves: refused
        seen["refused"] = dialog.errors()
        qtbot.waitUntil(lambda: at(dialog) == (2, Column.DESCRIPTION))
        # The first line goes: the line at fault is line 2 now.
        dialog.view.setCurrentIndex(dialog.model.index(0, Column.DESCRIPTION))
        click(qtbot, dialog.remove_line_button)
        seen["renumbered"] = dialog.errors()
        # Then the line at fault goes too: so does its message.
        dialog.view.setCurrentIndex(dialog.model.index(1, Column.RATE))
        click(qtbot, dialog.remove_line_button)
        seen["removed"] = (dialog.errors(), dialog.model.rowCount())
        dialog.reject()

    answer_modal(InvoiceDialog, remove)
    form.new_invoice()
    assert seen == {
        "refused": ["Line 3: Describe what this line is for."],
        "renumbered": ["Line 2: Describe what this line is for."],
        "removed": ([], 1),
    }


def test_removing_a_line_keeps_what_the_service_said_of_the_others(
    form: CustomerJobForm, books: Books, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.customer)
    seen: list[Any] = []

    def remove(dialog: InvoiceDialog) -> None:
        dialog.add_line()
        dialog.add_line()
        dialog.model.set_error(1, Column.RATE, "Too much for one line.")
        dialog.view.setCurrentIndex(dialog.model.index(0, Column.DESCRIPTION))
        click(qtbot, dialog.remove_line_button)
        seen.append(
            [dialog.model.error_at(row, Column.RATE) for row in range(dialog.model.rowCount())]
        )
        dialog.reject()

    answer_modal(InvoiceDialog, remove)
    form.new_invoice()
    assert seen == [["Too much for one line.", None]]
