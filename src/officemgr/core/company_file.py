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
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from officemgr.core import paths
from officemgr.core.file_header import (
    APPLICATION_ID,
    SCHEMA_HEAD,
    check_name,
    describe,
    in_wal_mode,
    inspect_file,
    read_only_uri,
)
from officemgr.core.netfs import is_network_path
from officemgr.core.write_lock import WRITE_LOCK_OPTION, on_begin
from officemgr.core.write_lock import writer as writer  # the engines' write lock: see there
from officemgr.errors import CompanyDamagedError, CompanyFileError

BUSY_TIMEOUT_MS = 5000
CREATING = ".creating"  # a new company file is built beside its name, then moved there


# ------------------------------------------------------------------ connections


def _pragmas(path: Path, network: bool) -> Any:
    """The connect hook: OfficeMgr's pragmas on every connection.

    A file on a network share gets a rollback journal (SQLite's WAL keeps shared memory
    that only works on one computer) with full syncing; if a desk on the computer that
    holds the file has it open in WAL mode, the switch cannot happen and the share is
    refused rather than opened unsafely.
    """

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's implicit
        # transactions would run SELECTs outside the transaction).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if network:
            try:
                mode = cur.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            except sqlite3.OperationalError:
                if not in_wal_mode(path):
                    raise  # only busy: told as such by the caller
                mode = "wal"  # held open in WAL mode: the switch cannot happen
            if str(mode).lower() != "delete":
                cur.close()
                dbapi_connection.close()
                raise CompanyFileError(NETWORK_IN_WAL)
            cur.execute("PRAGMA synchronous=FULL")
        else:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return on_connect


NETWORK_IN_WAL = (
    "This company file is on a network share, and a desk on the computer that holds it has "
    "it open the local way, which desks on other computers cannot share safely. Close "
    "OfficeMgr on that computer (or open the file from there), then open it again."
)


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on ``path`` with OfficeMgr's pragmas on every connection (no checks).

    Connections are made from the path itself (sqlite3 reads a plain file name literally),
    never from a URL built out of it: "Smith?Sons", "100%" or "#1" in a name would be
    read as URL syntax and open another file.
    """
    name = os.fspath(path)

    def connect() -> sqlite3.Connection:
        # Each connection stays in its thread's hands; SQLAlchemy's pool hands it on.
        return sqlite3.connect(name, uri=False, check_same_thread=False)

    network = is_network_path(path)
    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool)
    event.listen(engine, "connect", _pragmas(path, network))
    # Writers take the write lock up front (BEGIN IMMEDIATE) so two desks never deadlock
    # upgrading a read lock; readers start a plain deferred snapshot (see core.write_lock).
    event.listen(engine, "begin", on_begin)
    # On a share, a writer holds the whole file while it writes (BEGIN EXCLUSIVE).
    return engine.execution_options(**{WRITE_LOCK_OPTION: "EXCLUSIVE" if network else "IMMEDIATE"})


def open_engine(path: str | os.PathLike[str], *, create: bool = True) -> Engine:
    """Check, create or migrate the company file at ``path`` and return an engine on it."""
    path = Path(path).expanduser().absolute()
    check_name(path)
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
        from officemgr.core.desks import alone
        from officemgr.core.migrate import upgrade

        with alone(path, doing="upgraded", action="open it again to upgrade it"):
            backup_before_migration(path, info.revision or "none")
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


# SQLite's primary result codes of a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB.
_DAMAGE_CODES = (11, 26)
_DAMAGE_WORDS = ("malformed", "not a database", "database corrupt")
# Files up to this size get PRAGMA quick_check as they open (about half a second on a
# slow disk); bigger ones are checked through the copy each daily backup verifies.
QUICK_CHECK_BYTES = 16 * 1024 * 1024


def is_damage(error: BaseException | None) -> bool:
    """A sqlite3 error that says the file is damaged."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _DAMAGE_CODES:
        return True
    return any(words in str(error).lower() for words in _DAMAGE_WORDS)


def damaged_error(path: Path, detail: object) -> CompanyDamagedError:
    """The one sentence for a damaged company file, naming the newest backup of it."""
    newest = newest_backup(path)
    remedy = (
        f"or restore its newest backup, “{newest.name}”, with File › Restore"
        if newest is not None
        else "or restore a backup of it with File › Restore"
    )
    return CompanyDamagedError(
        f"{describe(path)} is damaged ({detail}). Nothing more is written to it. Check it "
        f"with File › Verify Data, {remedy}.",
        path=path,
    )


