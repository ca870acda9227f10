"""Every settings page, the same three ways (Spyder's per-page test, made stronger).

Load it; save it unchanged and nothing in the company (or this desk's settings) changes;
change one field through its widgets, save, and the change is in the company and shows
when the dialog is opened again. A page without a case below fails here, on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from officemgr.ui.preferences import settings_store
from officemgr.ui.settings import SettingsPage, registered_pages
from officemgr.ui.settings.dialog import GEOMETRY_KEY

PAGE_NAMES = [page.name for page in registered_pages()]


@dataclass(frozen=True)
class PageCase:
    change: Callable[[Any, Any], None]  # (qtbot, page): change one field with the widgets
    stored: Callable[[Any], bool]  # (company): the change reached the company file
    shown: Callable[[Any], bool]  # (page of a new dialog): the page shows it
    announces: str  # the Changes flag the save announces


def _retype(qtbot: Any, edit: Any, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _change_office(qtbot: Any, page: Any) -> None:
    _retype(qtbot, page.edits["city"], "Springfield")


def _change_phones_money(qtbot: Any, page: Any) -> None:
    page.phone_region.setCurrentIndex(page.phone_region.findData("CA"))


def _change_preferences(qtbot: Any, page: Any) -> None:
    page.backups.selectAll()
    qtbot.keyClicks(page.backups, "25")


def _change_lists(qtbot: Any, page: Any) -> None:
    editor = page.show_list("customer_type")  # the first entry, Residential, is chosen
    _retype(qtbot, editor.form.widgets["name"], "Homeowner")  # left unsaved: OK saves it


def _change_job_types(qtbot: Any, page: Any) -> None:
    qtbot.mouseClick(page.editor.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor.form.widgets["name"], "Install")


def _change_custom_fields(qtbot: Any, page: Any) -> None:
    qtbot.mouseClick(page.editor.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor.form.widgets["name"], "Gate code")


CASES = {
    "office": PageCase(
        _change_office,
        stored=lambda co: co.settings.get().city == "Springfield",
        shown=lambda page: page.edits["city"].text() == "Springfield",
        announces="settings",
    ),
    "phones_money": PageCase(
        _change_phones_money,
        stored=lambda co: co.settings.get().default_phone_region == "CA",
        shown=lambda page: page.phone_region.currentData() == "CA",
        announces="settings",
    ),
    "preferences": PageCase(
        _change_preferences,
        stored=lambda co: co.settings.get().backups_to_keep == 25,
        shown=lambda page: page.backups.value() == 25,
        announces="settings",
    ),
    "lists": PageCase(
        _change_lists,
        stored=lambda co: co.lists.all().customer_types[0].name == "Homeowner",
        shown=lambda page: page.show_list("customer_type").model.record(0).name == "Homeowner",
        announces="lists",
    ),
    "job_types": PageCase(
        _change_job_types,
        stored=lambda co: [t.full_name for t in co.lists.all().job_types] == ["Install"],
        shown=lambda page: page.editor.tree.topLevelItem(0).text(0) == "Install",
        announces="lists",
    ),
    "custom_fields": PageCase(
        _change_custom_fields,
        stored=lambda co: [f.name for f in co.lists.all().custom_fields] == ["Gate code"],
        shown=lambda page: page.editor.model.record(0).name == "Gate code",
        announces="lists",
    ),
}


def _snapshot(company: Any) -> tuple[Any, ...]:
    desk = settings_store()
    desk_values = {k: desk.value(k) for k in desk.allKeys() if k != GEOMETRY_KEY}
    return company.settings.get(), company.lists.all(), desk_values


def test_every_page_is_registered_once_with_a_title_and_an_icon() -> None:
    pages = registered_pages()
    assert len({p.name for p in pages}) == len(pages) >= 6
    for page in pages:
        assert issubclass(page, SettingsPage)
        assert page.title and not page.icon().isNull(), page.name


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_saving_a_page_unchanged_changes_nothing(
    name: str, company: Any, make_dialog: Any, press: Any, hub: Any
) -> None:
    before = _snapshot(company)
    dialog = make_dialog(name)
    page = dialog.current_page()
    assert page.name == name and page.isVisible()
    press(dialog, "ok")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.saved
    assert hub.seen == []
    assert _snapshot(company) == before


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_a_change_on_a_page_persists(
    name: str, company: Any, make_dialog: Any, press: Any, qtbot: Any, hub: Any
) -> None:
    case = CASES[name]  # a new page needs a case here
    dialog = make_dialog(name)
    case.change(qtbot, dialog.current_page())
    assert not case.stored(company)
    with qtbot.waitSignal(hub.changed) as blocker:
        press(dialog, "ok")
    assert getattr(blocker.args[0], case.announces)
    assert blocker.args[1] is dialog
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved
    assert case.stored(company)

    again = make_dialog(name)
    assert case.shown(again.current_page())
