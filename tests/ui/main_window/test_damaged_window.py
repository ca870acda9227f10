"""A damaged company file in the window: told once, in one sentence, with Verify Data and
the newest backup as buttons; nothing typed is saved into it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from officemgr import Company
from officemgr.core.backup import make_backup


def damaged_copy(source: Path, folder: Path) -> tuple[Path, Path]:
    """A company with payments, backed up, then 4 KB of garbage over a page of it."""
    path = folder / "Damaged.officemgr"
    shutil.copyfile(source, path)
    with Company.open(path) as co:
        customer = co.customers.add(name="Damaged Payments")
        for n in range(30):
            bill = co.invoices.add(node=customer.id, lines=[{"description": f"V{n}", "rate": "9"}])
            co.payments.add(customer=customer.id, amount="9", applications={bill.id: "9"})
    kept = make_backup(path)
    conn = sqlite3.connect(path)
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'payment_applications'"
    ).fetchone()
    conn.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * 4096)
        f.write(os.urandom(4096))
    return path, kept


def test_a_damaged_file_opens_told_once_with_its_remedies(
    qtbot: Any, make_window: Any, template_company_file: Path, tmp_path: Path, answer_modal: Any
) -> None:
    path, kept = damaged_copy(template_company_file, tmp_path)
    window = make_window()
    assert window.open_company(path)
    box = window.damage.last_box
    qtbot.waitUntil(lambda: box is not None and box.isVisible())
    assert box.text().startswith("“Damaged.officemgr” is damaged (")
    assert f"“{kept.name}”" in box.text()
    labels = [b.text() for b in box.buttons()]
    assert "&Verify Data" in labels and "&Restore Newest Backup…" in labels
    assert window.company.damaged is not None

    # The user closes the box. Nothing is written, and the second time the damage is
    # told only as a line in the status bar (the box closed first: a visible box would be
    # the modal the answer below waits for).
    box.done(QMessageBox.StandardButton.Close)
    window.form.start_new_customer()
    window.form.address_tab.name_edit.setText("Never Saved")
    said: list[str] = []

    def read(message: QMessageBox) -> None:
        said.append(message.text())
        message.accept()

    answer_modal(QMessageBox, read)
    assert not window.form.save()
    assert said and "Nothing more is written to it" in said[0]
    assert window.damage.last_box is box
    with Company.open(path, allow_damaged=True) as co:
        names = {r.name for r in co.tree.children(parent_id=None, show="all")}
    assert "Never Saved" not in names

    # Verify Data from the dialog lists the damage.
    second = make_window()
    assert second.open_company(path)
    box = second.damage.last_box
    qtbot.waitUntil(box.isVisible)
    verify = next(b for b in box.buttons() if b.text() == "&Verify Data")
    with qtbot.waitSignal(second.file_actions.verify_finished, timeout=20_000):
        verify.click()
    report = second.file_actions.last_dialog
    assert any("SQLite found damage" in p for p in report.problems())
    report.reject()
