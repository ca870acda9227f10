"""The window on a company on a server: named by its database and server, edited and
saved as a file is, backed up into a company file, kept in Open Recent without its
password, and reached through File › Connect to Server…."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import make_url

from officemgr import Company, app
from officemgr.core.location import location_key
from officemgr.handoff import server_name
from officemgr.ui.main_window import MainWindow
from officemgr.ui.server_dialog import ConnectToServerDialog


@pytest.fixture
def server_company(server_url: str) -> str:
    with Company.open(server_url) as co:
        co.settings.update(company_name="Acme Heating")
        for name in ("Baker, Ann", "Smith, John"):
            co.customers.add(name=name)
    return server_url


@pytest.fixture
def server_window(
    qtbot: Any, server_company: str, window_settings: QSettings
) -> Iterator[MainWindow]:
    window = MainWindow(Company.open(server_company), settings=window_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.form.clear()


def _listed(window: MainWindow) -> list[str]:
    model = window.tree_view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_window_names_the_database_and_its_server(
    server_window: MainWindow, server_company: str
) -> None:
    database = make_url(server_company).database
    assert server_window.windowTitle() == f"Acme Heating — {database} on 127.0.0.1 — OfficeMgr"
    assert _listed(server_window) == ["Baker, Ann", "Smith, John"]
    assert not server_window.restore_action.isEnabled()  # a file's command
    assert server_window.file_actions.start_daily_backup() is None
    assert "Company:" in server_window.about_text()


def test_a_record_is_edited_and_saved_on_the_server(
    qtbot: Any, server_window: MainWindow, server_company: str
) -> None:
    ann = server_window.tree_view.model().index(0, 0)
    server_window.tree_view.setCurrentIndex(ann)
    qtbot.waitUntil(lambda: server_window.form.current_node_id is not None)
    edit = server_window.form.address_tab.form.company_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Baker Bakery")
    qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not server_window.form.is_dirty)
    with Company.open(server_company) as another_desk:
        found = another_desk.customers.search("bakery")
        assert [n.name for n in found] == ["Baker, Ann"]


def test_back_up_writes_a_company_file(
    qtbot: Any, server_window: MainWindow, tmp_path: Path, answer_modal: Any
) -> None:
    with qtbot.waitSignal(server_window.file_actions.backup_finished, timeout=30_000) as done:
        server_window.file_actions.start_backup(tmp_path)
    written = Path(done.args[0])
    assert written.parent == tmp_path and written.suffix == ".officemgr"
    with Company.open(written) as copy:
        assert [r.name for r in copy.tree.children(parent_id=None, show="all")] == [
            "Baker, Ann",
            "Smith, John",
        ]


def test_open_recent_keeps_the_address_without_its_password(
    qtbot: Any, server_company: str, window_settings: QSettings
) -> None:
    secret = make_url(server_company).set(password="pa55-w0rd")
    window = MainWindow(
        Company.open(secret.render_as_string(hide_password=False)), settings=window_settings
    )
    qtbot.addWidget(window)
    try:
        [recent] = window.file_actions.recent.paths()
        assert "pa55" not in str(recent)
        assert location_key(recent) == location_key(server_company)
        assert "pa55" not in window.path_label.toolTip() + window.windowTitle()
        stored = window_settings.value("recent_files")
        assert "pa55" not in str(stored)
        # A call for this company finds this window, however its address was written.
        assert server_name(secret.render_as_string(hide_password=False)) == server_name(
            server_company
        )
    finally:
        window.form.clear()


def test_connect_to_server_opens_the_company(
    qtbot: Any, server_company: str, company: Any, window_settings: QSettings
) -> None:
    window = MainWindow(company, settings=window_settings)  # on a company file first
    qtbot.addWidget(window)
    window.show()
    url = make_url(server_company)

    def fill_in() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, ConnectToServerDialog)
        )
        dialog.from_url(url.render_as_string(hide_password=False))
        assert dialog.result() == 0
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    try:
        assert window.file_actions.connect_to_server() is True
        assert window.company.is_server
        qtbot.waitUntil(lambda: _listed(window) == ["Baker, Ann", "Smith, John"])
        recent = window.file_actions.recent.paths()
        assert location_key(recent[0]) == location_key(server_company)
    finally:
        window.form.clear()


def test_the_window_starts_on_a_server_address(qtbot: Any, server_company: str) -> None:
    window = app._start_window(server_company)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.ready and window.company.is_server
        qtbot.waitUntil(lambda: _listed(window) == ["Baker, Ann", "Smith, John"])
    finally:
        window.form.clear()


def test_a_refused_password_asks_again_with_the_address_filled_in(
    qtbot: Any, clerk_url: str, company: Any, window_settings: QSettings, answer_modal: Any
) -> None:
    from tests.server_fixtures import CLERK_PASSWORD

    with_password = make_url(clerk_url).set(password=CLERK_PASSWORD)
    Company.open(with_password.render_as_string(hide_password=False)).close()  # made once
    window = MainWindow(company, settings=window_settings)  # on a company file first
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, str] = {}

    def type_the_password(dialog: ConnectToServerDialog) -> None:
        seen["database"] = dialog.database_edit.text()
        seen["user"] = dialog.user_edit.text()
        seen["told"] = dialog.refusal_label.text()
        qtbot.keyClicks(dialog.password_edit, CLERK_PASSWORD)
        dialog.remember_check.setChecked(False)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    answer_modal(ConnectToServerDialog, type_the_password)
    try:
        assert window.open_company(clerk_url) is True  # refused without a password: asked
        assert seen["database"] == make_url(clerk_url).database and seen["user"] == "clerk"
        assert "no password supplied" in seen["told"]
        assert window.company.is_server
        assert CLERK_PASSWORD not in str(window_settings.value("recent_files"))
    finally:
        window.form.clear()
