"""Backups of a company file: manual, automatic (rotating), and restore.

Automatic backups are named ``<stem> <date> <time> auto-<reason> <tag>.officemgr``: the
tag (a hash of the company file's full path) tells two files of the same name in
different folders apart, so rotating one never deletes the other's backups. Manual,
before-upgrade and before-restore backups carry no ``auto-`` label and are never rotated.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import time
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from officemgr.core import paths
from officemgr.core.company_file import (
    CREATING,
    backup_name,
    backup_to,
    is_disk_full,
    newest_backup,  # lives beside backup_name: the damaged-file sentence names it too
)
from officemgr.core.desks import alone
from officemgr.core.file_header import check_name, describe, inspect_file
from officemgr.core.location import is_server_url
from officemgr.core.outputs import write_failed
from officemgr.errors import CompanyFileError

__all__ = [
    "ChangeStamp",
    "auto_backup",
    "automatic_backups",
    "change_stamp",
    "make_backup",
    "newest_backup",
    "remove_leftovers",
    "restore_backup",
    "verify_backup",
]

log = logging.getLogger(__name__)

AutoReason = Literal["close", "daily"]
AUTO_REASONS: tuple[AutoReason, ...] = ("close", "daily")
_STAMP = "%Y-%m-%d %H%M%S"


def make_backup(source: Path | str, *, to_dir: Path | None = None, label: str = "backup") -> Path:
    """Write a verified, self-contained copy of ``source`` into ``to_dir``: of a company
    file, or of a company on a server (its URL), as a new company file."""
    if is_server_url(source):
        return _backup_server(str(source), to_dir=to_dir, label=label)
    source = Path(source).expanduser().absolute()
    info = inspect_file(source)
    if not info.exists:
        raise CompanyFileError(f"{describe(source)} does not exist.")
    remove_leftovers(source)
    return _write(source, _backup_folder(to_dir) / backup_name(source, label))


def _backup_folder(to_dir: Path | None) -> Path:
    """``to_dir``, else the backup folder; CompanyFileError for a name no disk can hold."""
    folder = (to_dir or paths.backup_dir()).expanduser().absolute()
    problem = paths.file_name_problem(folder)
    if problem is not None:
        raise CompanyFileError(f"Cannot write the backup into that folder: {problem}.")
    return folder


def _backup_server(text: str, *, to_dir: Path | None, label: str) -> Path:
    """A server company copied into a new company file (``copying``), which opens as any
    company file does and copies back to a server with ``officemgr copy``."""
    from officemgr.core.copying import copy_company
    from officemgr.core.server import server_url

    url = server_url(text)
    folder = _backup_folder(to_dir)
    folder.mkdir(parents=True, exist_ok=True)
    # Named after the database and its server, so two servers' "acme" stay apart.
    server = Path(f"{url.database} on {url.host or 'localhost'}{paths.COMPANY_SUFFIX}")
    target = _unused(folder / backup_name(server, label))
    copy_company(text, target)
    log.info("Backed up %s to %s", url.render_as_string(hide_password=True), target)
    return target


def _write(source: Path, target: Path) -> Path:
    """``backup_to`` a name nobody uses yet, every failure said in one sentence."""
    folder = target.parent
    if folder.exists() and not folder.is_dir():
        raise CompanyFileError(
            f"Cannot write the backup into {folder}: it is a file, not a folder."
        )
    target = _unused(target)
    try:
        written = backup_to(source, target)
    except OSError as exc:
        raise CompanyFileError(str(write_failed(exc, target, what="the backup"))) from exc
    except sqlite3.Error as exc:
        if is_disk_full(exc):
            raise CompanyFileError(
                f"Cannot write the backup into {folder}: the disk is full. Nothing was written."
            ) from exc
        raise CompanyFileError(f"The backup of {describe(source)} failed: {exc}.") from exc
    log.info("Backed up %s to %s", source, written)
    return written


def _unused(target: Path) -> Path:
    """``target``, or "<name> (2)" … when a file of that name is there already (two backups
    in one second): a backup never replaces another file."""
    candidate, number = target, 1
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{target.stem} ({number}){target.suffix}")
    return candidate


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
    check_name(backup)
    check_name(target)
    if not backup.is_file():
        raise CompanyFileError(f"The backup {describe(backup)} does not exist.")
    if target.exists() and backup.samefile(target):
        raise CompanyFileError(
            f"{describe(backup)} is the company file itself; choose a backup of it."
        )
    verify_backup(backup)
    remove_leftovers(target)
    with alone(target, doing="restored", action="restore it"):
        kept: Path | None = None
        if target.exists():
            kept = make_backup(target, label="before-restore")
        staged = paths.beside(target, RESTORING)
        staged.unlink(missing_ok=True)  # a restore that was stopped half-way
        staged = _write(backup, staged)
        try:
            for stale in (
                target.with_name(target.name + "-wal"),
                target.with_name(target.name + "-shm"),
            ):
                stale.unlink(missing_ok=True)
            os.replace(staged, target)
        except OSError as exc:
            staged.unlink(missing_ok=True)
            failed = write_failed(exc, target, what="the restored file")
            raise CompanyFileError(str(failed)) from exc
    log.info("Restored %s from %s (the replaced file kept as %s)", target, backup, kept)
    return kept


# ------------------------------------------------------------------- leftovers

# A file being written is touched all the time; one nobody touched for this long was
# left by a backup, restore or new company that was stopped (a kill, a power cut).
STALE_SECONDS = 10 * 60
_LEFTOVER_ENDINGS = (".partial", ".partial-journal")
RESTORING = ".restoring"


def remove_leftovers(company: Path | None = None, *, now: float | None = None) -> list[Path]:
    """Remove what this program's own stopped writes left: half-written backups in the
    Backups folder, and a half-restored or half-created copy beside ``company``. Only
    files nobody has written to for `STALE_SECONDS`; returns what was removed."""
    now = time.time() if now is None else now
    candidates: list[Path] = []
    with contextlib.suppress(OSError):
        candidates += [
            p for p in paths.backup_dir().iterdir() if p.name.endswith(_LEFTOVER_ENDINGS)
        ]
    if company is not None:
        company = company.expanduser().absolute()
        restoring, creating = paths.beside(company, RESTORING), paths.beside(company, CREATING)
        candidates += [
            restoring,
            *(restoring.with_name(restoring.name + end) for end in _LEFTOVER_ENDINGS),
            creating,
            *(creating.with_name(creating.name + end) for end in ("-wal", "-shm", "-journal")),
        ]
    removed = []
    for path in candidates:
        try:
            if now - path.stat().st_mtime < STALE_SECONDS:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path)
        log.info("Removed %s, left by a backup or restore that was stopped", path)
    return removed


# ----------------------------------------------------------------- automatic backups


def _tag(source: Path) -> str:
    return paths.path_tag(source)


def _auto_stem(source: Path) -> str:
    """The company's name as its automatic backups begin (cut short when too long for a
    file name; every automatic name has the same length after it)."""
    ending = f" 2000-01-01 000000 auto-daily {_tag(source)}{paths.COMPANY_SUFFIX}"
    return paths.short_name(source.stem, _tag(source), ending=ending)[: -len(ending)]


def _auto_pattern(source: Path) -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(_auto_stem(source))} (\d{{4}}-\d{{2}}-\d{{2}} \d{{6}}) "
        rf"auto-({'|'.join(AUTO_REASONS)}) {_tag(source)}{re.escape(paths.COMPANY_SUFFIX)}"
    )


ChangeStamp = tuple[tuple[int, int] | None, ...]


def change_stamp(source: Path) -> ChangeStamp:
    """What the company file and its write-ahead log look like on disk (time and size of
    each): any transaction committed by anyone changes it, reading does not. Two equal
    stamps: nothing was written in between (so no new backup is needed)."""
    stamp: list[tuple[int, int] | None] = []
    for path in (source, Path(f"{source}-wal")):
        try:
            info = path.stat()
        except FileNotFoundError:
            stamp.append(None)
        else:
            stamp.append((info.st_mtime_ns, info.st_size))
    return tuple(stamp)


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
    stamp = now.strftime(_STAMP)
    name = f"{_auto_stem(source)} {stamp} auto-{reason} {_tag(source)}{paths.COMPANY_SUFFIX}"
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
