"""File › Connect to Server… typed into as a user would: the URL it gives the window (never
with the password), the keyboard path through it, and the password store it fills."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget
from sqlalchemy.engine import make_url

from officemgr.core.passwords import SERVICE
from officemgr.core.server_address import url_with_password
from officemgr.ui.server_dialog import TLS_CHOICES, ConnectToServerDialog
from tests.keyring_memory import MemoryKeyring

TRICKY_PASSWORD = "p@ss:/w%rd"


def _fields(dialog: ConnectToServerDialog) -> list[QWidget]:
    """The dialog's fields, in the order Tab goes through them."""
    return [
        dialog.host_edit,
        dialog.port_spin,
        dialog.database_edit,
        dialog.user_edit,
        dialog.password_edit,
        dialog.tls_combo,
        dialog.remember_check,
    ]


@pytest.fixture
def dialog(qtbot: Any) -> ConnectToServerDialog:
    dlg = ConnectToServerDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


def _type(qtbot: Any, dlg: ConnectToServerDialog, **fields: str) -> None:
    widgets = {
        "host": dlg.host_edit,
        "database": dlg.database_edit,
        "user": dlg.user_edit,
        "password": dlg.password_edit,
    }
    for name, text in fields.items():
        if name == "port":
            dlg.port_spin.setFocus()
            dlg.port_spin.selectAll()
            qtbot.keyClicks(dlg.port_spin, text)
        else:
            qtbot.keyClicks(widgets[name], text)


def _accept_by_keyboard(qtbot: Any, dlg: ConnectToServerDialog) -> None:
    dlg.password_edit.setFocus()
    qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Return)  # the default button: Connect


def test_connect_is_enabled_only_once_server_database_and_user_are_typed(
    qtbot: Any, dialog: ConnectToServerDialog, store: MemoryKeyring
) -> None:
    assert dialog.windowTitle() == "Connect to Server"
    assert dialog.port_spin.value() == 5432
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.host_edit, "db.local")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.database_edit, "acme")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.user_edit, "   ")  # spaces are not a name
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.user_edit, "office")
    assert dialog.ok_button.isEnabled()  # a password may be empty (trust, certificates)
    dialog.host_edit.clear()
    assert not dialog.ok_button.isEnabled()
    _accept_by_keyboard(qtbot, dialog)  # Return with Connect disabled does nothing
    assert dialog.isVisible() and dialog.result() == 0


def test_tab_goes_down_the_fields_then_to_the_buttons(
    qtbot: Any, dialog: ConnectToServerDialog
) -> None:
    dialog.host_edit.setFocus()
    seen: list[QWidget] = [QApplication.focusWidget()]
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[:7] == _fields(dialog)
    assert isinstance(seen[7].parent(), QDialogButtonBox)


def test_every_field_has_a_label_a_tooltip_and_an_accessible_name(
    dialog: ConnectToServerDialog,
) -> None:
    for field in _fields(dialog):
        assert field.toolTip(), field.objectName()
        assert field.accessibleName(), field.objectName()
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    assert [dialog.tls_combo.itemText(i) for i in range(dialog.tls_combo.count())] == [
        label for label, _mode in TLS_CHOICES
    ]
    assert dialog.remember_check.isChecked()


def test_the_url_quotes_tricky_names_and_never_holds_the_password(
    qtbot: Any, dialog: ConnectToServerDialog, store: MemoryKeyring
) -> None:
    _type(
        qtbot,
        dialog,
        host="::1",
        port="6543",
        database="acme & sons",
        user="o'brien",
        password=TRICKY_PASSWORD,
    )
    dialog.tls_combo.setCurrentIndex(dialog.tls_combo.findData("verify-full"))
    url = dialog.url()
    assert url == "postgresql://o%27brien@[::1]:6543/acme %26 sons?sslmode=verify-full"
    assert TRICKY_PASSWORD not in url and "w%rd" not in url and "p%40ss" not in url
    parsed = make_url(url)
    assert (parsed.username, parsed.host, parsed.port, parsed.database) == (
        "o'brien",
        "::1",
        6543,
        "acme & sons",
    )
    assert parsed.password is None
    assert parsed.query == {"sslmode": "verify-full"}
    assert dialog.password() == TRICKY_PASSWORD
    # What the window hands to Company.open, in memory only: the password, quoted, back.
    opened = make_url(url_with_password(url, dialog.password()))
    assert opened.password == TRICKY_PASSWORD
    fields = ("drivername", "username", "host", "port", "database", "query")
    assert [getattr(opened, f) for f in fields] == [getattr(parsed, f) for f in fields]


