"""Automatic backups: verified copies, one a day, rotated — only this file's automatic ones."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from officemgr import Company
from officemgr.core import paths
from officemgr.core.backup import auto_backup, automatic_backups, make_backup
from officemgr.core.check import verify
from officemgr.core.company_file import backup_before_migration
from officemgr.errors import CompanyFileError

MORNING = datetime(2026, 11, 2, 8, 30, 0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM customer_jobs ORDER BY name")]
    finally:
        conn.close()


def test_close_backup_is_a_sound_copy_with_what_is_not_yet_checkpointed(
    company: Any, company_path: Path
) -> None:
    company.customers.add(name="Smith, John")  # still in the -wal file of the open company
    written = auto_backup(company_path, reason="close", keep=5)
    assert written is not None and written.parent == paths.backup_dir()
    assert "auto-close" in written.name and written.name.startswith("Test Company ")
    assert verify(written).ok
    assert names_in(written) == ["Smith, John"]
    assert not list(written.parent.glob("*.partial")), "no half-written copy is left"
    with Company.open(written) as copy:  # a backup is a company file the program opens
        assert [r.name for r in copy.tree.children(parent_id=None)] == ["Smith, John"]


def test_daily_backup_is_made_once_a_calendar_day(company_path: Path) -> None:
    first = auto_backup(company_path, reason="daily", keep=10, now=MORNING)
    assert first is not None and "auto-daily" in first.name
    later_that_day = MORNING + timedelta(hours=9)
    assert auto_backup(company_path, reason="daily", keep=10, now=later_that_day) is None
    # A backup on closing is no daily one: the day's daily one still counts once.
    assert auto_backup(company_path, reason="close", keep=10, now=later_that_day) is not None
    next_day = auto_backup(company_path, reason="daily", keep=10, now=MORNING + timedelta(1))
    assert next_day is not None
    kinds = [kind for _when, kind, _path in automatic_backups(company_path)]
    assert kinds == ["daily", "close", "daily"]


def test_rotation_keeps_the_newest_and_touches_no_other_backup(
    company_path: Path, template_company_file: Path, tmp_path: Path
) -> None:
    # Another company file of the same name in another folder, with its own backups.
    twin_folder = tmp_path / "elsewhere"
    twin_folder.mkdir()
    twin = twin_folder / company_path.name
    shutil.copyfile(template_company_file, twin)
    twin_backup = auto_backup(twin, reason="close", keep=10, now=MORNING - timedelta(days=30))
    manual = make_backup(company_path)
    before_upgrade = backup_before_migration(company_path, "0001_initial")
    made = [
        auto_backup(company_path, reason="close", keep=3, now=MORNING + timedelta(hours=h))
        for h in range(5)
    ]
    kept = [path for _when, _kind, path in automatic_backups(company_path)]
    assert kept == made[2:], "the three newest automatic backups are kept"
    assert not made[0].exists() and not made[1].exists()  # type: ignore[union-attr]
    for untouched in (twin_backup, manual, before_upgrade):
        assert untouched is not None and untouched.is_file(), untouched
    assert [p for _w, _k, p in automatic_backups(twin)] == [twin_backup]


def test_keeping_fewer_deletes_the_oldest_at_the_next_backup(company_path: Path) -> None:
    for day in range(4):
        auto_backup(company_path, reason="daily", keep=10, now=MORNING + timedelta(days=day))
    assert len(automatic_backups(company_path)) == 4
    newest = auto_backup(company_path, reason="close", keep=2, now=MORNING + timedelta(days=5))
    assert [p for _w, _k, p in automatic_backups(company_path)][-1] == newest
    assert len(automatic_backups(company_path)) == 2


def test_backup_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CompanyFileError, match="does not exist"):
        auto_backup(tmp_path / "Gone.officemgr", reason="close", keep=3)


def test_backup_into_a_folder_that_cannot_be_made_leaves_nothing(
    company_path: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the backup folder should be")
    before = digest(company_path)
    with pytest.raises(CompanyFileError, match="Cannot write the backup"):
        auto_backup(company_path, reason="close", keep=3, folder=blocker / "Backups")
    assert digest(company_path) == before


def test_backup_of_a_damaged_file_is_refused_and_the_file_left_alone(
    company_path: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "Damaged.officemgr"
    damaged.write_bytes(company_path.read_bytes()[:5000])
    before = digest(damaged)
    with pytest.raises(CompanyFileError, match="damaged"):
        auto_backup(damaged, reason="close", keep=3)
    assert digest(damaged) == before
    assert automatic_backups(damaged) == []


def test_keep_and_reason_are_checked(company_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one"):
        auto_backup(company_path, reason="close", keep=0)
    with pytest.raises(ValueError, match="reason"):
        auto_backup(company_path, reason="weekly", keep=3)  # type: ignore[arg-type]
