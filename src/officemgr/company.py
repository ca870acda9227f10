"""The public Python API: ``Company.open(path)`` and its service namespaces.

    with Company.open("Acme.officemgr") as co:
        c = co.customers.add(name="Smith, John", phone="(555) 201-3344")
        co.phone_lookup("+1 555-201-3344")

Each call on a namespace (``co.customers.add(...)``) runs one service function in one
transaction of its own and returns plain data that stays valid after the session closes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError

from officemgr.core import desks
from officemgr.core.changes import Changes, changes_of_tables, current_initiator, tables_written
from officemgr.core.company_file import (
    damaged_error,
    is_damage,
    is_disk_full,
    is_file_error,
    open_engine,
    quick_check,
    vanished_error,
    writer,
)
from officemgr.core.file_header import check_name, describe
from officemgr.core.location import is_server_url, location_label, without_password
from officemgr.errors import CompanyBusyError, CompanyDamagedError, CompanyFileError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from officemgr.core.records import PhoneMatch
    from officemgr.exporting import Exports
    from officemgr.importing import Imports
    from officemgr.namespaces import (
        Accounts,
        ContactLog,
        Contacts,
        Customers,
        Invoices,
        Jobs,
        Lists,
        Payments,
        Popups,
        Settings,
        Tree,
    )
    from officemgr.reports.facade import Reports


_WRITTEN = "officemgr_written"  # connection.info key: the tables this unit of work wrote
ChangeListener = Callable[[Changes, Any], None]

# SQLite's SQLITE_BUSY and SQLITE_LOCKED (primary result codes) and their messages.
_BUSY_CODES = (5, 6)
_NEARLY_FULL = 1024 * 1024  # bytes free under which an I/O error means a full disk
_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")


def _is_busy(error: OperationalError) -> bool:
    code = getattr(error.orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _BUSY_CODES
    return any(words in str(error.orig) for words in _BUSY_WORDS)


def _is_disk_full(error: OperationalError, path: Path) -> bool:
    """SQLITE_FULL, or an I/O error on a disk with (next to) no room left: SQLite says
    "disk I/O error" when it cannot grow its -wal or -shm files."""
    if is_disk_full(error.orig):
        return True
    if not is_file_error(error.orig):
        return False
    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL
    except OSError:
        return False


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (device and inode), None when there is none."""
    try:
        found = path.stat()
    except OSError:  # gone, or its drive no longer answers
        return None
    return found.st_dev, found.st_ino


