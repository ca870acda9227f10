"""Where a company is: a file path, or a PostgreSQL server's URL (server mode).

Kept to the standard library: the command line, the window's start-up and the hand-off
of a call ask it before they load anything else.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

__all__ = [
    "SERVER_SCHEMES",
    "company_location",
    "is_server_url",
    "location_key",
    "location_label",
    "without_password",
]

SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_server_url(location: object) -> bool:
    """True for a PostgreSQL URL (``postgresql+psycopg://user@host/db``), False for a path."""
    return isinstance(location, str) and location.strip().lower().startswith(SERVER_SCHEMES)


def company_location(text: str) -> Path | str:
    """What the user gave as ``--db``: a server's URL as written, else a file's path (a
    URL made into a Path would lose the ``//`` of its address)."""
    return text.strip() if is_server_url(text) else Path(text)


def without_password(url: str) -> str:
    """``url`` with any password taken out: what may be shown, kept in Open Recent or
    written in a log (the password lives in the system's keyring, see ``passwords``)."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc
    if "@" in netloc:
        account, _, where = netloc.rpartition("@")
        netloc = f"{account.partition(':')[0]}@{where}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def location_key(location: Path | str) -> str:
    """One text for every way of naming one company: a file's resolved path (relative,
    ``~``, links, case on Windows), or a server's address without its password or its
    connection options, its scheme and host in one case (``postgres://`` and
    ``postgresql+psycopg://`` alike)."""
    if is_server_url(location):
        parts = urlsplit(without_password(str(location)))
        account, _, where = parts.netloc.rpartition("@")
        netloc = f"{account}@{where.lower()}" if account else where.lower()
        # Not the query: sslmode and the like say how to connect, not which company.
        return urlunsplit(("postgresql", netloc, parts.path, "", ""))
    return os.path.normcase(str(Path(location).expanduser().absolute().resolve()))


def location_label(location: Path | str) -> str:
    """A short name for titles and menus: the file's name, or "acme on db.local"."""
    if is_server_url(location):
        parts = urlsplit(str(location).strip())
        database = unquote(parts.path.lstrip("/")) or "?"
        return f"{database} on {parts.hostname or 'this computer'}"
    return Path(location).name
