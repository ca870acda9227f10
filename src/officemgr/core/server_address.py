"""A server company's address as the Connect to Server dialog asks for it, and its URL.

``postgresql://user@host:port/database?sslmode=…`` is made here, with the user and the
database quoted (a user ``o'brien``, a database ``acme & sons``, a host ``::1`` in
brackets), so the window never builds a URL by hand and never imports SQLAlchemy. An
address holds no password: it goes to the password store (`officemgr.core.passwords`),
or only into the connection the window opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_TLS",
    "TLS_MODES",
    "ServerAddress",
    "parse_server_address",
    "url_with_password",
]

DEFAULT_PORT = 5432  # PostgreSQL's own
# libpq's sslmode values the dialog offers, in its order (libpq's default first).
TLS_MODES = ("prefer", "require", "verify-full", "disable")
DEFAULT_TLS = "prefer"
SCHEME = "postgresql"
_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

QueryValue = str | tuple[str, ...]


@dataclass(frozen=True)
class ServerAddress:
    """Where a server company is and who signs in; never a password.

    ``options`` are the URL's other query parameters (``connect_timeout``, …), kept as
    they were so reconnecting to a known address gives the same URL.
    """

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    tls: str = DEFAULT_TLS
    options: tuple[tuple[str, QueryValue], ...] = ()

    def url(self) -> str:
        """``postgresql://user@host:port/database?sslmode=…``, quoted, with no password."""
        query: dict[str, QueryValue] = dict(self.options)
        query["sslmode"] = self.tls
        url = URL.create(
            SCHEME,
            username=self.user or None,
            host=self.host or None,
            port=self.port,
            database=self.database or None,
            query=query,
        )
        return url.render_as_string(hide_password=False)  # there is none to hide


def parse_server_address(text: str) -> tuple[ServerAddress, str | None]:
    """The address in ``text`` and the password written in it (None: none is).

    ValueError, which never repeats ``text``, when it is not a PostgreSQL URL.
    """
    try:
        url = make_url(text.strip())
    except ArgumentError:
        raise ValueError(
            "That is not a server address: write it as postgresql://user@host:port/database."
        ) from None
    if url.drivername not in _SCHEMES:
        raise ValueError(f"That is not a PostgreSQL server address ({url.drivername}://).")
    query: Mapping[str, QueryValue] = url.query
    tls = query.get("sslmode")
    address = ServerAddress(
        host=(url.host or "").removeprefix("[").removesuffix("]"),
        database=url.database or "",
        user=url.username or "",
        port=url.port or DEFAULT_PORT,
        tls=tls if isinstance(tls, str) and tls else DEFAULT_TLS,
        options=tuple((key, value) for key, value in query.items() if key != "sslmode"),
    )
    return address, url.password


def url_with_password(url: str, password: str) -> str:
    """``url`` with ``password`` in it, quoted, for `Company.open` only: the result is
    kept in memory and never stored, shown or logged (an empty password adds none)."""
    parsed = make_url(url.strip())
    if password:
        parsed = parsed.set(password=password)
    return parsed.render_as_string(hide_password=False)
