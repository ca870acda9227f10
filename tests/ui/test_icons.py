"""Every icon the window uses is shipped, loads, and draws something."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QColor

from officemgr.ui.icons import ICON_NAMES, icon, icon_path

KNOWN = ICON_NAMES


def test_every_icon_file_is_known_and_every_known_icon_draws() -> None:
    shipped = {
        entry.name.removesuffix(".svg")
        for entry in resources.files("officemgr.resources").joinpath("icons").iterdir()
        if entry.name.endswith(".svg")
    }
    assert shipped == set(KNOWN)
    for name in KNOWN:
        assert icon_path(name).is_file()
        image = icon(name).pixmap(16, 16).toImage()
        assert not image.isNull(), name
        painted = {QColor(image.pixel(x, y)).alpha() > 0 for x in range(16) for y in range(16)}
        assert True in painted, f"{name} draws nothing"


def test_a_missing_icon_is_empty_not_an_error() -> None:
    assert icon("no-such-icon").isNull()