class Company:
    """An open company — a file, or a database on a PostgreSQL server (``url``) — and the
    services that read and write it."""

    def __init__(
        self,
        path: Path | None,
        engine: Engine,
        presence: desks.Presence | None = None,
        *,
        url: URL | None = None,
    ) -> None:
        self._path = path
        self.url = url  # a server company's address (it may hold a password: never shown)
        self.engine = engine
        self._writer = writer(engine)
        self._sessionmaker: Any = None
        self._identity = _identity(path) if path is not None else None
        self._presence = presence
        self.damaged: CompanyDamagedError | None = None  # once found, nothing is written
        self._listeners: list[ChangeListener] = []
        event.listen(engine, "before_cursor_execute", self._record_write)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        role: str = "program",
        allow_damaged: bool = False,
    ) -> Company:
        """Open (creating and migrating when needed) the company file at ``path`` — or the
        company on a PostgreSQL server when ``path`` is its address (``postgresql://…``,
        see ``core.server``).

        Raises ``CompanyFileError`` — leaving the file unchanged — for a file that is not
        a company file, is damaged, or was written by a newer version, and
        ``CompanyBusyError`` while another program restores, repairs or upgrades it.
        ``role`` ("window" or "program") is how other desks see this one while it is open.
        A small file found damaged as it opens raises ``CompanyDamagedError``; with
        ``allow_damaged`` (the window, which then offers Verify Data and a backup) it opens
        with ``damaged`` set, and nothing can be written to it.
        """
        if is_server_url(path):
            return cls._open_server(str(path), create=create)
        resolved = Path(path).expanduser().absolute()
        check_name(resolved)
        # Marked as open first, then checked: a restore that marks itself first and
        # checks after can never go ahead at the same time as this open.
        presence = desks.hold(resolved, role) if resolved.parent.is_dir() else None
        try:
            desks.refuse_if_exclusive(resolved)
            engine = open_engine(resolved, create=create)
        except BaseException:
            if presence is not None:
                presence.release()
            raise
        company = cls(resolved, engine, presence)
        try:
            try:
                quick_check(resolved)  # a small file is checked as it opens (reads only)
            except CompanyDamagedError as error:
                if not allow_damaged:
                    raise
                company.damaged = error
                return company
            if not company.settings.has_defaults():  # a read, so opening writes nothing
                company.settings.ensure_defaults()
        except BaseException:
            company.close()
            raise
        return company

    @classmethod
    def _open_server(cls, text: str, *, create: bool) -> Company:
        """A company in a PostgreSQL database (see ``core.server``)."""
        from officemgr.core.server import open_server_engine, server_url

        url = server_url(text)
        company = cls(None, open_server_engine(url, create=create), url=url)
        try:
            if not company.settings.has_defaults():
                company.settings.ensure_defaults()
        except BaseException:
            company.close()
            raise
        return company

    @property
    def is_server(self) -> bool:
        """True for a company on a PostgreSQL server, False for a company file."""
        return self.url is not None

    @property
    def path(self) -> Path:
        """The company file (CompanyFileError for a company on a server, which has none)."""
        if self._path is None:
            raise CompanyFileError(f"{self.where} is on a server: it is not a company file.")
        return self._path

    @property
    def location(self) -> Path | str:
        """Where the company is, as ``Company.open`` takes it: the file's path, or the
        server's URL — with its password, if it has one: never show it (see `where`)."""
        if self.url is not None:
            return self.url.render_as_string(hide_password=False)
        return self.path

    @property
    def address(self) -> Path | str:
        """What may be shown, logged and remembered (Open Recent): the file's path, or the
        server's URL without its password."""
        if self.url is not None:
            return without_password(self.url.render_as_string(hide_password=False))
        return self.path

    @property
    def label(self) -> str:
        """A short name for the title bar and menus: the file's name, or "acme on db.local"."""
        return location_label(self.address)

    @property
    def where(self) -> str:
        """How sentences name this company: its file, or its database and server."""
        if self.url is not None:
            from officemgr.core.server import describe_server

            return describe_server(self.url)
        return describe(self.path)

    # -- transactions --------------------------------------------------------------

    def _make_session(self, engine: Engine) -> Session:
        from sqlalchemy.orm import Session

        return Session(engine, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        The search index follows what the unit of work wrote, in the same transaction.
        """
        from officemgr.core import search

        outcome = "Nothing was saved"
        if self.damaged is not None:
            raise self.damaged
        self._check_still_there(outcome)
        session = self._make_session(self._writer)
        search.install(session)
        written: set[str] = set()
        try:
            with self._busy_is_an_error(outcome), session.begin():
                connection = session.connection()  # takes the write lock (BEGIN IMMEDIATE)
                connection.info[_WRITTEN] = written
                try:
                    yield session
                    # The write lock is held now: a file restored over this one meanwhile
                    # must not take a save that nobody would ever see.
                    self._check_still_there(outcome)
                finally:
                    connection.info.pop(_WRITTEN, None)
        finally:
            session.close()
        self._publish(changes_of_tables(written))

    @contextmanager
    def rehearse(self) -> Iterator[Session]:
        """A unit of work that is always rolled back: what a write would do, tried on the
        file with every check the services make, leaving it exactly as it was (an
        import's preview). It holds the write lock while it runs, like a write."""
        from officemgr.core import search

        outcome = "Nothing was changed"
        if self.damaged is not None:
            raise self.damaged
        self._check_still_there(outcome)
        session = self._make_session(self._writer)
        search.install(session)
        try:
            with self._busy_is_an_error(outcome):
                transaction = session.begin()
                try:
                    session.connection()  # the write lock, as a write would take it
                    yield session
                finally:
                    transaction.rollback()
        finally:
            session.close()

    # -- what changed ------------------------------------------------------------------

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener(changes, initiator)`` after every unit of work that wrote
        something, on the thread that wrote it; returns what unsubscribes it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _publish(self, changes: Changes) -> None:
        if not changes:
            return
        initiator = current_initiator.get()
        for listener in list(self._listeners):
            listener(changes, initiator)

    @staticmethod
    def _record_write(
        conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool
    ) -> None:
        """Every statement on a unit of work's connection: the tables it writes to."""
        written = conn.info.get(_WRITTEN)
        if written is not None:
            table = tables_written(statement)
            if table is not None:
                written.add(table)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent read-only snapshot (never commits)."""
        outcome = "It could not be read"
        self._check_still_there(outcome)
        session = self._make_session(self.engine)
        try:
            with self._busy_is_an_error(outcome), session.begin():
                yield session
                session.rollback()
        finally:
            session.close()

    @contextmanager
    def _busy_is_an_error(self, outcome: str) -> Iterator[None]:
        """Turn "database is locked" — another window or desk held the file longer than
        the busy timeout — into a sentence the window shows instead of freezing or crashing."""
        try:
            yield
        except DatabaseError as error:
            if self.url is not None:
                from officemgr.core.server import server_error

                told = server_error(self.url, error, outcome)
                if told is None:
                    raise
                raise told from error
            if is_damage(error.orig):
                self.damaged = damaged_error(self.path, error.orig)
                raise self.damaged from error
            if not isinstance(error, OperationalError):
                raise
            if _is_disk_full(error, self.path):
                raise CompanyFileError(
                    f"The disk holding {describe(self.path)} is full. {outcome}; free some "
                    "space on it, then try again."
                ) from error
            if is_file_error(error.orig):
                self._check_still_there(outcome)
                raise CompanyFileError(
                    f"{describe(self.path)} cannot be read or written ({error.orig}). "
                    f"{outcome}; check the drive it is on."
                ) from error
            if not _is_busy(error):
                raise
            raise CompanyBusyError(
                f"{describe(self.path)} is busy: another window or desk is saving to it. "
                f"{outcome}; try again in a moment."
            ) from error

    def _check_still_there(self, outcome: str) -> None:
        """SQLite keeps its handle on a deleted file and would go on writing into it, where
        nobody will ever see the data: a file gone from its path (moved, deleted, its drive
        removed) is an error before any read or write, not after."""
        if self._path is None:
            return  # a server company: the server answers for its database
        identity = _identity(self.path)
        if identity is None:
            raise vanished_error(self.path, outcome)
        if identity != self._identity:
            # The open connections still hold the file that was here; writing through them
            # would put the work where nobody looks for it.
            raise CompanyFileError(
                f"The company file {describe(self.path)} was replaced by another file while "
                f"it was open. {outcome}; open it again to work in the file now there."
            )

    # -- services ------------------------------------------------------------------

    # Each namespace is made on first use: importing it loads the services (and
    # SQLAlchemy's ORM), which opening a company for the first page of the list does not need.

    @cached_property
    def customers(self) -> Customers:
        from officemgr.namespaces import Customers

        return Customers(self)

    @cached_property
    def jobs(self) -> Jobs:
        from officemgr.namespaces import Jobs

        return Jobs(self)

    @cached_property
    def contacts(self) -> Contacts:
        from officemgr.namespaces import Contacts

        return Contacts(self)

    @cached_property
    def contact_log(self) -> ContactLog:
        from officemgr.namespaces import ContactLog

        return ContactLog(self)

    @cached_property
    def settings(self) -> Settings:
        from officemgr.namespaces import Settings

        return Settings(self)

    @cached_property
    def lists(self) -> Lists:
        from officemgr.namespaces import Lists

        return Lists(self)

    @cached_property
    def popups(self) -> Popups:
        from officemgr.namespaces import Popups

        return Popups(self)

    @cached_property
    def tree(self) -> Tree:
        from officemgr.namespaces import Tree

        return Tree(self)

    @cached_property
    def invoices(self) -> Invoices:
        from officemgr.namespaces import Invoices

        return Invoices(self)

    @cached_property
    def payments(self) -> Payments:
        from officemgr.namespaces import Payments

        return Payments(self)

    @cached_property
    def accounts(self) -> Accounts:
        from officemgr.namespaces import Accounts

        return Accounts(self)

    @property
    def imports(self) -> Imports:
        """Customers in from QuickBooks IIF, CSV or Excel: read, preview, then commit."""
        from officemgr.importing import Imports

        return Imports(self)

    @property
    def exports(self) -> Exports:
        """Lists out to CSV, Excel, QuickBooks IIF or vCard: ``co.exports.write("out.csv")``."""
        from officemgr.exporting import Exports

        return Exports(self)

    @property
    def reports(self) -> Reports:
        """The reports, as PDF: ``co.reports.contact_log("out.pdf", period="last_month")``."""
        from officemgr.reports.facade import Reports

        return Reports(self)

    def phone_lookup(self, number: str) -> list[PhoneMatch]:
        """Caller ID: the customers, jobs and contacts that have ``number``, any format.

        On a plain connection, not an ORM session: the phone is ringing."""
        from officemgr.core.services import phone_lookup

        outcome = "It could not be read"
        self._check_still_there(outcome)
        with self._busy_is_an_error(outcome), self.engine.connect() as conn:
            return phone_lookup.lookup(conn, number=number)

    # -- lifetime ------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()
        if self._presence is not None:
            self._presence.release()
            self._presence = None

    def __enter__(self) -> Company:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        if self.url is not None:
            return f"<Company {self.url.render_as_string(hide_password=True)}>"
        return f"<Company {self.path}>"
