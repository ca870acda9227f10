"""Which transactions of a company file take the write lock as they begin.

A company file's engine (``company_file.create_sqlite_engine``) carries the lock its
writers take (IMMEDIATE; EXCLUSIVE on a network share) as an execution option, and its
"begin" hook (`on_begin`) starts each transaction as the option says: ``writer(engine)``
is the engine whose transactions take that lock up front, so two desks never deadlock
upgrading a read lock; every other transaction begins as a plain deferred snapshot.

Apart from ``company_file`` so that the migrations (``core.migrate``), which
``company_file`` runs, can write under the lock without importing it back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

WRITE_LOCK_OPTION = "officemgr_write_lock"  # the lock this engine's writers take
BEGIN_OPTION = "officemgr_begin"  # how a transaction on this engine begins
# A server's write lock (``core.server``): an advisory lock taken as the writer begins.
ADVISORY = "ADVISORY"


def on_begin(conn: Any) -> None:
    """The engine's "begin" hook: BEGIN as ``writer`` asked, else BEGIN DEFERRED."""
    mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def writer(engine: Engine) -> Engine:
    """The same engine, its transactions taking the write lock as they begin."""
    mode = engine.get_execution_options().get(WRITE_LOCK_OPTION, "IMMEDIATE")
    if mode == ADVISORY:
        # A server's writer reads what was committed before it got the lock, not a
        # snapshot from before it waited: no update is lost.
        return engine.execution_options(**{BEGIN_OPTION: mode}, isolation_level="READ COMMITTED")
    return engine.execution_options(**{BEGIN_OPTION: mode})
