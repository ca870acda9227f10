"""Starting on a first look: the list's first page at once, the company file right after.

``run_gui`` builds the window from ``core.first_look`` and attaches the open company file
once that page has painted. Until then the commands wait, typing in the filter is kept
and searched afterwards, and a call handed over meanwhile is answered once it is open.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from officemgr import Company, app
from officemgr.core.first_look import FirstLook, first_look
from officemgr.ui.first_paint import after_first_paint
from officemgr.ui.main_window import MainWindow
from officemgr.ui.models.customer_job_tree import Column, CustomerJobTreeModel, Role


@pytest.fixture
def look(company: Any, tree_data: Any, company_path: Path) -> FirstLook:
    tree_data.add("Baker, Ann", hold=True, balance="40.00")
    tree_data.add("Smith, John", note=True)
    tree_data.add_customers(5, prefix="Zed")
    found = first_look(company_path)
    assert found is not None
    return found


@pytest.fixture
def starting(qtbot: Any, look: FirstLook, window_settings: QSettings) -> Iterator[MainWindow]:
    window = MainWindow(look, settings=window_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.ready:
        window.form.clear()


def _names(window: MainWindow) -> list[str]:
    model = window.tree_view.model()
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


def test_the_first_page_shows_as_the_tree_will(starting: MainWindow, look: FirstLook) -> None:
    assert not starting.ready
    assert _names(starting) == [row.name for row in look.rows]
    assert starting.windowTitle() == f"My Company — {look.path.name} — OfficeMgr"
    model = starting.tree_view.model()
    baker = model.index(0, Column.NAME)
    assert baker.data(Role.BADGES) == ("hold",)
    assert model.index(0, Column.BALANCE).data() == "40.00"
    assert model.index(1, Column.NAME).data(Role.BADGES) == ("popup-note",)


def test_commands_wait_but_typing_does_not(
    qtbot: Any, starting: MainWindow, company: Any, company_path: Path
) -> None:
    assert not starting.customer_actions.new_customer_action.isEnabled()
    assert not starting.refresh_action.isEnabled()
    assert not starting.menuBar().isEnabled()
    assert not starting.pane.show_combo.isEnabled()
    assert starting.pane.filter_edit.hasFocus()
    qtbot.keyClicks(starting.pane.filter_edit, "smi")
    qtbot.wait(400)  # longer than the search's pause: nothing to search in yet

    with Company.open(company_path, role="window") as co:
        starting.attach(co)
        assert starting.ready
        assert starting.pane.filter_edit.text() == "smi"  # kept
        qtbot.waitUntil(lambda: starting.pane.searching, timeout=5000)
        results = starting.results_view.model()
        qtbot.waitUntil(lambda: results.rowCount() == 1, timeout=5000)
        assert results.index(0, Column.NAME).data(Role.ROW).name == "Smith, John"
        assert starting.customer_actions.new_customer_action.isEnabled()
        assert starting.refresh_action.isEnabled()
        assert starting.menuBar().isEnabled() and starting.pane.show_combo.isEnabled()
        assert isinstance(starting.tree_view.model(), CustomerJobTreeModel)
        assert [a.text() for a in starting.file_menu.actions()][:2] == [
            "&New Company…",
            "&Open Company…",
        ]
        tools = [a.objectName() for a in starting.tool_bar.actions() if a.objectName()]
        assert (
            tools.index("newJobAction")
            < tools.index("saveRecordAction")
            < tools.index("newInvoiceAction")
        )
        starting.pane.clear_filter()
        starting.close()


def test_the_form_takes_the_place_held_for_it(
    qtbot: Any, starting: MainWindow, company_path: Path
) -> None:
    before = starting.splitter.sizes()
    with Company.open(company_path, role="window") as co:
        starting.attach(co)
        assert starting.splitter.widget(1) is starting.form
        assert starting.splitter.sizes() == before
        assert starting.form.sizePolicy().horizontalStretch() == 1  # it takes a resize
        place = starting.findChild(QWidget, "formPlace")
        assert place is None or not place.isVisible()
        starting.close()


def test_a_call_handed_over_while_opening_is_answered_once_open(
    qtbot: Any, starting: MainWindow, company_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered: list[str] = []
    monkeypatch.setattr(
        starting.customer_actions, "find_by_phone", lambda number: answered.append(number)
    )
    starting.incoming_call("+1 212 555 0100")
    assert answered == []
    with Company.open(company_path, role="window") as co:
        starting.attach(co)
        assert answered == ["+1 212 555 0100"]
        starting.close()


def test_closing_before_the_file_is_open_keeps_nothing_open(starting: MainWindow) -> None:
    assert starting.close()
    assert not starting.ready


def test_a_file_that_cannot_open_after_its_look_is_told_and_ends_the_run(
    qtbot: Any, starting: MainWindow, company_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    company_path.write_bytes(b"now something else entirely" * 200)  # replaced meanwhile
    told: list[str] = []
    ended: list[int] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(QApplication, "exit", lambda code=0: ended.append(code))
    app._finish_opening(starting, company_path)
    assert told and "not an OfficeMgr company file" in told[0]
    assert ended == [1]
    assert not starting.isVisible() and not starting.ready


def test_after_first_paint_runs_once_after_the_paint(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[bool] = []
    after_first_paint(widget, lambda: calls.append(widget.isVisible()))
    qtbot.wait(50)
    assert calls == []  # not shown, not painted: waits
    widget.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=2000)
    widget.update()
    qtbot.wait(100)
    assert calls == [True]


def test_after_first_paint_still_runs_for_a_window_never_shown(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[int] = []
    after_first_paint(widget, lambda: calls.append(1))
    qtbot.waitUntil(lambda: calls == [1], timeout=3000)
    assert widget.windowState() == Qt.WindowState.WindowNoState


# Loaded when first used (a preview, a print, a name split), never by the window itself.
FIRST_USE_MODULES = ("PySide6.QtPdf", "PySide6.QtPrintSupport", "nameparser", "reportlab")


def test_the_ready_window_leaves_printing_and_name_parsing_for_first_use(
    company: Any, tree_data: Any, company_path: Path, tmp_path: Path
) -> None:
    # A process of its own: this one has imported everything for other tests.
    tree_data.add("Smith, John", balance="12.00")
    company.close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from officemgr import Company\n"
        "from officemgr.ui.main_window import MainWindow\n"
        f"window = MainWindow(Company.open(Path({str(company_path)!r})))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "window.tree_view.setCurrentIndex(window.tree_view.model().index(0, 0))\n"
        "app.processEvents()\n"
        "assert window.form.current_node_id is not None\n"
        f"print(sorted(m for m in {FIRST_USE_MODULES!r} if m in sys.modules))\n"
        "window.form.clear()\n"
        "window.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env.update({f"XDG_{kind}_HOME": str(tmp_path / kind) for kind in ("DATA", "CONFIG", "STATE")})
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
