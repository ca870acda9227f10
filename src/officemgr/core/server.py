"""A company on a PostgreSQL server: its URL, its engine, and its schema made or upgraded.

An office that outgrows one file (many desks, desks on several computers, branches) keeps
its company in a PostgreSQL database and runs the same program. Everything PostgreSQL
asks for beyond portable SQLAlchemy lives here (and in ``search``'s text index), as
SQLite's specifics live in ``company_file``:

- one writer at a time, as on a company file: each writing transaction first takes a
  transaction-level advisory lock (`WRITER_LOCK_KEY`), waiting at most `LOCK_TIMEOUT_MS`
  for it, as a desk waits on a busy file; it reads what was committed before it got the
  lock (READ COMMITTED), so no update is lost;
- reads are consistent snapshots (REPEATABLE READ), as SQLite's read transactions are;
- a database that holds tables but no OfficeMgr schema is refused and left untouched.

A password may be in the URL a caller gives; nothing here writes it anywhere: the URL is
shown and logged by `describe_server`, which leaves it out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from officemgr.core.file_header import SCHEMA_HEAD
from officemgr.core.location import is_server_url as is_server_url
from officemgr.core.write_lock import ADVISORY, BEGIN_OPTION, WRITE_LOCK_OPTION
from officemgr.errors import (
    CompanyBusyError,
    CompanyFileError,
    CompanyLoginError,
    OfficeMgrError,
)

__all__ = [
    "LOCK_TIMEOUT_MS",
    "check_current",
    "describe_server",
    "is_server_url",
    "open_server_engine",
    "server_error",
    "server_url",
]

DRIVER = "postgresql+psycopg"
LOCK_TIMEOUT_MS = 5000  # as long as a desk waits on a busy company file
CONNECT_TIMEOUT_S = 10
# Any fixed 64-bit number: the lock every writer of an OfficeMgr database takes first.
WRITER_LOCK_KEY = 0x4F66_6669_6365_4D67  # "OfficeMg"
VERSION_TABLE = "alembic_version"


def server_url(text: str) -> URL:
    """``text`` as a URL for OfficeMgr's PostgreSQL driver; CompanyFileError when it is not
    one (the message never repeats a password)."""
    try:
        url = make_url(text.strip())
    except ArgumentError as error:
        raise CompanyFileError(
            "That is not a server address OfficeMgr can use: write it as "
            "postgresql://user@host:port/database."
        ) from error
    # By its name as written: "postgres" is libpq's spelling, which SQLAlchemy dropped.
    if url.drivername not in ("postgresql", "postgres", DRIVER):
        raise CompanyFileError(
            f"OfficeMgr talks to PostgreSQL through psycopg: use {DRIVER}:// or postgresql:// "
            f"(not {url.drivername}://)."
        )
    if not url.database:
        raise CompanyFileError(
            "The server address names no database: add it at the end, as in "
            "postgresql://user@host/acme."
        )
    return url.set(drivername=DRIVER)


def describe_server(url: URL) -> str:
    """How messages and logs name a server company: its database and server, no password
    ("the database “acme” on db.example.com:5432")."""
    where = url.host or "this computer"
    if url.port:
        where = f"{where}:{url.port}"
    return f"the database “{url.database}” on {where}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def create_server_engine(url: URL) -> Engine:
    """An engine on ``url`` with OfficeMgr's rules on every connection (no checks). An
    address without a password takes the one kept for its account in the system's
    password store (``passwords``), if any; else libpq's own (``~/.pgpass``, PGPASSWORD)."""
    if url.password is None and url.username:
        from officemgr.core.passwords import password_for

        kept = password_for(url.render_as_string(hide_password=False))
        if kept is not None:
            url = url.set(password=kept)
    options = f"-c lock_timeout={LOCK_TIMEOUT_MS}"
    engine = create_engine(
        url,
        isolation_level="REPEATABLE READ",  # a read sees one moment, as on a file
        pool_pre_ping=True,  # a server restarted overnight: reconnect, do not fail
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "OfficeMgr",
            "options": options,
        },
    )
    event.listen(engine, "begin", _on_begin)
    return engine.execution_options(**{WRITE_LOCK_OPTION: ADVISORY})


