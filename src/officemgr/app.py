"""The window's entry point: ``run_gui`` opens a company file and runs the event loop."""

from __future__ import annotations

import logging
import platform
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from officemgr.core import paths

# The log's set-up lives in ``officemgr.logs`` (the error dialog reads it from there too);
# these names stay importable from here.
from officemgr.logs import LOG_BACKUPS as LOG_BACKUPS
from officemgr.logs import LOG_FILE_NAME as LOG_FILE_NAME
from officemgr.logs import LOG_MAX_BYTES as LOG_MAX_BYTES
from officemgr.logs import configure_logging as configure_logging

if TYPE_CHECKING:
    from officemgr.ui.main_window import MainWindow

log = logging.getLogger("officemgr")


def run_gui(
    *, db: Path | str | None, sample: bool = False, incoming_call: str | None = None
) -> int:
    """Open ``db`` (the sample company, or the default company file) in the main window.

    One window per company file: when a window already has it open, that window is
    brought forward (and given ``incoming_call``, a caller's number, for caller ID) and
    this launch returns 0 at once. Otherwise returns 0 after the window closes, 1 when the
    company file cannot be opened (after telling the user why in a dialog).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from officemgr import __version__
    from officemgr.core.location import without_password
    from officemgr.errors import OfficeMgrError
    from officemgr.ui.desk_employee import ask_who_works_here
    from officemgr.ui.errors import install_excepthook
    from officemgr.ui.first_paint import after_first_paint
    from officemgr.ui.icons import icon
    from officemgr.ui.main_window import APP_NAME
    from officemgr.ui.preferences import employee_is_set
    from officemgr.ui.single_instance import (
        incoming_call_message,
        raise_message,
        serve_window,
        start_or_hand_off,
    )

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("officemgr"))
    configure_logging()
    install_excepthook()
    log_startup()
    from officemgr.ui.focus_ring import show_focus_rings

    show_focus_rings(app)  # the focused button ringed clearly (Fusion's mark is faint)
    from officemgr.ui.formatting import learn_system_locale

    learn_system_locale()  # numbers as the computer writes them, until the office chooses
    from officemgr.ui.file_open import FileOpenRouter

    # Only macOS sends file-open events; elsewhere the filter would just see every event.
    file_requests = FileOpenRouter(app) if sys.platform == "darwin" else None

    try:
        path = _company_path(db, sample=sample)
    except OfficeMgrError as error:
        log.warning("Cannot make the sample company: %s", error)
        QMessageBox.critical(None, "OfficeMgr", str(error))
        return 1
    if path is None:
        log.info("The sample company was not made: cancelled.")
        return 0
    if isinstance(path, str):
        log.info("Company on a server: %s", without_password(path))
    else:
        log.info("Company file: %s", path)
    message = incoming_call_message(incoming_call) if incoming_call else raise_message()
    launch = start_or_hand_off(path, message, parent=app)
    if launch.handed_off:
        return 0
    server = launch.server
    note = None
    try:
        window = _start_window(path)
        if window is None:
            return 1
        if server is not None:  # calls that come while the file opens wait for it
            note = serve_window(server, window, path)
        window.show()
        if not window.ready:
            after_first_paint(window.tree_view.viewport(), lambda: _finish_opening(window, path))
        if file_requests is not None:
            window.when_ready(lambda: file_requests.attach(window))
        if incoming_call:
            number = incoming_call
            QTimer.singleShot(0, lambda: window.incoming_call(number))
        elif not employee_is_set():  # not over a caller: asked at the next start
            window.when_ready(
                lambda: QTimer.singleShot(
                    0, lambda: ask_who_works_here(window, window.active_employees)
                )
            )
        try:
            return app.exec()
        finally:
            if window.ready:
                window.company.close()
    finally:
        if server is not None:  # the next launch on this file becomes the window
            server.close()
            server.deleteLater()
        if note is not None:
            note.remove()


def _start_window(path: Path | str) -> MainWindow | None:
    """The window on ``path``: showing the list's first page while the file is opened for
    real after that page is painted (``_finish_opening``), or — a file that is new, to be
    upgraded or unusual, or a company on a server — on the company opened first. None
    when it cannot be opened."""
    from PySide6.QtWidgets import QMessageBox

    from officemgr.core.first_look import first_look
    from officemgr.core.location import is_server_url, location_label
    from officemgr.errors import OfficeMgrError
    from officemgr.ui.main_window import MainWindow

    look = None if is_server_url(path) else first_look(Path(path))
    if look is not None:
        return MainWindow(look)
    from officemgr.ui.opening import open_company_file

    try:
        company = open_company_file(path, None, create=True)  # the default file may be new
    except OfficeMgrError as error:
        if is_server_url(path):
            log.warning("Cannot open %s: %s", location_label(path), error)
        else:
            log.warning("Cannot open the company file %s: %s", path, error)
        QMessageBox.critical(None, "OfficeMgr", str(error))
        return None
    return MainWindow(company)


def _finish_opening(window: MainWindow, path: Path | str) -> None:
    """Open the company file behind the first page on show; if it cannot be opened after
    all, say why and end with exit status 1."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from officemgr.errors import OfficeMgrError
    from officemgr.ui.opening import open_company_file

    try:
        company = open_company_file(path, window)
    except OfficeMgrError as error:
        log.warning("Cannot open the company file %s: %s", path, error)
        QMessageBox.critical(window, "OfficeMgr", str(error))
        window.hide()  # not close(): closing the last window would quit with status 0
        QApplication.exit(1)
        return
    window.attach(company)


def _company_path(db: Path | str | None, *, sample: bool) -> Path | str | None:
    """The file (or server company) to open (None: the user cancelled making the sample
    company)."""
    if sample:
        from officemgr.ui.sample_maker import make_sample_company

        return make_sample_company()
    if isinstance(db, str):
        return db  # a server's address (see core.location.company_location)
    if db is not None:
        return Path(db)
    default = paths.default_company_file()
    default.parent.mkdir(parents=True, exist_ok=True)
    return default


def log_startup() -> None:
    """What a support person asks first: which version, on which Python, Qt and system."""
    import PySide6
    from PySide6.QtCore import qVersion

    from officemgr import __version__

    log.info(
        "OfficeMgr %s starting: Python %s, PySide6 %s (Qt %s), %s",
        __version__,
        platform.python_version(),
        PySide6.__version__,
        qVersion(),
        platform.platform(),
    )
