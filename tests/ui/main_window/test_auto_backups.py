"""Automatic backups from the window: the day's one on opening, one on closing, rotated by
the office setting, and a failure told to the user without keeping the window open."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from officemgr.core import paths
from officemgr.core.backup import auto_backup, automatic_backups
from officemgr.core.check import verify


def kinds(path: Path) -> list[str]:
    return [kind for _when, kind, _path in automatic_backups(path)]


def test_opening_makes_the_days_backup_once(
    qtbot: Any, make_window: Any, company_path: Path, template_company_file: Path, tmp_path: Path
) -> None:
    window = make_window()
    files = window.file_actions
    qtbot.waitUntil(lambda: kinds(company_path) == ["daily"])
    qtbot.waitUntil(lambda: not files.auto_runner.busy)
    assert "Daily backup written" in window.status_line.text()
    ((_when, _kind, daily),) = automatic_backups(company_path)
    assert verify(daily).ok

    other = tmp_path / "Other.officemgr"
    shutil.copyfile(template_company_file, other)
    with qtbot.waitSignal(files.auto_backup_finished, timeout=10_000) as made:
        assert window.open_company(other)
    assert made.args[0] is not None and kinds(other) == ["daily"]
    with qtbot.waitSignal(files.auto_backup_finished, timeout=10_000) as again:
        assert window.open_company(company_path)  # the same day: nothing more to do
    assert again.args == [None]
    assert kinds(company_path) == ["daily"]


def test_closing_backs_up_what_was_saved_and_keeps_the_office_setting(
    qtbot: Any, make_window: Any, company: Any, company_path: Path
) -> None:
    company.settings.update(backups_to_keep=2)
    for day in range(1, 4):  # three older automatic backups
        auto_backup(company_path, reason="close", keep=10, now=datetime.now() - timedelta(days=day))
    window = make_window()
    qtbot.waitUntil(lambda: not window.file_actions.auto_runner.busy)
    company.customers.add(name="Saved Before Closing")
    assert window.close()
    backups = automatic_backups(company_path)
    assert [kind for _w, kind, _p in backups] == ["daily", "close"], "the newest two"
    newest = backups[-1][2]
    assert "Saved Before Closing" in [r.name for r in _customers(newest)], (
        "the backup on closing has what was saved"
    )
    assert "Backup written" in window.status_line.text()


def _customers(path: Path) -> list[Any]:
    from officemgr import Company

    with Company.open(path) as copy:
        return list(copy.tree.children(parent_id=None))


def test_a_failed_automatic_backup_is_told_and_closing_goes_on(
    qtbot: Any, make_window: Any, company_path: Path, visible_top_level: Any
) -> None:
    # A file where the backup folder should be: no backup can be written.
    paths.backup_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.backup_dir().write_text("not a folder")
    window = make_window()  # the day's backup on opening fails: the status bar says so
    qtbot.waitUntil(lambda: "The automatic backup failed" in window.status_line.text())
    assert window.close()
    assert not window.isVisible()
    (box,) = visible_top_level("closeBackupFailedDialog")
    assert "failed" in box.text() and company_path.name in box.text()
    assert "The company file itself is saved" in box.informativeText()
    box.accept()


def test_closing_an_unchanged_file_writes_no_backup_and_the_window_goes_first(
    qtbot: Any, make_window: Any, company_path: Path
) -> None:
    """Three short sessions that change nothing leave the day's one backup (not three
    more of the whole file), and the window is off the screen before any backup runs."""
    for _session in range(3):
        window = make_window()
        qtbot.waitUntil(lambda w=window: not w.file_actions.auto_runner.busy)
        assert window.close()
    assert kinds(company_path) == ["daily"]


def test_the_window_is_hidden_before_the_backup_on_closing_runs(
    qtbot: Any, make_window: Any, company: Any, company_path: Path, monkeypatch: Any
) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: not window.file_actions.auto_runner.busy)
    company.customers.add(name="Changed Today")
    seen: list[bool] = []
    real = window.file_actions.backup_on_close

    def watch() -> Path | None:
        seen.append(window.isVisible())
        return real()

    monkeypatch.setattr(window.file_actions, "backup_on_close", watch)
    assert window.close()
    assert seen == [False]
    assert kinds(company_path) == ["daily", "close"]
