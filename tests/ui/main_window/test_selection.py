"""The list and the form stay together: unsaved changes are asked about, saves show in the list."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from officemgr.ui.changes import Changes


def type_name(qtbot: Any, form: Any, text: str) -> None:
    edit = form.address_tab.name_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.waitUntil(lambda: form.is_dirty)


def answer(button: QMessageBox.StandardButton, seen: list[str] | None = None) -> Any:
    def click(box: QMessageBox) -> None:
        if seen is not None:
            seen.append(box.text())
        box.button(button).click()

    return click


def test_cancel_in_the_unsaved_changes_prompt_keeps_the_record_and_its_row(
    qtbot: Any, driver: Any, tree_data: Any, company: Any, answer_modal: Any
) -> None:
    smith = tree_data.add("Smith, John")
    baker = tree_data.add("Baker, Ann")
    d = driver()
    w = d.window
    d.select(smith)
    type_name(qtbot, w.form, "Smith, Jon")
    seen: list[str] = []

    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Cancel, seen))
    d.click_row("Baker, Ann")
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["Do you want to save the changes to “Smith, Jon”?"]
    qtbot.waitUntil(lambda: w.current_node() is not None and w.current_node().id == smith)
    assert w.form.current_node_id == smith and w.form.is_dirty
    assert w.form.address_tab.name_edit.text() == "Smith, Jon"  # nothing typed is lost

    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Discard))
    d.click_row("Baker, Ann")
    qtbot.waitUntil(lambda: w.form.current_node_id == baker)
    assert w.current_node().id == baker
    assert company.customers.get(smith).name == "Smith, John"


def test_save_in_the_prompt_saves_and_the_list_shows_the_new_name(
    qtbot: Any, driver: Any, tree_data: Any, answer_modal: Any
) -> None:
    smith = tree_data.add("Smith, John")
    baker = tree_data.add("Baker, Ann")
    d = driver()
    w = d.window
    d.select(smith)
    type_name(qtbot, w.form, "Zimmer, John")
    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Save))
    d.click_row("Baker, Ann")
    qtbot.waitUntil(lambda: w.form.current_node_id == baker)
    qtbot.waitUntil(lambda: d.listed() == ["Baker, Ann", "Zimmer, John"])
    assert w.current_node().id == baker


def test_a_save_in_the_form_refreshes_the_list_and_keeps_the_selection(
    qtbot: Any, driver: Any, tree_data: Any
) -> None:
    smith = tree_data.add("Smith, John")
    furnace = tree_data.add("Furnace", smith)
    tree_data.add("Acme")
    d = driver()
    w = d.window
    d.select(furnace)
    type_name(qtbot, w.form, "Boiler")
    qtbot.keyClick(w.form.address_tab.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    smith_row = d.row_of("Smith, John")
    qtbot.waitUntil(lambda: d.listed(smith_row) == ["Boiler"])
    assert w.tree_view.isExpanded(d.row_of("Smith, John"))
    assert w.current_node().full_name == "Smith, John:Boiler"
    assert w.form.current_node_id == furnace


def test_a_new_customer_saved_in_the_form_is_selected_in_the_list(
    qtbot: Any, driver: Any, tree_data: Any
) -> None:
    tree_data.add("Acme")
    d = driver()
    w = d.window
    qtbot.waitUntil(lambda: d.listed() == ["Acme"])
    d.focus(w.tree_view)
    qtbot.keyClick(w.tree_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(w.form.address_tab.name_edit.hasFocus)
    qtbot.keyClicks(w.form.address_tab.name_edit, "Zed Plumbing")
    with qtbot.waitSignal(w.form.saved) as saved:
        w.form.save_action.trigger()
    qtbot.waitUntil(lambda: d.listed() == ["Acme", "Zed Plumbing"])
    qtbot.waitUntil(lambda: w.current_node() is not None)
    assert w.current_node().id == saved.args[0]
    qtbot.waitUntil(lambda: "2 customers" in w.counts_label.full_text())


def test_announcements_from_elsewhere_reload_the_list_but_not_its_own(
    qtbot: Any, driver: Any, tree_data: Any, company: Any
) -> None:
    smith = tree_data.add("Smith, John")
    d = driver()
    w = d.window
    d.select(smith)
    company.customers.add(name="Added Elsewhere")
    w.hub.announce(Changes(nodes=True), w)  # its own: already handled where it was made
    assert d.listed() == ["Smith, John"]
    w.hub.announce(Changes(nodes=True), object())
    qtbot.waitUntil(lambda: d.listed() == ["Added Elsewhere", "Smith, John"])
    assert w.current_node().id == smith
    qtbot.waitUntil(lambda: "2 customers" in w.counts_label.full_text())


def test_closing_the_window_asks_about_unsaved_changes(
    qtbot: Any, driver: Any, tree_data: Any, answer_modal: Any
) -> None:
    smith = tree_data.add("Smith, John")
    d = driver()
    w = d.window
    d.select(smith)
    type_name(qtbot, w.form, "Smith, Jon")
    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Cancel))
    assert not w.close()
    assert w.isVisible()
    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Discard))
    assert w.close()


def test_opening_another_company_asks_about_unsaved_changes(
    qtbot: Any,
    driver: Any,
    tree_data: Any,
    template_company_file: Path,
    tmp_path: Path,
    answer_modal: Any,
) -> None:
    smith = tree_data.add("Smith, John")
    other = tmp_path / "Other.officemgr"
    shutil.copyfile(template_company_file, other)
    d = driver()
    w = d.window
    d.select(smith)
    type_name(qtbot, w.form, "Smith, Jon")
    before = w.company
    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Cancel))
    assert not w.open_company(other)
    assert w.company is before and w.form.is_dirty


def test_a_record_far_down_opens_at_once_and_the_list_above_follows_on_scrolling(
    qtbot: Any, driver: Any, tree_data: Any
) -> None:
    tree_data.add_customers(5_000)
    far = tree_data.add("Customer 04000b")
    d = driver()
    view, model = d.window.tree_view, d.window.tree_model
    d.select(far)
    assert not model.starts_at_top and model.rowCount() < 1_000  # no 4,000 rows read first
    assert d.window.current_node().id == far

    view.setFocus()
    loaded = model.rowCount()
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    qtbot.waitUntil(lambda: model.rowCount() >= loaded + 100)  # the page above was read …
    assert d.window.current_node().id == far  # … and the selection stayed put
    while not model.starts_at_top:  # Up at the first loaded row reads upwards and moves on
        view.setCurrentIndex(model.index(0, 0))  # (going to the top may read already)
        number = int(view.currentIndex().data().split()[1])
        qtbot.keyClick(view, Qt.Key.Key_Up)
        assert view.currentIndex().data() == f"Customer {number - 1:05d}"
    assert model.index(0, 0).data() == "Customer 00001"
