"""The menus, the toolbar and the keys: everything is there and reachable by keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

EXPECTED = {
    "File": [
        "New Company…",
        "Open Company…",
        "Connect to Server…",
        "Open Recent",
        "Back Up…",
        "Restore…",
        "Verify Data",
        "Import…",
        "Export…",
        "Print…",
        "Exit",
    ],
    "Edit": ["Undo", "Redo", "Cut", "Copy", "Paste", "Select All", "Copy Full Name"],
    "View": ["Quick Filter", "Show Inactive", "Prospects Only", "Refresh", "Collapse All"],
    "Customers": [
        "New Customer:Job…",
        "New Job for Selected…",
        "Edit",
        "Log a Call…",
        "New Invoice…",
        "Receive Payment…",
        "Save",
        "Revert",
        "Make Inactive",
        "Make Active",
        "Place on Credit Hold…",
        "Release Credit Hold…",
        "Find by Phone…",
        "Log This Call…",
        "Find Duplicates…",
        "Merge Into Selected…",
    ],
    "Reports": ["Contacts & Jobs", "Customers & Receivables", "Report Navigator…"],
    "Settings": ["Settings…", "Office Lists…"],
    "Help": ["About OfficeMgr"],
}


def shown(text: str) -> str:
    """A menu text as the user reads it: mnemonic marks dropped, "&&" shown as "&"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def items(menu: Any) -> list[str]:
    return [shown(a.text()) for a in menu.actions() if not a.isSeparator()]


def test_every_menu_has_its_items_in_order(driver: Any) -> None:
    d = driver()
    bar = [a.text().replace("&", "") for a in d.window.menuBar().actions()]
    assert bar == list(EXPECTED)
    for title, expected in EXPECTED.items():
        assert items(d.menu(title)) == expected, title


def test_the_keys_of_the_main_commands(driver: Any) -> None:
    w = driver().window
    keys = QKeySequence.StandardKey
    assert QKeySequence(keys.New) in w.new_customer_action.shortcuts()
    assert QKeySequence("Ctrl+N") in w.new_customer_action.shortcuts()
    assert w.new_job_action.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert w.find_phone_action.shortcut() == QKeySequence("Ctrl+Shift+F")
    assert QKeySequence("Ctrl+Q") in w.exit_action.shortcuts()
    assert QKeySequence("F5") in w.refresh_action.shortcuts()
    assert QKeySequence("F2") in w.edit_action.shortcuts()
    assert QKeySequence(keys.Find) in w.find_action.shortcuts()
    assert QKeySequence(keys.Print) in w.print_action.shortcuts()
    edit = w.edit_actions
    for action, key in (
        (edit.undo_action, keys.Undo),
        (edit.redo_action, keys.Redo),
        (edit.cut_action, keys.Cut),
        (edit.copy_action, keys.Copy),
        (edit.paste_action, keys.Paste),
        (edit.select_all_action, keys.SelectAll),
    ):
        assert action.shortcuts() == QKeySequence.keyBindings(key), action.text()


def test_every_menu_item_has_its_own_mnemonic_and_a_status_tip(driver: Any) -> None:
    d = driver()
    bar = [a.text() for a in d.window.menuBar().actions()]
    letters = [t[t.index("&") + 1].lower() for t in bar]
    assert len(set(letters)) == len(letters), bar  # Alt+letter opens each menu
    for title in EXPECTED:
        menu = d.menu(title)
        seen: list[str] = []
        for action in menu.actions():
            if action.isSeparator() or (not action.isEnabled() and title == "Reports"):
                continue
            text = action.text()
            assert "&" in text, f"{title} › {text} has no mnemonic"
            seen.append(text[text.index("&") + 1].lower())
            if action.menu() is None:
                assert action.statusTip(), f"{title} › {text} has no status tip"
        assert len(set(seen)) == len(seen), f"{title}: {seen}"


def test_the_toolbar_has_icons_tooltips_and_status_tips(driver: Any) -> None:
    w = driver().window
    texts = [a.text().replace("&", "") for a in w.tool_bar.actions() if not a.isSeparator()]
    assert texts == [
        "New Customer:Job…",
        "New Job for Selected…",
        "Save",
        "Revert",
        "Log a Call…",
        "New Invoice…",
        "Receive Payment…",
        "Find by Phone…",
        "Refresh",
        "Show Inactive",
        "Settings…",
    ]
    for action in w.tool_bar.actions():
        if not action.isSeparator():
            assert not action.icon().isNull(), action.text()
            assert action.toolTip() and action.statusTip(), action.text()
    assert "(Ctrl+N)" in w.new_customer_action.toolTip()


def test_reports_menu_lists_every_report_by_category(driver: Any) -> None:
    d = driver()
    from officemgr.reports import catalog

    categories = [a for a in d.menu("Reports").actions() if a.menu() is not None]
    assert [shown(a.text()) for a in categories] == list(catalog.CATEGORIES)
    for action in categories:
        listed = [e.name + "…" for e in catalog.by_category()[shown(action.text())]]
        assert items(action.menu()) == listed
    assert "Contact Log (Customer)…" in items(categories[0].menu())
    assert "Customer Statements…" in items(categories[1].menu())


def test_alt_c_then_n_starts_a_new_customer(qtbot: Any, driver: Any) -> None:
    d = driver()
    d.window.tree_view.setFocus()
    menu = d.menu("Customers")
    qtbot.keyClick(d.window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: d.window.form.is_new)
    assert d.window.form.detail.kind == "customer"


def test_the_edit_menu_acts_on_the_focused_field(qtbot: Any, driver: Any) -> None:
    d = driver()
    field: QLineEdit = d.window.pane.filter_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "Furnace")
    bar = d.window.menuBar()
    menu = d.menu("Edit")
    edit = d.window.edit_actions

    def choose(action: Any) -> None:  # with the mouse: the menu bar, then the item
        title = bar.actionGeometry(menu.menuAction()).center()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=title)
        qtbot.waitUntil(menu.isVisible)
        assert action.isEnabled(), action.text()
        d.click_menu_item(menu, action)
        qtbot.waitUntil(lambda: not menu.isVisible())

    choose(edit.select_all_action)
    assert field.selectedText() == "Furnace"
    choose(edit.cut_action)
    assert field.text() == ""
    choose(edit.paste_action)
    choose(edit.paste_action)
    assert field.text() == "FurnaceFurnace"
    choose(edit.undo_action)
    assert field.text() == "Furnace"
    assert field.hasFocus()

    # From the keyboard too: Alt+E, then the item's letter.
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: field.selectedText() == "Furnace")


def test_tab_goes_from_the_filter_to_the_list_to_the_form(
    qtbot: Any, driver: Any, tree_data: Any
) -> None:
    smith = tree_data.add("Smith, John")
    d = driver()
    w = d.window
    d.select(smith)
    d.focus(w.pane.filter_edit)
    reached = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached[:3] == [w.pane.mode_combo, w.pane.show_combo, w.tree_view]
    assert w.form.isAncestorOf(reached[3])


def test_settings_and_office_lists_open_the_settings_dialog(
    qtbot: Any, driver: Any, answer_modal: Any
) -> None:
    from officemgr.ui.settings import SettingsDialog

    w = driver().window
    pages: list[str] = []

    def read(dialog: QDialog) -> None:
        pages.append(dialog.current_page().name)
        dialog.reject()

    answer_modal(SettingsDialog, read)
    w.settings_action.trigger()
    answer_modal(SettingsDialog, read)
    w.office_lists_action.trigger()
    assert pages[1] == "lists"
    assert QApplication.activeModalWidget() is None
