"""The File menu: new and recent company files, backup, restore and Verify Data."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from sqlalchemy import update

from officemgr import Company
from officemgr.core import models as m
from officemgr.core import paths
from officemgr.core.backup import make_backup
from officemgr.core.check import verify
from officemgr.ui.verify_dialog import NO_PROBLEMS, VerifyDialog


def type_file_name(path: Path) -> Any:
    def choose(dialog: QFileDialog) -> None:
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        dialog.accept()

    return choose


def close_box(name: str) -> str:
    """Close the visible message box ``name``; its text and informative text."""
    (box,) = [w for w in QApplication.topLevelWidgets() if w.objectName() == name]
    text = f"{box.text()}\n{box.informativeText()}"
    box.accept()
    return text


def test_backup_writes_a_sound_copy_into_the_backup_folder(
    qtbot: Any, driver: Any, tree_data: Any, answer_modal: Any, press_button: Any
) -> None:
    tree_data.add("Smith, John")
    d = driver()
    files = d.window.file_actions
    answer_modal(QMessageBox, lambda box: press_button(box, "Back Up"))
    with qtbot.waitSignal(files.backup_finished, timeout=10_000) as done:
        d.window.backup_action.trigger()
    written = Path(done.args[0])
    assert written.parent == paths.backup_dir()
    assert written.is_file() and verify(written).ok
    with Company.open(written) as copy:
        assert [r.name for r in copy.tree.children(parent_id=None)] == ["Smith, John"]
    assert str(written) in close_box("backupDoneDialog")
    assert "Backup written" in d.window.status_line.text()


def test_backup_into_a_chosen_folder(
    qtbot: Any, driver: Any, tmp_path: Path, answer_modal: Any, press_button: Any
) -> None:
    folder = tmp_path / "usb stick"
    folder.mkdir()
    d = driver()

    def choose_folder(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(folder))
        dialog.accept()

    answer_modal(QMessageBox, lambda box: press_button(box, "Choose Folder"))
    answer_modal(QFileDialog, choose_folder)
    with qtbot.waitSignal(d.window.file_actions.backup_finished, timeout=10_000) as done:
        d.window.backup_action.trigger()
    assert Path(done.args[0]).parent == folder
    close_box("backupDoneDialog")


def test_verify_data_says_no_problems(qtbot: Any, driver: Any, tree_data: Any) -> None:
    tree_data.add("Smith, John")
    d = driver()
    with qtbot.waitSignal(d.window.file_actions.verify_finished, timeout=10_000):
        d.window.verify_action.trigger()
    dialog = d.window.file_actions.last_dialog
    assert isinstance(dialog, VerifyDialog) and dialog.isVisible()
    text = dialog.summary_label.text()
    assert NO_PROBLEMS in text
    assert "Checked 1 customer, 0 jobs, 0 contact log entries" in text
    assert dialog.problems() == []
    dialog.reject()


def test_verify_data_lists_problems_in_words(
    qtbot: Any, driver: Any, tree_data: Any, company: Any
) -> None:
    smith = tree_data.add("Smith, John", balance="10.00")
    with company.write() as session:  # a balance that no invoice explains
        session.execute(
            update(m.CustomerJob).where(m.CustomerJob.id == smith).values(balance_total=99)
        )
    d = driver()
    with qtbot.waitSignal(d.window.file_actions.verify_finished, timeout=10_000):
        d.window.verify_action.trigger()
    dialog = d.window.file_actions.last_dialog
    assert "1 problem found" in dialog.summary_label.text()
    (problem,) = dialog.problems()
    assert "Balances that do not add up" in problem and "Smith, John" in problem
    assert "Verify Data: 1 problem" in d.window.status_line.text()
    dialog.reject()


def test_restore_brings_back_the_backup_and_keeps_the_replaced_file(
    qtbot: Any,
    driver: Any,
    tree_data: Any,
    company_path: Path,
    tmp_path: Path,
    answer_modal: Any,
    press_button: Any,
) -> None:
    tree_data.add("Before Backup")
    backup = make_backup(company_path, to_dir=tmp_path / "backups")
    tree_data.add("After Backup")
    d = driver()
    qtbot.waitUntil(lambda: d.listed() == ["After Backup", "Before Backup"])
    asked: list[str] = []

    def confirm(box: QMessageBox) -> None:
        asked.append(box.text())
        press_button(box, "Restore")

    answer_modal(QFileDialog, type_file_name(backup))
    answer_modal(QMessageBox, confirm)
    with qtbot.waitSignal(d.window.file_actions.restore_finished, timeout=10_000) as done:
        d.window.restore_action.trigger()
    assert asked == [f"Replace “{company_path.name}” with the backup “{backup.name}”?"]
    kept = Path(done.args[0])
    assert kept.is_file() and "before-restore" in kept.name
    assert str(kept) in close_box("restoreDoneDialog")
    qtbot.waitUntil(lambda: d.listed() == ["Before Backup"])
    assert Path(d.window.company.path) == company_path
    assert d.window.company.customers.search("After") == []
    with Company.open(kept) as old:  # nothing is lost: the replaced file has it
        assert old.customers.search("After Backup")


def test_open_recent_lists_the_files_opened_here(
    qtbot: Any, driver: Any, company_path: Path, template_company_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "Other.officemgr"
    gone = tmp_path / "Gone.officemgr"
    for path in (other, gone):
        shutil.copyfile(template_company_file, path)
    d = driver()
    files = d.window.file_actions
    assert d.window.open_company(gone)
    assert d.window.open_company(other)
    gone.unlink()
    files.recent_menu.aboutToShow.emit()  # as opening the menu does
    entries = [(a.text(), a.isEnabled()) for a in files.recent_actions()]
    assert entries == [
        ("&1  Other.officemgr  (open)", False),
        ("&2  Gone.officemgr  (missing)", False),
        (f"&3  {company_path.name}", True),
    ]
    files.recent_actions()[2].trigger()
    assert Path(d.window.company.path) == company_path
    assert Path(files.recent_actions()[0].data()) == company_path


def test_new_company_makes_an_empty_file_named_after_it(
    qtbot: Any, driver: Any, tree_data: Any, tmp_path: Path, answer_modal: Any
) -> None:
    tree_data.add("In The Old File")
    d = driver()
    target = tmp_path / "Dayton Plumbing"
    answer_modal(QFileDialog, type_file_name(target))
    d.window.new_company_action.trigger()
    made = target.with_name("Dayton Plumbing.officemgr")
    assert made.is_file()
    assert Path(d.window.company.path) == made
    assert d.window.windowTitle().startswith("Dayton Plumbing — Dayton Plumbing.officemgr")
    assert d.listed() == []
