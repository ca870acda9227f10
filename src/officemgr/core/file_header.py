"""A company file looked at before it is opened: its header, its marks, its schema version.

Plain ``sqlite3`` only (no SQLAlchemy), so the window can look at the file and show its
first page of customers before the rest of the program has loaded (``core.first_look``).
``core.company_file`` opens the file for real and re-exports these names.
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from officemgr.core import paths
from officemgr.errors import CompanyBusyError, CompanyFileError

# PRAGMA application_id marks a SQLite file as an OfficeMgr company file ("OFMG").
APPLICATION_ID = 0x4F464D47
SQLITE_HEADER = b"SQLite format 3\x00"
# The newest migration this program knows; a test keeps it equal to the Alembic head.
SCHEMA_HEAD = "0003_receivables"


@dataclass(frozen=True)
class FileInfo:
    """What a read-only look at a company file found."""

    path: Path
    exists: bool
    revision: str | None = None  # Alembic revision; None for a new (missing) file


def describe(path: Path) -> str:
    return f"“{path.name}”"


def check_name(path: Path) -> None:
    """CompanyFileError for a path no disk can hold (before any file-system call)."""
    problem = paths.file_name_problem(path)
    if problem is not None:
        name = path.name.encode("utf-8", "backslashreplace").decode("utf-8")
        shown = name if len(name) <= 60 else name[:59] + "…"
        raise CompanyFileError(f"“{shown}” cannot be a company file: {problem}.")


def inspect_file(path: Path) -> FileInfo:
    """Look at ``path`` without changing a byte; raise CompanyFileError if unusable."""
    check_name(path)
    if not path.exists():
        if not path.parent.is_dir():
            raise CompanyFileError(f"The folder {path.parent} does not exist.")
        return FileInfo(path=path, exists=False)
    if path.is_dir():
        raise CompanyFileError(f"{path} is a folder, not a company file.")
    _check_header(path)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise CompanyFileError(f"{describe(path)} cannot be opened: {exc}.") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id != APPLICATION_ID:
            raise CompanyFileError(
                f"{describe(path)} is a database of another program, not an OfficeMgr "
                "company file. It was left unchanged."
            )
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise busy_error(path) from exc
        raise CompanyFileError(
            f"{describe(path)} is damaged ({exc}). It was left unchanged; restore a backup "
            "or run Verify Data."
        ) from exc
    finally:
        conn.close()
    if revision is None:
        raise CompanyFileError(
            f"{describe(path)} is an incomplete OfficeMgr company file (it has no schema "
            "version). It was left unchanged."
        )
    if revision != SCHEMA_HEAD and not _is_known_revision(revision):
        raise CompanyFileError(
            f"{describe(path)} was written by a newer version of OfficeMgr (schema "
            f"{revision}). Install the newer version to open it; the file was left unchanged."
        )
    return FileInfo(path=path, exists=True, revision=revision)


def is_busy(error: BaseException | None) -> bool:
    """A sqlite3 error saying another connection holds the lock (SQLITE_BUSY, _LOCKED)."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (5, 6)
    return isinstance(error, sqlite3.Error) and "locked" in str(error)


def busy_error(path: Path) -> CompanyBusyError:
    return CompanyBusyError(
        f"{describe(path)} is busy: another window or program is saving to it. Try again "
        "in a moment."
    )


def read_only_uri(path: Path) -> str:
    """A sqlite3 URI (the path quoted) that reads ``path`` and writes nothing beside it.

    A file in WAL mode (OfficeMgr's) with no -wal file is open nowhere, and its writers
    change only the -wal until a checkpoint: "immutable" reads it as it is, where a
    read-only connection would leave empty -wal and -shm files by a file it only looked at
    (or refused). With a -wal file, or in rollback-journal mode (another program's, whose
    writers change the file itself), a plain read-only connection reads under SQLite's
    locks; in that mode it creates nothing beside the file.
    """
    wal = path.with_name(path.name + "-wal")
    return f"{path.as_uri()}?mode=ro" + (
        "&immutable=1" if in_wal_mode(path) and not wal.exists() else ""
    )


def in_wal_mode(path: Path) -> bool:
    """The file's header says WAL (its read and write versions are 2)."""
    try:
        with path.open("rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def _check_header(path: Path) -> None:
    """Refuse empty, foreign and truncated files from their first 100 bytes and size."""
    size = path.stat().st_size
    if size == 0:
        raise CompanyFileError(
            f"{describe(path)} is empty (0 bytes): it is not an OfficeMgr company file."
        )
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise CompanyFileError(f"{describe(path)} cannot be read: {exc.strerror}.") from exc
    if not header.startswith(SQLITE_HEADER):
        raise CompanyFileError(
            f"{describe(path)} is not an OfficeMgr company file (it is not a SQLite "
            "database). It was left unchanged."
        )
    if len(header) < 100:
        raise CompanyFileError(f"{describe(path)} is damaged: it is cut short.")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    version_valid_for = struct.unpack(">I", header[92:96])[0]
    wal = path.with_name(path.name + "-wal")
    # The in-header page count is trustworthy only when it was written by the same change
    # as the counter; pages may still sit in the WAL, which SQLite then recovers itself.
    header_count_valid = change_counter == version_valid_for and page_count > 0
    if header_count_valid and not wal.exists() and size < page_size * page_count:
        raise CompanyFileError(
            f"{describe(path)} is damaged: it is shorter than SQLite says it should be "
            "(the file was cut off). It was left unchanged; restore a backup."
        )
    if page_size < 512 or size % page_size:
        raise CompanyFileError(f"{describe(path)} is damaged: its size does not fit its pages.")


def _is_known_revision(revision: str) -> bool:
    from officemgr.core.migrate import known_revisions

    return revision in known_revisions()
