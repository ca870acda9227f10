"""Settings for writing rows by the hundred thousand (the sample company, an import)."""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.pool import NullPool

__all__ = ["Statement", "WriteBehind", "bulk_writing", "filling_new_file"]

CACHE_KIB = -262_144  # SQLite page cache while writing in bulk: 256 MiB (negative: in KiB)
NEW_FILE_CACHE_KIB = -1_048_576  # a new file's whole build in memory, up to 1 GiB
# How long a thread keeps the GIL while another waits for it (Python's default: 5 ms),
# while a `WriteBehind` runs: see there.
SWITCH_SECONDS = 0.000_1

Statement = tuple[str, Sequence[Sequence[Any]]]  # SQL and the parameters of each run


@contextmanager
def bulk_writing(conn: Connection) -> Iterator[None]:
    """A page cache big enough to keep the indexes being written in memory (a setting of
    this connection only, put back after), and no cyclic garbage collection meanwhile:
    millions of short-lived tuples and no reference cycles, which it would only scan
    over and over."""
    cache_size = None
    if conn.dialect.name == "sqlite":
        cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        if cache_size > CACHE_KIB:  # not already bigger (a negative size is in KiB)
            conn.exec_driver_sql(f"PRAGMA cache_size = {CACHE_KIB}")
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
        if cache_size is not None:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")


@contextmanager
def filling_new_file(path: Path) -> Iterator[Connection]:
    """One transaction on the company file ``path``, which this process has just made and
    nobody else knows of, set for speed rather than safety.

    No rollback journal and no syncing: a crash or an error leaves a broken file, so the
    caller builds it under a name of its own, deletes it on failure and moves it into
    place only once this returns. Foreign keys and CHECK constraints are not enforced
    row by row (that is half the cost of an insert): what is written must be checked
    otherwise — the sample company's tests run SQLite's integrity and foreign-key checks
    on it, as Verify Data does. On success the file is back in WAL mode, as every
    company file is, and on disk.
    """
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: _connect_for_filling(path), poolclass=NullPool
    )
    # pysqlite starts no transaction itself with isolation_level None (see the creator)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN EXCLUSIVE"))
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()
    _finish_new_file(path)


def _connect_for_filling(path: Path) -> sqlite3.Connection:
    raw = sqlite3.connect(os.fspath(path), uri=False, check_same_thread=False)
    raw.isolation_level = None
    for pragma in (
        "journal_mode = OFF",
        "synchronous = OFF",
        "foreign_keys = OFF",
        "ignore_check_constraints = ON",
        f"cache_size = {NEW_FILE_CACHE_KIB}",
        "temp_store = MEMORY",
        "threads = 2",  # CREATE INDEX may sort on a second core
    ):
        raw.execute(f"PRAGMA {pragma}")
    return raw


def _finish_new_file(path: Path) -> None:
    """WAL mode again (it is kept in the file), and every byte on disk before the caller
    renames the file into place."""
    raw = sqlite3.connect(os.fspath(path), uri=False)
    try:
        mode = raw.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"{path.name} stayed in journal mode {mode}")
    finally:
        raw.close()
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class WriteBehind:
    """Runs a batch of statements on a thread of its own while the caller makes the next.

    SQLite binds and steps with the GIL released but for the binding, so one batch goes
    into the file on one core while the Python that makes the next runs on the other;
    the caller does all else (building the parameters, and freeing them after). At most
    one batch is in hand: `submit` first waits for the one before and raises what it
    raised. After each SQLite step the writer waits for the GIL, which a busy thread
    hands over only once a switch interval has passed, so that is made short meanwhile.
    The caller leaves the connection alone until the ``with`` block has ended.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="officemgr-bulk")
        self._pending: Future[None] | None = None
        self._batch: list[Statement] = []
        self._switch = sys.getswitchinterval()

    def submit(self, batch: list[Statement]) -> None:
        """Run ``batch`` in order on the writer thread once the one before is written.

        The list is emptied on this thread once written, so that the values it holds
        (millions) are freed here: on the writer, freeing them would hold the GIL.
        """
        self.wait()
        self._batch = batch
        self._pending = self._pool.submit(self._run, batch)

    def wait(self) -> None:
        """Until everything submitted is written; raises what writing it raised."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        try:
            pending.result()
        finally:
            self._batch.clear()

    def _run(self, batch: list[Statement]) -> None:
        for sql, params in batch:
            self._conn.exec_driver_sql(sql, params)

    def __enter__(self) -> WriteBehind:
        sys.setswitchinterval(min(self._switch, SWITCH_SECONDS))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self.wait()
        finally:
            # After an error (or a cancel) here the batch in hand is finished first: the
            # caller's rollback must not meet it half-way.
            self._pool.shutdown(wait=True, cancel_futures=True)
            sys.setswitchinterval(self._switch)
