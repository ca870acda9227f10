"""Backups of a company file: manual, automatic (rotating), and restore.

Automatic backups are named ``<stem> <date> <time> auto-<reason> <tag>.officemgr``: the
tag (a hash of the company file's full path) tells two files of the same name in
different folders apart, so rotating one never deletes the other's backups. Manual,
before-upgrade and before-restore backups carry no ``auto-`` label and are never rotated.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from officemgr.core import paths
from officemgr.core.company_file import backup_name, backup_to, describe, inspect_file
from officemgr.errors import CompanyFileError

__all__ = [
    "auto_backup",
    "automatic_backups",
    "make_backup",
    "restore_backup",
    "verify_backup",
]

log = logging.getLogger(__name__)

AutoReason = Literal["close", "daily"]
AUTO_REASONS: tuple[AutoReason, ...] = ("close", "daily")
_STAMP = "%Y-%m-%d %H%M%S"


def make_backup(source: Path, *, to_dir: Path | None = None, label: str = "backup") -> Path:
    """Write a verified, self-contained copy of ``source`` into ``to_dir``."""
    source = source.expanduser().absolute()
    info = inspect_file(source)
    if not info.exists:
        raise CompanyFileError(f"{describe(source)} does not exist.")
    folder = (to_dir or paths.backup_dir()).expanduser().absolute()
    return _write(source, folder / backup_name(source, label))


def _write(source: Path, target: Path) -> Path:
    folder = target.parent
    try:
        written = backup_to(source, target)
    except OSError as exc:
        raise CompanyFileError(f"Cannot write the backup into {folder}: {exc.strerror}.") from exc
    except sqlite3.Error as exc:
        raise CompanyFileError(f"The backup of {describe(source)} failed: {exc}.") from exc
    log.info("Backed up %s to %s", source, written)
    return written


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
    log.info("Restored %s from %s (the replaced file kept as %s)", target, backup, kept)
    return kept


# ----------------------------------------------------------------- automatic backups


def _tag(source: Path) -> str:
    return hashlib.sha256(str(source).encode("utf-8")).hexdigest()[:8]


def _auto_pattern(source: Path) -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(source.stem)} (\d{{4}}-\d{{2}}-\d{{2}} \d{{6}}) "
        rf"auto-({'|'.join(AUTO_REASONS)}) {_tag(source)}{re.escape(paths.COMPANY_SUFFIX)}"
    )


def automatic_backups(
    source: Path, *, folder: Path | None = None
) -> list[tuple[datetime, AutoReason, Path]]:
    """The automatic backups of ``source`` (only this file's), oldest first."""
    source = source.expanduser().absolute()
    folder = folder or paths.backup_dir()
    if not folder.is_dir():
        return []
    pattern = _auto_pattern(source)
    found = []
    for candidate in folder.iterdir():
        match = pattern.fullmatch(candidate.name)
        if match:
            when = datetime.strptime(match.group(1), _STAMP)
            reason: AutoReason = "close" if match.group(2) == "close" else "daily"
            found.append((when, candidate.stat().st_mtime_ns, reason, candidate))
    # Names tell the second; two backups of one second are told apart by when written.
    return [(when, reason, path) for when, _written, reason, path in sorted(found)]


def auto_backup(
    path: Path,
    *,
    reason: AutoReason,
    keep: int,
    folder: Path | None = None,
    now: datetime | None = None,
) -> Path | None:
    """Write a verified automatic backup of ``path``, then keep only the newest ``keep``.

    ``reason`` "daily" makes at most one backup a calendar day: None when today's exists.
    Only this file's automatic backups are ever deleted.
    """
    if reason not in AUTO_REASONS:
        raise ValueError(f"unknown automatic backup reason {reason!r}")
    if keep < 1:
        raise ValueError("keep at least one automatic backup")
    source = path.expanduser().absolute()
    folder = (folder or paths.backup_dir()).expanduser().absolute()
    now = now or datetime.now()
    if reason == "daily" and _has_daily(source, folder, now.date()):
        return None
    info = inspect_file(source)
    if not info.exists:
        raise CompanyFileError(f"{describe(source)} does not exist.")
    name = (
        f"{source.stem} {now.strftime(_STAMP)} auto-{reason} {_tag(source)}{paths.COMPANY_SUFFIX}"
    )
    written = _write(source, folder / name)
    _rotate(source, folder, keep)
    return written


def _has_daily(source: Path, folder: Path, day: date) -> bool:
    return any(
        kind == "daily" and when.date() == day
        for when, kind, _path in automatic_backups(source, folder=folder)
    )


def _rotate(source: Path, folder: Path, keep: int) -> None:
    backups = automatic_backups(source, folder=folder)
    for _when, _kind, old in backups[: max(len(backups) - keep, 0)]:
        try:
            old.unlink()
        except OSError as exc:  # a locked old backup is no reason to fail the new one
            log.warning("Could not delete the old automatic backup %s: %s", old, exc)
        else:
            log.info("Deleted the old automatic backup %s", old)
