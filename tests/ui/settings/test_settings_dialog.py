"""The dialog as a whole: every page checked before any is saved, the page at fault shown,
service errors at their field, conflicts, Apply, Cancel, keyboard, and open_settings."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from officemgr.ui.settings import (
    SettingsCheckError,
    SettingsContext,
    SettingsDialog,
    SettingsPage,
    open_settings,
    register_page,
)
from officemgr.ui.settings import page as page_module


def test_it_lists_every_page_with_its_icon_at_a_sensible_size(make_dialog: Any) -> None:
    dialog = make_dialog()
    titles = [dialog.page_list.item(i).text() for i in range(dialog.page_list.count())]
    assert titles == [
        "Office",
        "Phones & money",
        "Preferences",
        "Lists",
        "Job types",
        "Custom fields",
    ]
    assert all(not dialog.page_list.item(i).icon().isNull() for i in range(len(titles)))
    assert 700 <= dialog.width() <= 900 and 480 <= dialog.height() <= 640
    assert dialog.windowTitle() == "Settings" and dialog.isModal()


def test_an_empty_company_name_opens_its_page_and_nothing_is_saved(
    company: Any, make_dialog: Any, press: Any, hub: Any
) -> None:
    before = company.settings.get()
    dialog = make_dialog("phones_money")
    money = dialog.current_page()
    money.currency.setCurrentIndex(money.currency.findData("EUR"))  # a change on a good page
    office = dialog.page("office")
    office.edits["company_name"].clear()
    dialog.show_page("lists")

    press(dialog, "ok")

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.current_page() is office
    assert "needs a name; it prints at the top of every report" in dialog.message.text()
    assert dialog.focusWidget() is office.edits["company_name"]
    assert company.settings.get() == before  # the currency was not saved either
    assert hub.seen == []

    office.edits["company_name"].setText("Acme Heating")
    press(dialog, "ok")
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = company.settings.get()
    assert (saved.company_name, saved.currency) == ("Acme Heating", "EUR")


class FussyPage(SettingsPage):
    """A page added by a test: the dialog shows it unchanged, and it refuses to save."""

    name = "fussy"
    title = "Fussy"
    order = 25
    saves = 0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit(self)

    def check(self) -> None:
        raise SettingsCheckError("Fussy", "Not today.", self.box)

    def save(self, context: SettingsContext) -> None:
        FussyPage.saves += 1


def test_a_registered_page_is_shown_and_checked_before_any_page_saves(
    company: Any, make_dialog: Any, press: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_module, "_REGISTERED", list(page_module._REGISTERED))
    register_page(FussyPage)
    before = company.settings.get()
    dialog = make_dialog("office")
    _type_over(dialog.current_page().edits["city"], "Springfield")
    assert [p.name for p in dialog.pages][2:4] == ["fussy", "preferences"]
    press(dialog, "ok")
    assert dialog.current_page().name == "fussy"
    assert dialog.message.text() == "Fussy: Not today."
    assert dialog.focusWidget() is dialog.current_page().box
    assert FussyPage.saves == 0 and company.settings.get() == before


def test_a_refusal_from_the_service_is_shown_at_its_field(
    company: Any, make_dialog: Any, press: Any
) -> None:
    dialog = make_dialog("preferences")
    office = dialog.page("office")
    office.edits["company_name"].setText("Acme\x01 Heating")  # a control character
    press(dialog, "apply")
    assert dialog.current_page() is office
    assert "control characters" in dialog.message.text()
    assert dialog.focusWidget() is office.edits["company_name"]
    assert company.settings.get().company_name != "Acme\x01 Heating"


def test_a_save_over_someone_elses_change_is_refused_with_a_clear_message(
    company: Any, other_desk: Any, make_dialog: Any, press: Any, hub: Any
) -> None:
    dialog = make_dialog("office")
    other_desk.settings.update(city="Dayton")  # after the dialog read them
    _type_over(dialog.page("office").edits["city"], "Springfield")
    press(dialog, "ok")
    assert dialog.isVisible()
    assert "Someone else changed the office settings" in dialog.message.text()
    assert "Nothing was saved" in dialog.message.text()
    assert company.settings.get().city == "Dayton"
    assert hub.seen == []


def test_apply_saves_keeps_the_dialog_open_and_can_save_again(
    company: Any, make_dialog: Any, press: Any, hub: Any
) -> None:
    dialog = make_dialog("office")
    edits = dialog.page("office").edits
    _type_over(edits["city"], "Dayton")
    press(dialog, "apply")
    assert dialog.isVisible() and company.settings.get().city == "Dayton"
    _type_over(edits["region"], "OH")
    press(dialog, "apply")  # the version read after the first save is the one checked now
    assert dialog.message.text() == ""
    assert (company.settings.get().city, company.settings.get().region) == ("Dayton", "OH")
    assert [c.settings for c in hub.seen] == [True, True]


def test_cancel_saves_nothing(company: Any, make_dialog: Any, press: Any) -> None:
    before = company.settings.get()
    dialog = make_dialog("office")
    _type_over(dialog.page("office").edits["city"], "Springfield")
    press(dialog, "cancel")
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.saved
    assert company.settings.get() == before


def test_office_phone_is_formatted_and_odd_input_kept_with_a_warning(
    make_dialog: Any, qtbot: Any
) -> None:
    office = make_dialog("office").current_page()
    phone = office.edits["phone"]
    _type_over(phone, "9375550100")
    phone.editingFinished.emit()
    assert phone.text() == "(937) 555-0100"
    assert office.phone_warning.isHidden()
    _type_over(office.email, "office@@example")
    office.email.editingFinished.emit()
    assert office.email.text() == "office@@example"  # kept as typed
    assert not office.email_warning.isHidden()
    assert "does not look like an email address" in office.email_warning.text()


def test_pages_change_with_the_keyboard(make_dialog: Any, qtbot: Any) -> None:
    dialog = make_dialog()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.page_list, Qt.Key.Key_Down)
    assert dialog.current_page().name == "phones_money"
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert dialog.current_page().name == "preferences"
    qtbot.keyClick(dialog, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert dialog.current_page().name == "phones_money"


def test_every_form_label_has_a_buddy_with_a_shortcut(make_dialog: Any) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = make_dialog()
    for page in dialog.pages:
        for label in page.findChildren(QLabel):
            if label.buddy() is not None:
                assert "&" in label.text(), (page.name, label.text())


def test_open_settings_returns_whether_something_was_saved(
    company: Any, hub: Any, answer_modal: Any
) -> None:
    def change_and_ok(dialog: SettingsDialog) -> None:
        assert dialog.current_page().name == "preferences"
        dialog.current_page().title_case["off"].click()
        dialog.accept()

    answer_modal(SettingsDialog, change_and_ok)
    assert open_settings(company, hub, None, page="preferences") is True
    assert company.settings.get().title_case_mode == "off"

    answer_modal(SettingsDialog, lambda dialog: dialog.reject())
    assert open_settings(company, hub) is False


def _type_over(edit: Any, text: str) -> None:
    edit.selectAll()
    edit.insert(text)


def _tab_walk(qtbot: Any, start: QWidget, steps: int) -> list[str]:
    start.setFocus()
    names = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        names.append(widget.objectName() or widget.metaObject().className())
    return names


def test_tab_goes_through_a_list_its_buttons_its_form_and_the_dialog_buttons(
    make_dialog: Any, qtbot: Any
) -> None:
    dialog = make_dialog()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    page = dialog.show_page("lists")
    editor = page.show_list("terms")
    for button, name in (
        (editor.new_button, "new"),
        (editor.active_button, "active"),
        (editor.up_button, "up"),
        (editor.down_button, "down"),
        (editor.revert_button, "revert"),
    ):
        button.setObjectName(name)
    editor.down_button.setEnabled(True)
    editor.revert_button.setEnabled(True)
    walk = _tab_walk(qtbot, page.chooser, 11)
    assert walk[:10] == [
        "entries",
        "new",
        "active",
        "down",  # Move Up is disabled on the first entry
        "field_name",
        "field_net_days",
        "field_discount_percent",
        "field_discount_days",
        "revert",
        "QPushButton",  # OK, the dialog's default button
    ]
