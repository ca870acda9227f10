"""A damaged company file, told once per file with what to do: Verify Data, or restore
the newest backup. Nothing more is written to the file (``Company.damaged``); reads may
go on failing, and each failure after the first is only a line in the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from officemgr.errors import CompanyDamagedError
from officemgr.files import newest_backup
from officemgr.ui import errors

if TYPE_CHECKING:
    from officemgr.company import Company
    from officemgr.ui.file_actions import FileActions


class DamageHost(Protocol):
    company: Company
    file_actions: FileActions

    def show_status(self, text: str, msecs: int = ...) -> None: ...


class DamageNotice:
    """Shows the damage of ``host``'s company file once, with its remedies as buttons."""

    def __init__(self, host: DamageHost, parent: QWidget) -> None:
        self.host = host
        self.parent = parent
        self.told: set[Path] = set()
        self.last_box: QMessageBox | None = None
        errors.damage_handlers.append(self.handle)

    def detach(self) -> None:
        if self.handle in errors.damage_handlers:
            errors.damage_handlers.remove(self.handle)

    def handle(self, error: CompanyDamagedError) -> bool:
        """Tell the user about ``error`` if it is about this window's file."""
        path = Path(self.host.company.path)
        if error.path is not None and Path(str(error.path)) != path:
            return False
        self.host.company.damaged = error  # whoever found it first: nothing more written
        if path in self.told:
            self.host.show_status(str(error), 15_000)
            return True
        self.told.add(path)
        self._ask(error, path)
        return True

    def _ask(self, error: CompanyDamagedError, path: Path) -> None:
        box = QMessageBox(self.parent)
        box.setObjectName("damagedFileDialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Damaged Company File")
        box.setText(str(error))
        box.setInformativeText(
            "OfficeMgr will not save anything to this file. Verify Data lists what is "
            "wrong; restoring a backup replaces the file (it is kept as a backup first)."
        )
        verify = box.addButton("&Verify Data", QMessageBox.ButtonRole.AcceptRole)
        newest = newest_backup(path)
        restore = box.addButton(
            "&Restore Newest Backup…" if newest is not None else "&Restore a Backup…",
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Close)
        self.last_box = box

        def chosen(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is verify:
                self.host.file_actions.verify_data()
            elif clicked is restore:
                if newest is not None:
                    self.host.file_actions.confirm_and_restore(newest)
                else:
                    self.host.file_actions.restore()

        box.finished.connect(chosen)
        box.open()
