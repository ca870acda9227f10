"""The Settings dialog and its pages (office, phones & money, preferences, office lists).

The main window calls :func:`open_settings`. A new page subclasses :class:`SettingsPage`,
is decorated with :func:`register_page` and imported here; the dialog needs no change.
"""

from officemgr.ui.settings import list_pages, office_pages  # noqa: F401  (registers the pages)
from officemgr.ui.settings.dialog import SettingsDialog, open_settings
from officemgr.ui.settings.page import (
    SettingsCheckError,
    SettingsContext,
    SettingsPage,
    register_page,
    registered_pages,
)

__all__ = [
    "SettingsCheckError",
    "SettingsContext",
    "SettingsDialog",
    "SettingsPage",
    "open_settings",
    "register_page",
    "registered_pages",
]
