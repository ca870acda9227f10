"""Manual backups and restore of a company file (automatic rotation comes with data safety)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from officemgr.core import paths
from officemgr.core.company_file import backup_name, backup_to, describe, inspect_file
from officemgr.errors import CompanyFileError


def make_backup(source: Path, *, to_dir: Path | None = None, label: str = "backup") -> Path:
    """Write a verified, self-contained copy of ``source`` into ``to_dir``."""
    source = source.expanduser().absolute()
    info = inspect_file(source)
    if not info.exists:
        raise CompanyFileError(f"{describe(source)} does not exist.")
    folder = (to_dir or paths.backup_dir()).expanduser().absolute()
    try:
        return backup_to(source, folder / backup_name(source, label))
    except OSError as exc:
        raise CompanyFileError(f"Cannot write the backup into {folder}: {exc.strerror}.") from exc
    except sqlite3.Error as exc:
        raise CompanyFileError(f"The backup of {describe(source)} failed: {exc}.") from exc


def verify_backup(backup: Path) -> None:
    """Refuse a backup that is not a sound OfficeMgr company file."""
    inspect_file(backup)
    conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise CompanyFileError(f"The backup {describe(backup)} is damaged ({exc}).") from exc
    finally:
        conn.close()
    if result != "ok":
        raise CompanyFileError(f"The backup {describe(backup)} is damaged: {result}.")


def restore_backup(backup: Path, *, target: Path) -> Path | None:
    """Replace ``target`` with ``backup``; the replaced file is kept as a backup first.

    Returns the path of that safety copy (None when there was no file to replace).
    """
    backup = backup.expanduser().absolute()
    target = target.expanduser().absolute()
    if not backup.is_file():
        raise CompanyFileError(f"The backup {describe(backup)} does not exist.")
    verify_backup(backup)
    kept: Path | None = None
    if target.exists():
        kept = make_backup(target, label="before-restore")
    staged = target.with_name(target.name + ".restoring")
    backup_to(backup, staged)
    for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)
    os.replace(staged, target)
    return kept
