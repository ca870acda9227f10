"""Fixtures for the Settings dialog: a change hub that records, and real dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from officemgr.ui.changes import ChangeHub, Changes
from officemgr.ui.settings import SettingsDialog


class RecordingHub(ChangeHub):
    """A ChangeHub that keeps every announcement, to assert on what was (not) announced."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Changes] = []
        self.changed.connect(lambda changes, _initiator: self.seen.append(changes))


@pytest.fixture
def hub() -> RecordingHub:
    return RecordingHub()


@pytest.fixture
def make_dialog(qtbot: Any, company: Any, hub: RecordingHub) -> Callable[..., SettingsDialog]:
    """Open a Settings dialog on the test company (shown, not exec'd), at ``page``."""

    def make(page: str | None = None) -> SettingsDialog:
        dialog = SettingsDialog(company, hub)
        qtbot.addWidget(dialog)
        if page is not None:
            dialog.show_page(page)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


BUTTONS = {
    "ok": QDialogButtonBox.StandardButton.Ok,
    "apply": QDialogButtonBox.StandardButton.Apply,
    "cancel": QDialogButtonBox.StandardButton.Cancel,
}


@pytest.fixture
def press(qtbot: Any) -> Callable[[SettingsDialog, str], None]:
    """Click a dialog button: ``press(dialog, "ok")`` (or "apply", "cancel")."""

    def click(dialog: SettingsDialog, which: str) -> None:
        qtbot.mouseClick(dialog.buttons.button(BUTTONS[which]), Qt.MouseButton.LeftButton)

    return click
