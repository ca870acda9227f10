"""PySide6 must survive many item-model calls before its pin (<6.12) may move.

PySide6 6.12.0 aborts Python 3.11 with ``Fatal Python error: none_dealloc`` after about
5,000 ``appendRow``/``setText``/``setItem``-style calls: the process dies, so the check
runs in a child process and looks at how it ended. Run it against a new PySide6 before
changing the pin in pyproject.toml.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 20_000

CHILD = textwrap.dedent(
    f"""
    import PySide6
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

    app = QApplication([])
    model = QStandardItemModel()
    table = QTableWidget(1000, 2)
    for n in range({CALLS}):
        name = QStandardItem()
        name.setText(f"Customer {{n}}")
        balance = QStandardItem()
        balance.setText(str(n))
        model.appendRow([name, balance])
        cell = QTableWidgetItem()
        cell.setText(name.text())
        table.setItem(n % 1000, n % 2, cell)
    assert model.rowCount() == {CALLS}
    assert model.item({CALLS} - 1, 0).text() == "Customer {CALLS - 1}"
    assert table.item(999, 1).text() == "Customer 19999"
    print("survived", PySide6.__version__)
    """
)


def test_pyside_survives_many_item_model_calls() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-2000:]}"
    assert "Fatal Python error" not in done.stderr, report
    assert done.returncode == 0, report
    assert done.stdout.startswith("survived"), report
