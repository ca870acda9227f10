"""Nothing is left behind: a check or a refused open writes nothing beside the file, and
what a stopped backup, restore or new company left is swept away (once it is stale)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from officemgr import Company
from officemgr.cli import main as cli_main
from officemgr.core import paths
from officemgr.core.backup import STALE_SECONDS, remove_leftovers
from officemgr.core.check import verify
from officemgr.errors import CompanyFileError


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p != path)


def closed_copy(company_path: Path, folder: Path) -> Path:
    """A closed company file (no -wal) alone in ``folder``."""
    folder.mkdir()
    path = folder / company_path.name
    shutil.copyfile(company_path, path)
    return path


def test_check_leaves_nothing_beside_the_file(company_path: Path, tmp_path: Path) -> None:
    path = closed_copy(company_path, tmp_path / "one")
    assert verify(path).ok
    assert cli_main(["check", "--db", str(path)]) == 0
    assert beside(path) == []


def test_a_read_only_file_is_checked_and_refused_leaving_nothing(
    company_path: Path, tmp_path: Path
) -> None:
    path = closed_copy(company_path, tmp_path / "ro")
    path.chmod(0o444)
    before = path.read_bytes()
    assert verify(path).ok
    with pytest.raises(CompanyFileError, match="read-only"):
        Company.open(path)
    assert beside(path) == [] and path.read_bytes() == before


def test_a_damaged_file_is_checked_and_refused_leaving_nothing(
    company_path: Path, tmp_path: Path
) -> None:
    path = closed_copy(company_path, tmp_path / "damaged")
    with path.open("r+b") as f:  # garbage over the schema's second page
        f.seek(4096)
        f.write(os.urandom(4096))
    with pytest.raises(CompanyFileError, match="is damaged"):
        verify(path)  # not even its list of tables can be read
    with pytest.raises(CompanyFileError, match="is damaged"):
        Company.open(path)
    assert beside(path) == []


def test_an_older_file_is_told_apart_from_a_damaged_one(
    old_company_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["check", "--db", str(old_company_file)]) == 0
    out = capsys.readouterr().out
    assert (
        "“Old.officemgr” was made by an earlier version of OfficeMgr; it will be upgraded "
        "(after a backup) when it is opened, and OfficeMgr's own checks run then."
    ) in out
    assert "No problems found in Old.officemgr." in out
    assert "damaged" not in out


def test_a_locked_file_is_busy_not_damaged(company_path: Path) -> None:
    holder = sqlite3.connect(company_path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the whole file
    try:
        with pytest.raises(CompanyFileError) as refused:
            verify(company_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(refused.value) == (
        "“Test Company.officemgr” is busy: another window or program is saving to it. Try "
        "again in a moment."
    )


def test_what_stopped_writes_left_is_swept_once_stale(company_path: Path) -> None:
    backups = paths.backup_dir()
    backups.mkdir(parents=True, exist_ok=True)
    stale = [
        backups / "Test Company 2026-12-01 101010 backup.officemgr.partial",
        backups / "Test Company 2026-12-01 101010 backup.officemgr.partial-journal",
        company_path.with_name(company_path.name + ".restoring.partial"),
        company_path.with_name(company_path.name + ".restoring"),
        company_path.with_name(company_path.name + ".creating-wal"),
    ]
    fresh = backups / "Another 2026-12-07 090000 backup.officemgr.partial"  # being written
    kept = company_path.with_name("Test Company.officemgr.restoringX")  # not ours
    old = time.time() - STALE_SECONDS - 60
    for path in (*stale, fresh, kept):
        path.write_bytes(b"x")
    for path in (*stale, kept):
        os.utime(path, (old, old))
    removed = remove_leftovers(company_path)
    assert sorted(removed) == sorted(stale)
    assert fresh.exists() and kept.exists()
