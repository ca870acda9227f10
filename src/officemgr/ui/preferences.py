"""This desk's preferences (not the company's): who is working here, and when pop-up
notes they acknowledged show again.

Company-wide settings live in the company file (``co.settings``); what belongs to one
person at one desk — the current employee's name — lives in QSettings.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QSettings

from officemgr.core.paths import APP_NAME

EMPLOYEE_KEY = "preferences/current_employee"
POPUP_REPEAT_KEY = "preferences/popup_repeat"
POPUP_REPEAT_DEFAULT = "daily"
# core.choices.POPUP_REPEATS, as the Preferences page offers them
POPUP_REPEAT_TEXT = {
    "every_open": "Every time the record is opened",
    "daily": "Once a day, after Acknowledge",
    "until_changed": "After Acknowledge, only when the note changes",
}


def settings_store() -> QSettings:
    """Where this desk's state (window layout, preferences) is kept between runs.

    An INI file in the user's settings folder on every platform (not the registry or a
    plist), so ``QSettings.setPath`` can point it elsewhere, as the tests do.
    """
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def current_employee(settings: QSettings | None = None) -> str:
    """The name written on log entries, date stamps and credit holds from this desk."""
    store = settings or settings_store()
    name = store.value(EMPLOYEE_KEY, "")
    if isinstance(name, str) and name.strip():
        return name.strip()
    try:
        return getpass.getuser()
    except OSError:
        return "Office"


def employee_is_set(settings: QSettings | None = None) -> bool:
    """Whether someone said who works at this desk (else entries carry the login name)."""
    name = (settings or settings_store()).value(EMPLOYEE_KEY, "")
    return isinstance(name, str) and bool(name.strip())


def set_current_employee(name: str, settings: QSettings | None = None) -> None:
    (settings or settings_store()).setValue(EMPLOYEE_KEY, name.strip())


def popup_repeat(settings: QSettings | None = None) -> str:
    """When a pop-up note acknowledged at this desk shows again (`POPUP_REPEAT_TEXT`)."""
    value = (settings or settings_store()).value(POPUP_REPEAT_KEY, POPUP_REPEAT_DEFAULT)
    return value if isinstance(value, str) and value in POPUP_REPEAT_TEXT else POPUP_REPEAT_DEFAULT
