"""Settings › Phones & money › Numbers written as: the office's choice changes how every
amount on screen reads, and how it is typed, at once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from officemgr.ui.models.customer_job_tree import Column


def test_choosing_german_numbers_in_settings_changes_the_window(
    qtbot: Any, make_window: Any, company: Any, answer_modal: Any
) -> None:
    from officemgr.ui.settings import SettingsDialog

    customer = company.customers.add(name="Müller GmbH")
    company.invoices.add(
        node=customer.id, lines=[{"description": "Wartung", "rate": Decimal("1234.5")}]
    )
    window = make_window()
    assert window.open_node(customer.id)
    window.form.tabs.setCurrentWidget(window.form.account_tab)  # read when shown
    balance = window.tree_model.index_for_id(customer.id).siblingAtColumn(Column.BALANCE)
    assert balance.data() == "1,234.50"
    assert window.form.account_tab.values["balance"].text() == "1,234.50"

    def choose(dialog: Any) -> None:
        page = dialog.show_page("phones_money")
        combo = page.number_locale
        assert combo.currentData() == ""  # the computer's own, until the office chooses
        assert combo.itemText(0).startswith("This computer's: English (United States)")
        line = combo.lineEdit()
        line.selectAll()
        qtbot.keyClicks(line, "German (Germany)")  # part of a name offers the matches
        popup = combo.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert combo.currentText() == "German (Germany) — 1.234,56"
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), _LEFT)

    answer_modal(SettingsDialog, choose)
    assert window.open_settings()
    assert company.settings.get().number_locale == "de_DE"
    balance = window.tree_model.index_for_id(customer.id).siblingAtColumn(Column.BALANCE)
    assert balance.data() == "1.234,50"
    assert window.form.account_tab.values["balance"].text() == "1.234,50"
    # A new window on the same file reads numbers the German way from the start.
    window.close()
    again = make_window()
    assert again.open_node(customer.id)
    again.form.tabs.setCurrentWidget(again.form.account_tab)
    assert again.form.account_tab.values["balance"].text() == "1.234,50"


_LEFT = Qt.MouseButton.LeftButton
