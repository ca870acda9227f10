"""Fixtures for the window tests: company data, window settings in a temp folder, modals.

Every test gets a fresh company file (tests/conftest.py) and its own QSettings file, so
no test reads or writes the user's real window settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget


@pytest.fixture(autouse=True)
def window_settings(tmp_path: Path, qapp: QApplication) -> QSettings:
    """A QSettings file of this test's own; the default locations point into tmp too."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    return QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def computer_numbers() -> Iterator[None]:
    """Each test starts, and leaves, with numbers as the computer writes them (a window
    or a test switches to its company's locale)."""
    from officemgr.ui.formatting import use_numbers

    use_numbers(None)
    yield
    use_numbers(None)


@pytest.fixture
def make_window(qtbot: Any, company: Any, window_settings: QSettings) -> Callable[..., Any]:
    """Build, show and register a MainWindow (on ``company`` unless told otherwise)."""
    from officemgr.ui.main_window import MainWindow

    def forget_changes(window: Any) -> None:
        """Closing asks about unsaved changes, and nobody is there to answer."""
        if window.form.is_dirty:
            window.form.clear()  # drops what was typed (a new record's prefill too)

    def make(co: Any = None, settings: QSettings | str | None = "test") -> MainWindow:
        """``settings=None``: the window's own default store (redirected into tmp)."""
        chosen = window_settings if settings == "test" else settings
        window = MainWindow(co or company, settings=chosen)
        qtbot.addWidget(window, before_close_func=forget_changes)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # window shortcuts (F5, Ctrl+O) work in the active window
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def answer_modal(qtbot: Any) -> Iterator[Callable[[type[QWidget], Callable[[Any], None]], None]]:
    """Answer the next modal dialog of a type: ``answer_modal(QMessageBox, callback)``.

    Call it before the action that opens the dialog. A timer waits for the dialog to be
    the active modal widget and then hands it to ``callback``, which must close it. The
    test fails if no such dialog came up.
    """
    timers: list[QTimer] = []
    answered: list[bool] = []

    def arm(kind: type[QWidget], callback: Callable[[Any], None]) -> None:
        timer = QTimer()
        timer.setInterval(20)
        # A dialog already up when the answer is armed is not the one it is for.
        already_up = [w for w in QApplication.topLevelWidgets() if w.isVisible()]

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is not None and any(dialog is up for up in already_up):
                return
            if isinstance(dialog, kind) and dialog.isVisible():
                timer.stop()
                answered.append(True)
                try:
                    callback(dialog)
                finally:  # a failed check must not leave the test stuck in the dialog
                    if dialog.isVisible():
                        dialog.close()

        timer.timeout.connect(poll)
        timer.start()
        timers.append(timer)

    yield arm
    for timer in timers:
        timer.stop()
    assert len(answered) == len(timers), "an expected dialog never came up"


@pytest.fixture
def open_by_action(answer_modal: Any) -> Callable[[Any, type[QWidget], Callable[[Any], None]], Any]:
    """Trigger ``action``, run ``steps(dialog)`` while the ``kind`` dialog it opens is up,
    and return that dialog (the test fails if it never came up)."""

    def open_it(action: Any, kind: type[QWidget], steps: Callable[[Any], None]) -> Any:
        seen: list[Any] = []

        def drive(dialog: Any) -> None:
            seen.append(dialog)
            steps(dialog)

        answer_modal(kind, drive)
        action.trigger()
        assert seen, f"{kind.__name__} never came up"
        return seen[0]

    return open_it