@pytest.mark.parametrize(("label", "mode"), TLS_CHOICES)
def test_each_tls_choice_is_its_sslmode(
    qtbot: Any, dialog: ConnectToServerDialog, label: str, mode: str
) -> None:
    _type(qtbot, dialog, host="db.local", database="acme", user="office")
    dialog.tls_combo.setCurrentIndex(dialog.tls_combo.findText(label))
    assert make_url(dialog.url()).query == {"sslmode": mode}
    assert dialog.url().startswith("postgresql://office@db.local:5432/acme?")


def test_remember_checked_keeps_the_password_in_the_store(
    qtbot: Any, dialog: ConnectToServerDialog, store: MemoryKeyring
) -> None:
    _type(qtbot, dialog, host="db.local", database="acme", user="office")
    _type(qtbot, dialog, password=TRICKY_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        _accept_by_keyboard(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert store.kept == {(SERVICE, "office@db.local:5432/acme"): TRICKY_PASSWORD}


def test_remember_unchecked_keeps_nothing_and_forgets_what_was_kept(
    qtbot: Any, dialog: ConnectToServerDialog, store: MemoryKeyring
) -> None:
    store.kept[(SERVICE, "office@db.local:5432/acme")] = "old one"
    _type(qtbot, dialog, host="db.local", database="acme", user="office", password="new one")
    dialog.remember_check.setFocus()
    qtbot.keyClick(dialog.remember_check, Qt.Key.Key_Space)  # unchecked by keyboard
    assert not dialog.remember_check.isChecked()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        _accept_by_keyboard(qtbot, dialog)
    assert store.kept == {}
    assert dialog.password() == "new one"  # the window still connects with it


def test_no_password_store_is_said_and_the_connection_still_goes_ahead(
    qtbot: Any, dialog: ConnectToServerDialog, no_store: Any, answer_modal: Any
) -> None:
    _type(qtbot, dialog, host="db.local", database="acme", user="office", password="secret")
    told: list[tuple[QMessageBox.Icon, str]] = []

    def read(box: QMessageBox) -> None:
        told.append((box.icon(), box.text()))
        box.accept()

    answer_modal(QMessageBox, read)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _accept_by_keyboard(qtbot, dialog)
    assert told and told[0][0] == QMessageBox.Icon.Warning
    assert told[0][1].startswith("This computer has no password store OfficeMgr can use:")
    assert "secret" not in told[0][1]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_known_url_fills_the_fields_and_the_kept_password(
    qtbot: Any, dialog: ConnectToServerDialog, store: MemoryKeyring
) -> None:
    store.kept[(SERVICE, "o'brien@[::1]:6543/acme & sons")] = TRICKY_PASSWORD
    url = "postgresql+psycopg://o%27brien@[::1]:6543/acme%20%26%20sons?sslmode=require"
    dialog.from_url(url)
    assert dialog.host_edit.text() == "::1"
    assert dialog.port_spin.value() == 6543
    assert dialog.database_edit.text() == "acme & sons"
    assert dialog.user_edit.text() == "o'brien"
    assert dialog.tls_combo.currentData() == "require"
    assert dialog.password() == TRICKY_PASSWORD
    assert dialog.ok_button.isEnabled()
    assert QApplication.focusWidget() is dialog.password_edit
    assert make_url(dialog.url()) == make_url(url).set(drivername="postgresql")


def test_a_known_url_keeps_its_other_settings_and_unknown_tls_mode(
    dialog: ConnectToServerDialog, store: MemoryKeyring
) -> None:
    dialog.from_url("postgresql://office@db.local/acme?sslmode=verify-ca&connect_timeout=3")
    assert dialog.port_spin.value() == 5432
    assert dialog.password() == ""  # none kept: typed next
    assert make_url(dialog.url()).query == {"sslmode": "verify-ca", "connect_timeout": "3"}
    with pytest.raises(ValueError):
        dialog.from_url("mysql://office@db.local/acme")
