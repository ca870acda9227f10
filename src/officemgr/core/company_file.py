"""The company file: one SQLite database per company, checked before anything touches it.

All SQLite specifics (header checks, pragmas, the backup API, BEGIN IMMEDIATE) live here,
behind ``open_engine``, so models and services stay portable SQLAlchemy.

Opening never changes a file it refuses: a file is inspected through a read-only
connection first, and only an OfficeMgr file of this or an older schema is opened for
writing (and, when older, backed up and then migrated).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from officemgr.core import paths
from officemgr.errors import CompanyFileError

# PRAGMA application_id marks a SQLite file as an OfficeMgr company file ("OFMG").
APPLICATION_ID = 0x4F464D47
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
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


def inspect_file(path: Path) -> FileInfo:
    """Look at ``path`` without changing a byte; raise CompanyFileError if unusable."""
    if not path.exists():
        if not path.parent.is_dir():
            raise CompanyFileError(f"The folder {path.parent} does not exist.")
        return FileInfo(path=path, exists=False)
    if path.is_dir():
        raise CompanyFileError(f"{path} is a folder, not a company file.")
    _check_header(path)
    # A -wal file may hold committed pages, which only a plain read-only connection sees.
    # Without one, "immutable" reads the file as it is and writes nothing beside it,
    # where a read-only connection would leave -wal and -shm files by a file it refuses.
    wal = path.with_name(path.name + "-wal")
    query = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?{query}", uri=True)
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


# ------------------------------------------------------------------ connections


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's implicit transactions
    # would run SELECTs outside the transaction).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _on_begin(conn: Any) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE) so two desks never deadlock
    # upgrading a read lock; readers start a plain deferred snapshot.
    mode = conn.get_execution_options().get("officemgr_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on ``path`` with OfficeMgr's pragmas on every connection (no checks)."""
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, beginning its transactions with BEGIN IMMEDIATE."""
    return engine.execution_options(officemgr_begin="IMMEDIATE")


def open_engine(path: str | os.PathLike[str], *, create: bool = True) -> Engine:
    """Check, create or migrate the company file at ``path`` and return an engine on it."""
    path = Path(path).expanduser().absolute()
    if path.is_file():  # before reading: a read-only folder may refuse SQLite's -shm file
        check_writable(path)
    info = inspect_file(path)
    if not info.exists:
        if not create:
            raise CompanyFileError(f"{describe(path)} does not exist.")
        check_writable(path)
        _create(path)
        return create_sqlite_engine(path)
    if info.revision != SCHEMA_HEAD:
        backup_before_migration(path, info.revision or "none")
        from officemgr.core.migrate import upgrade

        engine = create_sqlite_engine(path)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
    return create_sqlite_engine(path)


def _marked_writable(path: Path) -> bool:
    # os.access says yes to root for anything; the write bits say what the owner meant, so
    # a file or folder marked read-only is read-only for every user.
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def check_writable(path: Path) -> None:
    """Refuse a company file that cannot be saved to: read-only itself, or in a read-only
    folder (SQLite writes its -wal and -shm files beside it). Refused before opening, so a
    read-only file is never half-written and its bytes stay as they were."""
    if path.exists() and not _marked_writable(path):
        raise CompanyFileError(
            f"{describe(path)} is read-only, and OfficeMgr saves every change straight into "
            "the company file: make it writable, or copy it into a folder of yours, and open "
            "it again (it was left unchanged)."
        )
    # Windows ignores a folder's read-only attribute (Explorer sets it on customised
    # folders such as Documents), so only POSIX folder permissions are asked.
    if os.name != "nt" and not _marked_writable(path.parent):
        raise CompanyFileError(
            f"The folder {path.parent} is read-only, and OfficeMgr writes beside "
            f"{describe(path)} while it is open: copy the file into a folder of yours, or make "
            "the folder writable, and open it again (the file was left unchanged)."
        )


def vanished_error(path: Path, outcome: str) -> CompanyFileError:
    """The sentence for a company file that disappeared while open (a removed drive)."""
    return CompanyFileError(
        f"The company file {describe(path)} is no longer there: it was moved or deleted, or "
        f"its drive was removed. {outcome}; put the file back (or open it where it is now)."
    )


# SQLite's primary result codes meaning the file itself failed under the connection.
_FILE_ERROR_CODES = {8: "SQLITE_READONLY", 10: "SQLITE_IOERR", 14: "SQLITE_CANTOPEN"}


def is_file_error(error: BaseException | None) -> bool:
    """A sqlite3 error saying the file cannot be read or written (disk I/O, moved, read-only)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in _FILE_ERROR_CODES


def _create(path: Path) -> None:
    """Build a new company file beside ``path`` and move it into place when complete."""
    from officemgr.core.migrate import upgrade

    partial = path.with_name(path.name + ".creating")
    for leftover in _sqlite_files(partial):
        leftover.unlink(missing_ok=True)
    try:
        raw = sqlite3.connect(partial)
        raw.execute(f"PRAGMA application_id={APPLICATION_ID}")
        raw.close()
        os.chmod(partial, 0o600)  # company data is readable by its user only
        engine = create_sqlite_engine(partial)
        try:
            upgrade(engine)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        for extra in _sqlite_files(partial)[1:]:
            extra.unlink(missing_ok=True)
        os.replace(partial, path)
    except OSError as exc:
        for leftover in _sqlite_files(partial):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise CompanyFileError(f"Cannot create {describe(path)}: {exc.strerror}.") from exc


def _sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


# ----------------------------------------------------------------------- backups


def backup_to(source: Path, target: Path) -> Path:
    """Copy a company file consistently while it may be open (SQLite online backup API)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            ok = dst.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        partial.unlink(missing_ok=True)
        raise CompanyFileError(f"The backup of {describe(source)} did not verify: {ok}.")
    os.chmod(partial, 0o600)
    os.replace(partial, target)
    return target


def backup_name(source: Path, label: str) -> str:
    stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
    return f"{source.stem} {stamp} {label}{paths.COMPANY_SUFFIX}"


def backup_before_migration(path: Path, revision: str) -> Path:
    target = paths.backup_dir() / backup_name(path, f"before-upgrade-from-{revision}")
    try:
        return backup_to(path, target)
    except (OSError, sqlite3.Error) as exc:
        raise CompanyFileError(
            f"{describe(path)} needs an upgrade, but backing it up first failed ({exc}); "
            "it was left unchanged."
        ) from exc
