"""The program's own SVG icons, loaded once from ``officemgr.resources/icons``."""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

# Every icon in resources/icons/ (tests/ui/test_icons.py checks files and names agree).
ICON_NAMES = (
    "about",
    "backup",
    "collapse",
    "copy",
    "find-phone",
    "hold",
    "inactive",
    "invoice",
    "new-customer",
    "new-job",
    "officemgr",
    "open",
    "payment",
    "popup-note",
    "print",
    "prospect",
    "refresh",
    "restore",
    "revert",
    "save",
    "settings",
    "show-inactive",
    "verify",
)


def icon_path(name: str) -> Path:
    """Where the SVG of icon ``name`` lives (a real file in every way OfficeMgr is installed)."""
    return Path(str(resources.files("officemgr.resources").joinpath("icons", f"{name}.svg")))


@cache
def icon(name: str) -> QIcon:
    """The icon ``name``; an empty icon (and a log line) if the file is missing."""
    path = icon_path(name)
    if not path.is_file():
        log.warning("Icon %s is missing (%s)", name, path)
        return QIcon()
    return QIcon(str(path))