def _on_begin(conn: Any) -> None:
    """A writer waits for the one write lock before its first statement."""
    if conn.get_execution_options().get(BEGIN_OPTION) == ADVISORY:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK_KEY})")


def open_server_engine(text: str | URL, *, create: bool = True, new_only: bool = False) -> Engine:
    """Check the database at ``text``, make or upgrade OfficeMgr's schema in it, and return
    an engine on it. An empty database gets the schema when ``create``; one holding
    anything else, or a newer OfficeMgr's schema, is refused and left as it is; with
    ``new_only`` (making a company), so is one that holds a company already."""
    url = text if isinstance(text, URL) else server_url(text)
    engine = create_server_engine(url)
    try:
        revision = _schema_revision(engine, url)
        if new_only and revision is not None:
            raise CompanyFileError(_taken(url))
        if revision != SCHEMA_HEAD:
            if revision is None and not create:
                raise CompanyFileError(f"{_sentence(describe_server(url))} holds no company yet.")
            _upgrade(engine, url, revision)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _schema_revision(engine: Engine, url: URL) -> str | None:
    """The OfficeMgr schema revision of the database (None: it is empty)."""
    from officemgr.core.migrate import known_revisions

    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if not tables:
                return None
            if VERSION_TABLE not in tables:
                raise CompanyFileError(_foreign(url))
            found = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()
    except DBAPIError as error:
        if _is_login_refused(error):
            raise CompanyLoginError(
                f"{_sentence(describe_server(url))} did not let “{url.username}” in "
                f"({_reason(error)}): check the user name and password."
            ) from error
        raise CompanyFileError(unreachable(url, error)) from error
    if found is None or found not in known_revisions():
        if found is not None and _is_newer(found):
            raise CompanyFileError(
                f"{_sentence(describe_server(url))} was made by a newer version of OfficeMgr: "
                "update OfficeMgr on this computer to open it (it was left unchanged)."
            )
        raise CompanyFileError(_foreign(url))
    return str(found)


def refuse_unless_empty(text: str | URL) -> None:
    """CompanyFileError unless the database at ``text`` is empty (reads only)."""
    url = text if isinstance(text, URL) else server_url(text)
    engine = create_server_engine(url)
    try:
        if _schema_revision(engine, url) is not None:
            raise CompanyFileError(_taken(url))
    finally:
        engine.dispose()


# What libpq and the server say when they refuse a login. A refusal while connecting
# reaches psycopg without its SQLSTATE, so the words are what there is to go by; a server
# that speaks another language gets the plain "cannot open" sentence instead.
_LOGIN_WORDS = (
    "password authentication failed",
    "no password supplied",
    "authentication failed for user",
    "password is required",
)


def _is_login_refused(error: DBAPIError) -> bool:
    """The server refused this user (SQLSTATE class 28), or a password it asks for was
    wrong or not given."""
    state = getattr(error.orig, "sqlstate", None) or ""
    said = str(error.orig).lower()
    unknown_user = 'role "' in said and "does not exist" in said
    return state.startswith("28") or unknown_user or any(w in said for w in _LOGIN_WORDS)


def _is_newer(revision: str) -> bool:
    # Revisions are numbered ("0004_…"): a higher number than this version knows is newer.
    number = revision.split("_", 1)[0]
    return number.isdigit() and number > SCHEMA_HEAD.split("_", 1)[0]


def _taken(url: URL) -> str:
    return f"{_sentence(describe_server(url))} holds a company already: nothing was changed."


def _foreign(url: URL) -> str:
    return (
        f"{_sentence(describe_server(url))} holds tables that are not an OfficeMgr company: give "
        "OfficeMgr an empty database of its own (it was left unchanged)."
    )


