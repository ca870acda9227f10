"""Company files as the window and the command line handle them (Qt-free).

What the File menu does to a company file as a whole — back it up (by hand or
automatically), restore a backup over it, Verify Data and its repair, find its newest
backup, sweep what stopped writes left beside it, tell whether opening it will upgrade it
— is offered here, so that ``ui/`` and ``cli.py`` reach the company file through this
module and ``Company`` only, never into ``core.backup``, ``core.check``, ``core.repair``
or ``core.company_file`` themselves.

Every function takes paths and opens the file itself (never a connection the caller
holds), so each may run on a worker thread. What they raise is an ``OfficeMgrError`` with
a sentence for the user; a backup may also raise one of `STORAGE_ERRORS`.

Verify Data and repair read the whole model (SQLAlchemy's ORM): they, and their result
types, are loaded when first asked for, so ``officemgr backup`` starts as quickly as
before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from officemgr.core.backup import (
    AutoReason,
    ChangeStamp,
    auto_backup,
    automatic_backups,
    change_stamp,
    make_backup,
    remove_leftovers,
    restore_backup,
)
from officemgr.core.company_file import newest_backup
from officemgr.core.file_header import SCHEMA_HEAD, describe, inspect_file
from officemgr.core.location import is_server_url

if TYPE_CHECKING:
    from officemgr.core.check import CheckReport as CheckReport
    from officemgr.core.copying import CopyResult as CopyResult
    from officemgr.core.repair import RepairResult as RepairResult

__all__ = [
    "SCHEMA_HEAD",
    "STORAGE_ERRORS",
    "AutoReason",
    "ChangeStamp",
    "CheckReport",
    "CopyResult",
    "RepairResult",
    "auto_backup",
    "automatic_backups",
    "change_stamp",
    "copy_company",
    "describe",
    "make_backup",
    "make_server_company",
    "needs_upgrade",
    "newest_backup",
    "remove_leftovers",
    "repair",
    "restore_backup",
    "verify",
]

# What a backup may raise besides an OfficeMgrError: the disk or SQLite failing under it.
STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError, sqlite3.Error)


def needs_upgrade(path: Path) -> bool:
    """Whether opening ``path`` will back it up and migrate it first (a read-only look)."""
    info = inspect_file(Path(path).expanduser().absolute())
    return info.exists and info.revision is not None and info.revision != SCHEMA_HEAD


def verify(location: Path | str) -> CheckReport:
    """Verify Data: check the company file at ``location`` — or the company on a server
    at that URL — reading only, and say what is wrong.

    CompanyFileError when it cannot even be read.
    """
    from officemgr.core import check

    if is_server_url(location):
        return check.verify_server(str(location))
    return check.verify(Path(location))


def copy_company(
    source: Path | str,
    target: Path | str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> CopyResult:
    """Copy the company at ``source`` — a file or a server's URL — exactly, to a new file
    or an empty database ``target`` (see ``core.copying``)."""
    from officemgr.core import copying

    return copying.copy_company(source, target, progress=progress)


def make_server_company(url: str) -> str:
    """Make OfficeMgr's schema in the empty PostgreSQL database at ``url``; returns how
    sentences name it. CompanyFileError, nothing changed, for a database not empty."""
    from officemgr.core.server import describe_server, open_server_engine, server_url

    address = server_url(url)
    open_server_engine(address, new_only=True).dispose()
    return describe_server(address)


def repair(location: Path | str, *, backup_dir: Path | None = None) -> RepairResult:
    """Verify Data's repair: back the company (a file, or a server's URL) up, recompute
    its derived data, check it again.

    CompanyFileError — the company left unchanged — when it has no problems, or one a
    repair cannot safely fix.
    """
    from officemgr.core import repair as repairing

    if is_server_url(location):
        return repairing.repair_server(str(location), backup_dir=backup_dir)
    return repairing.repair(Path(location), backup_dir=backup_dir)


def __getattr__(name: str) -> Any:
    # The result types of verify and repair, loaded with them (see the module's doc).
    if name == "CheckReport":
        from officemgr.core.check import CheckReport

        return CheckReport
    if name == "CopyResult":
        from officemgr.core.copying import CopyResult

        return CopyResult
    if name == "RepairResult":
        from officemgr.core.repair import RepairResult

        return RepairResult
    raise AttributeError(f"module 'officemgr.files' has no attribute {name!r}")
