"""Settings for writing rows by the hundred thousand (the sample company, an import)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

__all__ = ["bulk_writing"]

CACHE_KIB = -262_144  # SQLite page cache while writing in bulk: 256 MiB (negative: in KiB)


@contextmanager
def bulk_writing(conn: Connection) -> Iterator[None]:
    """A page cache big enough to keep the indexes being written in memory (a setting of
    this connection only, put back after), and no cyclic garbage collection meanwhile:
    millions of short-lived tuples and no reference cycles, which it would only scan
    over and over."""
    cache_size = None
    if conn.dialect.name == "sqlite":
        cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
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
