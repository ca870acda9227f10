"""The main window as a user meets it: the list, the panel, menus, dialogs, settings."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

import officemgr
from officemgr.core import paths
from officemgr.ui.models.customer_job_tree import Column, Role


def listed(window: Any, parent: QModelIndex | None = None) -> list[str]:
    model = window.tree_view.model()
    parent = parent or QModelIndex()
    return [model.index(r, Column.NAME, parent).data() for r in range(model.rowCount(parent))]


def row_of(window: Any, name: str, parent: QModelIndex | None = None) -> QModelIndex:
    model = window.tree_view.model()
    parent = parent or QModelIndex()
    return model.index(listed(window, parent).index(name), Column.NAME, parent)


def click(qtbot: Any, window: Any, index: QModelIndex) -> None:
    view = window.tree_view
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def test_the_window_lists_the_customers_in_order(
    qtbot: Any, make_window: Any, tree_data: Any
) -> None:
    for name in ("Zeta Movers", "acme Heating", "Baker, Ann", "Smith, John"):
        tree_data.add(name)
    window = make_window()
    # The view asks the model for its first page by itself.
    qtbot.waitUntil(lambda: len(listed(window)) == 4)
    assert listed(window) == ["acme Heating", "Baker, Ann", "Smith, John", "Zeta Movers"]
    view = window.tree_view
    tops = [view.visualRect(row_of(window, name)).top() for name in listed(window)]
    assert tops == sorted(tops) and len(set(tops)) == 4  # drawn one under the other
    assert view.uniformRowHeights()


def test_a_customer_with_jobs_expands_to_show_them(
    qtbot: Any, make_window: Any, tree_data: Any
) -> None:
    smith = tree_data.add("Smith, John")
    tree_data.add("Furnace Replacement", smith)
    tree_data.add("Annual Service", smith)
    tree_data.add("Anderson, Mary")
    window = make_window()
    qtbot.waitUntil(lambda: len(listed(window)) == 2)
    customer = row_of(window, "Smith, John")
    assert window.tree_view.model().hasChildren(customer)
    assert not window.tree_view.model().hasChildren(row_of(window, "Anderson, Mary"))

    click(qtbot, window, customer)
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Right)  # expand, as with the arrow
    qtbot.waitUntil(lambda: window.tree_view.isExpanded(customer))
    assert listed(window, customer) == ["Annual Service", "Furnace Replacement"]
    job = row_of(window, "Annual Service", customer)
    assert window.tree_view.visualRect(job).left() > window.tree_view.visualRect(customer).left()


def test_show_inactive_adds_and_removes_the_inactive_rows(
    qtbot: Any, make_window: Any, tree_data: Any
) -> None:
    kept = tree_data.add("Kept Co")
    tree_data.add("Gone Co", active=False)
    tree_data.add("Old Job", kept, active=False)
    window = make_window()
    qtbot.waitUntil(lambda: listed(window) == ["Kept Co"])
    click(qtbot, window, row_of(window, "Kept Co"))
    assert not window.tree_view.model().hasChildren(row_of(window, "Kept Co"))

    window.show_inactive_action.trigger()
    qtbot.waitUntil(lambda: listed(window) == ["Gone Co", "Kept Co"])
    gone = row_of(window, "Gone Co")
    assert gone.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert row_of(window, "Kept Co").data(Qt.ItemDataRole.ForegroundRole) is None
    assert window.tree_view.current_row().name == "Kept Co"  # the selection survived
    kept_index = row_of(window, "Kept Co")
    window.tree_view.expand(kept_index)
    qtbot.waitUntil(lambda: listed(window, kept_index) == ["Old Job"])

    window.show_inactive_action.trigger()
    qtbot.waitUntil(lambda: listed(window) == ["Kept Co"])
    assert window.tree_model.show == "active"


def test_prospects_only_and_show_inactive_exclude_each_other(
    qtbot: Any, make_window: Any, tree_data: Any
) -> None:
    tree_data.add("Customer")
    tree_data.add("Prospect", prospect=True)
    tree_data.add("Gone", active=False)
    window = make_window()
    window.show_inactive_action.trigger()
    qtbot.waitUntil(lambda: listed(window) == ["Customer", "Gone", "Prospect"])
    window.prospects_action.trigger()
    qtbot.waitUntil(lambda: listed(window) == ["Prospect"])
    assert not window.show_inactive_action.isChecked()
    window.prospects_action.trigger()
    qtbot.waitUntil(lambda: listed(window) == ["Customer", "Prospect"])


def test_selecting_a_node_loads_it_in_the_form(
    qtbot: Any, make_window: Any, tree_data: Any
) -> None:
    held = tree_data.add("Baker, Tom", hold=True, balance="3412.75")
    job = tree_data.add("Water Heater", held, balance="3412.75")
    anderson = tree_data.add("Anderson, Mary")
    window = make_window()
    form = window.form
    qtbot.waitUntil(lambda: len(listed(window)) == 2)
    assert form.current_node_id is None
    assert not window.copy_name_action.isEnabled()

    customer = row_of(window, "Baker, Tom")
    window.tree_view.expand(customer)
    qtbot.waitUntil(lambda: listed(window, customer) == ["Water Heater"])
    click(qtbot, window, row_of(window, "Water Heater", customer))
    qtbot.waitUntil(lambda: form.current_node_id == job)
    assert window.copy_name_action.isEnabled()
    assert not window.place_hold_action.isEnabled()  # holds are placed on customers

    assert form.detail.full_name == "Baker, Tom:Water Heater"

    click(qtbot, window, row_of(window, "Anderson, Mary"))
    qtbot.waitUntil(lambda: form.current_node_id == anderson)
    assert form.detail.full_name == "Anderson, Mary"

    click(qtbot, window, row_of(window, "Baker, Tom"))
    qtbot.waitUntil(lambda: form.current_node_id == held)
    assert not window.place_hold_action.isEnabled()  # already on hold
    assert window.release_hold_action.isEnabled()


def test_copy_full_name(qtbot: Any, make_window: Any, tree_data: Any) -> None:
    smith = tree_data.add("Smith, John")
    job = tree_data.add("Furnace", smith)
    window = make_window()
    assert window.tree_view.select_node(job)
    QGuiApplication.clipboard().clear()
    window.copy_name_action.trigger()
    assert QGuiApplication.clipboard().text() == "Smith, John:Furnace"


def test_a_thousand_customers_load_as_the_list_scrolls(
    qtbot: Any, make_window: Any, tree_data: Any
) -> None:
    tree_data.add_customers(1_200)
    window = make_window()
    model = window.tree_model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    first = model.rowCount()
    assert first < 1_200  # a page, not the whole file
    qtbot.waitUntil(lambda: window.counts_label.full_text().startswith("1,200 customers"))

    window.tree_view.scrollToBottom()  # reaching the end asks for the next page
    qtbot.waitUntil(lambda: model.rowCount() > first)
    assert model.rowCount() < 1_200


def test_the_title_names_the_company_and_the_file(
    make_window: Any, company: Any, company_path: Path
) -> None:
    company.settings.update(company_name="Dayton Comfort Heating")
    window = make_window()
    assert window.windowTitle() == f"Dayton Comfort Heating — {company_path.name} — OfficeMgr"


def test_the_status_bar_counts_and_refresh(qtbot: Any, make_window: Any, tree_data: Any) -> None:
    smith = tree_data.add("Smith", hold=True)
    tree_data.add("Job", smith)
    tree_data.add("Prospect", prospect=True)
    tree_data.add("Gone", active=False)
    window = make_window()
    qtbot.waitUntil(lambda: "customers" in window.counts_label.full_text())  # counted off the GUI
    text = window.counts_label.full_text()
    assert "3 customers (2 active)" in text
    assert "1 job ·" in text.replace("  ", " ")
    assert "1 prospect ·" in text.replace("  ", " ")
    assert "1 on credit hold" in text
    assert str(window.company.path) in window.path_label.toolTip()

    qtbot.waitUntil(lambda: listed(window) == ["Prospect", "Smith"])
    tree_data.add("Newcomer")
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: listed(window) == ["Newcomer", "Prospect", "Smith"])
    qtbot.waitUntil(lambda: "4 customers (3 active)" in window.counts_label.full_text())


def test_about_shows_version_file_and_data_folder(make_window: Any, answer_modal: Any) -> None:
    window = make_window()
    seen: dict[str, str] = {}

    def read(box: QMessageBox) -> None:
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        box.accept()

    answer_modal(QMessageBox, read)
    window.about_action.trigger()
    assert seen["title"] == "About OfficeMgr"
    assert officemgr.__version__ in seen["text"]
    assert str(window.company.path) in seen["text"]
    assert str(paths.data_dir()) in seen["text"]


def test_menus_hold_working_actions_with_standard_keys(make_window: Any) -> None:
    window = make_window()
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["File", "Edit", "View", "Customers", "Reports", "Settings", "Help"]
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert QKeySequence("F5") in window.refresh_action.shortcuts()
    assert window.show_inactive_action.isCheckable()
    for action in window.tool_bar.actions():
        if not action.isSeparator():
            assert not action.icon().isNull() and action.toolTip(), action.text()
            assert action.statusTip(), action.text()


def test_window_geometry_and_splitter_are_restored(
    qtbot: Any, make_window: Any, window_settings: QSettings
) -> None:
    window = make_window()
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    window.resize(700, 500)
    window.splitter.setSizes([250, 450])
    sizes = window.splitter.sizes()
    window.close()
    assert window_settings.value("main_window/geometry") is not None

    again = make_window()
    assert (again.width(), again.height()) == (700, 500)
    assert again.splitter.sizes() == sizes


def test_the_user_settings_are_not_touched(make_window: Any, tmp_path: Path) -> None:
    from officemgr.ui.preferences import settings_store

    window = make_window(settings=None)  # the window's own default store
    window.close()
    store = settings_store()
    assert Path(store.fileName()).is_relative_to(tmp_path)
    assert store.value("main_window/geometry") is not None


def test_open_another_company_file(
    qtbot: Any,
    make_window: Any,
    tree_data: Any,
    template_company_file: Path,
    tmp_path: Path,
    answer_modal: Any,
) -> None:
    import shutil

    from officemgr import Company

    tree_data.add("From The First File")
    other_path = tmp_path / "Other.officemgr"
    shutil.copyfile(template_company_file, other_path)
    with Company.open(other_path) as other:
        other.settings.update(company_name="Other Company")
    window = make_window()
    qtbot.waitUntil(lambda: listed(window) == ["From The First File"])

    def choose(dialog: QFileDialog) -> None:
        name_field = dialog.findChild(QLineEdit, "fileNameEdit")  # type it, as a user would
        name_field.setText(str(other_path))
        dialog.accept()

    answer_modal(QFileDialog, choose)
    window.open_action.trigger()
    assert window.windowTitle().startswith("Other Company — Other.officemgr")
    assert Path(window.company.path) == other_path
    assert listed(window) == []
    assert window.form.company is window.company  # the form reads the new file
    assert window.form.current_node_id is None


def test_a_file_that_is_no_company_file_is_refused(
    qtbot: Any, make_window: Any, tree_data: Any, tmp_path: Path, answer_modal: Any
) -> None:
    tree_data.add("Still Here")
    window = make_window()
    bogus = tmp_path / "notes.officemgr"
    bogus.write_text("not a database")
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    answer_modal(QMessageBox, read)
    assert not window.open_company(bogus)
    assert "not an OfficeMgr company file" in seen[0]
    qtbot.waitUntil(lambda: listed(window) == ["Still Here"])
    assert bogus.read_text() == "not a database"


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_shown_logged_and_survived(
    qtbot: Any,
    make_window: Any,
    tree_data: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from officemgr.ui import errors

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    errors.install_excepthook()
    window = make_window()
    broken = QAction("Broken", window)

    def boom() -> None:
        raise RuntimeError("the printer caught fire")

    broken.triggered.connect(boom)
    with caplog.at_level(logging.ERROR, logger="officemgr"):
        broken.trigger()
        broken.trigger()  # a repeat is logged, but asked about only once
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]  # not the INFO lines
    assert [r.exc_info[0] for r in errors] == [RuntimeError, RuntimeError]

    def error_boxes() -> list[QMessageBox]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "unexpectedErrorDialog" and w.isVisible()
        ]

    qtbot.waitUntil(lambda: len(error_boxes()) == 1)
    box = error_boxes()[0]
    assert "the printer caught fire" in box.text()
    assert "RuntimeError" in box.detailedText()
    box.accept()
    qtbot.waitUntil(lambda: not error_boxes())

    tree_data.add("Still Working")  # the window carries on
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: listed(window) == ["Still Working"])
    assert row_of(window, "Still Working").data(Role.ROW).name == "Still Working"
