"""Fixtures for the window tests: company data, window settings in a temp folder, modals.

Every test gets a fresh company file (tests/conftest.py) and its own QSettings file, so
no test reads or writes the user's real window settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import insert, select

from officemgr.core import models as m

NODES = m.CustomerJob.__table__
NOTES = m.PopupNote.__table__


class TreeData:
    """Makes Customer:Job rows through the services; many at once with Core inserts."""

    def __init__(self, company: Any) -> None:
        self.company = company

    def add(
        self,
        name: str,
        parent: int | None = None,
        *,
        active: bool = True,
        prospect: bool = False,
        hold: bool = False,
        balance: str = "0",
        note: bool = False,
    ) -> int:
        """A customer (or a job under ``parent``) made through the services."""
        co = self.company
        money = {"opening_balance": Decimal(balance)} if Decimal(balance) else {}
        if parent is None:
            node_id = co.customers.add(name=name, is_prospect=prospect, **money).id
        else:
            node_id = co.jobs.add(parent=parent, name=name, status="Pending", **money).id
        if hold:
            co.customers.place_credit_hold(node_id, reason="Unpaid invoices", by="Dana")
        if not active:
            co.customers.set_active(node_id, active=False)
        if note:
            self.note(node_id)
        return int(node_id)

    def note(self, owner: int, *, active: bool = True, until: date | None = None) -> None:
        """A pop-up note (no service writes them yet: a Core insert)."""
        with self.company.write() as session:
            session.execute(
                insert(NOTES).values(
                    owner_id=owner,
                    text="Call the office first",
                    is_active=active,
                    active_until=until,
                )
            )

    def add_customers(self, count: int, *, prefix: str = "Customer") -> None:
        """``count`` active customers named ``Customer 00001`` … in one transaction."""
        with self.company.write() as session:
            start = session.execute(select(NODES.c.id).order_by(NODES.c.id.desc())).scalar()
            start = (start or 0) + 1
            rows = []
            for number, node_id in enumerate(range(start, start + count), 1):
                name = f"{prefix} {number:05d}"
                rows.append(
                    {
                        "id": node_id,
                        "parent_id": None,
                        "customer_id": node_id,
                        "depth": 0,
                        "name": name,
                        "full_name": name,
                        "full_name_key": name.casefold(),
                        "sort_key": name.casefold(),
                    }
                )
            session.execute(insert(NODES), rows)


@pytest.fixture
def tree_data(company: Any) -> TreeData:
    return TreeData(company)


@pytest.fixture(autouse=True)
def window_settings(tmp_path: Path, qapp: QApplication) -> QSettings:
    """A QSettings file of this test's own; the default locations point into tmp too."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    return QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)


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

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
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