def _upgrade(engine: Engine, url: URL, revision: str | None) -> None:
    """Make (``revision`` None) or upgrade the schema, one migration per transaction.

    An upgrade makes no backup first, unlike a file's: ``copying`` reads this version's
    schema only, and every server company so far has it. The first migration after this
    version must back an older server company up first (pg_dump, or a copy that reads
    the older schema)."""
    from officemgr.core.migrate import upgrade

    try:
        with engine.connect() as conn:
            # Two desks opening a new database at once: the second waits, then finds it made.
            conn.exec_driver_sql("SET lock_timeout = 0")
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({WRITER_LOCK_KEY} + 1)")
            try:
                conn.commit()
                if _schema_revision(engine, url) != SCHEMA_HEAD:
                    upgrade(engine)
            finally:
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({WRITER_LOCK_KEY} + 1)")
                conn.commit()
    except DBAPIError as error:
        what = "made" if revision is None else "upgraded"
        raise CompanyFileError(
            f"{_sentence(describe_server(url))} could not be {what}: {_reason(error)}. "
            "Nothing was changed."
        ) from error


def unreachable(url: URL, error: DBAPIError) -> str:
    """The sentence for a server that does not answer or does not let this user in."""
    return (
        f"Cannot open {describe_server(url)}: {_reason(error)}. Check the server's address, "
        "that it is running, and the user name and password."
    )


def _reason(error: DBAPIError) -> str:
    """The server's own words, first line only, without what libpq adds around them
    ("connection to server at …, port … failed: FATAL:  …")."""
    text = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else "no answer"
    if " failed: " in text:
        text = text.rsplit(" failed: ", 1)[1]
    for prefix in ("connection failed: ", "FATAL:", "fe_sendauth:"):
        text = text.removeprefix(prefix).strip()
    return text.rstrip(".")


# SQLSTATEs of a desk that waited too long for another: lock_not_available (lock_timeout),
# serialization_failure and deadlock_detected. Each is worth a Retry, as a busy file is.
_BUSY_STATES = ("55P03", "40001", "40P01")
_DISK_FULL = "53100"
# The server went away: shutting down, restarting, or the connection itself failed.
_GONE_STATES = ("57P01", "57P02", "57P03")


def server_error(url: URL, error: DBAPIError, outcome: str) -> OfficeMgrError | None:
    """The sentence a desk is told for ``error`` from the server (None: not one of these;
    let it through as it is). ``outcome`` says what became of the work."""
    state = getattr(error.orig, "sqlstate", None)
    where = describe_server(url)
    if state in _BUSY_STATES:
        return CompanyBusyError(
            f"{_sentence(where)} is busy: another desk is saving to it. {outcome}; try again "
            "in a moment."
        )
    if state == _DISK_FULL:
        return CompanyFileError(
            f"The server holding {where} has no room left on its disk. {outcome}; ask whoever "
            "looks after the server to free some space, then try again."
        )
    if (
        state in _GONE_STATES
        or (state or "").startswith("08")
        or (state is None and isinstance(error, OperationalError))
    ):
        return CompanyFileError(
            f"The connection to {where} was lost ({_reason(error)}). {outcome}; check that the "
            "server is running and this computer can reach it, then try again."
        )
    return None


@contextmanager
def check_current(url: URL) -> Iterator[Engine]:
    """An engine on the company at ``url`` for reading only: nothing is made or upgraded
    (CompanyFileError for an empty, older, newer or foreign database)."""
    engine = create_server_engine(url)
    try:
        revision = _schema_revision(engine, url)
        if revision is None:
            raise CompanyFileError(f"{_sentence(describe_server(url))} holds no company yet.")
        if revision != SCHEMA_HEAD:
            raise CompanyFileError(
                f"{_sentence(describe_server(url))} was made by an earlier version of "
                "OfficeMgr: open it once to upgrade it, then check it."
            )
        try:
            yield engine
        except DBAPIError as error:
            told = server_error(url, error, "Nothing was checked")
            if told is None:
                raise
            raise told from error
    finally:
        engine.dispose()
