"""Data safety where the window reaches it: Save as PDF over the company file is refused,
a company file named "Q? #1 100% a&b=c" works like any other, and Restore is refused
while another desk has the file open."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

from officemgr import Company
from officemgr.core.backup import make_backup
from officemgr.ui.reports import ContactLogOptionsDialog

WRITER = Path(__file__).parents[2] / "safety" / "writer.py"


def test_save_as_pdf_over_the_company_file_is_refused(
    qtbot: Any, company: Any, answer_modal: Any
) -> None:
    company.customers.add(name="Keep Me")
    before = Path(company.path).read_bytes()
    dialog = ContactLogOptionsDialog(company)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []
    answer_modal(QMessageBox, lambda box: (seen.append(box.text()), box.accept()))
    with qtbot.waitSignal(dialog.report_failed, timeout=20_000):
        dialog.save_pdf(company.path)
    assert seen and "never written over company data" in seen[0]
    assert Path(company.path).read_bytes() == before


def test_a_company_file_with_url_characters_in_its_name_works(
    make_window: Any, template_company_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "Q? #1 100% a&b=c.officemgr"
    shutil.copyfile(template_company_file, path)
    window = make_window()
    assert window.open_company(path)
    window.form.start_new_customer()
    window.form.address_tab.name_edit.setText("Named Oddly")
    assert window.form.save()
    assert not (tmp_path / "Q").exists()  # what a URL built from the name once made
    with Company.open(path, create=False) as co:
        assert [r.name for r in co.customers.search("Named Oddly")] == ["Named Oddly"]


def test_restore_is_refused_while_another_desk_has_the_file_open(
    qtbot: Any, make_window: Any, company_path: Path, tmp_path: Path, answer_modal: Any
) -> None:
    backup = make_backup(company_path, to_dir=tmp_path / "kept")
    desk = subprocess.Popen(
        [sys.executable, str(WRITER), "desk", str(company_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert desk.stdout is not None
        while desk.stdout.readline().strip() != "ready":  # "started …" comes first
            assert desk.poll() is None, "the desk ended before it was ready"
        window = make_window()

        def confirm(box: QMessageBox) -> None:
            next(b for b in box.buttons() if b.text() == "&Restore").click()

        answer_modal(QMessageBox, confirm)
        with qtbot.waitSignal(window.file_actions.task_failed, timeout=20_000) as failed:
            window.file_actions.confirm_and_restore(backup)
        assert str(failed.args[0].error) == (
            "Another program has “Test Company.officemgr” open; close it first, then "
            "restore it. Nothing was changed."
        )

        def boxes() -> list[QMessageBox]:
            return [
                w for w in QApplication.allWidgets() if isinstance(w, QMessageBox) and w.isVisible()
            ]

        qtbot.waitUntil(lambda: bool(boxes()))
        (said,) = boxes()
        assert said.text() == str(failed.args[0].error)
        said.accept()
        # The window has its file again, as it was.
        assert not window._released
        window.form.start_new_customer()
        window.form.address_tab.name_edit.setText("Still Saving")
        assert window.form.save()
    finally:
        desk.kill()
        desk.wait(timeout=30)