def quick_check(path: Path) -> None:
    """CompanyDamagedError when SQLite's quick check finds ``path`` damaged (small files
    only: see QUICK_CHECK_BYTES). Reads only."""
    try:
        if path.stat().st_size > QUICK_CHECK_BYTES:
            return
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except (OSError, sqlite3.Error):
        return  # whatever is wrong here, opening has said or will say it
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as error:
        raise damaged_error(path, error) from error
    finally:
        conn.close()
    if rows != ["ok"]:
        raise damaged_error(path, "; ".join(rows))


# SQLite's primary result codes meaning the file itself failed under the connection.
_FILE_ERROR_CODES = {8: "SQLITE_READONLY", 10: "SQLITE_IOERR", 14: "SQLITE_CANTOPEN"}


def is_disk_full(error: BaseException | None) -> bool:
    """A sqlite3 error saying the disk is full (SQLITE_FULL, or an extended code of it)."""
    code = getattr(error, "sqlite_errorcode", None)
    return (isinstance(code, int) and code & 0xFF == 13) or "disk is full" in str(error)


def is_file_error(error: BaseException | None) -> bool:
    """A sqlite3 error saying the file cannot be read or written (disk I/O, moved, read-only)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in _FILE_ERROR_CODES


def _create(path: Path) -> None:
    """Build a new company file beside ``path`` and move it into place when complete."""
    from officemgr.core.migrate import upgrade

    partial = paths.beside(path, CREATING)
    for leftover in sqlite_files(partial):
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
        for extra in sqlite_files(partial)[1:]:
            extra.unlink(missing_ok=True)
        os.replace(partial, path)
    except OSError as exc:
        for leftover in sqlite_files(partial):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise CompanyFileError(f"Cannot create {describe(path)}: {exc.strerror}.") from exc


def sqlite_files(path: Path) -> list[Path]:
    """A company file and the -wal and -shm files SQLite keeps beside it."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


# ----------------------------------------------------------------------- backups


COPY_CACHE_KIB = -256  # SQLite reads a negative cache_size as KiB


def backup_to(source: Path, target: Path) -> Path:
    """Copy a company file consistently while it may be open (SQLite online backup API).

    The copy is made beside ``target`` (readable by its user only), checked, and moved into
    place; if anything fails on the way, nothing is left behind.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        # Made empty and private first: company data is never readable by others, not
        # even while half-written.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        # A file nobody may write cannot change under the copy: read it as it is, leaving
        # nothing beside it; any other is read under SQLite's locks.
        source_uri = (
            read_only_uri(source) if not _marked_writable(source) else f"{source.as_uri()}?mode=ro"
        )
        src = sqlite3.connect(source_uri, uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                # The copy streams every page once: a big cache only costs the window memory.
                for conn in (src, dst):
                    conn.execute(f"PRAGMA cache_size={COPY_CACHE_KIB}")
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                ok = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if ok != "ok":  # the copy holds the pages the company file has: it is damaged
            raise damaged_error(source, ok)
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    except sqlite3.DatabaseError as error:
        _remove_partial(partial)
        if is_damage(error):
            raise damaged_error(source, error) from error
        raise
    except BaseException:
        _remove_partial(partial)
        raise
    return target


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def backup_name(source: Path, label: str) -> str:
    stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
    ending = f" {stamp} {label}{paths.COMPANY_SUFFIX}"
    return paths.short_name(source.stem, paths.path_tag(source), ending=ending)


def backup_before_migration(path: Path, revision: str) -> Path:
    target = paths.backup_dir() / backup_name(path, f"before-upgrade-from-{revision}")
    try:
        return backup_to(path, target)
    except (OSError, sqlite3.Error) as exc:
        raise CompanyFileError(
            f"{describe(path)} needs an upgrade, but backing it up first failed ({exc}); "
            "it was left unchanged."
        ) from exc


def newest_backup(source: Path, *, folder: Path | None = None) -> Path | None:
    """The newest backup of ``source`` in the Backups folder (its automatic ones, and the
    manual and safety copies named after it), or None."""
    source = source.expanduser().absolute()
    folder = folder or paths.backup_dir()
    tag = paths.path_tag(source)
    try:
        candidates = [
            p
            for p in folder.iterdir()
            # named after it (a long name is cut short and carries the file's tag)
            if (p.name.startswith(f"{source.stem} ") or f"-{tag} " in p.name)
            and p.name.endswith(paths.COMPANY_SUFFIX)
            and (" auto-" not in p.name or p.name.endswith(f" {tag}{paths.COMPANY_SUFFIX}"))
        ]
    except OSError:
        return None
    return max(candidates, key=lambda p: p.stat().st_mtime_ns, default=None)
