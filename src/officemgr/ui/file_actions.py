"""The File menu: New Company, Open, Open Recent, Backup, Restore, Verify Data, Exit.

Backup, Restore, Verify Data and its Repair run on a worker thread behind a progress
dialog; each worker opens the company file itself by path (``files.make_backup``,
``files.restore_backup``, ``files.verify``, ``files.repair``), never a connection the window
holds. Their outcome arrives by signal (``backup_finished``, ``restore_finished``,
``verify_finished``, ``repair_finished``, ``task_failed``).

Automatic backups: a daily one when a company is opened (quietly, on a worker thread of
its own: ``auto_backup_finished`` / ``auto_backup_failed``) and one as the window closes
(``backup_on_close``). The office setting ``backups_to_keep`` says how many are kept.

The window this serves (the *host*) switches company files itself; see ``CompanyHost``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from officemgr.core import paths
from officemgr.core.location import company_location, is_server_url, location_key, location_label
from officemgr.errors import CompanyDamagedError, OfficeMgrError
from officemgr.files import (
    STORAGE_ERRORS,
    ChangeStamp,
    CheckReport,
    RepairResult,
    auto_backup,
    change_stamp,
    make_backup,
    repair,
    restore_backup,
    verify,
)
from officemgr.ui.actions import make_action
from officemgr.ui.background import Task, TaskFailure, TaskRunner
from officemgr.ui.changes import ChangeHub, Changes
from officemgr.ui.errors import message_box, report_failure
from officemgr.ui.operations import Operations
from officemgr.ui.status_line import DEFAULT_MS, Priority, StatusLine
from officemgr.ui.verify_dialog import VerifyDialog

if TYPE_CHECKING:
    from officemgr.company import Company
    from officemgr.ui.export_dialog import ExportDialog
    from officemgr.ui.imports.wizard import ImportWizard

log = logging.getLogger(__name__)

COMPANY_FILTER = f"OfficeMgr company files (*{paths.COMPANY_SUFFIX});;All files (*)"
RECENT_KEY = "recent_files"
RESTORE_TIP = "Replace the company file with a backup (the current file is kept as a backup)"
RECENT_LIMIT = 8
PROGRESS_DELAY_MS = 400  # a quick backup finishes before a progress dialog would flash
BACKUP = "backup"  # the status line's owner of the backups' messages
# What a backup on closing may fail with: told in a box, never stopping the window closing.
_BACKUP_ERRORS: tuple[type[Exception], ...] = (OfficeMgrError, *STORAGE_ERRORS)


class CompanyHost(Protocol):
    """What the File menu needs from the main window."""

    company: Company
    hub: ChangeHub
    ops: Operations
    status_line: StatusLine

    def leave_record(self) -> bool: ...  # unsaved changes: saved, discarded (True) or kept

    def open_company(self, location: Path | str, *, create: bool = False) -> bool: ...

    def release_company(self) -> None: ...  # close the file (for a restore)

    def reopen_company(self, path: Path) -> bool: ...  # after a restore

    def show_status(self, text: str, msecs: int = ...) -> None: ...


class RecentFiles:
    """The last company files opened at this desk, newest first (kept in QSettings)."""

    def __init__(self, settings: QSettings, *, limit: int = RECENT_LIMIT) -> None:
        self._settings = settings
        self.limit = limit

    def paths(self) -> list[Path | str]:
        """Files as paths; companies on a server as their addresses (never a password)."""
        value = self._settings.value(RECENT_KEY)
        if value is None:
            items: list[str] = []
        elif isinstance(value, str):  # an INI file gives one entry back as a string
            items = [value] if value else []
        else:
            items = [str(item) for item in value if item]
        return [company_location(item) for item in items][: self.limit]

    def add(self, location: Path | str) -> None:
        if not is_server_url(location):
            location = Path(location).absolute()
        key = location_key(location)
        kept = [p for p in self.paths() if location_key(p) != key]
        self._save([location, *kept][: self.limit])

    def remove(self, location: Path | str) -> None:
        key = location_key(location)
        self._save([p for p in self.paths() if location_key(p) != key])

    def clear(self) -> None:
        self._save([])

    def _save(self, items: list[Path | str]) -> None:
        self._settings.setValue(RECENT_KEY, [str(p) for p in items])
        self._settings.sync()


def with_suffix(name: str) -> Path:
    path = Path(name)
    return (
        path
        if path.suffix == paths.COMPANY_SUFFIX
        else path.with_name(path.name + paths.COMPANY_SUFFIX)
    )


class FileActions(QObject):
    """The File menu's actions and what they do."""

    backup_finished = Signal(object)  # the backup's Path
    restore_finished = Signal(object)  # where the replaced file was kept (Path or None)
    verify_finished = Signal(object)  # the CheckReport
    repair_finished = Signal(object)  # the RepairResult
    task_failed = Signal(object)  # a TaskFailure of any of the four
    auto_backup_finished = Signal(object)  # the automatic backup's Path (None: not needed)
    auto_backup_failed = Signal(object)  # a TaskFailure

    def __init__(self, host: CompanyHost, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.host: CompanyHost = host
        self.parent_widget = parent  # the window: dialogs open over it
        self.recent = RecentFiles(settings)
        self.runner = TaskRunner(max_threads=1, parent=self)
        # Automatic backups have their own worker: the File menu stays free meanwhile.
        self.auto_runner = TaskRunner(max_threads=1, parent=self)
        # The file as it was when it was last backed up automatically (or found backed
        # up today): closing backs it up again only if it changed since.
        self._stamp_backed_up: ChangeStamp | None = None
        self.progress: QProgressDialog | None = None
        self.last_dialog: QWidget | None = None  # the last result shown (tests read it)
        self._make_open_actions()
        self._make_backup_actions()
        self._make_transfer_actions()
        self._make_exit_action()
        self.fill_recent_menu()

    def _action(self, text: str, slot: Callable[[], Any], tip: str, **kwargs: Any) -> QAction:
        return make_action(self, text, slot, tip=tip, **kwargs)

    def _make_open_actions(self) -> None:
        self.new_company_action = self._action(
            "&New Company…",
            self.new_company,
            "Start a new, empty company file",
            name="newCompanyAction",
        )
        self.open_action = self._action(
            "&Open Company…",
            self.choose_company_file,
            "Open another company file",
            icon_name="open",
            keys=(QKeySequence.StandardKey.Open,),
            name="openAction",
        )
        self.connect_action = self._action(
            "Connect to &Server…",
            self.connect_to_server,
            "Open a company kept on a PostgreSQL server",
            name="connectToServerAction",
        )
        self.recent_menu = QMenu("Open &Recent", self.parent_widget)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def _make_backup_actions(self) -> None:
        """Verify Data is one of them: like Back Up and Restore it opens the file on a
        worker thread of its own, behind a progress dialog."""
        self.backup_action = self._action(
            "&Back Up…",
            self.backup,
            "Write a copy of the company file to your backup folder or another folder",
            icon_name="backup",
            name="backupAction",
        )
        self.restore_action = self._action(
            "R&estore…",
            self.restore,
            RESTORE_TIP,
            icon_name="restore",
            name="restoreAction",
        )
        self.verify_action = self._action(
            "&Verify Data",
            self.verify_data,
            "Check the company file for damage and for figures that do not add up",
            icon_name="verify",
            name="verifyAction",
        )

    def _make_transfer_actions(self) -> None:
        self.import_action = self._action(
            "&Import…",
            self.import_customers,
            "Bring customers and jobs in from QuickBooks (IIF), a CSV file or an Excel workbook",
            name="importAction",
        )
        self.export_action = self._action(
            "Expor&t…",
            self.export_list,
            "Write customers, contacts, the contact log, invoices or payments to CSV, Excel, "
            "QuickBooks IIF or vCard",
            name="exportAction",
        )

    def export_list(self) -> ExportDialog:
        """File › Export…: which list, which format, then where."""
        from officemgr.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.host.company, self.host.ops, self.parent_widget)
        self.last_dialog = dialog
        dialog.exec()
        return dialog

    def import_customers(self) -> ImportWizard | None:
        """File › Import…: the wizard, over the window (it returns once it is closed)."""
        if not self.host.leave_record():
            return None
        from officemgr.ui.imports.wizard import ImportWizard

        wizard = ImportWizard(self.host.company, self.host.ops, self.parent_widget)
        self.last_dialog = wizard
        wizard.exec()
        return wizard

    def _make_exit_action(self) -> None:
        self.exit_action = self._action(
            "E&xit",
            self.parent_widget.close,
            "Close OfficeMgr",
            keys=(QKeySequence.StandardKey.Quit, "Ctrl+Q"),
            name="exitAction",
        )
        self.exit_action.setMenuRole(QAction.MenuRole.QuitRole)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def _company_path(self) -> Path:
        """The company file (for what only a file has: restore, automatic backups)."""
        return Path(self.host.company.path)

    def _on_server(self) -> bool:
        return bool(self.host.company.is_server)

    def follow_company(self) -> None:
        """Another company opened: what only a file can do is offered for files only."""
        server = self._on_server()
        self.restore_action.setEnabled(not server)
        self.restore_action.setStatusTip(
            "Restoring works on company files; a company on a server is restored by copying "
            "a backup into an empty database (officemgr copy)"
            if server
            else RESTORE_TIP
        )

    # -- new, open, recent ----------------------------------------------------------

    def new_company(self) -> None:
        start = paths.data_dir() / f"New Company{paths.COMPANY_SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, "New Company File", str(start), COMPANY_FILTER
        )
        if not name:
            return
        path = with_suffix(name)
        if path.exists():
            answer = QMessageBox.question(
                self.parent_widget,
                "New Company File",
                f"“{path.name}” already exists. Open it instead?\n\n"
                "A new company is never written over an existing file.",
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.host.open_company(path)
            return
        if self.host.open_company(path, create=True):
            self.host.company.settings.update(company_name=path.stem)
            self.host.hub.announce(Changes(settings=True), self)
            self.host.show_status(f"Created the company file {path}", 8000)

    def choose_company_file(self) -> None:
        start = str(paths.data_dir() if self._on_server() else self._company_path().parent)
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, "Open Company File", start, COMPANY_FILTER
        )
        if name:
            self.host.open_company(Path(name))

    def remember(self, location: Path | str) -> None:
        """Put ``location`` (a file, or a server's address) at the top of Open Recent."""
        self.recent.add(location)
        self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        current = location_key(self.host.company.address)
        shown = 0
        for number, path in enumerate(self.recent.paths(), 1):
            name = location_label(path)
            label = f"&{number}  {name}" if number < 10 else name
            exists = is_server_url(path) or Path(path).exists()  # a server answers when asked
            is_open = location_key(path) == current
            if not exists:
                label += "  (missing)"
            elif is_open:
                label += "  (open)"
            action = menu.addAction(label)
            action.setData(str(path))
            action.setStatusTip(str(path) if exists else f"{path} can no longer be found")
            action.setToolTip(str(path))
            action.setEnabled(exists and not is_open)
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
            shown += 1
        if not shown:
            empty = menu.addAction("No recent files")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear Menu")
        clear.setObjectName("clearRecentAction")
        clear.setStatusTip("Forget the list of recent company files")
        clear.setEnabled(bool(shown))
        clear.triggered.connect(self._clear_recent)

    def recent_actions(self) -> list[QAction]:
        """The file entries of Open Recent (not the separator or Clear Menu)."""
        return [a for a in self.recent_menu.actions() if a.data()]

    def connect_to_server(self, address: str | None = None, *, refused: str = "") -> bool:
        """Ask for a server company's address (filled from ``address``, a recent one) and
        open it; the password goes to the system's password store if asked, else only
        into this connection. ``refused``: why the server turned the last try away."""
        from officemgr.core.server_address import url_with_password
        from officemgr.ui.server_dialog import ConnectToServerDialog

        dialog = ConnectToServerDialog(self.parent_widget)
        self.last_dialog = dialog
        if address is not None:
            dialog.from_url(address)
        if refused:
            dialog.show_refusal(refused)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        password = dialog.password()
        url = url_with_password(dialog.url(), password) if password else dialog.url()
        return self.host.open_company(url)

    def open_recent(self, path: Path | str) -> None:
        if is_server_url(path):
            from officemgr.core.passwords import password_for

            # No password kept for it: ask, with the rest of the address filled in.
            if password_for(str(path)) is None:
                self.connect_to_server(str(path))
            else:
                self.host.open_company(path)
            return
        if not Path(path).exists():
            self.recent.remove(path)
            self.fill_recent_menu()
            message_box(
                self.parent_widget,
                QMessageBox.Icon.Warning,
                "Open Recent",
                f"{path} can no longer be found; it was taken off the list.",
            )
            return
        self.host.open_company(path)

    def _clear_recent(self) -> None:
        self.recent.clear()
        self.recent.add(self.host.company.address)
        self.fill_recent_menu()

    # -- background work ------------------------------------------------------------

    def _run(
        self,
        label: str,
        func: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        on_failed: Callable[[TaskFailure], None] | None = None,
        delay_ms: int = PROGRESS_DELAY_MS,
        **kwargs: Any,
    ) -> Task:
        progress = QProgressDialog(label, "", 0, 0, self.parent_widget)
        progress.setObjectName("progressDialog")
        progress.setWindowTitle("OfficeMgr")
        progress.setCancelButton(None)  # sqlite's backup and checks run to the end
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(delay_ms)
        progress.setValue(0)
        self.progress = progress
        task = self.runner.start(func, *args, **kwargs)

        def finish() -> None:
            progress.reset()
            progress.close()
            progress.deleteLater()
            if self.progress is progress:
                self.progress = None

        def done(result: Any) -> None:
            finish()
            on_done(result)

        def failed(failure: TaskFailure) -> None:
            finish()
            (on_failed or self._failed)(failure)
            self.task_failed.emit(failure)

        task.finished.connect(done)
        task.failed.connect(failed)
        return task

    def _failed(self, failure: TaskFailure) -> None:
        report_failure(failure.error, failure.details)

    # -- backup ---------------------------------------------------------------------

    def backup(self) -> None:
        """Ask where (the backup folder or another folder), then back up off the GUI thread."""
        folder = paths.backup_dir()
        box = QMessageBox(self.parent_widget)
        box.setObjectName("backupDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Back Up")
        box.setText(f"Back up “{self.host.company.label}”?")
        box.setInformativeText(f"The copy goes to your backup folder:\n{folder}")
        here = box.addButton("&Back Up", QMessageBox.ButtonRole.AcceptRole)
        elsewhere = box.addButton("&Choose Folder…", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(here)
        box.exec()
        clicked = box.clickedButton()
        if clicked is elsewhere:
            chosen = QFileDialog.getExistingDirectory(
                self.parent_widget, "Back Up Into Folder", str(Path.home())
            )
            if not chosen:
                return
            self.start_backup(Path(chosen))
        elif clicked is here:
            self.start_backup(None)

    def start_backup(self, to_dir: Path | None) -> Task:
        company = self.host.company
        return self._run(
            f"Backing up {company.label}…",
            make_backup,
            company.location,
            to_dir=to_dir,
            on_done=self._backup_done,
        )

    def _backup_done(self, written: Path) -> None:
        self._backup_status(f"Backup written: {written}", Priority.ACTION, 10_000)
        self.last_dialog = message_box(
            self.parent_widget,
            QMessageBox.Icon.Information,
            "Back Up",
            "The backup is written.",
            informative=str(written),
            name="backupDoneDialog",
        )
        self.backup_finished.emit(written)

    # -- restore --------------------------------------------------------------------

    def restore(self) -> None:
        """Choose a backup, confirm, close the file, restore, reopen; say where the old went."""
        if not self.host.leave_record():
            return
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            "Restore From Backup",
            str(paths.backup_dir()),
            f"OfficeMgr backups (*{paths.COMPANY_SUFFIX});;All files (*)",
        )
        if not name:
            return
        self.confirm_and_restore(Path(name))

    def confirm_and_restore(self, backup: Path) -> Task | None:
        target = self._company_path()
        if backup.absolute() == target:
            message_box(
                self.parent_widget,
                QMessageBox.Icon.Warning,
                "Restore",
                "That is the open company file itself; choose a backup of it.",
            )
            return None
        box = QMessageBox(self.parent_widget)
        box.setObjectName("confirmRestoreDialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Restore")
        box.setText(f"Replace “{target.name}” with the backup “{backup.name}”?")
        box.setInformativeText(
            "Everything entered since that backup was made is replaced. The current file "
            "is kept as a backup first, so it can be brought back."
        )
        restore_button = box.addButton("&Restore", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not restore_button:
            return None
        self.host.release_company()

        def restored(kept: Path | None) -> None:
            if not self.host.reopen_company(target):
                return
            where = f"The file it replaced was kept as:\n{kept}" if kept else None
            self.host.show_status(f"Restored from {backup.name}", 10_000)
            self.last_dialog = message_box(
                self.parent_widget,
                QMessageBox.Icon.Information,
                "Restore",
                f"“{target.name}” is restored from “{backup.name}”.",
                informative=where,
                name="restoreDoneDialog",
            )
            self.restore_finished.emit(kept)

        def not_restored(failure: TaskFailure) -> None:
            self.host.reopen_company(target)  # the file is unchanged when restoring failed
            report_failure(failure.error, failure.details)

        return self._run(
            f"Restoring {target.name} from {backup.name}…",
            restore_backup,
            backup,
            target=target,
            on_done=restored,
            on_failed=not_restored,
            delay_ms=0,
        )

    # -- verify ---------------------------------------------------------------------

    def verify_data(self) -> Task:
        company = self.host.company
        return self._run(
            f"Checking {company.label}…", verify, company.location, on_done=self._verified
        )

    def _show_report(self, report: CheckReport, note: str = "") -> VerifyDialog:
        dialog = VerifyDialog(report, self.parent_widget, note=note)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.repair_requested.connect(self.start_repair)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _verified(self, report: CheckReport) -> None:
        self._show_report(report)
        self.host.show_status(
            "Verify Data: no problems found"
            if report.ok
            else f"Verify Data: {len(report.problems)} problem(s) found",
            10_000,
        )
        self.verify_finished.emit(report)

    # -- repair ---------------------------------------------------------------------

    def start_repair(self) -> Task:
        """Verify Data's Repair: back up, recompute the derived data, check again."""
        company = self.host.company
        return self._run(
            f"Repairing {company.label}…", repair, company.location, on_done=self._repaired
        )

    def _repaired(self, result: RepairResult) -> None:
        # Balances and paid amounts on show were read before the repair: read them again.
        self.host.hub.announce(Changes(nodes=True, billing=True), self)
        count = len(result.fixed)
        self._show_report(
            result.report,
            note=f"Repaired {count} problem{'s' if count != 1 else ''}. The file as it was "
            f"is kept as {result.backup}.",
        )
        self.host.show_status(f"Repaired; the file as it was is kept as {result.backup}", 10_000)
        self.repair_finished.emit(result)

    # -- automatic backups ----------------------------------------------------------

    def _backups_to_keep(self) -> int:
        return int(self.host.company.settings.get().backups_to_keep)

    def start_daily_backup(self) -> Task | None:
        """The day's automatic backup, when the company opened has none yet (off the GUI
        thread; the user is told only in the status bar, or when it fails). Not for a
        company on a server: copying all of it every day is the server's backups' work."""
        if self._on_server():
            return None
        path = self._company_path()
        try:
            keep = self._backups_to_keep()
        except OfficeMgrError as error:
            log.warning("No daily backup of %s: %s", path, error)
            return None
        # Either written now from the file as it is, or already written today by a
        # session whose closing backed up what it changed.
        self._stamp_backed_up = change_stamp(path)
        task = self.auto_runner.start(auto_backup, path, reason="daily", keep=keep)
        task.finished.connect(self._daily_backup_done)
        task.failed.connect(self._auto_backup_failed)
        return task

    def _daily_backup_done(self, written: Path | None) -> None:
        if written is not None:
            # No path: it would be cut off beside the counts (the log names the file).
            self._backup_status("Daily backup written to the Backups folder.", Priority.NOTE)
        self.auto_backup_finished.emit(written)

    def _auto_backup_failed(self, failure: TaskFailure) -> None:
        self._stamp_backed_up = None  # nothing was backed up: closing tries again
        log.warning("The automatic backup failed: %s\n%s", failure.error, failure.details)
        if isinstance(failure.error, CompanyDamagedError):
            report_failure(failure.error, failure.details)  # the window offers the remedies
        else:
            text = f"The automatic backup failed: {failure.error}"
            self._backup_status(text, Priority.ACTION, 30_000)
        self.auto_backup_failed.emit(failure)

    def wait_for_auto_backups(self) -> None:
        """Let a running automatic backup end (before the file is closed or replaced)."""
        self.auto_runner.wait()

    def backup_on_close(self) -> Path | None:
        """The automatic backup as the window closes — only when the file changed since
        the last automatic one.

        On the GUI thread, once the window is hidden (the caller hides it first): the
        online backup of a large file takes seconds, which nobody should watch. A
        failure is logged and told in a box that stays up after the window has gone; it
        never keeps the window from closing.
        """
        self.wait_for_auto_backups()
        if self._on_server():
            return None  # see start_daily_backup
        path = self._company_path()
        if not path.exists():  # the user was told when it vanished; nothing to back up
            log.warning("No backup on closing: %s is no longer there.", path)
            return None
        if self._stamp_backed_up is not None and change_stamp(path) == self._stamp_backed_up:
            log.info("No backup on closing: %s is as it was last backed up.", path.name)
            return None
        self._backup_status(f"Backing up {path.name}…", Priority.WAITING, 0)
        # Painted now: no event loop runs until the backup is done.
        self.host.status_line.label.repaint()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = auto_backup(path, reason="close", keep=self._backups_to_keep())
        except _BACKUP_ERRORS as error:
            log.exception("The automatic backup on closing %s failed", path)
            self.last_dialog = message_box(
                None,
                QMessageBox.Icon.Warning,
                "Automatic Backup",
                f"The automatic backup of “{path.name}” on closing failed: {error}",
                informative="The company file itself is saved. Use File › Back Up next "
                "time, or check the backup folder:\n" + str(paths.backup_dir()),
                name="closeBackupFailedDialog",
            )
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self._stamp_backed_up = change_stamp(path)
        self._backup_status(f"Backup written: {written}", Priority.NOTE)
        return written

    def _backup_status(self, text: str, priority: Priority, msecs: int = DEFAULT_MS) -> None:
        """The backups' one message in the status line: a backup written in the background
        is a note, which never covers the caller line a dispatcher is reading."""
        self.host.status_line.show(BACKUP, text, priority=priority, msecs=msecs)
