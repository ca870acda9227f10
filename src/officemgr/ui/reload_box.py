"""A save refused because someone else changed the record first, where the editor has no
field-by-field comparison (a contact, a pop-up note, a log correction, the settings):
say so and offer Reload, so the user is never left at a dead end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_reload(parent: QWidget, title: str, error: Exception) -> bool:
    """The message, then Reload (default) or Cancel; True: the caller shows the record
    as it is now, so the user can make the change again on top of theirs."""
    box = QMessageBox(parent)
    box.setObjectName("conflictReloadBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(str(error))
    box.setInformativeText(
        "Nothing was saved. Reload shows what they saved; then make your change again."
    )
    reload = box.addButton("&Reload", QMessageBox.ButtonRole.AcceptRole)
    reload.setObjectName("reloadButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(reload)
    box.setEscapeButton(cancel)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    return box.clickedButton() is reload
