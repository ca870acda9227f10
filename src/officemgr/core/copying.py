"""Copy a company exactly: file to server, server to file (or file to file).

    copy_company("Acme.officemgr", "postgresql://office@db.local/acme", progress=shown)

The source is read in one consistent snapshot while desks may go on working in it; the
target must be new (no file of that name; an empty database) and is written in one
transaction, table by table in batches, each row with the same id, then the quick
filter's index is built for it and the row counts of both are compared. Whatever goes
wrong, the target is left as it was found: a file is made under another name and moved
into place only when complete; a database gets back to empty.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from officemgr.core import paths
from officemgr.core.file_header import describe
from officemgr.core.location import is_server_url
from officemgr.errors import CompanyFileError

__all__ = ["CopyResult", "copy_company"]

log = logging.getLogger(__name__)

BATCH = 5000  # rows read and written at a time
COPYING = ".copying"  # a file target is made beside its name, then moved there
Progress = Callable[[int, int], None]  # rows copied, rows in all


@dataclass(frozen=True)
class CopyResult:
    """What was copied: the rows of each table (equal on both sides)."""

    target: str  # how to name the copy in a sentence
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def copy_company(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    batch: int = BATCH,
) -> CopyResult:
    """Copy the company at ``source`` to the new company ``target`` (see the module)."""
    if _same(source, target):
        raise CompanyFileError("The copy must go somewhere else than the company it copies.")
    with _source(source) as reading, _new_target(target) as (engine, name):
        counts = _copy(reading, engine, progress, batch)
    return CopyResult(target=name, counts=counts)


@contextlib.contextmanager
def _source(source: str | os.PathLike[str]) -> Iterator[Engine]:
    """An engine on the company to copy, opened as the program opens it (an older one is
    upgraded first, after its backup)."""
    if is_server_url(source):
        from officemgr.core.server import open_server_engine

        engine = open_server_engine(str(source), create=False)
    else:
        from officemgr.core.company_file import open_engine

        engine = open_engine(Path(source).expanduser().absolute(), create=False)
    try:
        yield engine
    finally:
        engine.dispose()


def _same(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> bool:
    if is_server_url(source) or is_server_url(target):
        return str(source).strip() == str(target).strip()
    with contextlib.suppress(OSError):
        return Path(source).expanduser().resolve() == Path(target).expanduser().resolve()
    return False


@contextlib.contextmanager
def _new_target(target: str | os.PathLike[str]) -> Iterator[tuple[Engine, str]]:
    """An engine on a new, empty company at ``target``; undone if the copy fails."""
    if is_server_url(target):
        with _new_server(str(target)) as made:
            yield made
    else:
        with _new_file(Path(target).expanduser().absolute()) as made:
            yield made


@contextlib.contextmanager
def _new_server(text: str) -> Iterator[tuple[Engine, str]]:
    from officemgr.core.server import describe_server, open_server_engine, server_url

    url = server_url(text)
    engine = open_server_engine(url, new_only=True)
    try:
        yield engine, describe_server(url)
    except BaseException:
        try:
            _empty_again(engine)
        except SQLAlchemyError as error:  # the server went away too: say so, raise the first
            log.warning("Could not empty %s after a failed copy: %s", describe_server(url), error)
        raise
    else:
        _analyze(engine, describe_server(url))
    finally:
        engine.dispose()


def _analyze(engine: Engine, where: str) -> None:
    """The planner's statistics of the new rows now, not when autovacuum gets to them:
    without them the first reports and searches on the copy take wrong plans (A/R aging at
    2,000 customers: 2.7 s before, 0.6 s after). The copy is whole without them."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    except SQLAlchemyError as error:
        log.warning("Could not ANALYZE %s after the copy: %s", where, error)


def _empty_again(engine: Engine) -> None:
    """Take OfficeMgr's schema out of a database the copy had found empty."""
    from officemgr.core.models import Base
    from officemgr.core.search import FTS_TABLE

    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


@contextlib.contextmanager
def _new_file(path: Path) -> Iterator[tuple[Engine, str]]:
    from officemgr.core.company_file import is_disk_full, open_engine, sqlite_files

    if path.exists():
        raise CompanyFileError(
            f"{describe(path)} exists already: a copy never replaces a file. Choose a new name."
        )
    partial = paths.beside(path, COPYING)
    leftovers = sqlite_files(partial)
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        engine = open_engine(partial, create=True)
        try:
            yield engine, describe(path)
            with engine.connect() as conn:  # one self-contained file before it is moved
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        if path.exists():
            raise CompanyFileError(
                f"{describe(path)} appeared while the copy was made: it was left as it is."
            )
        os.replace(partial, path)
    except DBAPIError as error:
        if not is_disk_full(error.orig):
            raise
        raise CompanyFileError(
            f"Cannot write {describe(path)}: the disk is full. Nothing was written."
        ) from error
    finally:
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                leftover.unlink()


def _tables() -> list[Table]:
    """The company's tables, each after those it refers to. Not the search index: it is
    built anew from what was copied; nor the schema's version: the target has its own."""
    from officemgr.core.models import Base, SearchTerm

    return [t for t in Base.metadata.sorted_tables if t is not SearchTerm.__table__]


def _copy(source: Engine, target: Engine, progress: Progress | None, batch: int) -> dict[str, int]:
    from officemgr.core import search
    from officemgr.core.write_lock import writer

    tables = _tables()
    with source.connect() as reading, reading.begin(), writer(target).begin() as writing:
        counts = {
            t.name: reading.execute(select(func.count()).select_from(t)).scalar_one()
            for t in tables
        }
        total, done = sum(counts.values()), 0
        for table in tables:
            for rows in _batches(reading, table, batch):
                writing.execute(insert(table), rows)
                done += len(rows)
                if progress is not None:
                    progress(done, total)
        search.rebuild(writing)
        _continue_numbering(writing, tables)
        copied = {
            t.name: writing.execute(select(func.count()).select_from(t)).scalar_one()
            for t in tables
        }
    if copied != counts:
        raise CompanyFileError("The copy does not hold every row of the company; nothing was kept.")
    return counts


def _batches(conn: Connection, table: Table, size: int) -> Iterator[list[dict[str, Any]]]:
    """``table``'s rows in batches, as the model's types read them. Customers and jobs go
    by depth (a job may sit under a customer made after it), all else by key."""
    order = [table.c[column] for column in ("depth",) if column in table.c]
    order += list(table.primary_key.columns)
    result = conn.execution_options(yield_per=size).execute(select(table).order_by(*order))
    for chunk in result.mappings().partitions(size):
        yield [dict(row) for row in chunk]


def _continue_numbering(conn: Connection, tables: list[Table]) -> None:
    """A server numbers new rows from a sequence: start each after the ids copied in."""
    if conn.dialect.name != "postgresql":
        return  # SQLite numbers from the largest id there
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].name != "id" or not keys[0].autoincrement:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"
            )
        )
